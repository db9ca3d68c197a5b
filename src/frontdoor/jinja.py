"""The Jinja2 environment for frontdoor's pages, with the GOV.UK Frontend macros.

The macros import each other as `govuk_frontend_jinja/...`, hence the PrefixLoader onto the package; undefined
values chain (as in Nunjucks) so optional macro parameters can be left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
)

from frontdoor.access.role_permissions import role_grants
from frontdoor.access.roles import Role

# The service navigation: (label, URL name, the permission that shows it), in the order a user reads them.
NAVIGATION = (
    ("Triage queue", "mash:queue", "mash.triage"),
    ("Find a person", "singleview:search", "person.search"),
    ("Identity review", "mash:review", "linkage.review"),
    ("My referrals", "intake:mine", "referral.submit"),
    ("Break-glass reviews", "access:break-glass-list", "access.review"),
    ("Unusual access", "access:reviews", "audit.view"),
    ("Access policy", "access:policy", "access.policy.view"),
)


def _template_dirs() -> list[str]:
    dirs = [str(Path(settings.PACKAGE_DIR) / "templates")]
    for config in apps.get_app_configs():
        if config.name.startswith("frontdoor."):
            candidate = Path(config.path) / "templates"
            if candidate.is_dir():
                dirs.append(str(candidate))
    return dirs


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def navigation(request: Any) -> list[dict[str, Any]]:
    """The service navigation for the role the user is acting in: only what that role may open."""
    role = getattr(request, "active_role", None)
    if role is None:
        return []
    items = []
    for label, name, permission in NAVIGATION:
        if role_grants(role, permission):
            href = reverse(name)
            items.append({"href": href, "text": label, "active": request.path.startswith(href)})
    return items


def role_label(role: str | None) -> str:
    try:
        return Role(role).label if role else ""
    except ValueError:
        return str(role)


def environment(**options: Any) -> Environment:
    options.pop("loader", None)
    options["undefined"] = ChainableUndefined
    options.pop("autoescape", None)
    env = Environment(
        autoescape=True,
        loader=ChoiceLoader(
            [
                FileSystemLoader(_template_dirs()),
                PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
            ]
        ),
        extensions=["jinja2.ext.do"],
        **options,
    )
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_messages": messages.get_messages,
            "role_label": role_label,
            "navigation": navigation,
            "service_name": settings.FRONTDOOR_SERVICE_NAME,
            "partnership_name": settings.FRONTDOOR_PARTNERSHIP_NAME,
            "phase": settings.FRONTDOOR_PHASE,
        }
    )
    env.filters["date_gb"] = lambda d: d.strftime("%-d %B %Y") if d else ""
    return env
