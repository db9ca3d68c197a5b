"""factory_boy factories for synthetic test data: invented people only."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import factory
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.access.models import ApiClient, User
from frontdoor.core.models import ClosureDay, InsetDay, SchoolCalendar, TermPeriod
from frontdoor.intake.models import Referral, ReferralAdult, ReferralChild, Vist, VistPerson
from frontdoor.linkage.models import LinkageRun, ReviewItem
from frontdoor.mash.models import MashCheck, MashCheckPerson
from frontdoor.people.models import (
    Address,
    Agency,
    AgencyKind,
    NhsNumberAbsence,
    NhsNumberAbsenceReason,
    Person,
    PersonIdentifier,
    PersonKind,
    Relationship,
    RelationshipKind,
    School,
    SchoolPhase,
    Sex,
    SourceEvent,
    SourceParticipation,
    SourceRecord,
    SourceSystem,
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


# --- Calendars ----------------------------------------------------------------------------------------------------


class ClosureDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClosureDay
        django_get_or_create = ("date",)

    date = date(2026, 3, 9)
    reason = "Staff training day"


class SchoolCalendarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolCalendar

    name = factory.Sequence(lambda n: f"School calendar {n}")
    is_default = False


class TermPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermPeriod

    calendar = factory.SubFactory(SchoolCalendarFactory)
    name = "Autumn"
    first_day = date(2026, 9, 8)
    last_day = date(2026, 10, 16)


class InsetDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InsetDay

    calendar = factory.SubFactory(SchoolCalendarFactory)
    date = date(2026, 9, 8)


# --- Agencies' own records ----------------------------------------------------------------------------------------

EXTRACTED = datetime(2026, 10, 31, 23, 59, tzinfo=UTC)


class SourceRecordFactory(factory.django.DjangoModelFactory):
    """One agency system's record of a person, as an extract brings it in (unlinked unless `person` is given)."""

    class Meta:
        model = SourceRecord

    system = SourceSystem.HEALTH
    source_id = factory.Sequence(lambda n: f"REC-{n:06d}")
    extracted_at = EXTRACTED
    kind = "child"
    first_name = "Ruby"
    last_name = factory.Sequence(lambda n: f"Recordson{n}")
    date_of_birth = date(2019, 9, 3)
    sex = Sex.FEMALE
    postcode = "ES1 2AB"
    content_hash = factory.Sequence(lambda n: f"{n:064x}")


class SourceEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceEvent

    system = SourceSystem.POLICE
    source_id = factory.Sequence(lambda n: f"EVT-{n:06d}")
    extracted_at = EXTRACTED
    kind = "missing_episode"
    occurred_at = datetime(2026, 10, 1, 21, 30, tzinfo=UTC)
    content_hash = factory.Sequence(lambda n: f"{n:064x}")


class SourceParticipationFactory(factory.django.DjangoModelFactory):
    """Who took part in an agency's event: `record` and `event` must be of the same system."""

    class Meta:
        model = SourceParticipation
        exclude = ("record", "event")

    record = factory.SubFactory(SourceRecordFactory, system=SourceSystem.POLICE)
    event = factory.SubFactory(SourceEventFactory)
    system = factory.SelfAttribute("event.system")
    event_source_id = factory.SelfAttribute("event.source_id")
    record_source_id = factory.SelfAttribute("record.source_id")
    role = "subject"
    extracted_at = EXTRACTED


# --- What arrives at the front door -----------------------------------------------------------------------------


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral as stored, without the service's clock, checks or acknowledgement (use
    `intake.services.submit_referral`, or `support.arrivals.refer`, for the whole use case)."""

    class Meta:
        model = Referral

    reference = factory.Sequence(lambda n: f"FD-TEST-{n:04d}")
    channel = "web"
    received_at = factory.LazyFunction(timezone.now)
    submitted_by = factory.SubFactory(UserFactory, roles=["referrer"])
    referrer_agency = factory.SelfAttribute("submitted_by.agency")
    referrer_name = "Dana Whitlock"
    referrer_role = "Designated safeguarding lead"
    concern = "Bruising seen on both arms."
    level_of_need = 3
    consent = "given"
    parents_informed = True


class ReferralChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralChild

    referral = factory.SubFactory(ReferralFactory)
    first_name = "Maisie"
    last_name = factory.Sequence(lambda n: f"Ashdown{n}")
    date_of_birth = date(2016, 4, 2)
    wishes_and_feelings = "I want to stay with my nan."


class ReferralAdultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralAdult

    referral = factory.SubFactory(ReferralFactory)
    name = "Claire Ashdown"
    relationship = "Mother"
    parental_responsibility = True


class ApiClientFactory(factory.django.DjangoModelFactory):
    """An API client (its token unknown: use `access.services.create_api_client` for one that can call)."""

    class Meta:
        model = ApiClient

    name = factory.Sequence(lambda n: f"client-{n}")
    agency = factory.SubFactory(AgencyFactory, kind=AgencyKind.POLICE, name="Esterbury Police")
    token_prefix = "fd_test"
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    scopes = factory.LazyFunction(lambda: ["vists:write", "incidents:write"])


class VistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vist

    client_id = factory.LazyFunction(uuid.uuid4)
    api_client = factory.SubFactory(ApiClientFactory)
    reference = factory.Sequence(lambda n: f"VIST-TEST-{n:04d}")
    received_at = factory.LazyFunction(timezone.now)
    officer_name = "PC Hale"
    incident_reference = factory.Sequence(lambda n: f"INC-{n}")
    incident_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))
    children_present = True
    risk_grade = "amber"
    effective_grade = factory.SelfAttribute("risk_grade")
    circumstances = "Shouting heard; child found hiding."


class VistPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VistPerson

    vist = factory.SubFactory(VistFactory)
    role = "child present"
    first_name = "Ruby"
    last_name = factory.Sequence(lambda n: f"Ashdown{n}")
    date_of_birth = date(2019, 9, 3)
    is_child = True


# --- The MASH's work ---------------------------------------------------------------------------------------------


class MashCheckFactory(factory.django.DjangoModelFactory):
    """A MASH check as stored, without its clock or notifications (use `mash.checks_services.request_checks` for the
    whole use case)."""

    class Meta:
        model = MashCheck

    reference = factory.Sequence(lambda n: f"MC-TEST-{n:04d}")
    referral = factory.SubFactory(ReferralFactory)
    agency = factory.SubFactory(AgencyFactory, kind=AgencyKind.POLICE, name="Esterbury Police")
    question = "Any contact with the family in the last year?"
    priority = "amber"
    requested_at = factory.LazyFunction(timezone.now)
    requested_by = factory.SubFactory(UserFactory, roles=["mash_social_worker"])
    remind_at = factory.LazyAttribute(lambda c: c.requested_at + timedelta(hours=18))


class MashCheckPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MashCheckPerson

    mash_check = factory.SubFactory(MashCheckFactory)
    name = factory.Sequence(lambda n: f"Maisie Ashdown{n}")
    described_as = "child"
    date_of_birth = date(2016, 4, 2)
    is_child = True


# --- Identity resolution ------------------------------------------------------------------------------------------


class LinkageRunFactory(factory.django.DjangoModelFactory):
    """A finished linkage run's record (with no trained model: the real-time scorer needs a real run's `model`)."""

    class Meta:
        model = LinkageRun

    started_at = factory.LazyFunction(timezone.now)
    finished_at = factory.SelfAttribute("started_at")
    records = 2
    people_created = 0
    people_kept = 0
    records_relinked = 0
    threshold = 0.95
    model = factory.LazyFunction(lambda: {"link_type": "dedupe_only"})


class ReviewItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewItem

    run = factory.SubFactory(LinkageRunFactory)
    left = factory.SubFactory(SourceRecordFactory, person=factory.SubFactory(PersonFactory))
    right = factory.SubFactory(SourceRecordFactory, person=factory.SubFactory(PersonFactory))
    reason = "uncertain"
    match_weight = 3.2
    match_probability = 0.9


class NhsNumberAbsenceFactory(factory.django.DjangoModelFactory):
    """A worker's recorded reason that a person's NHS number is absent."""

    class Meta:
        model = NhsNumberAbsence

    person = factory.SubFactory(PersonFactory)
    reason = NhsNumberAbsenceReason.TRACING
    recorded_at = factory.LazyFunction(timezone.now)
    recorded_by = factory.SubFactory(UserFactory)
