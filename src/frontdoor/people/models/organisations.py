"""Agencies and the educational settings among them (schools, with their DSLs and term calendars)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from frontdoor.core.identifiers import (
    normalise_postcode,
    postcode_is_valid,
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
