"""The MASH's forms: the triage queue's filters, a referral's priority, who works an item, the decision on a
referral, a VIST's triage, and the identity review's decisions."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.access.models import User
from frontdoor.core.forms import LONG, choice, text
from frontdoor.intake.models import RiskGrade
from frontdoor.linkage.models import ReviewAction
from frontdoor.mash.models import Outcome, VistOutcome
from frontdoor.mash.queue import ASSIGNED, KINDS, SORTS, QueueFilters, name_of


class QueueFilterForm(forms.Form):
    """What the queue shows and in what order, from the query string. A value the form does not know is ignored
    (the default is used), so an old or mistyped link still shows the queue."""

    kind = forms.ChoiceField(choices=[("", "All"), *KINDS.items()], required=False)
    priority = forms.ChoiceField(choices=[("", "Any"), *RiskGrade.choices], required=False)
    assigned = forms.ChoiceField(choices=[("", "Anyone"), *ASSIGNED.items()], required=False)
    overdue = forms.ChoiceField(choices=[("yes", "Overdue only")], required=False)
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False)

    def filters(self) -> QueueFilters:
        self.is_valid()
        chosen = {name: self.cleaned_data.get(name) or "" for name in self.fields if name not in self.errors}
        return QueueFilters(
            kind=chosen.get("kind", ""),
            priority=chosen.get("priority", ""),
            assigned=chosen.get("assigned", ""),
            overdue=chosen.get("overdue") == "yes",
            sort=chosen.get("sort") or "due",
        )


class PriorityForm(forms.Form):
    """The priority the MASH gives a referral at triage."""

    priority = choice(RiskGrade.choices, "Select the referral's priority: red, amber or green")


class AssignForm(forms.Form):
    """Whom a referral or VIST is given to: a MASH worker (the worker themself, to take it)."""

    worker = forms.TypedChoiceField(
        coerce=int, error_messages={"required": "Select a MASH worker", "invalid_choice": "Select a MASH worker"}
    )

    def __init__(self, *args: Any, workers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workers = {worker.pk: worker for worker in workers}
        field = self.fields["worker"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(worker.pk, name_of(worker)) for worker in workers]

    def chosen(self) -> User:
        return self.workers[self.cleaned_data["worker"]]


class DecisionForm(forms.Form):
    """The MASH decision on a referral: the outcome the referrer is told, and why."""

    outcome = choice(Outcome.choices, "Select the outcome of the referral")
    decision_summary = text(
        "Decision summary", "Enter a summary of the decision and the reasons for it", max_length=LONG
    )


class VistTriageForm(forms.Form):
    """The MASH triage of a police VIST: what happens next, and why."""

    outcome = choice(VistOutcome.choices, "Select what happens next")
    rationale = text("Reasons", "Enter the reasons for the triage decision", max_length=LONG)


DECISIONS = [(ReviewAction.CONFIRM.value, "Yes, the same person"), (ReviewAction.REJECT.value, "No, different people")]
REASON_REQUIRED = "Enter the reason for your decision"


class ReviewDecisionForm(forms.Form):
    decision = choice(DECISIONS, "Select whether these records are the same person")
    reason = text("Reason", REASON_REQUIRED, max_length=LONG)


TOGETHER = [
    (ReviewAction.CONFIRM.value, "Yes, the records of each pair are one person"),
    (ReviewAction.REJECT.value, "No, the records of each pair are two different people"),
]


class ReviewTogetherForm(forms.Form):
    """One decision, with one reason, for pairs that share the reason they were kept apart: the pairs shown."""

    decision = choice(TOGETHER, "Select whether the records of each pair are the same person")
    reason = text("Reason", REASON_REQUIRED, max_length=LONG)
    pairs = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        """The pairs the page showed, so that a pair added since is not decided unseen."""
        cleaned = super().clean() or {}
        parts = (cleaned.get("pairs") or "").split(",")
        if not all(part.isdigit() for part in parts if part):
            self.add_error("decision", "The list of pairs was not sent whole: open the page again")
        cleaned["pairs"] = [int(part) for part in parts if part.isdigit()]
        return cleaned


class SplitForm(forms.Form):
    """Which of a person's records belong to someone else."""

    records = forms.MultipleChoiceField(
        error_messages={
            "required": "Select the records that belong to someone else",
            "invalid_choice": "Select only records that belong to this person",
        }
    )
    split_reason = text("Reason", REASON_REQUIRED, max_length=LONG)

    def __init__(self, *args: Any, record_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        records = self.fields["records"]
        assert isinstance(records, forms.MultipleChoiceField)
        records.choices = record_choices


class MergeForm(forms.Form):
    other_person = forms.IntegerField(
        min_value=1,
        error_messages={
            "required": "Enter the id of the person to merge with",
            "invalid": "Enter the person's id as a whole number, like 1234",
            "min_value": "Enter the person's id as a whole number, like 1234",
        },
    )
    merge_reason = text("Reason", REASON_REQUIRED, max_length=LONG)


# --- MASH checks ------------------------------------------------------------------------------------------------


class RequestChecksForm(forms.Form):
    """Ask partner agencies about people on a referral or VIST: which agencies, about whom, what, and how soon."""

    agencies = forms.MultipleChoiceField(
        error_messages={"required": "Select the agencies to ask", "invalid_choice": "Select the agencies to ask"}
    )
    people = forms.MultipleChoiceField(
        error_messages={
            "required": "Select the people to ask about",
            "invalid_choice": "Select the people to ask about",
        }
    )
    question = text("Question", "Enter what you want to know from the agencies", max_length=LONG)
    priority = choice(RiskGrade.choices, "Select the priority: red, amber or green")

    def __init__(self, *args: Any, agencies: list[Any], people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency_choices = {str(a.pk): a for a in agencies}
        self.fields["agencies"].choices = [(str(a.pk), a.name) for a in agencies]  # type: ignore[attr-defined]
        self.fields["people"].choices = [(p.key, p.name) for p in people]  # type: ignore[attr-defined]

    def chosen_agencies(self) -> list[Any]:
        return [self.agency_choices[pk] for pk in self.cleaned_data["agencies"]]


ANSWER_CHOICES = [("answer", "Answer the check"), ("decline", "Decline: my agency cannot answer")]


class AnswerCheckForm(forms.Form):
    """An agency's answer to a MASH check: what it knows, the risks, the strengths and the child's voice; or why it
    cannot answer."""

    answer = choice(ANSWER_CHOICES, "Select whether your agency can answer")
    known = text("What your agency knows", max_length=LONG)
    risks = text("Risks", max_length=LONG)
    strengths = text("Strengths", max_length=LONG)
    child_voice = text("The child's voice", max_length=LONG)
    decline_reason = text("Why your agency cannot answer", max_length=LONG)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == "answer" and not (data.get("known") or "").strip():
            self.add_error("known", "Enter what your agency knows about the people asked about")
        if data.get("answer") == "decline" and not (data.get("decline_reason") or "").strip():
            self.add_error("decline_reason", "Enter why your agency cannot answer")
        return data
