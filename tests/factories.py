"""factory_boy factories for synthetic test data: invented people only."""

from __future__ import annotations

from datetime import date

import factory

from frontdoor.access import services as access_services
from frontdoor.access.models import User
from frontdoor.people.models import (
    Address,
    Agency,
    AgencyKind,
    Person,
    PersonIdentifier,
    PersonKind,
    Relationship,
    RelationshipKind,
    School,
    SchoolPhase,
    Sex,
)

PASSWORD = "correct-horse-battery"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = AgencyKind.CHILDRENS_SOCIAL_CARE
    email = factory.LazyAttribute(lambda a: f"team{a.name.split()[-1]}@example.org")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    agency = factory.SubFactory(AgencyFactory, kind=AgencyKind.SCHOOL, name=factory.Sequence(lambda n: f"School {n}"))
    urn = factory.Sequence(lambda n: f"{200000 + n}")
    phase = SchoolPhase.PRIMARY
    dsl_name = "Test DSL"
    dsl_email = "dsl@example.org"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    agency = factory.SubFactory(AgencyFactory)

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save()

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs) -> None:
        for role in extracted or []:
            access_services.grant_role(self, role)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    kind = PersonKind.CHILD
    first_name = factory.Iterator(["Amelia", "Noah", "Isla", "Leo", "Freya", "Oscar"])
    last_name = factory.Sequence(lambda n: f"Testperson{n}")
    sex = factory.Iterator([Sex.FEMALE, Sex.MALE])
    date_of_birth = date(2015, 5, 17)


class IdentifierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonIdentifier

    person = factory.SubFactory(PersonFactory)
    scheme = "nhs_number"
    value = "9434765919"


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    person = factory.SubFactory(PersonFactory)
    line1 = "1 Test Street"
    town = "Esterbury"
    postcode = "ES1 2AB"


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    person = factory.SubFactory(PersonFactory, kind=PersonKind.ADULT, date_of_birth=date(1985, 1, 1))
    relative = factory.SubFactory(PersonFactory)
    kind = RelationshipKind.PARENT
