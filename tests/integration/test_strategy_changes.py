"""A strategy discussion after it is convened: a named invitee counts for their own agency's kind toward the
minimum attendance; until its record is saved it can be changed (reason, invitees) or cancelled with the reason
(its clock cancelled, those named told); after, actions can be added, each on its clock, its owner told."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.utils import timezone

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.core.models import Clock, ClockState, OutboxMessage
from frontdoor.mash import strategy_convening, strategy_recording
from frontdoor.mash.models_strategy import Attending, StrategyStatus
from support.strategy import convene, everyone_attended, make_team, record, refer_child

pytestmark = pytest.mark.django_db
Invite = strategy_convening.Invite


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def referral(team):
    return refer_child(team, born=date(2014, 6, 11))


def act_as(client, user, role: str) -> None:
    client.force_login(user)
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", unescape(response.content.decode())))


def test_a_named_invitee_counts_for_their_own_agencys_kind(team, referral) -> None:
    # The police officer put under health speaks for the police: health is still missing.
    wrong_box = [
        Invite(Attending.SOCIAL_CARE, team.social_worker),
        Invite(Attending.HEALTH, team.police),
        Invite(Attending.EDUCATION, team.education),
    ]
    with pytest.raises(strategy_convening.StrategyRefused, match="Invite health") as refused:
        convene(team, referral, invites=wrong_box)
    assert refused.value.field == "agencies"
    # Named under "another agency", the health practitioner still counts for health.
    invites = [*wrong_box, Invite(Attending.OTHER, team.health)]
    discussion = convene(team, referral, invites=invites)
    kinds = {i.user_id: i.attending_for for i in discussion.invitees.all()}
    assert kinds[team.police.pk] == Attending.POLICE and kinds[team.health.pk] == Attending.HEALTH


def test_a_discussion_is_changed_before_its_record_and_newly_named_invitees_are_told(team, referral) -> None:
    discussion = convene(team, referral, invites=[*team.invites()[:3], Invite(Attending.EDUCATION)])
    unnamed = discussion.invitees.get(user__isnull=True)
    changed = strategy_convening.edit_discussion(
        discussion, actor=team.actor(), reason="Bruising, a disclosure and a sibling's injury.", invites=team.invites()
    )
    assert changed.reason == "Bruising, a disclosure and a sibling's injury."
    invitees = list(changed.invitees.all())
    assert {i.user_id for i in invitees} == {
        team.social_worker.pk,
        team.police.pk,
        team.health.pk,
        team.education.pk,
    }
    assert not changed.invitees.filter(pk=unnamed.pk).exists()
    told = OutboxMessage.objects.filter(kind="strategy.invited", recipient=team.education)
    assert told.count() == 1
    assert OutboxMessage.objects.filter(kind="strategy.invited", recipient=team.police).count() == 1  # not again
    with pytest.raises(strategy_convening.StrategyRefused, match="Invite police"):
        strategy_convening.edit_discussion(
            changed, actor=team.actor(), reason="Still.", invites=[team.invites()[0], *team.invites()[2:]]
        )
    assert AccessAudit.objects.filter(action="edit_strategy_discussion").count() == 1
    record(team, changed)
    with pytest.raises(strategy_convening.StrategyRefused, match="can no longer be changed"):
        strategy_convening.edit_discussion(changed, actor=team.actor(), reason="Later.", invites=team.invites())


def test_a_cancelled_discussion_stops_its_clock_and_tells_those_named(team, referral) -> None:
    discussion = convene(team, referral)
    with pytest.raises(strategy_convening.StrategyRefused) as refused:
        strategy_convening.cancel_discussion(discussion, actor=team.actor(), reason=" ")
    assert refused.value.field == "cancellation_reason"
    cancelled = strategy_convening.cancel_discussion(
        discussion, actor=team.actor(), reason="The family moved to another county; their MASH has it."
    )
    assert cancelled.status == StrategyStatus.CANCELLED and cancelled.cancelled_by == team.social_worker
    hold = Clock.objects.get(subject_type="mash.strategy", subject_id=str(discussion.pk), rule="mash.strategy.hold")
    assert hold.state == ClockState.CANCELLED
    told = set(OutboxMessage.objects.filter(kind="strategy.cancelled").values_list("recipient_id", flat=True))
    assert told == {team.social_worker.pk, team.police.pk, team.health.pk, team.education.pk}
    with pytest.raises(strategy_convening.StrategyRefused, match="can no longer be cancelled"):
        strategy_convening.cancel_discussion(discussion, actor=team.actor(), reason="Again.")
    with pytest.raises(strategy_convening.StrategyRefused, match="already been recorded"):
        record(team, discussion)


def test_actions_are_added_after_the_record_with_their_clocks(team, referral) -> None:
    discussion = convene(team, referral)
    later = strategy_recording.Action("Ask the GP for Maisie's records.", team.health, timezone.localdate())
    with pytest.raises(strategy_convening.StrategyRefused, match="Record the discussion first"):
        strategy_recording.add_action(discussion, actor=team.actor(), action=later)
    record(team, discussion, attendance=everyone_attended(discussion))
    strategy_recording.circulate_record(discussion, actor=team.actor())
    added = strategy_recording.add_action(discussion, actor=team.actor(), action=later)
    clock = Clock.objects.get(subject_type="mash.strategy_action", subject_id=str(added.pk))
    assert clock.state == ClockState.RUNNING and clock.rule == "mash.strategy.action"
    again = strategy_recording.Action("Ask the school nurse too.", team.health, timezone.localdate())
    strategy_recording.add_action(discussion, actor=team.actor(), action=again)
    assert OutboxMessage.objects.filter(kind="strategy.action", recipient=team.health).count() == 2
    past = strategy_recording.Action("Too late.", team.health, timezone.localdate() - timedelta(days=1))
    with pytest.raises(strategy_convening.StrategyRefused) as refused:
        strategy_recording.add_action(discussion, actor=team.actor(), action=past)
    assert refused.value.field == "due_on"


def test_the_pages_change_cancel_and_add_with_errors_by_the_field(client, team, referral) -> None:
    discussion = convene(team, referral)
    act_as(client, team.social_worker, Role.MASH_SOCIAL_WORKER)
    base = f"/mash/strategy/{discussion.reference}"
    page = text_of(client.get(f"{base}/"))
    assert "Change it" in page and "Cancel it" in page and "Add an action" not in page
    assert "Change the strategy discussion" in text_of(client.get(f"{base}/change/"))
    response = client.post(f"{base}/change/", {"reason": "", "agencies": ["social_care"]})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="id_reason-error"' in html
    assert client.get(f"{base}/actions/new/").status_code == 302  # not recorded yet
    response = client.post(f"{base}/cancel/", {"cancellation_reason": ""})
    assert 'id="id_cancellation_reason-error"' in response.content.decode()
    response = client.post(f"{base}/cancel/", {"cancellation_reason": "Held as part of another discussion."})
    assert response.status_code == 302
    page = text_of(client.get(f"{base}/"))
    assert "Cancelled" in page and "Held as part of another discussion." in page and "Change it" not in page

    other = record(team, convene(team, refer_child(team, born=date(2015, 1, 2))))
    url = f"/mash/strategy/{other.reference}/actions/new/"
    assert "Add an action" in text_of(client.get(url))
    response = client.post(url, {"what": "", "owner": ""})
    html = response.content.decode()
    assert 'id="id_what-error"' in html and 'id="id_owner-error"' in html and "Enter the date the action is due" in html
    due = timezone.localdate() + timedelta(days=2)
    data = {"what": "Visit at home.", "owner": team.police.pk}
    data |= {"due_on_day": due.day, "due_on_month": due.month, "due_on_year": due.year}
    assert client.post(url, data).status_code == 302
    assert "Visit at home." in text_of(client.get(f"/mash/strategy/{other.reference}/"))
