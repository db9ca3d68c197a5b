"""The MACE workspace's forms, with the GOV.UK Design System's error wording: the filters, intelligence, a
disruption action, its completion, the meeting's date and attendance, and a decision about a child."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.core.forms import LONG, DateField, choice, text
from frontdoor.exploitation.models import Level
from frontdoor.mace.entities import split_names
from frontdoor.mace.models import EntityKind, HandlingCode, IntelligenceAssessment, SourceEvaluation
from frontdoor.mace.selectors import DEFAULT_PERIOD, PERIODS

LEVEL_FILTER = [("", "Any level"), (Level.HIGH, "High risk"), (Level.MEDIUM, "Medium risk"), (Level.LOW, "Low risk")]
ENTITY_FIELDS = [(kind, f"entity_{kind}") for kind in EntityKind.values]


class FilterForm(forms.Form):
    period = forms.ChoiceField(choices=list(PERIODS.items()), required=False)
    level = forms.ChoiceField(choices=LEVEL_FILTER, required=False)

    def values(self) -> tuple[str, str]:
        if not self.is_valid():
            return DEFAULT_PERIOD, ""
        return self.cleaned_data["period"] or DEFAULT_PERIOD, self.cleaned_data["level"] or ""


def _required_date(form: forms.Form, name: str, message: str, *, not_future: bool = True) -> date | None:
    value = form.cleaned_data.get(name)
    if value is None and name not in form.errors:
        form.add_error(name, message)
    elif value is not None and not_future and value > timezone.localdate():
        form.add_error(name, f"{form.fields[name].name} must be today or in the past")  # type: ignore[attr-defined]
    return value


class IntelligenceForm(forms.Form):
    received = DateField("The date the intelligence was received")
    summary = text("The intelligence", "Enter the intelligence", max_length=LONG)
    source_evaluation = choice(SourceEvaluation.choices, "Select how far the source can be relied on")
    assessment = choice(IntelligenceAssessment.choices, "Select how the intelligence is known")
    handling = choice(HandlingCode.choices, "Select how the intelligence may be shared")
    handling_conditions = text("The conditions", max_length=LONG)
    children = forms.MultipleChoiceField(
        choices=[],
        error_messages={
            "required": "Select the children the intelligence is about",
            "invalid_choice": "Select children from the list",
        },
    )
    entity_adult = text("Persons of concern", max_length=LONG)
    entity_place = text("Places", max_length=LONG)
    entity_vehicle = text("Vehicles", max_length=LONG)
    entity_phone = text("Phones", max_length=LONG)

    def __init__(self, *args: Any, children: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].choices = [(str(pk), name) for pk, name in children]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _required_date(self, "received", "Enter the date the intelligence was received")
        if data.get("handling") == HandlingCode.CONDITIONS and not (data.get("handling_conditions") or "").strip():
            self.add_error("handling_conditions", "Enter the conditions on sharing")
        if not any((data.get(name) or "").strip() for _, name in ENTITY_FIELDS):
            self.add_error("entity_adult", "Enter at least one person of concern, place, vehicle or phone")
        return data

    def entities(self) -> list[tuple[str, str]]:
        return [(kind, n) for kind, name in ENTITY_FIELDS for n in split_names(self.cleaned_data.get(name, ""))]


class ActionForm(forms.Form):
    what = text("What will be done", "Enter what will be done", max_length=LONG)
    owner = forms.ChoiceField(
        choices=[],
        error_messages={"required": "Select who owns the action", "invalid_choice": "Select who owns the action"},
    )
    about = forms.ChoiceField(
        choices=[],
        required=False,
        error_messages={"invalid_choice": "Select a person, place, vehicle or phone from the list"},
    )

    def __init__(self, *args: Any, owners: list[User], about: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Choose the owner")] + [  # type: ignore[attr-defined]
            (str(u.pk), u.get_full_name() or u.username) for u in owners
        ]
        self.fields["about"].choices = [("", "Not about one of them"), *about]  # type: ignore[attr-defined]


class CompleteForm(forms.Form):
    outcome = text("The outcome", "Enter what came of the action", max_length=LONG)


class MeetingForm(forms.Form):
    held = DateField("The date of the meeting")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _required_date(self, "held", "Enter the date of the meeting", not_future=False)
        return data


class AttendanceForm(forms.Form):
    chair = text("The chair", "Enter who chaired the meeting")
    attendees = text("Who attended", "Enter who attended, one a line", max_length=LONG)
    notes = text("The notes", max_length=LONG)


class DecisionForm(forms.Form):
    decision = text("The decision", "Enter what the meeting decided", max_length=LONG)
    close_listing = choice(
        [("no", "No, keep them on the MACE list"), ("yes", "Yes, close their listing")],
        "Select whether the child's listing is closed",
    )
    action = text("The action", max_length=LONG)
    owner = forms.ChoiceField(
        choices=[], required=False, error_messages={"invalid_choice": "Select who owns the action"}
    )

    def __init__(self, *args: Any, owners: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Choose the owner")] + [  # type: ignore[attr-defined]
            (str(u.pk), u.get_full_name() or u.username) for u in owners
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("action") or "").strip() and not data.get("owner"):
            self.add_error("owner", "Select who owns the action")
        return data
