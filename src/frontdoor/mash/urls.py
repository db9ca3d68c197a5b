from django.urls import path

from frontdoor.mash import (
    views,
    views_checks,
    views_edt,
    views_identity,
    views_meeting,
    views_merging,
    views_queue,
    views_strategy,
    views_strategy_changes,
)

app_name = "mash"

urlpatterns = [
    path("", views_queue.queue, name="queue"),
    path("referrals/<str:reference>/", views.referral, name="referral"),
    path("referrals/<str:reference>/decision/", views.decide, name="decide"),
    path("referrals/<str:reference>/priority/", views_queue.set_priority, name="priority"),
    path("referrals/<str:reference>/assign/", views_queue.assign_referral, name="assign-referral"),
    path("referrals/<str:reference>/checks/", views_checks.ask_about_referral, name="ask-referral"),
    path("vists/<str:reference>/", views.vist, name="vist"),
    path("vists/<str:reference>/checks/", views_checks.ask_about_vist, name="ask-vist"),
    path("checks/", views_checks.agency_queue, name="checks"),
    path("checks/<str:reference>/", views_checks.check, name="check"),
    path("checks/<str:reference>/answer/", views_checks.answer, name="answer-check"),
    path("vists/<str:reference>/assign/", views_queue.assign_vist, name="assign-vist"),
    path("escalations/", views.escalations, name="escalations"),
    path("escalations/<int:escalation_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("review/", views_identity.review_queue, name="review"),
    path("review/<int:item_id>/", views_identity.review_pair, name="review-pair"),
    path("review/together/<str:reason>/", views_identity.review_together, name="review-together"),
    path("people/<int:person_id>/links/", views_identity.person_links, name="person-links"),
    path("review/merges/", views_merging.merge_requests, name="merge-requests"),
    path("review/merges/<int:request_id>/", views_merging.decide_merge, name="decide-merge"),
    # The daily multi-agency vulnerability meeting
    path("meeting/", views_meeting.today, name="meeting-today"),
    path("meeting/steps/<int:step_id>/done/", views_meeting.step_done, name="meeting-step-done"),
    path("meeting/<str:day>/", views_meeting.meeting, name="meeting"),
    path("meeting/<str:day>/attendance/", views_meeting.attendance, name="meeting-attendance"),
    path("meeting/<str:day>/minutes/", views_meeting.minutes, name="meeting-minutes"),
    path("meeting/<str:day>/items/<int:item_id>/", views_meeting.item, name="meeting-item"),
    path("meeting/<str:day>/items/<int:item_id>/steps/", views_meeting.add_step, name="meeting-step"),
    # The emergency duty team, and its hand-overs to the MASH
    path("edt/", views_edt.contacts, name="edt"),
    path("edt/contacts/new/", views_edt.record, name="edt-record"),
    path("edt/contacts/<str:reference>/", views_edt.contact, name="handover"),
    path("edt/contacts/<str:reference>/pick-up/", views_edt.pick_up, name="handover-pick-up"),
    # Strategy discussions (views_strategy).
    path("referrals/<str:reference>/strategy/", views_strategy.convene_from_referral, name="strategy-convene-referral"),
    path("vists/<str:reference>/strategy/", views_strategy.convene_from_vist, name="strategy-convene-vist"),
    path("strategy/", views_strategy.discussions, name="strategy"),
    path("strategy/child/<int:person_id>/", views_strategy.convene_for_child, name="strategy-convene-child"),
    path(
        "strategy/out-of-hours/<int:person_id>/",
        views_strategy.convene_out_of_hours,
        name="strategy-convene-out-of-hours",
    ),
    path("strategy/<str:reference>/", views_strategy.discussion, name="strategy-discussion"),
    path("strategy/<str:reference>/record/", views_strategy.record, name="strategy-record"),
    path("strategy/<str:reference>/change/", views_strategy_changes.edit, name="strategy-edit"),
    path("strategy/<str:reference>/cancel/", views_strategy_changes.cancel, name="strategy-cancel"),
    path("strategy/<str:reference>/actions/new/", views_strategy_changes.add_action, name="strategy-add-action"),
    path("strategy/<str:reference>/circulate/", views_strategy.circulate, name="strategy-circulate"),
    path("strategy/<str:reference>/conference/", views_strategy.conference, name="strategy-conference"),
    path(
        "strategy/<str:reference>/actions/<int:action_id>/done/",
        views_strategy.action_done,
        name="strategy-action-done",
    ),
]
