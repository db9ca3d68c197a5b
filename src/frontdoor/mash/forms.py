"""The MASH's forms: the decision on a referral, a VIST's triage, and the identity review's decisions."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.core.forms import LONG, choice, text
from frontdoor.linkage.models import ReviewAction
from frontdoor.mash.models import Outcome, VistOutcome


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
