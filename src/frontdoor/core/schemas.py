"""Checks shared by every API schema that carries national identifiers."""

from __future__ import annotations

from ninja import Schema
from pydantic import field_validator

from frontdoor.core.identifiers import (
    nhs_number_is_valid,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    postcode_is_valid,
    upn_is_valid,
)


class IdentifierChecks(Schema):
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
