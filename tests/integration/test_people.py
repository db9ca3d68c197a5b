"""People, identifiers, addresses, relationships and schools: the rules a form relies on and the database enforces."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from frontdoor.core.identifiers import upn_check_letter
from frontdoor.people.models import (
    Address,
    AgencyKind,
    IdentifierScheme,
    Person,
    PersonIdentifier,
    PersonKind,
    Relationship,
    RelationshipKind,
    School,
    SchoolPhase,
)
from support.factories import AddressFactory, AgencyFactory, IdentifierFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db

VALID_UPN = upn_check_letter("801200001001") + "801200001001"


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


# --- Person ----------------------------------------------------------------------------------------------------


def test_an_unborn_child_with_an_expected_delivery_date_is_valid() -> None:
    unborn = Person(kind=PersonKind.UNBORN, last_name="Kowalski", expected_date_of_delivery=date(2026, 9, 1))
    unborn.full_clean()
    unborn.save()
    assert unborn.display_name == "Unborn baby Kowalski"


def test_an_unborn_child_needs_an_expected_delivery_date() -> None:
    errors = errors_of(Person(kind=PersonKind.UNBORN, last_name="Kowalski"))
    assert errors == {"expected_date_of_delivery": ["Enter the expected date of delivery for an unborn child"]}


def test_an_unborn_child_has_no_date_of_birth() -> None:
    unborn = Person(kind=PersonKind.UNBORN, expected_date_of_delivery=date(2026, 9, 1), date_of_birth=date(2026, 1, 1))
    assert errors_of(unborn) == {"date_of_birth": ["An unborn child has no date of birth yet"]}


@pytest.mark.parametrize("kind", [PersonKind.CHILD, PersonKind.ADULT])
def test_only_an_unborn_child_has_an_expected_delivery_date(kind: str) -> None:
    person = Person(kind=kind, date_of_birth=date(2015, 5, 17), expected_date_of_delivery=date(2026, 9, 1))
    assert errors_of(person) == {"expected_date_of_delivery": ["Only an unborn child has an expected date of delivery"]}


def test_death_before_birth_is_refused() -> None:
    person = Person(kind=PersonKind.CHILD, date_of_birth=date(2015, 5, 17), date_of_death=date(2015, 5, 16))
    assert errors_of(person) == {"date_of_death": ["Date of death must be on or after the date of birth"]}


def test_death_on_the_day_of_birth_is_allowed() -> None:
    Person(kind=PersonKind.CHILD, date_of_birth=date(2015, 5, 17), date_of_death=date(2015, 5, 17)).full_clean()


def test_the_database_refuses_an_unborn_child_without_an_expected_delivery_date() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(kind=PersonKind.UNBORN, last_name="Kowalski")
    assert not Person.objects.exists()


def test_the_database_refuses_an_unborn_child_updated_to_lose_its_expected_delivery_date() -> None:
    unborn = Person.objects.create(kind=PersonKind.UNBORN, expected_date_of_delivery=date(2026, 9, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=unborn.pk).update(expected_date_of_delivery=None)
    unborn.refresh_from_db()
    assert unborn.expected_date_of_delivery == date(2026, 9, 1)


# --- Identifiers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["9434765919", "943 476 5919", "943-476-5919"])
def test_a_valid_nhs_number_is_accepted(value: str) -> None:
    IdentifierFactory.build(person=PersonFactory(), value=value).full_clean()


@pytest.mark.parametrize("value", ["9434765918", "943476591", "94347659190", "NHS"])
def test_an_invalid_nhs_number_is_refused(value: str) -> None:
    identifier = IdentifierFactory.build(person=PersonFactory(), value=value)
    assert errors_of(identifier) == {"value": ["Enter a valid NHS number: 10 digits with the right check digit"]}


@pytest.mark.parametrize("value", ["943 476 5919", "943-476-5919", " 9434765919 "])
def test_an_nhs_number_is_stored_as_ten_digits(value: str) -> None:
    identifier = IdentifierFactory(value=value)
    identifier.refresh_from_db()
    assert identifier.value == "9434765919"
    assert PersonIdentifier.objects.filter(scheme="nhs_number", value="9434765919").count() == 1


def test_an_nhs_number_in_full_width_digits_is_refused_or_stored_in_ascii() -> None:
    identifier = IdentifierFactory.build(person=PersonFactory(), value="９４３ ４７６ ５９１９")  # noqa: RUF001
    try:
        identifier.full_clean()
    except ValidationError:
        return
    identifier.save()
    assert PersonIdentifier.objects.filter(scheme="nhs_number", value="9434765919").exists()


@pytest.mark.parametrize("scheme", [IdentifierScheme.UPN, IdentifierScheme.FORMER_UPN])
def test_a_valid_upn_is_accepted_and_stored_in_capitals(scheme: str) -> None:
    identifier = IdentifierFactory.build(person=PersonFactory(), scheme=scheme, value=VALID_UPN.lower())
    identifier.full_clean()
    identifier.save()
    identifier.refresh_from_db()
    assert identifier.value == VALID_UPN


@pytest.mark.parametrize("scheme", [IdentifierScheme.UPN, IdentifierScheme.FORMER_UPN])
def test_an_invalid_upn_is_refused(scheme: str) -> None:
    wrong_letter = ("A" if VALID_UPN[0] != "A" else "B") + VALID_UPN[1:]
    for value in (wrong_letter, VALID_UPN[:-1], "9434765919"):
        identifier = IdentifierFactory.build(person=PersonFactory(), scheme=scheme, value=value)
        assert list(errors_of(identifier)) == ["value"], value


def test_an_agency_id_must_name_its_agency() -> None:
    person = PersonFactory()
    identifier = PersonIdentifier(person=person, scheme=IdentifierScheme.AGENCY_LOCAL, value="P-1234")
    assert errors_of(identifier) == {"agency": ["Say which agency this id belongs to"]}
    identifier.agency = AgencyFactory(kind=AgencyKind.POLICE)
    identifier.full_clean()


def test_the_database_refuses_an_agency_id_without_its_agency() -> None:
    person = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonIdentifier.objects.create(person=person, scheme=IdentifierScheme.AGENCY_LOCAL, value="P-1234")


def test_an_identifier_period_must_not_end_before_it_starts() -> None:
    identifier = IdentifierFactory.build(person=PersonFactory(), valid_from=date(2020, 1, 2), valid_to=date(2020, 1, 1))
    assert errors_of(identifier) == {"valid_to": ["The end date must be on or after the start date"]}


# --- Addresses -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("entered", "stored"), [("es12ab", "ES1 2AB"), (" ec1a  1bb ", "EC1A 1BB")])
def test_a_postcode_is_stored_in_its_standard_form(entered: str, stored: str) -> None:
    address = AddressFactory(postcode=entered)
    address.refresh_from_db()
    assert address.postcode == stored


@pytest.mark.parametrize("postcode", ["Q1 1AA", "12345", "SW1A"])
def test_an_invalid_postcode_is_refused(postcode: str) -> None:
    address = AddressFactory.build(person=PersonFactory(), postcode=postcode)
    assert errors_of(address) == {"postcode": ["Enter a real UK postcode, like ES1 2AB"]}


def test_an_address_without_a_postcode_is_allowed() -> None:
    address = AddressFactory.build(person=PersonFactory(), postcode="")
    address.full_clean()
    address.save()
    assert Address.objects.get().postcode == ""


# --- Relationships ---------------------------------------------------------------------------------------------


def test_a_person_cannot_be_related_to_themselves() -> None:
    child = PersonFactory()
    relationship = Relationship(person=child, relative=child, kind=RelationshipKind.SIBLING)
    assert "A person cannot be related to themselves" in errors_of(relationship)["__all__"]


def test_a_relationship_to_oneself_shows_only_the_plain_language_error() -> None:
    child = PersonFactory()
    relationship = Relationship(person=child, relative=child, kind=RelationshipKind.SIBLING)
    assert errors_of(relationship) == {"__all__": ["A person cannot be related to themselves"]}


def test_the_database_refuses_a_relationship_to_oneself() -> None:
    child = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Relationship.objects.create(person=child, relative=child, kind=RelationshipKind.SIBLING)
    assert not Relationship.objects.exists()


def test_a_parent_child_relationship_is_valid() -> None:
    adult = PersonFactory(kind=PersonKind.ADULT, date_of_birth=date(1985, 1, 1))
    child = PersonFactory()
    Relationship(person=adult, relative=child, kind=RelationshipKind.PARENT).full_clean()


# --- Schools ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("urn", ["12345", "1234567", "12345A", ""])
def test_a_school_urn_is_six_digits(urn: str) -> None:
    agency = AgencyFactory(kind=AgencyKind.SCHOOL)
    school = School(agency=agency, urn=urn, phase=SchoolPhase.PRIMARY, dsl_name="D", dsl_email="d@example.org")
    assert "urn" in errors_of(school)


@pytest.mark.parametrize(
    "kind",
    [AgencyKind.SCHOOL, AgencyKind.EARLY_YEARS, AgencyKind.FURTHER_EDUCATION, AgencyKind.ALTERNATIVE_PROVISION],
)
def test_a_school_belongs_to_an_educational_agency(kind: str) -> None:
    agency = AgencyFactory(kind=kind)
    School(agency=agency, urn="123456", phase=SchoolPhase.PRIMARY, dsl_name="D", dsl_email="d@example.org").clean()


@pytest.mark.parametrize("kind", [AgencyKind.POLICE, AgencyKind.GP, AgencyKind.CHILDRENS_SOCIAL_CARE])
def test_a_school_cannot_belong_to_a_non_educational_agency(kind: str) -> None:
    agency = AgencyFactory(kind=kind)
    school = School(agency=agency, urn="123456", phase=SchoolPhase.PRIMARY, dsl_name="D", dsl_email="d@example.org")
    assert errors_of(school) == {"agency": ["A school's agency must be an educational setting"]}


def test_the_school_factory_makes_a_valid_school() -> None:
    SchoolFactory().full_clean()
