"""Agencies, schools and people, named after the DfE Standard Safeguarding Dataset where it has a name."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from frontdoor.core.identifiers import (
    nhs_number_is_valid,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    postcode_is_valid,
    upn_is_valid,
)
from frontdoor.core.models import SchoolCalendar


class AgencyKind(models.TextChoices):
    POLICE = "police", "Police"
    AMBULANCE = "ambulance", "Ambulance service"
    COMMUNITY_HEALTH = "community_health", "Community health"
    ACUTE_HOSPITAL = "acute_hospital", "Acute hospital"
    MATERNITY = "maternity", "Maternity"
    SEXUAL_HEALTH = "sexual_health", "Sexual health"
    GP = "gp", "GP practice"
    SCHOOL = "school", "School"
    EARLY_YEARS = "early_years", "Early years setting"
    FURTHER_EDUCATION = "further_education", "Further education"
    ALTERNATIVE_PROVISION = "alternative_provision", "Alternative provision"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    EARLY_HELP = "early_help", "Early help"
    YOUTH_SUPPORT = "youth_support", "Youth support"
    EMERGENCY_DUTY_TEAM = "emergency_duty_team", "Emergency duty team"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    OTHER = "other", "Other"


EDUCATION_KINDS = {
    AgencyKind.SCHOOL,
    AgencyKind.EARLY_YEARS,
    AgencyKind.FURTHER_EDUCATION,
    AgencyKind.ALTERNATIVE_PROVISION,
}


def validate_postcode(value: str) -> None:
    if value and not postcode_is_valid(value):
        raise ValidationError("Enter a real UK postcode, like ES1 2AB", code="postcode")


class Agency(models.Model):
    """An organisation in the partnership: a police force, a trust, a school, a council service."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=AgencyKind.choices)
    ods_code = models.CharField("ODS code", max_length=20, blank=True)
    email = models.EmailField("secure e-mail", blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True, validators=[validate_postcode])
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.postcode = normalise_postcode(self.postcode) if self.postcode else ""
        super().save(*args, **kwargs)


class SchoolPhase(models.TextChoices):
    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    MIDDLE = "middle", "Middle"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all_through", "All-through"
    SIXTEEN_PLUS = "16_plus", "16 plus"
    SPECIAL = "special", "Special"
    ALTERNATIVE_PROVISION = "alternative_provision", "Alternative provision"


class School(models.Model):
    """An educational setting's details beyond its agency: URN, phase, calendar and safeguarding leads."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="school")
    urn = models.CharField("URN", max_length=8, unique=True)
    phase = models.CharField(max_length=32, choices=SchoolPhase.choices)
    independent = models.BooleanField(default=False)
    calendar = models.ForeignKey(
        SchoolCalendar,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schools",
        help_text="Leave empty to use the default England pattern.",
    )
    dsl_name = models.CharField("designated safeguarding lead", max_length=200)
    dsl_email = models.EmailField("DSL e-mail")
    dsl_phone = models.CharField("DSL phone", max_length=40, blank=True)
    deputy_dsl_name = models.CharField("deputy DSL", max_length=200, blank=True)
    deputy_dsl_email = models.EmailField("deputy DSL e-mail", blank=True)
    deputy_dsl_phone = models.CharField("deputy DSL phone", max_length=40, blank=True)

    class Meta:
        ordering = ["agency__name"]

    def __str__(self) -> str:
        return f"{self.agency.name} (URN {self.urn})"

    def clean(self) -> None:
        if not self.urn.isdigit() or len(self.urn) != 6:
            raise ValidationError({"urn": "A URN is 6 digits"})
        if self.agency_id and self.agency.kind not in EDUCATION_KINDS:
            raise ValidationError({"agency": "A school's agency must be an educational setting"})


class PersonKind(models.TextChoices):
    CHILD = "child", "Child"
    ADULT = "adult", "Adult"
    UNBORN = "unborn", "Unborn child"


class Sex(models.TextChoices):
    # CIN census Sex (N00783), from 2024-25.
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Unknown or not recorded"


class Person(models.Model):
    """A child, an adult, or an unborn child with an expected date of delivery."""

    kind = models.CharField(max_length=8, choices=PersonKind.choices)
    first_name = models.CharField(max_length=100, blank=True)
    middle_names = models.CharField(max_length=200, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    known_as = models.CharField(max_length=100, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_delivery = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    ethnicity = models.CharField(max_length=4, blank=True, help_text="CIN census ethnicity code")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["last_name", "first_name"], name="person_name")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="unborn") | Q(expected_date_of_delivery__isnull=False),
                name="unborn_has_expected_delivery",
            )
        ]

    def __str__(self) -> str:
        return f"Person {self.pk}"

    @property
    def display_name(self) -> str:
        if self.kind == PersonKind.UNBORN and not self.first_name:
            return f"Unborn baby {self.last_name}".strip()
        return " ".join(p for p in (self.first_name, self.last_name) if p) or "Name not known"

    def clean(self) -> None:
        errors = {}
        if self.kind == PersonKind.UNBORN:
            if not self.expected_date_of_delivery:
                errors["expected_date_of_delivery"] = "Enter the expected date of delivery for an unborn child"
            if self.date_of_birth:
                errors["date_of_birth"] = "An unborn child has no date of birth yet"
        elif self.expected_date_of_delivery:
            errors["expected_date_of_delivery"] = "Only an unborn child has an expected date of delivery"
        if self.date_of_birth and self.date_of_death and self.date_of_death < self.date_of_birth:
            errors["date_of_death"] = "Date of death must be on or after the date of birth"
        if errors:
            raise ValidationError(errors)


class IdentifierScheme(models.TextChoices):
    NHS_NUMBER = "nhs_number", "NHS number"
    UPN = "upn", "Unique pupil number"
    FORMER_UPN = "former_upn", "Former unique pupil number"
    LA_CHILD_ID = "la_child_id", "Local authority child id"
    AGENCY_LOCAL = "agency_local", "Agency's own id"


class PersonIdentifier(models.Model):
    """An identifier for a person, with the period it was valid (SSD ssd_linked_identifiers)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    scheme = models.CharField(max_length=16, choices=IdentifierScheme.choices)
    value = models.CharField(max_length=64)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, help_text="Whose id this is, for agency ids"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person", "scheme", "valid_from", "id"]
        indexes = [models.Index(fields=["scheme", "value"], name="identifier_lookup")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="identifier_period_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(scheme="agency_local") | Q(agency__isnull=False),
                name="local_id_names_its_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} for person {self.person_id}"

    def save(self, *args, **kwargs):
        if self.scheme == IdentifierScheme.NHS_NUMBER:
            self.value = normalise_nhs_number(self.value)
        elif self.scheme in (IdentifierScheme.UPN, IdentifierScheme.FORMER_UPN):
            self.value = normalise_upn(self.value)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.scheme == IdentifierScheme.NHS_NUMBER and not nhs_number_is_valid(self.value):
            raise ValidationError({"value": "Enter a valid NHS number: 10 digits with the right check digit"})
        if self.scheme in (IdentifierScheme.UPN, IdentifierScheme.FORMER_UPN) and not upn_is_valid(self.value):
            raise ValidationError({"value": "Enter a valid UPN: a check letter and 12 characters, like H801200001001"})
        if self.scheme == IdentifierScheme.AGENCY_LOCAL and not self.agency_id:
            raise ValidationError({"agency": "Say which agency this id belongs to"})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "The end date must be on or after the start date"})


class Address(models.Model):
    """Where a person lived, and when. Confidential addresses (refuges, placements) never leave in outputs."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line1 = models.CharField("address line 1", max_length=200)
    line2 = models.CharField("address line 2", max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True, validators=[validate_postcode])
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    confidential = models.BooleanField(default=False)

    class Meta:
        ordering = ["person", "-valid_from", "id"]
        verbose_name_plural = "addresses"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="address_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"Address {self.pk} of person {self.person_id}"

    def save(self, *args, **kwargs):
        self.postcode = normalise_postcode(self.postcode) if self.postcode else ""
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "The end date must be on or after the start date"})


class RelationshipKind(models.TextChoices):
    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    SIBLING = "sibling", "Sibling"
    HOUSEHOLD_MEMBER = "household_member", "Household member"
    ASSOCIATE = "associate", "Associate"


class Relationship(models.Model):
    """`person` is the `kind` of `relative` (a parent of the child, a sibling of the child), over a period."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_out")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_in")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    parental_responsibility = models.BooleanField(default=False)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["relative", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(person=models.F("relative")),
                name="no_self_relationship",
                violation_error_message="A person cannot be related to themselves",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="relationship_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} relationship {self.pk}"

    def clean(self) -> None:
        # A relationship to oneself is refused by the no_self_relationship constraint, with its own message.
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "The end date must be on or after the start date"})


class SourceSystem(models.TextChoices):
    CSC = "csc", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    EARLY_HELP = "earlyhelp", "Early help"


class SourceRecord(models.Model):
    """What one agency's own system holds about one person, as last extracted, with its provenance.

    Fields every system shares are normalised into columns (for matching); the rest stays in `attributes`.
    `person` is set by record linkage.
    """

    system = models.CharField(max_length=16, choices=SourceSystem.choices)
    source_id = models.CharField(max_length=64)
    extracted_at = models.DateTimeField()
    kind = models.CharField(max_length=8, blank=True, help_text="child, adult, unborn, or empty if not known")
    first_name = models.CharField(max_length=100, blank=True)
    middle_names = models.CharField(max_length=200, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    age_years = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Given instead of a birth date")
    expected_date_of_delivery = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    postcode = models.CharField(max_length=10, blank=True)
    address = models.CharField(max_length=300, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True)
    upn = models.CharField(max_length=13, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    # Phonetic keys of the names (people.phonetic), for search: Smyth finds Smith, Katherine finds Catherine.
    first_name_key = models.CharField(max_length=4, blank=True)
    last_name_key = models.CharField(max_length=4, blank=True)
    content_hash = models.CharField(max_length=64)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="source_records")
    # Set by ingest when the record arrives or what linkage reads of it changes; cleared once it is linked (the
    # worker's link_pending_records, or a linkage run). Indexed only where set, so finding the pending is cheap.
    link_pending_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["system", "source_id"]
        constraints = [models.UniqueConstraint(fields=["system", "source_id"], name="one_record_per_source_id")]
        indexes = [
            models.Index(
                fields=["link_pending_since", "id"],
                name="source_link_pending",
                condition=Q(link_pending_since__isnull=False),
            ),
            models.Index(fields=["nhs_number"], name="source_nhs"),
            models.Index(fields=["last_name", "date_of_birth"], name="source_name_dob"),
            models.Index(fields=["upn"], name="source_upn"),
            # Real-time candidates (surname changed; no date of birth) and the household on the child's page.
            models.Index(fields=["first_name", "date_of_birth"], name="source_first_dob"),
            models.Index(fields=["postcode", "last_name"], name="source_postcode_name"),
            # Search by name, sounds-like.
            models.Index(fields=["last_name_key", "first_name_key"], name="source_name_keys"),
        ]

    def __str__(self) -> str:
        return f"{self.system} record {self.source_id}"


class SourceEvent(models.Model):
    """Something an agency's system recorded happening (a contact, an incident, an attendance), with provenance."""

    system = models.CharField(max_length=16, choices=SourceSystem.choices)
    source_id = models.CharField(max_length=64)
    extracted_at = models.DateTimeField()
    kind = models.CharField(max_length=40)
    occurred_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["system", "occurred_at", "source_id"]
        constraints = [models.UniqueConstraint(fields=["system", "source_id"], name="one_event_per_source_id")]
        indexes = [models.Index(fields=["kind", "occurred_at"], name="source_event_kind")]

    def __str__(self) -> str:
        return f"{self.system} {self.kind} {self.source_id}"


class SourceParticipation(models.Model):
    """A person's part in an event, by the source system's own ids, so files can arrive in any order."""

    system = models.CharField(max_length=16, choices=SourceSystem.choices)
    event_source_id = models.CharField(max_length=64)
    record_source_id = models.CharField(max_length=64)
    role = models.CharField(max_length=40)
    extracted_at = models.DateTimeField()

    class Meta:
        ordering = ["system", "event_source_id", "record_source_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "event_source_id", "record_source_id", "role"], name="one_participation"
            )
        ]
        indexes = [models.Index(fields=["system", "record_source_id"], name="participation_by_record")]

    def __str__(self) -> str:
        return f"{self.record_source_id} {self.role} in {self.event_source_id}"


class IngestRun(models.Model):
    """One import of one extract file: when, what it contained and what was rejected, line by line."""

    system = models.CharField(max_length=16, choices=SourceSystem.choices)
    file_kind = models.CharField(max_length=40)
    source_name = models.CharField(max_length=300)
    extracted_at = models.DateTimeField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict)
    errors = models.JSONField(default=list, help_text="The first rejected rows: line and reason")
    rejected = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.system} {self.file_kind} at {self.started_at:%Y-%m-%d %H:%M}"
