"""The year's returns checked on today's data: a page for the analyst and the MASH manager (`reports.validation`),
and their home's way to it. The check runs when asked for (it takes some seconds); each child with something to fix
is opened through the access gate (audited), so the analyst sees the child's local authority child id and the MASH
manager the child's name with the way to their page, where the record is put right."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.matrix import Action
from frontdoor.access.permissions import requires
from frontdoor.access.role_permissions import role_grants
from frontdoor.access.selectors import LookLimitReached, NeedsBreakGlass, access_person
from frontdoor.core.forms import choice
from frontdoor.people.models import Person
from frontdoor.reports.cin_census_rows import DISABILITY
from frontdoor.reports.validation import ChildFindings, check_year, collection_year_of

PURPOSE = "Checking this year's statutory returns"


def _label(ending: int) -> str:
    return f"{ending - 1}-{ending % 100:02d}"


def _years() -> list[tuple[str, str]]:
    this = collection_year_of(timezone.localdate())
    return [
        (str(this), f"This year, 1 April {this - 1} to 31 March {this} ({_label(this)})"),
        (str(this - 1), f"Last year, 1 April {this - 2} to 31 March {this - 1} ({_label(this - 1)})"),
    ]


class CheckForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = choice(_years(), "Select the year to check")


@dataclass(frozen=True)
class ShownChild:
    findings: ChildFindings
    name: str  # "" when the viewer's access does not show it
    person_id: int | None  # set when the viewer may open the child's page
    reason_needed: bool = False  # the page opens only with the viewer's reason (break glass)
    discussions: tuple[str, ...] = ()  # strategy discussions the viewer may open, where an enquiry is put right


def _shown(actor: Actor, children: list[ChildFindings]) -> tuple[list[ShownChild], bool]:
    shown, stopped = [], False
    for c in children:
        if c.person_id is None or stopped:
            shown.append(ShownChild(c, "", None))
            continue
        try:
            seen = access_person(actor, c.person_id, PURPOSE)
        except LookLimitReached:
            stopped = True
            shown.append(ShownChild(c, "", None))
            continue
        except NeedsBreakGlass:
            shown.append(ShownChild(c, "", c.person_id, reason_needed=True))
            continue
        except (PermissionDenied, Person.DoesNotExist):
            shown.append(ShownChild(c, "", None))
            continue
        if seen.may("identity", Action.VIEW_SUMMARY):
            opens = c.about_enquiries and role_grants(actor.role, "mash.strategy.view")
            shown.append(
                ShownChild(c, seen.person.display_name, c.person_id, False, tuple(c.discussions) if opens else ())
            )
        else:
            shown.append(ShownChild(c, "", None))
    return shown, stopped


@requires("reports.validation")
def check(request: HttpRequest) -> HttpResponse:
    asked = "year" in request.GET
    form = CheckForm(request.GET if asked else {"year": _years()[0][0]})
    context: dict[str, Any] = {"form": form, "check": None}
    if asked and form.is_valid():
        actor = Actor.from_request(request)
        result = check_year(actor, int(form.cleaned_data["year"]))
        children, stopped = _shown(actor, result.children)
        # A finding a form on the child's record puts right links to it, for a role that may use the form.
        fixes = (
            {DISABILITY: ("singleview:disability", "Record the child's disability")}
            if role_grants(actor.role, "person.disability")
            else {}
        )
        context.update(check=result, children=children, stopped=stopped, fixes=fixes)
    return render(request, "reports/returns_check.html", context, status=400 if asked and not form.is_valid() else 200)


def home_validation(actor: Actor) -> dict[str, Any]:
    this = collection_year_of(timezone.localdate())
    return {"label": _label(this), "due": f"31 March {this}"}
