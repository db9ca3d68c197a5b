"""The emergency duty team's contact form, and the MASH's note when it picks a hand-over up."""

from __future__ import annotations

from django import forms

from frontdoor.core.forms import LONG, DateField, choice, text
from frontdoor.intake.models import RiskGrade


class ContactForm(forms.Form):
    first_name = text("First name", "Enter the child's first name", max_length=100)
    last_name = text("Last name", "Enter the child's last name", max_length=100)
    date_of_birth = DateField("Date of birth")
    what_happened = text("What happened", "Enter what happened", max_length=LONG)
    action_taken = text("The action taken", "Enter what the emergency duty team did", max_length=LONG)
    priority = choice(RiskGrade.choices, "Select how urgently the MASH should follow it up")


class PickUpForm(forms.Form):
    note = text("What the MASH will do", "Enter what the MASH will do", max_length=LONG)
