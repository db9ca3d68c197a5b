"""Operation Encompass's forms: acknowledge a notice with the support offered; review a draft; deal with a listed
child nobody matched. Messages follow the GOV.UK Design System's wording."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.core.forms import LONG, choice, text
from frontdoor.encompass.models import Support

NONE_OF_THESE = "none"


class AcknowledgeForm(forms.Form):
    support = choice(Support.choices, "Select the support the school is offering")
    support_notes = text("What support", max_length=LONG)


class ReviewForm(forms.Form):
    child_whereabouts = text("Where the child was", max_length=300)
    child_voice = text("What the child said", max_length=LONG)
    circumstances = text("The circumstances", "Enter the circumstances of the incident", max_length=LONG)
    other_information = text("Other relevant safeguarding information", max_length=LONG)


class UnmatchedForm(forms.Form):
    outcome = forms.ChoiceField(
        error_messages={
            "required": "Select the child, or that none of these is the child",
            "invalid_choice": "Select the child, or that none of these is the child",
        }
    )
    note = text("What was done", max_length=LONG)

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(pk), name) for pk, name in candidates] + [(NONE_OF_THESE, "None of these")]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") == NONE_OF_THESE and not cleaned.get("note", "").strip():
            self.add_error("note", "Enter what was done to make sure the child's school knows")
        return cleaned
