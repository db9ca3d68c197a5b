"""People (children, adults, the unborn), their identifiers, addresses and relationships."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from frontdoor.core.identifiers import (
    nhs_number_is_valid,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    upn_is_valid,
)
from frontdoor.people.models.organisations import Agency, validate_postcode


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
    # The children in need census's disability codes (N00099), space-separated: NONE when the child has none, blank
    # when it is not recorded (the census has no "not known" code, so such a child is left out of the return).
    disabilities = models.CharField(max_length=80, blank=True, help_text="CIN census disability codes")
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
