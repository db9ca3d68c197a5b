"""Strategy discussions' forms: convening one (why, which agencies, whom by name), and its record once held
(each invitee's attendance, absence reason and what they shared; the decisions and why; up to three actions)."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.core.calendars import LONDON
from frontdoor.core.forms import LONG, DateField, text
from frontdoor.mash.models_strategy import Attending, DecisionKind, StrategyInvitee
from frontdoor.mash.queue import name_of
from frontdoor.mash.strategy_convening import Attendance, Invite
from frontdoor.mash.strategy_recording import Action
from frontdoor.mash.strategy_selectors import attending_for

ACTION_ROWS = 3


def user_label(user: User) -> str:
    agency = f", {user.agency.name}" if user.agency is not None else ""
    return f"{name_of(user)}{agency}"


class ConveneForm(forms.Form):
    reason = text("Reason", "Say why there is reasonable cause to suspect significant harm", max_length=LONG)
    agencies = forms.MultipleChoiceField(
        choices=Attending.choices,
        error_messages={"required": "Select the agencies to invite", "invalid_choice": "Select the agencies to invite"},
    )
    invitees = forms.TypedMultipleChoiceField(
        coerce=int, required=False, error_messages={"invalid_choice": "Select people from the list"}
    )

    def __init__(self, *args: Any, users: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.users = {u.pk: u for u in users}
        field = self.fields["invitees"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(u.pk, user_label(u)) for u in users]

    def invites(self) -> list[Invite]:
        """One invitee per person named, for the agency they speak for; an agency chosen with nobody named is
        invited without a name."""
        named = [self.users[pk] for pk in self.cleaned_data["invitees"]]
        invites = [Invite(attending_for(u), u) for u in named]
        covered = {i.attending_for for i in invites}
        return invites + [Invite(kind) for kind in self.cleaned_data["agencies"] if kind not in covered]


class HeldAt:
    """A form's `held_on` date and `held_at_time` answers, as one moment in UK time (`held_at`): a discussion's, or a
    conference's. Used by a `forms.Form` subclass that declares those two fields."""

    errors: Any
    add_error: Any

    def _clean_held(self, data: dict[str, Any]) -> None:
        """When it was held, as a moment in UK time (the clocks count from it), never in the future."""
        held_on, typed = data.get("held_on"), (data.get("held_at_time") or "").strip()
        if held_on is None and "held_on" not in self.errors:
            self.add_error("held_on", "Enter the date it was held")
        match = re.fullmatch(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])", typed)
        if typed and not match:
            self.add_error("held_at_time", "Enter the time as hours and minutes on the 24-hour clock, like 14:30")
        if held_on is None or not match:
            return
        moment = datetime.combine(held_on, time(int(match[1]), int(match[2])), tzinfo=LONDON)
        if moment > timezone.now():
            self.add_error("held_on", "The date and time it was held must be in the past")
            return
        data["held_at"] = moment


class RecordForm(HeldAt, forms.Form):
    decisions = forms.MultipleChoiceField(
        choices=DecisionKind.choices,
        error_messages={
            "required": "Select what the discussion decided",
            "invalid_choice": "Select what the discussion decided",
        },
    )
    rationale = text("Rationale", "Say why the discussion decided this", max_length=LONG)
    held_on = DateField("The date it was held")
    held_at_time = text("The time", "Enter the time it was held", max_length=10)

    def __init__(self, *args: Any, invitees: list[StrategyInvitee], owners: list[User], **kwargs: Any) -> None:
        now = timezone.localtime()
        day = [str(now.day), str(now.month), str(now.year)]  # as the three boxes show it
        kwargs.setdefault("initial", {"held_on": day, "held_at_time": now.strftime("%H:%M")})
        super().__init__(*args, **kwargs)
        self.invitees = invitees
        self.owners = {u.pk: u for u in owners}
        for invitee in invitees:
            agency = Attending(invitee.attending_for).label.lower()
            self.fields[f"attended_{invitee.pk}"] = forms.ChoiceField(
                choices=[("yes", "Yes"), ("no", "No")],
                error_messages={
                    "required": f"Say whether {agency} attended",
                    "invalid_choice": f"Say whether {agency} attended",
                },
            )
            self.fields[f"absence_reason_{invitee.pk}"] = text("The reason", max_length=LONG)
            self.fields[f"shared_{invitee.pk}"] = text("What was shared", max_length=LONG)
        owner_choices = [("", "Choose who")] + [(str(u.pk), user_label(u)) for u in owners]
        for n in range(ACTION_ROWS):
            self.fields[f"action_what_{n}"] = text("The action", max_length=LONG)
            self.fields[f"action_owner_{n}"] = forms.ChoiceField(
                choices=owner_choices,
                required=False,
                error_messages={"invalid_choice": "Choose who owns the action"},
            )
            self.fields[f"action_due_{n}"] = DateField("The due date")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_held(data)
        for n in range(ACTION_ROWS):
            what = (data.get(f"action_what_{n}") or "").strip()
            owner, due = data.get(f"action_owner_{n}"), data.get(f"action_due_{n}")
            started = what or owner or due or f"action_due_{n}" in self.errors
            if not started:
                continue
            if not what:
                self.add_error(f"action_what_{n}", "Say what the action is")
            if not owner and f"action_owner_{n}" not in self.errors:
                self.add_error(f"action_owner_{n}", "Choose who owns the action")
            if due is None and f"action_due_{n}" not in self.errors:
                self.add_error(f"action_due_{n}", "Enter the date the action is due")
            elif due is not None and due < timezone.localdate():
                self.add_error(f"action_due_{n}", "The due date must be today or in the future")
        return data

    def attendance(self) -> list[Attendance]:
        return [
            Attendance(
                invitee_id=i.pk,
                attended=self.cleaned_data[f"attended_{i.pk}"] == "yes",
                absence_reason=self.cleaned_data.get(f"absence_reason_{i.pk}", ""),
                information_shared=self.cleaned_data.get(f"shared_{i.pk}", ""),
            )
            for i in self.invitees
        ]

    def actions(self) -> list[Action]:
        found = []
        for n in range(ACTION_ROWS):
            what = (self.cleaned_data.get(f"action_what_{n}") or "").strip()
            if what:
                owner = self.owners[int(self.cleaned_data[f"action_owner_{n}"])]
                found.append(Action(what=what, owner=owner, due_on=self.cleaned_data[f"action_due_{n}"]))
        return found


class CancelForm(forms.Form):
    cancellation_reason = text("The reason", "Say why the discussion is cancelled", max_length=LONG)


class ActionForm(forms.Form):
    """One more action after the record is saved."""

    what = text("The action", "Say what the action is", max_length=LONG)
    owner = forms.TypedChoiceField(
        coerce=int,
        error_messages={"required": "Choose who owns the action", "invalid_choice": "Choose who owns the action"},
    )
    due_on = DateField("The due date")

    def __init__(self, *args: Any, owners: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owners = {u.pk: u for u in owners}
        field = self.fields["owner"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "Choose who")] + [(u.pk, user_label(u)) for u in owners]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("due_on") is None and "due_on" not in self.errors:
            self.add_error("due_on", "Enter the date the action is due")
        elif data.get("due_on") is not None and data["due_on"] < timezone.localdate():
            self.add_error("due_on", "The due date must be today or in the future")
        return data

    def action(self) -> Action:
        data = self.cleaned_data
        return Action(what=data["what"], owner=self.owners[data["owner"]], due_on=data["due_on"])
