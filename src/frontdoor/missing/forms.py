"""Missing children's forms, with the GOV.UK Design System's error wording: an episode recorded by hand, its
category changed, the return or find, an interview offered and answered, its findings, a trigger plan, a child's
placement and Philomena profile. A moment is a date in three boxes and a time typed as people write it."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from frontdoor.core.forms import LONG, DateField, choice, nhs_number_answer, text, yes_no
from frontdoor.missing.models import Category, EndedHow, Indicator

_TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$", re.IGNORECASE)


def parse_time(typed: str) -> time | None:
    """ "14:30", "2:30pm", "9am": a time of day, or None."""
    found = _TIME.match(typed or "")
    if not found:
        return None
    hour, minute, half = int(found.group(1)), int(found.group(2) or 0), (found.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class MomentForm(forms.Form):
    """A form asking when something happened: `<name>` (a date) and `<name>_time`, never in the future."""

    moments: dict[str, str] = {}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, what in self.moments.items():
            day = cleaned.get(name)
            if name in self.errors:
                continue
            if day is None:
                self.add_error(name, f"Enter the date {what}")
                continue
            typed = self.data.get(f"{name}_time", "")
            at = parse_time(typed)
            if at is None:
                self.add_error(f"{name}_time", f"Enter the time {what}, like 14:30 or 2:30pm")
                continue
            moment = timezone.make_aware(datetime.combine(day, at))
            if moment > timezone.now():
                self.add_error(name, f"The date {what} must be today or in the past")
                continue
            cleaned[f"{name}_at"] = moment
        return cleaned


def _time_field() -> forms.CharField:
    return forms.CharField(required=False, max_length=10)


def category_choices() -> list[tuple[str, str]]:
    return [(c.code, c.label) for c in Category.objects.filter(active=True).order_by("order", "label")]


class EpisodeForm(MomentForm):
    moments = {"went_missing": "the child went missing"}

    first_name = text("First name", "Enter the child's first name", max_length=100)
    last_name = text("Last name", "Enter the child's last name", max_length=100)
    date_of_birth = DateField("Date of birth")
    nhs_number = text("NHS number", max_length=20)
    police_reference = text("Police reference", max_length=64)
    category = choice([], "Select the category the police gave the episode")
    went_missing = DateField("The date the child went missing")
    went_missing_time = _time_field()
    circumstances = text("What happened", max_length=LONG)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()  # type: ignore[attr-defined]

    def clean_nhs_number(self) -> str:
        return nhs_number_answer(self.cleaned_data.get("nhs_number", ""))


class CategoryForm(MomentForm):
    moments = {"changed": "the category changed"}

    category = choice([], "Select the new category")
    changed = DateField("The date the category changed")
    changed_time = _time_field()
    note = text("Why", max_length=LONG)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()  # type: ignore[attr-defined]


class ReturnForm(MomentForm):
    moments = {"ended": "the child came back"}

    how = choice(EndedHow.choices, "Select whether the child returned or was found")
    ended = DateField("The date the child came back")
    ended_time = _time_field()
    where = text("Where", "Enter where the child was found or returned to", max_length=300)
    found_by = text("Who found the child", max_length=200)
    harm_disclosed = text("Harm disclosed", max_length=LONG)


class CloseForm(forms.Form):
    note = text("Note", max_length=LONG)


OFFER_ANSWERS = [
    ("offered", "Offered: the child has not answered yet"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
]


class OfferForm(MomentForm):
    moments = {"offered": "the interview was offered"}

    answer = choice(OFFER_ANSWERS, "Select what the child said")
    offered = DateField("The date the interview was offered")
    offered_time = _time_field()
    declined_reason = text("Why the child declined", max_length=LONG)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("answer") == "declined" and not cleaned.get("declined_reason", "").strip():
            self.add_error("declined_reason", "Enter why the child declined, in their words if you can")
        return cleaned


class FindingsForm(MomentForm):
    moments = {"held": "the interview was held"}

    held = DateField("The date the interview was held")
    held_time = _time_field()
    push_factors = text("Push factors", "Enter what made the child leave (push factors)", max_length=LONG)
    pull_factors = text("Pull factors", "Enter what drew the child away (pull factors)", max_length=LONG)
    where = text("Where", "Enter where the child was", max_length=LONG)
    with_whom = text("With whom", "Enter who the child was with", max_length=LONG)
    indicators = forms.MultipleChoiceField(
        choices=Indicator.choices, required=False, error_messages={"invalid_choice": "Select from the list"}
    )
    indicators_detail = text("What the indicators were", max_length=LONG)
    child_account = text("The child's account", max_length=LONG)


class TriggerPlanForm(forms.Form):
    places = text("Places", max_length=LONG)
    associates = text("Associates", max_length=LONG)
    vehicles = text("Vehicles", max_length=LONG)
    phones = text("Phones", max_length=LONG)
    officer_actions = text("Actions for officers", "Enter what officers should do", max_length=LONG)
    who_to_tell = text("Who to tell", "Enter who to tell, and how", max_length=LONG)
    why_changed = text("Why it changed", max_length=LONG)


class CareForm(forms.Form):
    in_care = yes_no("Select yes if the child is in care")
    placement = text("Placement", max_length=300)
    placement_since = DateField("The date the placement started")
    description = text("Physical description", max_length=LONG)
    associates = text("Friends and associates", max_length=LONG)
    places = text("Places", max_length=LONG)
    vulnerabilities = text("Vulnerabilities and medical needs", max_length=LONG)
    phone_and_social_media = text("Phone and social media", max_length=LONG)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("in_care") == "yes" and not cleaned.get("placement", "").strip():
            self.add_error("placement", "Enter the child's placement")
        return cleaned
