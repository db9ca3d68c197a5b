"""The worker links a new record with household context as a full run does (ADR 0013): a police record of a child
at an incident with her mother, nearly matching the child's GP record at the mother's address, is raised; a child of
another first name, or one with no one in common, is not."""

from __future__ import annotations

import pytest

from frontdoor.linkage.household_context import people_with, raised_by_household
from frontdoor.linkage.together import HOUSEHOLD_WEIGHT
from frontdoor.people.models import SourceSystem
from support.factories import PersonFactory, SourceEventFactory, SourceParticipationFactory, SourceRecordFactory

pytestmark = pytest.mark.django_db
THRESHOLD = 4.25


def test_a_new_record_recorded_with_the_mother_is_raised_towards_her_child_and_no_one_else() -> None:
    mother, child, other, stranger = (PersonFactory() for _ in range(4))
    incident = SourceEventFactory(system=SourceSystem.POLICE, kind="incident")
    her_police = SourceRecordFactory(system=SourceSystem.POLICE, person=mother, first_name="Kerry")
    new = SourceRecordFactory(system=SourceSystem.POLICE, first_name="Charlotte", address="", postcode="ES9 9WY")
    for record in (her_police, new):
        SourceParticipationFactory(record=record, event=incident)
    home = {"address": "3 Mill Lane", "postcode": "ES1 1AA"}
    SourceRecordFactory(person=mother, first_name="Kerry", **home)
    her_gp = SourceRecordFactory(person=child, first_name="Charlotte", **home)
    sister = SourceRecordFactory(person=other, first_name="Chloe", **home)  # another name: twins share a home
    namesake = SourceRecordFactory(person=stranger, first_name="Charlotte", address="9 Elm Road", postcode="ES4 2BB")

    around = people_with([new.pk, her_gp.pk, namesake.pk])
    assert around[new.pk] == {mother.pk} and around[her_gp.pk] == {mother.pk, other.pk}
    assert around[namesake.pk] == set()

    row = {"id": new.pk, "person_id": None}
    members = {child.pk: [{"id": her_gp.pk}], other.pk: [{"id": sister.pk}], stranger.pk: [{"id": namesake.pk}]}
    names = {new.pk: "charlotte", her_gp.pk: "charlotte", sister.pk: "chloe", namesake.pk: "charlotte"}
    prepared = {pk: {"first_name": name, "first_name_keys": []} for pk, name in names.items()}
    short = THRESHOLD - 1.5
    scores = {child.pk: (short, her_gp.pk), other.pk: (short, sister.pk), stranger.pk: (short, namesake.pk)}
    raised = raised_by_household(row, scores, members, prepared, THRESHOLD)
    assert raised[child.pk] == (short + HOUSEHOLD_WEIGHT, her_gp.pk)
    assert raised[other.pk] == scores[other.pk] and raised[stranger.pk] == scores[stranger.pk]
    # Far short of the threshold, the household is not enough (a brother and sister have nothing else in common).
    far = {child.pk: (THRESHOLD - HOUSEHOLD_WEIGHT - 1, her_gp.pk)}
    assert raised_by_household(row, far, members, prepared, THRESHOLD) == far
