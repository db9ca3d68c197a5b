"""The forces are told what the MASH had already made of their VISTs when `VistUpdate` arrived: on both databases,
each triage becomes a line in words, without its reasons."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from support.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("intake", "0007_vist_updates"), ("mash", "0007_strategy_cancelled")]
AT = datetime(2026, 11, 30, 10, 30, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_triaged_vists_are_told_to_their_force_without_the_reasons() -> None:
    worker = UserFactory(roles=["mash_social_worker"])
    agency = AgencyFactory()
    old = _migrate(BEFORE)
    Vist = old.get_model("intake", "Vist")
    VistTriage = old.get_model("mash", "VistTriage")
    ApiClient = old.get_model("access", "ApiClient")
    client = ApiClient.objects.create(name="police", agency_id=agency.pk, token_hash="x" * 64, scopes=[])
    common = {"api_client": client, "received_at": AT, "officer_name": "PC", "incident_at": AT,
              "children_present": True, "risk_grade": "red", "effective_grade": "red",
              "circumstances": "c"}  # fmt: skip
    triaged = Vist.objects.create(client_id=uuid.uuid4(), reference="VIST-AAAA-0001", incident_reference="I1", **common)
    waiting = Vist.objects.create(client_id=uuid.uuid4(), reference="VIST-AAAA-0002", incident_reference="I2", **common)
    VistTriage.objects.create(
        vist=triaged, outcome="early_help", rationale="Health said so.", triaged_at=AT, triaged_by_id=worker.pk
    )

    new = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    VistUpdate = new.get_model("intake", "VistUpdate")
    (told,) = VistUpdate.objects.all()
    assert (told.vist_id, told.status, told.outcome, told.outcome_label, told.at) == (
        triaged.pk, "triaged", "early_help", "Early help", AT,
    )  # fmt: skip
    assert "early help" in told.summary and "Health said" not in told.summary
    assert not VistUpdate.objects.filter(vist_id=waiting.pk).exists()
