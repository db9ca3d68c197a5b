"""What every partner API input shares: bodies that must be JSON objects, JSON types read strictly (a boolean is
true or false, never 0 or "yes"), times with their UTC offset, and the checks on national identifiers."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any
from uuid import UUID

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field, ModelWrapValidatorHandler, field_validator, model_validator
from pydantic_core import PydanticCustomError

from frontdoor.core.identifiers import (
    nhs_number_is_valid,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    postcode_is_valid,
    upn_is_valid,
)

OFFSET_NEEDED = "give the time with its UTC offset, e.g. 2026-12-01T10:00:00Z or 2026-12-01T10:00:00+01:00"
_EXAMPLE_UUID = "3f2a8c1e-5b7d-4e2a-9c1f-0a6b8d4e2f11"
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def _text(message: str):
    def check(value: Any) -> Any:
        # pydantic would read a number as a Unix time, or 1 as a date; the schema promises a string, so ask for one.
        if not isinstance(value, str):
            raise PydanticCustomError("string_expected", message)
        return value

    return check


def _aware(value: datetime) -> datetime:
    # A police device's clock or a partner's system may be in any zone: a time without its offset is ambiguous by
    # an hour half the year, so it is refused rather than guessed as UK time.
    if value.tzinfo is None or value.utcoffset() is None:
        raise PydanticCustomError("offset_needed", OFFSET_NEEDED)
    return value.astimezone(UTC)  # one instant, one form: a retry written in another zone hashes the same


def _canonical_uuid(value: Any) -> Any:
    if not isinstance(value, str) or not _UUID.match(value):
        raise PydanticCustomError(
            "uuid_expected", "must be a UUID in its usual form, e.g. 3f2a8c1e-5b7d-4e2a-9c1f-0a6b8d4e2f11"
        )
    return value


# An ISO 8601 date (YYYY-MM-DD) given as a string.
IsoDate = Annotated[date, BeforeValidator(_text("must be a date written as YYYY-MM-DD"))]
# An ISO 8601 date and time with its UTC offset (Z or +01:00); a time without one is a 422.
AwareTime = Annotated[datetime, BeforeValidator(_text(f"must be a string: {OFFSET_NEEDED}")), AfterValidator(_aware)]
# A UUID in its usual hyphenated form.
Uuid = Annotated[UUID, BeforeValidator(_canonical_uuid)]


def aware_time(description: str = "", **kwargs: Any) -> Any:
    """A date-time field whose documentation says the offset is required."""
    words = f"{description} " if description else ""
    return Field(
        description=f"{words}ISO 8601 with its UTC offset (Z or +01:00); a time without one is refused.", **kwargs
    )


class ApiInput(Schema):
    """Every request body, and every object inside one: a JSON object, never a list, a string or a number.

    ninja's Schema reads a model's fields as attributes of whatever it is given (its `_run_root_validator`), so
    `[]` or `"abc"` would pass as an object whose every field took its default. An input is parsed JSON: this
    replaces that validator with one that takes a JSON object only.
    """

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, value: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        if not isinstance(value, dict):
            raise PydanticCustomError("object_expected", "must be a JSON object")
        return handler(value)


class IdentifierChecks(ApiInput):
    """A schema's `nhs_number`, `upn` and `postcode` fields, where it has them, are checked and normalised.

    An empty value stays as it was (None or ""); an invalid one is a field error naming what is wrong.
    """

    @field_validator("nhs_number", check_fields=False)
    @classmethod
    def _nhs_number(cls, value: str | None) -> str | None:
        if not value:
            return value
        if not nhs_number_is_valid(value):
            raise ValueError("is not a valid NHS number (10 digits with a modulus-11 check digit)")
        return normalise_nhs_number(value)

    @field_validator("upn", check_fields=False)
    @classmethod
    def _upn(cls, value: str | None) -> str | None:
        if not value:
            return value
        if not upn_is_valid(value):
            raise ValueError("is not a valid UPN (a check letter and 12 characters)")
        return normalise_upn(value)

    @field_validator("postcode", check_fields=False)
    @classmethod
    def _postcode(cls, value: str | None) -> str | None:
        if not value:
            return value
        if not postcode_is_valid(value):
            raise ValueError("is not a valid UK postcode")
        return normalise_postcode(value)
