"""How the daily vulnerability meeting and the emergency duty team show themselves: their clock rules, the meeting's
job, clock subjects, relationship sources, deadlines, home sections and navigation. Called from `MashConfig.ready`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.clocks import working_calendar
from frontdoor.mash import edt_clocks, edt_selectors, meeting_clocks, meeting_selectors
from frontdoor.mash.models_edt import EdtContact
from frontdoor.mash.models_meeting import NextStep


def home_meeting(actor: Actor) -> dict[str, Any] | None:
    """A MASH role's home: today's meeting with its item count (the agenda is built at the day's opening, or when
    first opened), and the next steps the actor owns."""
    today = meeting_selectors.today()
    meeting = meeting_selectors.find_meeting(today)
    working_day = working_calendar().is_working_day(today)
    latest = meeting if meeting is not None else meeting_selectors.find_latest_meeting(before=today)
    mine = NextStep.objects.filter(owner=actor.user, done_at__isnull=True).count()
    if latest is None and not working_day and not mine:
        return None
    return {
        "meeting": meeting,
        "count": meeting_selectors.count_agenda(meeting) if meeting is not None else None,
        "working_day": working_day,
        "latest": latest if meeting is None else None,
        "latest_count": meeting_selectors.count_agenda(latest) if latest is not None and meeting is None else None,
        "my_steps": mine,
        "day_words": meeting_selectors.day_words,
    }


def meeting_mine(actor: Actor) -> list[tuple[str, str]]:
    """My deadlines: the next steps the meeting gave me."""
    steps = NextStep.objects.filter(owner=actor.user, done_at__isnull=True).values_list("pk", flat=True)
    return [(meeting_clocks.STEP_SUBJECT, str(pk)) for pk in steps]


def meeting_team(actor: Actor) -> list[tuple[str, str]]:
    """Team deadlines, for the MASH manager: every open next step and every hand-over in the queue."""
    if not role_grants(actor.role, "mash.team_deadlines"):
        return []
    steps = NextStep.objects.filter(done_at__isnull=True).values_list("pk", flat=True)
    handovers = EdtContact.objects.filter(picked_up_at__isnull=True, handover_at__lte=timezone.now())
    return [(meeting_clocks.STEP_SUBJECT, str(pk)) for pk in steps] + [
        (edt_clocks.HANDOVER_SUBJECT, str(pk)) for pk in handovers.values_list("pk", flat=True)
    ]


def edt_mine(actor: Actor) -> list[tuple[str, str]]:
    """The EDT's deadlines: the hand-overs it made that the MASH has not yet picked up."""
    if not role_grants(actor.role, "mash.edt"):
        return []
    waiting = EdtContact.objects.filter(Q(picked_up_at__isnull=True), recorded_by=actor.user)
    return [(edt_clocks.HANDOVER_SUBJECT, str(pk)) for pk in waiting.values_list("pk", flat=True)]


def register() -> None:
    from frontdoor.access.audit import describe_action
    from frontdoor.access.relationships import register_relationship_source
    from frontdoor.access.role_permissions import PERMISSIONS
    from frontdoor.core.registry import (
        DeadlineSource,
        HomeSection,
        Job,
        NavigationLink,
        register_deadline_source,
        register_home_section,
        register_job,
        register_navigation,
        register_subject,
    )
    from frontdoor.mash import meeting_holdings, meeting_services
    from frontdoor.mash.meeting_relationships import attendees_reach_the_agenda
    from frontdoor.people.providers import register_person_provider

    meeting_clocks.register()
    edt_clocks.register()
    register_job(Job("build_daily_meeting", meeting_services.build_todays_meeting, 300))
    register_subject(meeting_clocks.STEP_SUBJECT, meeting_selectors.describe_steps)
    register_subject(edt_clocks.HANDOVER_SUBJECT, edt_selectors.describe_contacts)
    register_relationship_source(attendees_reach_the_agenda)
    register_relationship_source(edt_selectors.out_of_hours)
    register_person_provider(meeting_holdings.PROVIDER)
    register_deadline_source(DeadlineSource("mash.meeting", mine=meeting_mine, team=meeting_team))
    register_deadline_source(DeadlineSource("mash.edt", mine=edt_mine))
    register_home_section(
        HomeSection(
            key="mash.meeting",
            title="Daily vulnerability meeting",
            template="mash/meeting/_home_meeting.html",
            roles=frozenset(PERMISSIONS["mash.meeting"]),
            build=home_meeting,
            order=12,
        )
    )
    register_home_section(
        HomeSection(
            key="mash.edt",
            title="Out-of-hours contacts",
            template="mash/edt/_home_edt.html",
            roles=frozenset(PERMISSIONS["mash.edt"]),
            build=edt_selectors.home_edt,
            order=10,
        )
    )
    register_navigation(NavigationLink("Daily meeting", "mash:meeting-today", "mash.meeting", 20))
    register_navigation(NavigationLink("Out-of-hours contacts", "mash:edt", "mash.edt", 10))
    for action, words in (
        ("view_daily_meeting", "Read the daily vulnerability meeting"),
        ("record_meeting_attendance", "Recorded who attended the daily meeting"),
        ("record_meeting_decision", "Recorded a decision at the daily meeting"),
        ("agree_meeting_step", "Agreed a next step at the daily meeting"),
        ("complete_meeting_step", "Marked a daily meeting next step done"),
        ("list_edt_contacts", "Listed the emergency duty team's contacts"),
        ("record_edt_contact", "Recorded an out-of-hours contact"),
        ("view_edt_contact", "Read an out-of-hours contact"),
        ("pick_up_edt_contact", "Picked up an out-of-hours hand-over"),
    ):
        describe_action(action, words)
