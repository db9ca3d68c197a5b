"""The Jinja2 environment for frontdoor's pages, with the GOV.UK Frontend macros.

The macros import each other as `govuk_frontend_jinja/...`, hence the PrefixLoader onto the package; undefined
values chain (as in Nunjucks) so optional macro parameters can be left out.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
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
from frontdoor.core.display import when
from frontdoor.core.registry import list_item_actions, list_navigation


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
    """The service navigation for the role the user is acting in: only what that role may open, from the links
    each capability registered (`core.registry.register_navigation`)."""
    role = getattr(request, "active_role", None)
    if role is None:
        return []
    items = []
    for link in list_navigation():
        if role_grants(role, link.permission):
            href = reverse(link.url_name)
            items.append({"href": href, "text": link.label, "active": request.path.startswith(href)})
    return items


def item_actions(request: Any, subject_type: str, subject_id: Any, people: Any) -> list[tuple[str, str]]:
    """What other capabilities offer to start from this item's page (`core.registry.register_item_action`), for the
    role the user is acting in; `people` are the (person id, name) of the children the page shows."""
    return list_item_actions(getattr(request, "active_role", None), subject_type, str(subject_id), people)


def date_gb(day: date | datetime | None) -> str:
    """ "3 December 2026"; a moment is taken in UK time first, so a late evening in summer keeps its date."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = timezone.localtime(day) if timezone.is_aware(day) else day
    return f"{day.day} {day:%B %Y}"


def in_words(value: Any) -> str:
    """A stored value as a person reads it: a moment or a date in words, yes or no for a flag."""
    if isinstance(value, datetime):
        return when(value)
    if isinstance(value, date):
        return date_gb(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return "" if value is None else str(value)


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
            "item_actions": item_actions,
            "service_name": settings.FRONTDOOR_SERVICE_NAME,
            "partnership_name": settings.FRONTDOOR_PARTNERSHIP_NAME,
            "phase": settings.FRONTDOOR_PHASE,
        }
    )
    env.globals["when"] = when
    env.filters["date_gb"] = date_gb
    env.filters["words"] = in_words
    return env
