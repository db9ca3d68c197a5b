"""The search form: any one criterion is enough; each is checked as the MARF checks it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from frontdoor.core.forms import DateField, choice, nhs_number_answer, postcode_answer, text, upn_answer
from frontdoor.people.disability import CATEGORIES
from frontdoor.people.models import NhsNumberAbsenceReason
from frontdoor.singleview.disability import ANSWERS, YES


class SearchForm(forms.Form):
    name = text("Name", max_length=200)
    date_of_birth = DateField("Date of birth")
    nhs_number = text("NHS number", max_length=20)
    upn = text("UPN", max_length=20)
    postcode = text("Postcode", max_length=10)

    # The same checks, and the same messages, as the referral form's.
    def clean_nhs_number(self) -> str:
        return nhs_number_answer(self.cleaned_data["nhs_number"])

    def clean_upn(self) -> str:
        return upn_answer(self.cleaned_data["upn"])

    def clean_postcode(self) -> str:
        return postcode_answer(self.cleaned_data["postcode"])

    def clean_name(self) -> str:
        value = " ".join(self.cleaned_data["name"].split())
        if value and sum(ch.isalpha() for ch in value) < 2:
            raise ValidationError("Name must include at least 2 letters")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        born = data.get("date_of_birth")
        if born and born > timezone.localdate():
            self.add_error("date_of_birth", "Date of birth must be today or in the past")
        if not self.errors and not any(data.get(k) for k in ("name", "date_of_birth", "nhs_number", "upn", "postcode")):
            self.add_error("name", "Enter a name, date of birth, NHS number, UPN or postcode to search for")
        return data


class NhsNumberAbsenceForm(forms.Form):
    """Why this person's NHS number is not on their record."""

    reason = choice(NhsNumberAbsenceReason.choices, "Select why the NHS number is not recorded")
    note = text("Details", max_length=1000)


class DisabilityForm(forms.Form):
    """Whether the child has a disability and, if so, the children in need census's categories it affects."""

    has_disability = choice(ANSWERS, "Select whether the child has a disability")
    categories = forms.MultipleChoiceField(
        required=False,
        choices=[(code, words) for code, (words, _hint) in CATEGORIES.items()],
        error_messages={"invalid_choice": "Select the categories of disability from the list"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("has_disability") == YES and not data.get("categories") and "categories" not in self.errors:
            self.add_error("categories", "Select at least one category for the child's disability")
        return data
