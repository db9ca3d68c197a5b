"""The partner API's shapes for missing episodes (the police feed) and a child's current trigger plan."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from django.utils import timezone
from ninja import Field, Schema
from pydantic import field_validator, model_validator

from frontdoor.core.schemas import ApiInput, AwareTime, IsoDate, aware_time


def _not_future(value: datetime | None) -> datetime | None:
    if value is not None and value > timezone.now() + timedelta(minutes=5):
        raise ValueError("is in the future")
    return value


class MissingChildIn(ApiInput):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    date_of_birth: IsoDate | None = None
    nhs_number: str = Field(default="", max_length=20, pattern=r"^$|^[0-9 ]{10,12}$")

    @field_validator("date_of_birth")
    @classmethod
    def _born(cls, value: date | None) -> date | None:
        if value is not None and (value > timezone.localdate() or value < date(1990, 1, 1)):
            raise ValueError("is not a child's date of birth")
        return value


class CategoryStepIn(ApiInput):
    category: str = Field(min_length=1, max_length=40)
    at: AwareTime = aware_time("When the control room gave the category.")


class ReturnIn(ApiInput):
    how: Literal["returned", "found"]
    at: AwareTime = aware_time("When the child came back or was found.")
    where: str = Field(default="", max_length=300)
    found_by: str = Field(default="", max_length=200)
    harm_disclosed: str = Field(default="", max_length=20_000)

    @field_validator("at")
    @classmethod
    def _past(cls, value: datetime) -> datetime | None:
        return _not_future(value)


class EpisodeIn(ApiInput):
    police_reference: str = Field(
        min_length=1, max_length=64, description="The force's reference; without an Idempotency-Key it is the key."
    )
    category: str = Field(min_length=1, max_length=40, description="The force's category code, as configured.")
    went_missing_at: AwareTime = aware_time("When the child was last seen or expected.")
    reported_at: AwareTime | None = aware_time("When it was reported to police.", default=None)
    child: MissingChildIn
    circumstances: str = Field(default="", max_length=20_000)
    categories_before: list[CategoryStepIn] = Field(
        default_factory=list,
        max_length=20,
        description="Earlier categories, in order, with their times (concern for safety upgraded to missing, say).",
    )
    returned: ReturnIn | None = Field(default=None, description="Sent when the child is already back.")

    @field_validator("went_missing_at", "reported_at")
    @classmethod
    def _past(cls, value: datetime | None) -> datetime | None:
        return _not_future(value)


class EpisodeUpdateIn(ApiInput):
    """What the force tells of an episode after reporting it: a new category (with when it changed), the return or
    find, or both (a category first, then the return)."""

    category: CategoryStepIn | None = Field(default=None, description="The category now, and when it changed.")
    returned: ReturnIn | None = Field(default=None, description="The child came back or was found.")

    @model_validator(mode="after")
    def _something(self) -> EpisodeUpdateIn:
        if self.category is None and self.returned is None:
            raise ValueError("send a category, a return, or both")
        return self

    @field_validator("category")
    @classmethod
    def _past(cls, value: CategoryStepIn | None) -> CategoryStepIn | None:
        if value is not None:
            _not_future(value.at)
        return value


class EpisodeReceipt(Schema):
    reference: str
    police_reference: str
    status: str
    category: str
    matched_to_a_child: bool
    vist_reference: str | None
    return_interview_due_at: str | None


class TriggerPlanOut(Schema):
    episode: str
    version: int
    made_at: datetime
    places: str
    associates: str
    vehicles: str
    phones: str
    officer_actions: str
    who_to_tell: str
