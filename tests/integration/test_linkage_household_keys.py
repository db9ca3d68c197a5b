"""A linkage run reads what each record is recorded with from the application's tables: its address and the events of
its system it takes part in (household context, ADR 0013)."""

from __future__ import annotations

import pytest

from frontdoor.linkage.services import _together
from frontdoor.people.models import SourceSystem
from support.factories import SourceEventFactory, SourceParticipationFactory, SourceRecordFactory

pytestmark = pytest.mark.django_db


def test_a_run_reads_each_records_address_and_events() -> None:
    incident = SourceEventFactory(system=SourceSystem.POLICE, source_id="ES-2024-0001", kind="incident")
    mother = SourceRecordFactory(
        system=SourceSystem.POLICE, source_id="N1", address="17 Rowan Street", postcode="ES9 9WY"
    )
    child = SourceRecordFactory(system=SourceSystem.POLICE, source_id="N2", address="", postcode="ES9 9WY")
    for record in (mother, child):
        SourceParticipationFactory(record=record, event=incident)
    gp = SourceRecordFactory(system=SourceSystem.HEALTH, source_id="pat-1", address="3 Mill Lane, Kingsford",
                             postcode="es1 1aa")  # fmt: skip
    alone = SourceRecordFactory(system=SourceSystem.CSC, address="", postcode="ES1 1AA")
    keys = _together()
    assert keys[str(mother.pk)] == ["event:police:ES-2024-0001", "address:17 rowan street:ES9 9WY"]
    assert keys[str(child.pk)] == ["event:police:ES-2024-0001"]  # a postcode alone is a street, not a household
    assert keys[str(gp.pk)] == ["address:3 mill lane kingsford:ES1 1AA"]
    assert str(alone.pk) not in keys
