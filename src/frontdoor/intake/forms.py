"""The MARF's questions, one form per page.

Each page's answers are kept in the draft exactly as typed (see `frontdoor.intake.drafts`), valid or not, so
nothing is lost; these forms turn them into clean values, with a specific message beside each field when they
cannot. Messages follow the GOV.UK Design System's wording.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from frontdoor.core.forms import (
    LONG,
    SHORT,
    YES_NO,
    DateField,
    DateParts,
    YesNoField,
    choice,
    nhs_number_answer,
    postcode_answer,
    text,
    upn_answer,
    yes_no,
)
from frontdoor.intake.models import ConsentStatus, LevelOfNeed
from frontdoor.intake.services.referrals import consent_problem
from frontdoor.people.models import Sex

OLDEST_CHILD_YEARS = 25  # care leavers and young people with SEND are supported to 25
DELIVERY_WINDOW_MONTHS = 10

# The same codes as the partner API's presenting issues, with the words a practitioner would use.
PRESENTING_ISSUES = [
    ("domestic_abuse", "Domestic abuse"),
    ("parental_mental_health", "Parental mental health"),
    ("parental_substance_misuse", "Parental substance misuse"),
    ("parental_learning_disability", "Parental learning disability"),
    ("neglect", "Neglect"),
    ("physical_abuse", "Physical abuse"),
    ("sexual_abuse", "Sexual abuse"),
    ("emotional_abuse", "Emotional abuse"),
    ("exploitation", "Exploitation"),
    ("missing", "Missing episodes"),
    ("school_attendance", "School attendance"),
    ("crime_or_antisocial_behaviour", "Crime or antisocial behaviour"),
    ("other", "Other"),
]


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class DraftForm(forms.Form):
    """A page of the MARF. Its raw answers (`raw_from`) are what the draft keeps."""

    # Fields that only apply when another answer reveals them: {field: (controlling field, value)}.
    conditional: ClassVar[dict[str, tuple[str, str]]] = {}
    # Answers that only choose which questions to ask ("has the child been born?"), not stored as they are.
    steering: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def raw_from(cls, data: Any) -> dict[str, Any]:
        """This page's answers from a POST, exactly as typed (lists for checkboxes), and nothing else."""
        raw: dict[str, Any] = {}
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.MultipleChoiceField):
                raw[name] = [str(v)[:SHORT] for v in data.getlist(name)][: len(field.choices)]  # type: ignore[arg-type]
            elif isinstance(field, DateField):
                for suffix in DateParts.SUFFIXES:
                    raw[name + suffix] = str(data.get(name + suffix, ""))[:SHORT]
            else:
                raw[name] = str(data.get(name, ""))[:LONG]
        return raw

    @classmethod
    def for_display(cls, raw: dict[str, Any], **kwargs: Any) -> DraftForm:
        """An unbound form showing the saved answers (no errors until the page is sent)."""
        initial: dict[str, Any] = {}
        for name, field in cls.base_fields.items():
            if isinstance(field, DateField):
                initial[name] = [raw.get(name + suffix, "") for suffix in DateParts.SUFFIXES]
            else:
                initial[name] = raw.get(name, [] if isinstance(field, forms.MultipleChoiceField) else "")
        return cls(initial=initial, **kwargs)

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        for name, (controller, value) in self.conditional.items():
            if self.data.get(controller) != value:
                # A follow-up question hidden by the answer chosen does not count: forget it, and any error in it.
                self.errors.pop(name, None)
                self.cleaned_data[name] = None if isinstance(self.fields[name], DateField) else ""

    def values(self) -> dict[str, Any]:
        """The clean answers, named as the fields of ReferralData, ChildData or AdultData (yes/no as booleans),
        leaving out the answers that only choose which questions to ask."""
        return {
            name: value == "yes" if isinstance(self.fields[name], YesNoField) else value
            for name, value in self.cleaned_data.items()
            if name not in self.steering
        }

    def require(self, name: str, message: str) -> None:
        if name not in self.errors and not self.cleaned_data.get(name):
            self.add_error(name, message)


class ReferrerForm(DraftForm):
    referrer_name = text("Your name", "Enter your full name")
    referrer_role = text("Your role", "Enter your role or job title")
    referrer_phone = text("Phone number", "Enter a phone number the MASH can call you on", max_length=40)
    referrer_email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter your secure email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    referrer_relationship = text(
        "Relationship to the child", "Enter your relationship to the child, like class teacher or health visitor"
    )
    share_identity = yes_no("Select yes if the family may be told who made this referral")

    def clean_referrer_phone(self) -> str:
        phone = self.cleaned_data["referrer_phone"].strip()
        if not re.fullmatch(r"\+?[0-9 ()-]+", phone) or len(re.sub(r"\D", "", phone)) < 10:
            raise ValidationError("Enter a telephone number, like 01632 960 001 or +44 808 157 0192")
        return phone

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["referrer_confidential"] = not values.pop("share_identity")  # asked the other way round
        return values


class ChildForm(DraftForm):
    conditional = {"date_of_birth": ("born", "yes"), "expected_date_of_delivery": ("born", "no")}
    steering = ("born",)

    first_name = text("First name")
    last_name = text("Last name", "Enter the child's last name, or the mother's if the baby is not born yet")
    other_names = text("Other names")
    born = yes_no("Select yes if the child has been born")
    date_of_birth = DateField("Date of birth")
    expected_date_of_delivery = DateField("Expected date of delivery")
    sex = choice(Sex.choices, "Select the child's sex, or unknown")
    nhs_number = text("NHS number", max_length=20)
    upn = text("Unique pupil number", max_length=20)
    address = text("Address", max_length=300)
    postcode = text("Postcode", max_length=10)
    school = text("School or nursery")
    gp = text("GP")
    needs = text("Needs, disability or health", max_length=LONG)
    first_language = text("First language", max_length=100)
    interpreter_needed = yes_no("Select yes if the child needs an interpreter")

    def clean_nhs_number(self) -> str:
        return nhs_number_answer(self.cleaned_data["nhs_number"])

    def clean_upn(self) -> str:
        return upn_answer(self.cleaned_data["upn"])

    def clean_postcode(self) -> str:
        return postcode_answer(self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        if data.get("born") == "yes":
            self.require("first_name", "Enter the child's first name")
            self.require("date_of_birth", "Enter the child's date of birth")
            born = data.get("date_of_birth")
            if born and born > today:
                self.add_error("date_of_birth", "Date of birth must be today or in the past")
            elif born and born < add_months(today, -12 * OLDEST_CHILD_YEARS):
                self.add_error(
                    "date_of_birth", f"Date of birth must be within the last {OLDEST_CHILD_YEARS} years: check it"
                )
        elif data.get("born") == "no":
            self.require("expected_date_of_delivery", "Enter the expected date of delivery")
            due = data.get("expected_date_of_delivery")
            if due and due < today:
                self.add_error("expected_date_of_delivery", "Expected date of delivery must be today or in the future")
            elif due and due > add_months(today, DELIVERY_WINDOW_MONTHS):
                self.add_error(
                    "expected_date_of_delivery",
                    f"Expected date of delivery must be within the next {DELIVERY_WINDOW_MONTHS} months",
                )
        return data


def is_unborn(details: dict[str, Any]) -> bool:
    """The child's details page, as typed, says the child is not born yet."""
    return details.get("born") == "no"


class ChildWishesForm(DraftForm):
    """That child's own wishes and feelings, or why they could not be obtained: every child, separately.

    An unborn baby cannot say what they want: for them the same fields hold the parents' views and wishes (the
    expectant mother's and, where known, the father's), or why those could not be obtained."""

    conditional = {
        "wishes_and_feelings": ("voice", "obtained"),
        "wishes_not_obtained_reason": ("voice", "not_obtained"),
    }
    steering = ("voice",)

    voice = forms.ChoiceField(choices=[("obtained", "Yes"), ("not_obtained", "No")])
    wishes_and_feelings = text("Wishes and feelings", max_length=LONG)
    wishes_not_obtained_reason = text("Why they could not be obtained", max_length=LONG)

    def __init__(self, *args: Any, child_name: str = "", unborn: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child_name = child_name or "the child"
        self.unborn = unborn
        if unborn:
            message = (
                "Select yes if you know the parents' views and wishes about the baby, or no if you could not find out"
            )
        else:
            message = (
                f"Select yes if you know {self.child_name}'s own wishes and feelings, or no if you could not find out"
            )
        self.fields["voice"].error_messages.update({"required": message, "invalid_choice": message})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("voice") == "obtained":
            self.require(
                "wishes_and_feelings",
                "Enter the parents' views and wishes about the baby"
                if self.unborn
                else f"Enter {self.child_name}'s own wishes and feelings",
            )
        elif data.get("voice") == "not_obtained":
            self.require(
                "wishes_not_obtained_reason",
                "Enter why the parents' views and wishes could not be obtained"
                if self.unborn
                else f"Enter why {self.child_name}'s wishes and feelings could not be obtained",
            )
        return data


class AdultForm(DraftForm):
    name = text("Full name", "Enter the adult's full name")
    previous_names = text("Previous surnames", max_length=200)
    relationship = text("Relationship", "Enter their relationship to the children, like mother or stepfather")
    date_of_birth = DateField("Date of birth")
    address = text("Address", max_length=300)
    postcode = text("Postcode", max_length=10)
    phone = text("Phone number", max_length=40)
    parental_responsibility = yes_no("Select yes if they have parental responsibility")
    lives_with_child = yes_no("Select yes if they live with the children")

    clean_postcode = ChildForm.clean_postcode

    def clean_date_of_birth(self) -> date | None:
        born = self.cleaned_data["date_of_birth"]
        if born and born >= timezone.localdate():
            raise ValidationError("Date of birth must be in the past")
        return born


class ConcernForm(DraftForm):
    concern = text("What worries you", "Enter what worries you about the child or children", max_length=LONG)
    first_hand = text("What you saw or heard yourself", max_length=LONG)
    third_party = text("What others told you", max_length=LONG)


class IssuesForm(DraftForm):
    presenting_issues = forms.MultipleChoiceField(
        choices=PRESENTING_ISSUES,
        error_messages={
            "required": "Select the presenting issues, or select other",
            "invalid_choice": "Select the presenting issues from the list",
        },
    )
    risks = text("Risks", max_length=LONG)
    strengths = text("Strengths", max_length=LONG)
    previous_support = text("Previous support", max_length=LONG)


class LevelForm(DraftForm):
    level_of_need = forms.TypedChoiceField(
        coerce=int,
        choices=[(str(value), label) for value, label in LevelOfNeed.choices],
        error_messages={"required": "Select the level of need", "invalid_choice": "Select the level of need"},
    )


class ConsentForm(DraftForm):
    conditional = {
        "consent_given_by": ("consent", ConsentStatus.GIVEN),
        "consent_covers": ("consent", ConsentStatus.GIVEN),
        "not_sought_reason": ("consent", ConsentStatus.NOT_SOUGHT),
        "dispensed_rationale": ("consent", ConsentStatus.DISPENSED),
        "parents_not_informed_reason": ("parents_informed", "no"),
    }

    consent = choice(ConsentStatus.choices, "Select whether the family consented to this referral")
    consent_given_by = text("Who gave consent")
    consent_covers = text("Whose information the consent covers", max_length=300)
    not_sought_reason = text("Why consent was not sought", max_length=LONG)
    dispensed_rationale = text("Why consent was dispensed with", max_length=LONG)
    parents_informed = yes_no("Select yes if the parents or carers know about this referral")
    parents_not_informed_reason = text("Why the parents or carers have not been told", max_length=LONG)

    def __init__(self, *args: Any, level: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.level = level

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        consent = data.get("consent")
        if consent == ConsentStatus.GIVEN:
            self.require("consent_given_by", "Enter who gave consent")
            self.require("consent_covers", "Enter whose information the consent covers")
        elif consent == ConsentStatus.NOT_SOUGHT:
            self.require("not_sought_reason", "Enter why consent was not sought")
        elif consent == ConsentStatus.DISPENSED:
            self.require("dispensed_rationale", "Enter why the risk of significant harm means consent was not needed")
        problem = consent_problem(self.level, consent)
        if problem:
            self.add_error("consent", problem)
        if data.get("parents_informed") == "no":
            self.require("parents_not_informed_reason", "Enter why the parents or carers have not been told")
        return data

    def values(self) -> dict[str, Any]:
        values = super().values()
        # Only the reason the chosen answer revealed is kept (see `conditional`), so at most one is not blank.
        reasons = (values.pop("not_sought_reason"), values.pop("dispensed_rationale"))
        values["consent_rationale"] = next((reason for reason in reasons if reason), "")
        return values


class YesNoForm(forms.Form):
    """One yes-or-no question: add another child, remove this adult."""

    answer = forms.ChoiceField(choices=YES_NO)

    def __init__(self, *args: Any, message: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer"].error_messages.update({"required": message, "invalid_choice": message})


# The pages whose answers belong to the referral as a whole, in the order the journey asks them.
SECTION_FORMS: dict[str, type[DraftForm]] = {
    "referrer": ReferrerForm,
    "concern": ConcernForm,
    "issues": IssuesForm,
    "level": LevelForm,
    "consent": ConsentForm,
}
# The pages about one child or one adult in the referral.
ITEM_FORMS: dict[str, dict[str, type[DraftForm]]] = {
    "children": {"details": ChildForm, "wishes": ChildWishesForm},
    "adults": {"details": AdultForm},
}
