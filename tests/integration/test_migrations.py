"""The MASH's decisions moved from intake's tables into its own: on both databases, nothing decided is lost.

Migrates back to before the move, writes decided and triaged rows the old way, migrates forward and reads them from
the MASH's tables and from what the referrer is told.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from support.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("intake", "0002_identity_checks_and_vist_triage"), ("mash", None)]
AT = datetime(2026, 11, 30, 10, 30, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def test_decisions_and_triage_move_to_the_mash_with_nothing_lost() -> None:
    worker = UserFactory(roles=["mash_social_worker"])
    agency = AgencyFactory()
    old = _migrate(BEFORE)
    Referral = old.get_model("intake", "Referral")
    Vist = old.get_model("intake", "Vist")
    ApiClient = old.get_model("access", "ApiClient")
    common = {"channel": "web", "received_at": AT, "referrer_agency_id": agency.pk, "submitted_by_id": worker.pk,
              "referrer_name": "R", "referrer_role": "Teacher", "concern": "c", "level_of_need": 3,
              "consent": "given"}  # fmt: skip
    decided = Referral.objects.create(
        reference="FD-AAAA-0001", status="decided", outcome="early_help", decision_summary="Family support.",
        decided_at=AT, decided_by_id=worker.pk, **common,
    )  # fmt: skip
    screening = Referral.objects.create(reference="FD-AAAA-0002", status="screening", **common)
    waiting = Referral.objects.create(reference="FD-AAAA-0003", status="received", **common)
    client = ApiClient.objects.create(name="police", agency_id=agency.pk, token_hash="x" * 64, scopes=[])
    vist = Vist.objects.create(
        client_id=uuid.uuid4(), api_client=client, reference="VIST-AAAA-0001", received_at=AT, officer_name="PC",
        incident_reference="I1", incident_at=AT, children_present=True, risk_grade="red", effective_grade="red",
        circumstances="c", triaged_at=AT, triaged_by_id=worker.pk, triage_outcome="strategy_discussion",
        triage_rationale="Injuries seen.",
    )  # fmt: skip

    new = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    Decision = new.get_model("mash", "Decision")
    VistTriage = new.get_model("mash", "VistTriage")
    ReferralUpdate = new.get_model("intake", "ReferralUpdate")
    decision = Decision.objects.get()
    assert (decision.referral_id, decision.outcome, decision.summary, decision.decided_at, decision.decided_by_id) == (
        decided.pk, "early_help", "Family support.", AT, worker.pk,
    )  # fmt: skip
    triage = VistTriage.objects.get()
    assert (triage.vist_id, triage.outcome, triage.rationale, triage.triaged_at) == (
        vist.pk, "strategy_discussion", "Injuries seen.", AT,
    )  # fmt: skip
    told = {u.referral_id: u for u in ReferralUpdate.objects.all()}
    assert (told[decided.pk].status, told[decided.pk].outcome_label, told[decided.pk].summary) == (
        "decided", "Early help", "Family support.",
    )  # fmt: skip
    assert told[screening.pk].status == "screening" and waiting.pk not in told
