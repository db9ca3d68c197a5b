"""The daily vulnerability meeting's forms: who attended, what was said and decided about an item, and a next step."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.access.models import User
from frontdoor.core.forms import LONG, choice, text
from frontdoor.mash.meeting_clocks import STEP_CHOICES
from frontdoor.mash.models_meeting import ItemDecision
from frontdoor.mash.queue import name_of


def _person(user: User) -> str:
    return f"{name_of(user)}, {user.agency.name}" if user.agency else name_of(user)


class AttendanceForm(forms.Form):
    """Who is at the meeting, each for their agency."""

    attendees = forms.TypedMultipleChoiceField(
        coerce=int, required=False, error_messages={"invalid_choice": "Select people from the list"}
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {user.pk: user for user in people}
        field = self.fields["attendees"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(str(user.pk), _person(user)) for user in people]

    def chosen(self) -> list[User]:
        return [self.people[pk] for pk in self.cleaned_data["attendees"]]


class DiscussionForm(forms.Form):
    note = text("The discussion", "Enter what the meeting discussed", max_length=LONG)
    decision = text("The decision", "Enter what the meeting decided", max_length=LONG)
    outcome = choice(ItemDecision.choices, "Select whether the item stays on the agenda or is closed")


class NextStepForm(forms.Form):
    action = text("The next step", "Enter the next step", max_length=LONG)
    owner = forms.TypedChoiceField(
        coerce=int,
        error_messages={"required": "Select who owns the next step", "invalid_choice": "Select who owns the next step"},
    )
    due = choice(STEP_CHOICES, "Select when the next step is due")

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {user.pk: user for user in people}
        field = self.fields["owner"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "Select a person"), *((str(user.pk), _person(user)) for user in people)]

    def chosen_owner(self) -> User:
        return self.people[self.cleaned_data["owner"]]
