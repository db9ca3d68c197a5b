"""The initial child protection conference's record: when it was held, its chair, the agencies that attended, the
child's and the family's views, and for each child a plan or not (with the category of abuse and the plan's start)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from frontdoor.core.forms import LONG, DateField, text, yes_no
from frontdoor.mash.conference_services import ChildOutcome, Conference
from frontdoor.mash.models_conference import CategoryOfAbuse
from frontdoor.mash.models_strategy import Attending, StrategyPerson
from frontdoor.mash.strategy_forms import HeldAt

CATEGORIES = [("", "Choose a category"), *CategoryOfAbuse.choices]


class ConferenceForm(HeldAt, forms.Form):
    held_on = DateField("The date it was held")
    held_at_time = text("The time", "Enter the time it was held", max_length=10)
    chair = text("The chair", "Enter who chaired the conference")
    agencies = forms.MultipleChoiceField(
        choices=Attending.choices,
        error_messages={
            "required": "Select the agencies that attended",
            "invalid_choice": "Select the agencies that attended",
        },
    )
    child_views = text("The child's views", "Enter the child's views, or why they could not be given", max_length=LONG)
    family_views = text("The family's views", "Enter the family's views", max_length=LONG)

    def __init__(self, *args: Any, children: list[StrategyPerson], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = children
        for child in children:
            self.fields[f"plan_{child.pk}"] = yes_no(f"Select whether {child.name} is to have a child protection plan")
            self.fields[f"category_{child.pk}"] = forms.ChoiceField(
                choices=CATEGORIES, required=False, error_messages={"invalid_choice": "Select the category of abuse"}
            )
            self.fields[f"plan_start_{child.pk}"] = DateField("The date the plan starts")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_held(data)
        for child in self.children:
            if data.get(f"plan_{child.pk}") != "yes":
                continue
            if not data.get(f"category_{child.pk}") and f"category_{child.pk}" not in self.errors:
                self.add_error(f"category_{child.pk}", "Select the category of abuse")
            if data.get(f"plan_start_{child.pk}") is None and f"plan_start_{child.pk}" not in self.errors:
                self.add_error(f"plan_start_{child.pk}", "Enter the date the plan starts")
        return data

    def conference(self) -> Conference:
        data = self.cleaned_data
        return Conference(
            held_at=data["held_at"],
            chair=data["chair"],
            agencies=list(data["agencies"]),
            child_views=data["child_views"],
            family_views=data["family_views"],
            outcomes=[
                ChildOutcome(
                    child_id=c.pk,
                    plan=data[f"plan_{c.pk}"] == "yes",
                    category=data.get(f"category_{c.pk}") or "",
                    plan_start=data.get(f"plan_start_{c.pk}"),
                )
                for c in self.children
            ],
        )


def today_initial() -> dict[str, Any]:
    now = timezone.localtime()
    return {"held_on": [str(now.day), str(now.month), str(now.year)], "held_at_time": now.strftime("%H:%M")}
