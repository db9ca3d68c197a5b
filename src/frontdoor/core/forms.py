"""Form fields every capability's forms share, with the GOV.UK Design System's error wording: a text answer, a
choice, a yes-or-no question and a date typed into three boxes."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from frontdoor.core.identifiers import (
    nhs_number_is_valid,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    postcode_is_valid,
    upn_is_valid,
)

SHORT = 200
LONG = 20_000
YES_NO = [("yes", "Yes"), ("no", "No")]


def text(name: str, required: str = "", *, max_length: int = SHORT) -> forms.CharField:
    """A text answer; `required` is the message shown when it is left empty (empty: optional)."""
    return forms.CharField(
        required=bool(required),
        max_length=max_length,
        error_messages={"required": required, "max_length": f"{name} must be {max_length:,} characters or fewer"},
    )


class YesNoField(forms.ChoiceField):
    """A yes-or-no radio question; stored as a boolean."""


def yes_no(required: str) -> YesNoField:
    return YesNoField(choices=YES_NO, error_messages={"required": required, "invalid_choice": required})


def choice(choices: Any, required: str) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, error_messages={"required": required, "invalid_choice": required})


class DateParts(forms.MultiWidget):
    """Day, month and year boxes, as the GOV.UK date input: `<name>_day`, `<name>_month`, `<name>_year`."""

    SUFFIXES = ("_day", "_month", "_year")

    def __init__(self) -> None:
        super().__init__({"day": forms.TextInput(), "month": forms.TextInput(), "year": forms.TextInput()})

    def decompress(self, value: Any) -> list[str]:
        return [str(value.day), str(value.month), str(value.year)] if isinstance(value, date) else ["", "", ""]


class DateField(forms.Field):
    """An optional date typed into three boxes, with the GOV.UK messages for a missing part or an impossible date.
    Whether it must be answered depends on other answers, so the form's `clean` asks for it."""

    widget = DateParts

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(required=False)

    def clean(self, value: Any) -> date | None:
        given = value if isinstance(value, list | tuple) else [value]
        parts = ([str(p or "").strip() for p in given] + ["", "", ""])[:3]  # a part left off is a part missing
        if not any(parts):
            return None
        missing = [unit for unit, part in zip(("day", "month", "year"), parts, strict=True) if not part]
        if missing:
            raise ValidationError(f"{self.name} must include a {' and a '.join(missing)}", code="incomplete")
        day, month, year = parts
        if not (re.fullmatch(r"[0-9]{1,2}", day) and re.fullmatch(r"[0-9]{1,2}", month)):
            raise ValidationError(f"{self.name} must be a real date", code="invalid")
        if not re.fullmatch(r"[0-9]{4}", year):
            raise ValidationError("Year must include 4 numbers", code="year")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.name} must be a real date", code="invalid") from None


# The checks on an identifier typed by a person, with the same messages wherever one is asked for.


def nhs_number_answer(typed: str) -> str:
    value = normalise_nhs_number(typed)
    if not value:
        return ""
    if not re.fullmatch(r"[0-9]+", value):
        raise ValidationError("NHS number must only include numbers 0 to 9")
    if len(value) != 10:
        raise ValidationError("NHS number must be 10 digits")
    if not nhs_number_is_valid(value):
        raise ValidationError("This is not a valid NHS number. Check it and enter it again")
    return value


def upn_answer(typed: str) -> str:
    value = normalise_upn(typed)
    if value and not upn_is_valid(value):
        raise ValidationError("This is not a valid unique pupil number (UPN). Check it and enter it again")
    return value


def postcode_answer(typed: str) -> str:
    if typed and not postcode_is_valid(typed):
        raise ValidationError("Enter a real postcode, like ES1 2AB")
    return normalise_postcode(typed) if typed else ""
