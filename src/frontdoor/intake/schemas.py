"""The partner API's request and response shapes for referrals, VISTs and incidents, with field-level checks."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal
from uuid import UUID

from django.utils import timezone
from ninja import Field, Schema
from pydantic import StrictBool, StrictInt, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from frontdoor.core.schemas import ApiInput, AwareTime, IdentifierChecks, IsoDate, Uuid, aware_time
from frontdoor.intake.services.referrals import consent_problem

Short = Field(default="", max_length=200)
Text = Field(default="", max_length=20_000)
PRESENTING_ISSUES = (
    "domestic_abuse",
    "parental_mental_health",
    "parental_substance_misuse",
    "parental_learning_disability",
    "neglect",
    "physical_abuse",
    "sexual_abuse",
    "emotional_abuse",
    "exploitation",
    "missing",
    "school_attendance",
    "crime_or_antisocial_behaviour",
    "other",
)


def _today() -> date:
    return timezone.localdate()


class _Checked(IdentifierChecks):
    @field_validator("date_of_birth", check_fields=False)
    @classmethod
    def _born(cls, value: date | None) -> date | None:
        if value is not None and value > _today():
            raise ValueError("is in the future: for an unborn child give expected_date_of_delivery")
        if value is not None and value < date(1900, 1, 1):
            raise ValueError("is before 1900")
        return value


class ReferrerIn(ApiInput):
    name: str = Field(min_length=1, max_length=200)
    role: str = Field(min_length=1, max_length=200)
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")
    relationship_to_child: str = Short
    confidential: StrictBool = False


class ChildIn(_Checked):
    """One child in a referral; an unborn baby has an expected_date_of_delivery and no date_of_birth."""

    first_name: str = Field(default="", max_length=100)
    last_name: str = Field(default="", max_length=100)
    other_names: str = Short
    date_of_birth: IsoDate | None = None
    expected_date_of_delivery: IsoDate | None = None
    sex: Literal["M", "F", "U"] = "U"
    nhs_number: str = Field(default="", max_length=20)
    upn: str = Field(default="", max_length=20)
    address: str = Field(default="", max_length=300)
    postcode: str = Field(default="", max_length=10)
    school: str = Short
    gp: str = Short
    needs: str = Text
    first_language: str = Field(default="", max_length=100)
    interpreter_needed: StrictBool = False
    wishes_and_feelings: str = Field(
        default="",
        max_length=20_000,
        description=(
            "The child's own wishes and feelings, in their words or as they showed them. For an unborn baby "
            "(expected_date_of_delivery given, no date_of_birth): the parents' views and wishes instead, the expectant "
            "mother's and, where known, the father's."
        ),
    )
    wishes_not_obtained_reason: str = Field(
        default="",
        max_length=20_000,
        description=(
            "Why the child's wishes and feelings (for an unborn baby, the parents' views and wishes) could not be "
            "obtained. Give this or wishes_and_feelings."
        ),
    )

    @field_validator("expected_date_of_delivery")
    @classmethod
    def _edd(cls, value: date | None) -> date | None:
        if value is not None and not (_today() - timedelta(days=14) <= value <= _today() + timedelta(days=300)):
            raise ValueError("must be within the next ten months")
        return value

    @model_validator(mode="after")
    def _complete(self) -> ChildIn:
        if (self.date_of_birth is None) == (self.expected_date_of_delivery is None):
            raise ValueError("give date_of_birth, or expected_date_of_delivery for an unborn child (one, not both)")
        if not self.wishes_and_feelings.strip() and not self.wishes_not_obtained_reason.strip():
            raise ValueError(
                "record the child's wishes_and_feelings, or wishes_not_obtained_reason saying why they could not be"
            )
        if self.date_of_birth is not None and not (self.first_name or self.last_name):
            raise ValueError("give the child's first_name or last_name")
        return self


class AdultIn(_Checked):
    name: str = Field(min_length=1, max_length=200)
    relationship: str = Field(min_length=1, max_length=200)
    date_of_birth: IsoDate | None = None
    address: str = Field(default="", max_length=300)
    postcode: str = Field(default="", max_length=10)
    phone: str = Field(default="", max_length=40)
    parental_responsibility: StrictBool = False
    lives_with_child: StrictBool = True
    previous_names: str = Field(default="", max_length=200)


class ConcernIn(ApiInput):
    description: str = Field(min_length=1, max_length=20_000)
    first_hand: str = Text
    third_party: str = Text
    presenting_issues: list[Literal[PRESENTING_ISSUES]] = Field(default=[], max_length=len(PRESENTING_ISSUES))  # type: ignore[valid-type]
    risks: str = Text
    strengths: str = Text
    previous_support: str = Text


class ConsentIn(ApiInput):
    status: Literal["given", "not_sought", "dispensed"]
    given_by: str = Short
    covers: str = Field(default="", max_length=300)
    rationale: str = Text
    parents_informed: StrictBool | None = None
    parents_not_informed_reason: str = Text

    @model_validator(mode="after")
    def _reasons(self) -> ConsentIn:
        if self.status == "given" and not (self.given_by.strip() and self.covers.strip()):
            raise ValueError("consent given: say who gave it (given_by) and whose information it covers (covers)")
        if self.status in ("not_sought", "dispensed") and not self.rationale.strip():
            raise ValueError(f"consent {self.status.replace('_', ' ')}: the rationale is required")
        if self.parents_informed is False and not self.parents_not_informed_reason.strip():
            raise ValueError("parents not informed: parents_not_informed_reason is required")
        return self


class ReferralIn(ApiInput):
    referrer: ReferrerIn
    children: list[ChildIn] = Field(min_length=1, max_length=20)
    adults: list[AdultIn] = Field(default=[], max_length=30)
    concern: ConcernIn
    level_of_need: StrictInt = Field(ge=1, le=4)
    consent: ConsentIn = Field(description="At levels 2 and 3 the family's consent is required (status given).")

    @field_validator("consent")
    @classmethod
    def _consent_for_the_level(cls, consent: ConsentIn, info: ValidationInfo) -> ConsentIn:
        problem = consent_problem(info.data.get("level_of_need"), consent.status)
        if problem:
            raise PydanticCustomError("consent_needed", problem)
        return consent


class ReferralReceipt(Schema):
    reference: str
    status: str
    received_at: datetime
    decision_due_at: datetime | None


class ReferralStatusOut(Schema):
    reference: str
    status: str
    received_at: datetime
    outcome: str | None
    decision_summary: str | None
    decided_at: datetime | None


class VistUpdateOut(Schema):
    status: str = Field(description="screening, triaged or discussed (a strategy discussion held)")
    at: datetime
    outcome: str | None = Field(description="The outcome's code, once triaged or discussed")
    outcome_label: str | None = Field(description="The outcome in words")
    summary: str | None = Field(description="The outcome as the force may read it")


class VistStatusOut(Schema):
    id: str = Field(description="The id the force's system gave the VIST")
    reference: str
    incident_reference: str
    status: str = Field(description="received, screening, triaged or discussed")
    received_at: datetime
    outcome: str | None = Field(description="The latest outcome's code: the triage's, then a strategy discussion's")
    outcome_label: str | None
    summary: str | None
    decided_at: datetime | None
    updates: list[VistUpdateOut] = Field(description="Everything the force has been told, oldest first")


class PersonIn(_Checked):
    role: str = Field(min_length=1, max_length=40)
    first_name: str = Field(default="", max_length=100)
    last_name: str = Field(default="", max_length=100)
    date_of_birth: IsoDate | None = None
    sex: Literal["M", "F", "U"] = "U"
    address: str = Field(default="", max_length=300)
    postcode: str = Field(default="", max_length=10)
    is_child: StrictBool = False


class VistIn(ApiInput):
    id: Uuid = Field(
        description=(
            "Made by the officer's device or the police system; a retry sends the same id. Without an "
            "Idempotency-Key header this id is the key."
        )
    )
    officer_name: str = Field(min_length=1, max_length=200)
    officer_collar: str = Field(default="", max_length=40)
    incident_reference: str = Field(min_length=1, max_length=64)
    incident_at: AwareTime = aware_time("When the incident happened.")
    children_present: StrictBool
    risk_grade: Literal["red", "amber", "green"]
    circumstances: str = Field(min_length=1, max_length=20_000)
    child_said: str = Text
    domestic_abuse: StrictBool = False
    persons: list[PersonIn] = Field(min_length=1, max_length=50)

    @field_validator("incident_at")
    @classmethod
    def _past(cls, value: datetime) -> datetime:
        if value > timezone.now() + timedelta(minutes=5):
            raise ValueError("is in the future")
        return value


class VistReceipt(Schema):
    id: UUID
    reference: str
    risk_grade: str
    effective_grade: str
    received_at: datetime


class IncidentPersonIn(PersonIn):
    present: StrictBool | None = None
    school: str = Short


class IncidentIn(IdentifierChecks):
    incident_reference: str = Field(min_length=1, max_length=64)
    occurred_at: AwareTime = aware_time("When the incident happened.")
    location: str = Field(default="", max_length=300)
    postcode: str = Field(default="", max_length=10)
    circumstances: str = Text
    officer_name: str = Field(default="", max_length=200, description="The attending officer.")
    officer_collar: str = Field(default="", max_length=40)
    team: str = Field(default="", max_length=100, description="The attending officer's team or unit.")
    persons: list[IncidentPersonIn] = Field(min_length=1, max_length=50)

    @field_validator("occurred_at")
    @classmethod
    def _past(cls, value: datetime) -> datetime:
        if value > timezone.now() + timedelta(minutes=5):
            raise ValueError("is in the future")
        return value


class IncidentReceipt(Schema):
    incident_reference: str
    received_at: datetime
    children: int
