from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from frontdoor.access.roles import Role


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been disabled. Ask your system administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        max_length=40,
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "max_length": "Enter the 6-digit code from your authenticator app, or a recovery code",
        },
    )


class ChooseRoleForm(forms.Form):
    role = forms.ChoiceField(
        error_messages={
            "required": "Choose the role you are acting in",
            "invalid_choice": "Choose one of the roles you hold",
        }
    )

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        role_field = cast(forms.ChoiceField, self.fields["role"])
        role_field.choices = [(r, Role(r).label) for r in roles]


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        max_length=2000,
        error_messages={
            "required": "Give your reason for seeing this record now",
            "max_length": "Give your reason in 2,000 characters or fewer",
        },
    )

    def __init__(self, *args, min_length: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.min_length = min_length

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < self.min_length:
            raise forms.ValidationError(f"Give a reason of at least {self.min_length} characters")
        return reason


class BreakGlassReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[("justified", "Justified"), ("referred", "Refer for investigation")],
        error_messages={"required": "Choose whether the access was justified or needs investigating"},
    )
    note = forms.CharField(required=False, max_length=2000)
