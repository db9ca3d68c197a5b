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


class ChooseRoleForm(forms.Form):
    role = forms.ChoiceField(error_messages={"required": "Choose the role you are acting in"})

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        role_field = cast(forms.ChoiceField, self.fields["role"])
        role_field.choices = [(r, Role(r).label) for r in roles]
