"""Family help's forms: triage a family, name its duty worker, allocate its lead practitioner with the family's and
each child's voice, and step it up to the MASH. Messages follow the GOV.UK Design System's wording."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.access.models import User
from frontdoor.core.forms import LONG, choice, text
from frontdoor.familyhelp.models import ChildVoice, FamilyChild, TriageOutcome
from frontdoor.familyhelp.selectors import name_of
from frontdoor.familyhelp.services import Voice
from frontdoor.intake.display import LABELS
from frontdoor.intake.models import ConsentStatus, LevelOfNeed

OBTAINED, NOT_OBTAINED = "obtained", "not_obtained"
# The MARF's presenting issues, as intake names them (its codes are the partner API's).
ISSUES: list[tuple[str, str]] = list(dict(LABELS["issues"]).items())  # type: ignore[call-overload]


class WorkerField(forms.TypedChoiceField):
    """One of the people who may be named (early help workers), by name."""

    def __init__(self, required: str, **kwargs: Any) -> None:
        super().__init__(
            coerce=int, error_messages={"required": required, "invalid_choice": required}, required=False, **kwargs
        )


def _workers(form: forms.Form, name: str, workers: list[User]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.TypedChoiceField)
    field.choices = [(worker.pk, name_of(worker)) for worker in workers]


class TriageForm(forms.Form):
    """What happens next for a family the MASH stepped down, and why."""

    outcome = choice(TriageOutcome.choices, "Select what happens next for the family")
    duty_worker = WorkerField("Select the duty worker who will support the family while it waits")
    note = text("What the family was told", "Enter what the family was told, and why", max_length=LONG)

    def __init__(self, *args: Any, workers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workers = {worker.pk: worker for worker in workers}
        _workers(self, "duty_worker", workers)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") == TriageOutcome.WAITING_LIST and not cleaned.get("duty_worker"):
            self.add_error("duty_worker", "Select the duty worker who will support the family while it waits")
        return cleaned

    def chosen_duty_worker(self) -> User | None:
        chosen = self.cleaned_data.get("duty_worker")
        return (
            self.workers.get(chosen) if chosen and self.cleaned_data["outcome"] == TriageOutcome.WAITING_LIST else None
        )


class DutyWorkerForm(forms.Form):
    worker = WorkerField("Select the duty worker who will support the family while it waits")

    def __init__(self, *args: Any, workers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workers = {worker.pk: worker for worker in workers}
        _workers(self, "worker", workers)

    def clean_worker(self) -> int:
        chosen = self.cleaned_data.get("worker")
        if not chosen:
            raise forms.ValidationError("Select the duty worker who will support the family while it waits")
        return chosen

    def chosen(self) -> User:
        return self.workers[self.cleaned_data["worker"]]


class ChildVoicesForm(forms.Form):
    """Each child's own wishes and feelings, or why they could not be obtained: one question per child, as the MARF
    asks it (for an unborn baby, the parents' views and wishes)."""

    def __init__(self, *args: Any, children: list[FamilyChild], earlier: dict[int, ChildVoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = children
        for child in children:
            said = earlier.get(child.pk)
            self.fields[f"voice_{child.pk}"] = forms.ChoiceField(
                choices=[(OBTAINED, "Yes"), (NOT_OBTAINED, "No")], required=False
            )
            self.fields[f"wishes_{child.pk}"] = text("Wishes and feelings", max_length=LONG)
            self.fields[f"reason_{child.pk}"] = text("Why not", max_length=LONG)
            if said is not None:
                self.initial.setdefault(f"voice_{child.pk}", OBTAINED if said.wishes_and_feelings else NOT_OBTAINED)
                self.initial.setdefault(f"wishes_{child.pk}", said.wishes_and_feelings)
                self.initial.setdefault(f"reason_{child.pk}", said.not_obtained_reason)

    @staticmethod
    def whose(child: FamilyChild) -> str:
        return (
            "the parents' views and wishes about the baby"
            if child.unborn
            else f"{child.name}'s own wishes and feelings"
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for child in self.children:
            answer = cleaned.get(f"voice_{child.pk}")
            if answer == OBTAINED and not (cleaned.get(f"wishes_{child.pk}") or "").strip():
                self.add_error(f"wishes_{child.pk}", f"Enter {self.whose(child)}")
            elif answer == NOT_OBTAINED and not (cleaned.get(f"reason_{child.pk}") or "").strip():
                self.add_error(f"reason_{child.pk}", f"Enter why {self.whose(child)} could not be obtained")
            elif answer not in (OBTAINED, NOT_OBTAINED):
                self.add_error(f"voice_{child.pk}", f"Select whether you know {self.whose(child)}")
        return cleaned

    def voices(self) -> dict[int, Voice]:
        said = {}
        for child in self.children:
            obtained = self.cleaned_data[f"voice_{child.pk}"] == OBTAINED
            said[child.pk] = (
                Voice(wishes_and_feelings=self.cleaned_data[f"wishes_{child.pk}"])
                if obtained
                else Voice(not_obtained_reason=self.cleaned_data[f"reason_{child.pk}"])
            )
        return said


class AllocationForm(ChildVoicesForm):
    """The family's lead practitioner, what the family says it needs, and each child's voice."""

    lead_practitioner = WorkerField("Select the family's lead practitioner")
    family_voice = text("What the family says it needs", "Enter what the family says it needs", max_length=LONG)

    field_order = ["lead_practitioner", "family_voice"]

    def __init__(self, *args: Any, workers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workers = {worker.pk: worker for worker in workers}
        _workers(self, "lead_practitioner", workers)

    def clean_lead_practitioner(self) -> int:
        chosen = self.cleaned_data.get("lead_practitioner")
        if not chosen:
            raise forms.ValidationError("Select the family's lead practitioner")
        return chosen

    def lead(self) -> User:
        return self.workers[self.cleaned_data["lead_practitioner"]]


CONSENT_RATIONALE = "Enter why consent was not sought, or why it was dispensed with"


class StepUpForm(ChildVoicesForm):
    """Why the worry has grown, as the MARF asks it, and each child's voice now."""

    concern = text("What has changed", "Enter what has changed and why you are worried", max_length=LONG)
    level_of_need = forms.TypedChoiceField(
        coerce=int,
        choices=[(str(value), label) for value, label in LevelOfNeed.choices],
        error_messages={"required": "Select the level of need", "invalid_choice": "Select the level of need"},
    )
    presenting_issues = forms.MultipleChoiceField(
        choices=ISSUES,
        error_messages={
            "required": "Select the presenting issues, or select other",
            "invalid_choice": "Select the presenting issues from the list",
        },
    )
    risks = text("Risks", max_length=LONG)
    strengths = text("Strengths", max_length=LONG)
    consent = choice(ConsentStatus.choices, "Select whether the family consented to this referral")
    consent_given_by = text("Who gave consent")
    consent_rationale = text("Why", max_length=LONG)

    field_order = ["concern", "level_of_need", "presenting_issues", "risks", "strengths", "consent"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        consent = cleaned.get("consent")
        if consent == ConsentStatus.GIVEN and not cleaned.get("consent_given_by"):
            self.add_error("consent_given_by", "Enter who gave consent")
        if consent in (ConsentStatus.NOT_SOUGHT, ConsentStatus.DISPENSED) and not cleaned.get("consent_rationale"):
            self.add_error("consent_rationale", CONSENT_RATIONALE)
        return cleaned
