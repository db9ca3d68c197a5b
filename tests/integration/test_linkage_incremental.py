"""The worker's incremental linker on a linked county: a record an agency sends after the last run is linked within
one sweep, as the run would have linked it: it joins a certain match, never against a cannot-link decision or the
twin guard, gets a new person otherwise, leaves uncertain pairs for review, and linking twice changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from frontdoor.access.roles import Role
from frontdoor.core.identifiers import nhs_check_digit
from frontdoor.linkage.candidates import find_candidates
from frontdoor.linkage.incremental import MARGIN, link_pending_records
from frontdoor.linkage.models import LinkageRun, LinkDecision, LinkEvidence, LinkKind, ReviewItem, ReviewReason
from frontdoor.linkage.names import equivalents, normalise_name
from frontdoor.linkage.preparation import prepare
from frontdoor.linkage.scoring import probability_of, weight_of
from frontdoor.linkage.short_forms import first_name_weights, lift_of, one_name_one_birth
from frontdoor.people.models import Person, SourceRecord
from support.extracts import send_csc_person
from support.factories import UserFactory

pytestmark = pytest.mark.django_db


def a_health_child(
    born_before: date | None = None, born_after: date | None = None, sex: str | None = None
) -> SourceRecord:
    """A linked child whose principal record is a health one with an NHS number and a date of birth (before or after
    a day, of a sex, if given)."""
    records = SourceRecord.objects.filter(
        system="health", kind="child", person__isnull=False, date_of_birth__isnull=False
    )
    if born_before is not None:
        records = records.filter(date_of_birth__lt=born_before)
    if born_after is not None:
        records = records.filter(date_of_birth__gt=born_after)
    if sex is not None:
        records = records.filter(sex=sex)
    record = records.exclude(nhs_number="").exclude(postcode="").order_by("id").first()
    assert record is not None
    return record


def a_csc_child() -> SourceRecord:
    """A linked child with a social care record (for the twin guard: one system, one birth date, two names)."""
    record = (
        SourceRecord.objects.filter(system="csc", kind="child", person__isnull=False, date_of_birth__isnull=False)
        .exclude(postcode="")
        .exclude(first_name="")
        .order_by("id")
        .first()
    )
    assert record is not None and len(record.first_name) > 4
    return record


def person_of(record: SourceRecord) -> int | None:
    record.refresh_from_db()
    return record.person_id


def best_probability(record: SourceRecord, person_id: int) -> float:
    """How well the record matches the person's best record, as the run's model scores it."""
    details = {
        "first_name": record.first_name,
        "last_name": record.last_name,
        "dob": record.date_of_birth,
        "sex": record.sex,
        "postcode": record.postcode,
        "nhs_number": record.nhs_number,
    }
    found = [c for c in find_candidates(details) if c.person_id == person_id and c.source_record_id != record.pk]
    assert found, "the person should be among the record's candidates"
    return max(c.score.probability for c in found)


def open_items_between(record: SourceRecord, person_id: int | None, status: str = "open") -> list[ReviewItem]:
    """The open (or settled) review items pairing this record with one of the person's records."""
    theirs = set(SourceRecord.objects.filter(person_id=person_id).values_list("id", flat=True))
    return [
        item
        for item in ReviewItem.objects.filter(status=status).order_by("id")
        if record.pk in (item.left_id, item.right_id) and {item.left_id, item.right_id} & theirs
    ]


def test_a_new_record_joins_its_certain_match_with_evidence(linked_county) -> None:
    child = a_health_child()
    people = Person.objects.count()
    arrived = send_csc_person("CSC-NEW-1", child)
    assert arrived.person_id is None and arrived.link_pending_since is not None
    assert link_pending_records() == 1
    arrived.refresh_from_db()
    assert arrived.person_id == child.person_id and arrived.link_pending_since is None
    assert Person.objects.count() == people
    evidence = LinkEvidence.objects.get(record=arrived)
    assert (evidence.principal_id, evidence.grade) == (child.pk, "certain")
    assert {name for name, _level, _weight in evidence.evidence} >= {"first_name", "nhs_number", "dob"}


def test_a_cannot_link_decision_keeps_a_new_record_apart(linked_county) -> None:
    child = a_health_child()
    arrived = send_csc_person("CSC-NEW-2", child)
    left, right = sorted((child.pk, arrived.pk))
    user = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    LinkDecision.objects.create(
        left_id=left,
        right_id=right,
        kind=LinkKind.CANNOT_LINK,
        action="reject",
        reason="A cousin of the same name.",
        decided_by=user,
        decided_role=Role.MASH_SOCIAL_WORKER,
    )
    assert best_probability(arrived, child.person_id) >= LinkageRun.objects.get().threshold
    assert link_pending_records() == 1
    assert person_of(arrived) not in (None, child.person_id)


def test_the_twin_guard_keeps_a_twins_record_apart_and_asks_people(linked_county) -> None:
    child = a_csc_child()
    # The same system, the same birth date, surname and address, a first name one letter different: a twin, as
    # clustering would judge, although the pair scores as a match.
    twin = send_csc_person("CSC-TWIN-1", child, first_name=child.first_name[:-1], nhs_number="")
    assert best_probability(twin, child.person_id) >= LinkageRun.objects.get().threshold
    people = Person.objects.count()
    assert link_pending_records() == 1
    assert person_of(twin) not in (None, child.person_id)
    assert Person.objects.count() == people + 1
    items = open_items_between(twin, child.person_id)
    assert [item.reason for item in items] == [ReviewReason.REFUSED]


def test_a_stranger_gets_a_new_person(linked_county) -> None:
    child = a_health_child()
    stranger = send_csc_person(
        "CSC-NEW-3", child, first_name="Zebedee", last_name="Quartermaine", nhs_number="", postcode="ZZ9 9ZZ"
    )
    people = Person.objects.count()
    assert link_pending_records() == 1
    person = Person.objects.get(pk=person_of(stranger))
    assert Person.objects.count() == people + 1
    assert (person.first_name, person.last_name) == ("Zebedee", "Quartermaine")


def test_an_uncertain_pair_waits_for_review_on_a_new_person(linked_county) -> None:
    child = a_health_child()
    variants = [
        {"nhs_number": "", "date_of_birth": None},
        {"nhs_number": "", "date_of_birth": None, "postcode": "ZZ9 9ZZ"},
        {"nhs_number": "", "date_of_birth": None, "first_name": child.first_name[:-1]},
        {"nhs_number": "", "date_of_birth": None, "first_name": child.first_name[:-1], "postcode": "ZZ9 9ZZ"},
        {
            "nhs_number": "",
            "date_of_birth": None,
            "first_name": child.first_name[:-1],
            "last_name": child.last_name[:-1],
            "postcode": "ZZ9 9ZZ",
        },
    ]
    arrived = arrive_in_the_review_band(child, variants)
    assert link_pending_records() == 1
    assert person_of(arrived) not in (None, child.person_id)
    items = open_items_between(arrived, child.person_id)
    assert [(item.reason, item.refusal) for item in items] == [(ReviewReason.UNCERTAIN, "")]


def test_an_uncertain_pair_whose_birth_dates_no_typo_explains_is_settled_saying_why(linked_county) -> None:
    child = a_health_child(born_before=date(2022, 1, 1))  # so that its dates two years on are in the past
    born = child.date_of_birth
    assert born is not None
    variants = [
        {"nhs_number": "", "date_of_birth": born + timedelta(days=400)},
        {"nhs_number": "", "date_of_birth": born + timedelta(days=400), "postcode": "ZZ9 9ZZ"},
        {"nhs_number": "", "date_of_birth": date(born.year + 2, born.month, 1), "first_name": child.first_name[:-1]},
    ]
    arrived = arrive_in_the_review_band(child, variants)
    assert link_pending_records() == 1
    assert open_items_between(arrived, child.person_id) == []
    items = open_items_between(arrived, child.person_id, status="settled")
    assert [(item.reason, item.refusal) for item in items] == [(ReviewReason.UNCERTAIN, "birth_dates")]
    assert item_dates(items[0]) == {arrived.date_of_birth.isoformat(), born.isoformat()}


def arrive_in_the_review_band(child: SourceRecord, variants: list[dict]) -> SourceRecord:
    """The first of these variants of the child's record that scores in the review band against them (the others
    are removed again)."""
    threshold = LinkageRun.objects.get().threshold
    arrived = None
    for number, changes in enumerate(variants):
        candidate = send_csc_person(f"CSC-UNSURE-{number}", child, **changes)
        if arrived is None and 0.5 <= best_probability(candidate, child.person_id) < threshold:
            arrived = candidate
        else:
            candidate.delete()
    assert arrived is not None, "one of the variants should score in the review band"
    return arrived


def item_dates(item: ReviewItem) -> set[str]:
    return set(item.refusal_detail["values"])


def test_linking_twice_changes_nothing(linked_county) -> None:
    child = a_health_child()
    arrived = send_csc_person("CSC-NEW-4", child)
    assert link_pending_records() == 1
    before = (Person.objects.count(), ReviewItem.objects.count(), person_of(arrived))
    assert link_pending_records() == 0
    send_csc_person("CSC-NEW-4", child)  # the same extract again: unchanged, so not pending
    assert link_pending_records() == 0
    SourceRecord.objects.filter(pk=arrived.pk).update(link_pending_since=timezone.now())  # as if it had changed
    assert link_pending_records() == 1
    assert (Person.objects.count(), ReviewItem.objects.count(), person_of(arrived)) == before


def test_a_changed_record_is_linked_again(linked_county) -> None:
    child = a_health_child()
    arrived = send_csc_person("CSC-NEW-5", child)
    link_pending_records()
    assert person_of(arrived) == child.person_id
    # The agency corrects its record: it was someone else all along.
    send_csc_person("CSC-NEW-5", child, first_name="Zebedee", last_name="Quartermaine", nhs_number="")
    arrived.refresh_from_db()
    assert arrived.link_pending_since is not None
    assert link_pending_records() == 1
    assert person_of(arrived) not in (None, child.person_id)
    assert not LinkEvidence.objects.filter(record=arrived, person_id=child.person_id).exists()


def test_nothing_is_linked_before_the_first_run(ingested_county) -> None:
    assert SourceRecord.objects.filter(link_pending_since__isnull=False).count() == SourceRecord.objects.count()
    assert link_pending_records() == 0
    assert not SourceRecord.objects.filter(person__isnull=False).exists()


def test_ingest_marks_a_record_pending_only_when_what_linkage_reads_changes(linked_county) -> None:
    child = a_health_child()
    arrived = send_csc_person("CSC-NEW-6", child)
    link_pending_records()
    arrived.refresh_from_db()
    assert arrived.link_pending_since is None
    # The address line changes (linkage does not read it): stored, still linked, not pending.
    send_csc_person("CSC-NEW-6", child, address="2 Other Street")
    arrived.refresh_from_db()
    assert arrived.address == "2 Other Street" and arrived.link_pending_since is None
    # The surname changes: pending again, until the worker links it.
    send_csc_person("CSC-NEW-6", child, last_name=child.last_name + "-Smith")
    arrived.refresh_from_db()
    assert arrived.link_pending_since is not None
    assert link_pending_records() == 1
    assert person_of(arrived) == child.person_id


def another_nhs_number(taken: str) -> str:
    """A valid NHS number that is not `taken` (nor anyone's in the county: 999 numbers are for tests)."""
    for n in range(100_000_000):
        first_nine = f"999{n:06d}"
        check = nhs_check_digit(first_nine)
        if check is not None and first_nine + str(check) != taken:
            return first_nine + str(check)
    raise AssertionError("no NHS number left")


def a_registered_child() -> SourceRecord:
    """A linked child whose health record holds an NHS number, both names, a date of birth, a sex and a postcode."""
    record = (
        SourceRecord.objects.filter(system="health", kind="child", person__isnull=False)
        .exclude(nhs_number="").exclude(postcode="").exclude(first_name="").exclude(last_name="")
        .filter(date_of_birth__isnull=False, sex__in=["M", "F"]).order_by("id").first()
    )  # fmt: skip
    assert record is not None
    return record


def test_a_second_registration_under_another_nhs_number_joins_and_is_left_for_people_to_see(linked_county) -> None:
    child = a_registered_child()
    second = send_csc_person("CSC-AGAIN-1", child, nhs_number=another_nhs_number(child.nhs_number))
    assert link_pending_records() == 1
    assert person_of(second) == child.person_id
    items = open_items_between(second, child.person_id, status="settled")
    assert [(item.reason, item.refusal) for item in items] == [(ReviewReason.LINKED, "registered_twice")]
    assert sorted(items[0].refusal_detail["values"]) == sorted([child.nhs_number, second.nhs_number])


def test_another_nhs_number_at_another_postcode_stays_apart(linked_county) -> None:
    child = a_registered_child()
    other = send_csc_person("CSC-AGAIN-2", child, nhs_number=another_nhs_number(child.nhs_number), postcode="ZZ9 9ZZ")
    assert link_pending_records() == 1
    assert person_of(other) not in (None, child.person_id)


def a_child_and_a_short_form_of_their_name() -> tuple[SourceRecord, str]:
    """A linked health child whose first name has a short form in the name table that is not its spelling."""
    records = SourceRecord.objects.filter(
        system="health", kind="child", person__isnull=False, date_of_birth__isnull=False, sex__in=["M", "F"]
    )
    for record in records.exclude(nhs_number="").exclude(postcode="").order_by("id")[:2000]:
        for form in equivalents(normalise_name(record.first_name)):
            mine, theirs = prepare(
                [
                    {"unique_id": "a", "source": "health", "first_name": record.first_name,
                     "last_name": record.last_name, "dob": record.date_of_birth, "sex": record.sex},
                    {"unique_id": "b", "source": "csc", "first_name": form, "last_name": record.last_name,
                     "dob": record.date_of_birth, "sex": record.sex},
                ]
            ).to_pylist()  # fmt: skip
            if one_name_one_birth(mine, theirs):
                return record, form.capitalize()
    raise AssertionError("the county should hold a child with a short form of their name")


@pytest.mark.parametrize("lifted", [True, False])
def test_a_short_form_on_one_surname_sex_and_birth_date_joins_as_in_a_full_run(linked_county, lifted) -> None:
    # The child at an address their GP does not have, under a short form of their name and no NHS number. The run's
    # join threshold is set between the pair's weight and its weight with the lift (a stricter partnership's, as a
    # small county's model scores the pair above the usual one): one surname, sex and birth date make the short form
    # as good as the name (ADR 0014) and the worker joins them, as a full run would; another birth date does not.
    child, form = a_child_and_a_short_form_of_their_name()
    born = child.date_of_birth if lifted else child.date_of_birth - timedelta(days=1)
    arrived = send_csc_person("CSC-FORM-1", child, first_name=form, nhs_number="", date_of_birth=born)
    run = LinkageRun.objects.get()
    lift = lift_of(first_name_weights(run.model))
    assert lift > 1
    weight = weight_of(best_probability(arrived, child.person_id))
    run.threshold = probability_of(weight + lift / 2)
    run.save(update_fields=["threshold"])
    assert link_pending_records() == 1
    assert (person_of(arrived) == child.person_id) is lifted


def test_an_undated_record_under_its_own_persons_first_name_joins_as_in_a_full_run(linked_county) -> None:
    # A mother known to social care under her maiden name at her daughter's address, then a record of her with no date
    # of birth under her married name, her daughter's surname. It fits both (the daughter by surname and address), but
    # its first name is the mother's and nothing like the daughter's: the worker joins it to the mother, as a full run
    # would (ADR 0015), where it left it alone as fitting both.
    girl = a_health_child(born_after=date(2011, 1, 1), sex="F")  # under 16
    mother = send_csc_person(
        "CSC-MOTHER-1", girl, first_name="Wiktoria", last_name="Lewandowska", date_of_birth=date(1985, 2, 18),
        nhs_number="",
    )  # fmt: skip
    assert link_pending_records() == 1
    assert person_of(mother) not in (None, girl.person_id)
    undated = send_csc_person("CSC-MOTHER-2", girl, first_name="Wiktoria", date_of_birth=None, nhs_number="")
    # Both women over the run's join threshold (set for the test below them both), the mother the nearer, the
    # daughter within the margin that makes a record fit two people.
    to_mother, to_girl = (
        weight_of(best_probability(undated, mother.person_id)),
        weight_of(best_probability(undated, girl.person_id)),
    )
    assert to_mother - MARGIN < to_girl < to_mother
    run = LinkageRun.objects.get()
    run.threshold = min(run.threshold, probability_of(to_girl - 0.5))
    run.save(update_fields=["threshold"])
    assert link_pending_records() == 1
    assert person_of(undated) == mother.person_id
