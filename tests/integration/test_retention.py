"""Retention by record type, with legal holds: the dry run reports what would go and deletes nothing; the run
deletes exactly the expired set and nothing a hold keeps, and leaves each deletion on the access audit."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from frontdoor.access.audit import verify_chain
from frontdoor.access.holds import place_hold, release_hold
from frontdoor.access.models import AccessAudit
from frontdoor.core.models import Clock, Escalation
from frontdoor.intake.models import (
    DomesticAbuseIncident,
    IdempotencyKey,
    IdentityCheck,
    Referral,
    ReferralChild,
    ReferralDraft,
    Vist,
)
from frontdoor.mash.models import Assignment, Decision, ReferralPriority, VistTriage
from frontdoor.web.management.retention import plan
from support.factories import (
    ApiClientFactory,
    PersonFactory,
    ReferralChildFactory,
    ReferralFactory,
    UserFactory,
    VistFactory,
    VistPersonFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()
SEVEN_YEARS_AGO = NOW - timedelta(days=7 * 365)
FIVE_YEARS_AGO = NOW - timedelta(days=5 * 365)


def decided(outcome: str, at, person=None) -> Referral:
    """A referral the MASH decided at `at`, with a child (linked to `person`), its priority, assignment, clock and
    escalation, and the child's already-known check: everything a deletion must take with it."""
    worker = UserFactory(roles=["mash_social_worker"])
    referral = ReferralFactory(received_at=at - timedelta(hours=3))
    child = ReferralChildFactory(referral=referral, person=person or PersonFactory())
    Decision.objects.create(referral=referral, outcome=outcome, summary="Reasons.", decided_at=at, decided_by=worker)
    ReferralPriority.objects.create(referral=referral, priority="green", set_at=at, set_by=worker)
    Assignment.objects.create(referral=referral, worker=worker, assigned_by=worker, assigned_at=at)
    clock = Clock.objects.create(
        subject_type="intake.referral", subject_id=str(referral.pk), rule="intake.referral_decision",
        started_at=at - timedelta(hours=3), due_at=at - timedelta(hours=1), state="breached",
    )  # fmt: skip
    Escalation.objects.create(clock=clock, raised_at=at - timedelta(hours=1), notify_role="mash_manager")
    IdentityCheck.objects.create(kind="referral_child", subject_id=child.pk, created_at=at)
    return referral


@pytest.fixture
def county():
    """Expired, held, recent and out-of-scope records of every type."""
    held_person = PersonFactory()
    records = {
        "expired": decided("nfa", SEVEN_YEARS_AGO),
        "expired_advice": decided("advice", SEVEN_YEARS_AGO),
        "held_by_person": decided("nfa", SEVEN_YEARS_AGO, person=held_person),
        "held_by_record": decided("nfa", SEVEN_YEARS_AGO),
        "recent": decided("nfa", FIVE_YEARS_AGO),
        "assessed": decided("assessment", SEVEN_YEARS_AGO),
    }
    place_hold("Litigation: a claim against the council", person=held_person)
    place_hold("An inquiry asked for it", record=("referral_nfa", records["held_by_record"].reference))
    worker = UserFactory(roles=["mash_social_worker"])
    client = ApiClientFactory()
    for outcome in ("no_further_action", "referral"):
        vist = VistFactory(api_client=client, received_at=SEVEN_YEARS_AGO)
        VistPersonFactory(vist=vist)
        VistTriage.objects.create(
            vist=vist, outcome=outcome, rationale="r", triaged_at=SEVEN_YEARS_AGO, triaged_by=worker
        )
        records[f"vist_{outcome}"] = vist
    for when, name in ((SEVEN_YEARS_AGO, "old_incident"), (FIVE_YEARS_AGO, "new_incident")):
        records[name] = DomesticAbuseIncident.objects.create(
            api_client=client, incident_reference=name, received_at=when, occurred_at=when
        )
    with time_machine.travel(NOW - timedelta(days=40), tick=False):
        records["old_draft"] = ReferralDraft.objects.create(owner=worker)
        records["old_key"] = IdempotencyKey.objects.create(
            api_client=client, key="k1", route="referrals", request_hash="0" * 64, status_code=201, response_body={}
        )
    records["new_draft"] = ReferralDraft.objects.create(owner=worker)
    return records


def test_the_dry_run_reports_what_would_go_and_deletes_nothing(county) -> None:
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    report = out.getvalue()
    expired, advice = county["expired"].reference, county["expired_advice"].reference
    assert "referral_nfa (2192 days after the MASH's decision" in report
    assert f"2 would be deleted ({expired}, {advice}); 2 kept by a legal hold" in report
    assert county["held_by_record"].reference in report and county["recent"].reference not in report
    assert "vist_nfa (2192 days after the MASH's triage of no further action): 1 would be deleted " in report
    old_incident = county["old_incident"].pk
    assert f"incident (2192 days after the incident's arrival): 1 would be deleted (incident {old_incident})" in report
    assert "referral_draft (30 days after" in report and "idempotency_key (30 days after" in report
    assert "Dry run: nothing was deleted." in report
    assert Referral.objects.count() == 6 and Vist.objects.count() == 2 and DomesticAbuseIncident.objects.count() == 2
    assert not AccessAudit.objects.filter(action="retention_delete").exists()


def test_retention_deletes_exactly_the_expired_set_and_nothing_held(county) -> None:
    call_command("retention", stdout=StringIO())
    kept = {"held_by_person", "held_by_record", "recent", "assessed"}
    assert set(Referral.objects.values_list("pk", flat=True)) == {county[k].pk for k in kept}
    gone = [county["expired"].pk, county["expired_advice"].pk]
    assert not ReferralChild.objects.filter(referral_id__in=gone).exists()
    assert not Decision.objects.filter(referral_id__in=gone).exists()
    assert not Clock.objects.filter(subject_type="intake.referral", subject_id__in=[str(g) for g in gone]).exists()
    assert IdentityCheck.objects.filter(kind="referral_child").count() == 4
    assert list(Vist.objects.values_list("pk", flat=True)) == [county["vist_referral"].pk]
    assert list(DomesticAbuseIncident.objects.values_list("pk", flat=True)) == [county["new_incident"].pk]
    assert list(ReferralDraft.objects.values_list("pk", flat=True)) == [county["new_draft"].pk]
    assert not IdempotencyKey.objects.exists()
    deletions = AccessAudit.objects.filter(action="retention_delete")
    assert deletions.count() == 6 and not deletions.exclude(person=None).exists()
    assert deletions.filter(purpose__startswith=f"referral_nfa {county['expired'].reference}: 2192 days").exists()
    assert verify_chain().ok
    assert all(not (p.due) for p in plan())  # run again: nothing left to go


def test_a_released_hold_lets_its_record_go_and_a_period_can_be_set_or_kept(county, settings) -> None:
    from frontdoor.access.models import LegalHold

    release_hold(LegalHold.objects.get(record_type="referral_nfa"))
    settings.FRONTDOOR_RETENTION_DAYS = "referral_nfa=keep, incident=1000"
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert "referral_nfa: kept (no retention period set)" in out.getvalue()
    assert "incident (1000 days after the incident's arrival): 2 would be deleted" in out.getvalue()
    settings.FRONTDOOR_RETENTION_DAYS = ""
    by_type = {p.record_type.name: p for p in plan()}
    assert county["held_by_record"].reference in by_type["referral_nfa"].due
    assert by_type["referral_nfa"].held == [county["held_by_person"].reference]


def test_an_unreadable_period_stops_the_command(settings) -> None:
    settings.FRONTDOOR_RETENTION_DAYS = "referrals=30"
    with pytest.raises(CommandError, match="not TYPE=DAYS for a known type"):
        call_command("retention", "--dry-run", stdout=StringIO())


def test_legal_holds_are_placed_listed_and_released_from_the_command() -> None:
    person = PersonFactory()
    out = StringIO()
    call_command("legal_hold", "add", "--person", str(person.pk), "--reason", "Subject access request", stdout=out)
    call_command("legal_hold", "add", "--record", "vist_nfa:VIST-TEST-0001", "--reason", "Inquiry", stdout=out)
    listing = StringIO()
    call_command("legal_hold", "list", stdout=listing)
    assert f"person {person.pk}" in listing.getvalue() and "vist_nfa:VIST-TEST-0001" in listing.getvalue()
    hold = int(out.getvalue().split()[2])
    call_command("legal_hold", "release", str(hold), stdout=StringIO())
    listing = StringIO()
    call_command("legal_hold", "list", stdout=listing)
    assert f"person {person.pk}" not in listing.getvalue()
    with pytest.raises(CommandError, match="TYPE:ID"):
        call_command("legal_hold", "add", "--record", "nonsense", "--reason", "x", stdout=StringIO())


def test_a_deletion_is_described_in_words() -> None:
    from frontdoor.access.audit import action_label

    assert action_label("retention_delete") == "Deleted at the end of its retention period"
