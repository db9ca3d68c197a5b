"""The child's page: the single view of one person, audited in the same transaction as the read."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.matrix import Action
from frontdoor.access.models import AuditOutcome
from frontdoor.access.permissions import requires
from frontdoor.access.responses import open_person
from frontdoor.access.role_permissions import role_grants
from frontdoor.people.consistent_identifier import consistent_identifier
from frontdoor.people.models import Person, PersonKind
from frontdoor.people.providers import list_person_actions
from frontdoor.singleview.disability import recorded_disability
from frontdoor.singleview.forms import SearchForm
from frontdoor.singleview.sar import compile_subject_access
from frontdoor.singleview.search import MAX_RESULTS, Criteria, search_people
from frontdoor.singleview.selectors import SYSTEM_CATEGORIES, age_on, build_single_view, systems_seen

CATEGORY_LABELS = {
    "csc": "Social care",
    "police": "Police",
    "acute_health": "Acute health",
    "community_health": "Community health",
    "maternity": "Maternity",
    "education": "Education",
    "early_help": "Early help",
    "sexual_health": "Sexual health",
    "referrals": "Referrals and decisions",
    "notes_voice": "Case notes and the voice of the child",
    "exploitation": "Exploitation screening",
    "identity": "Identity, addresses and household",
}
# What the flags at the top of the page cover, by data category, in the words of a sentence.
FLAG_AREAS = {
    "csc": "social care plans, placements or assessments",
    "early_help": "early help",
    "police": "missing episodes or domestic-abuse incidents",
    "education": "special educational needs",
}
SYSTEM_LABELS = {"health": "health", "education": "education", "csc": "children's social care",
                 "earlyhelp": "early help", "police": "the police"}  # fmt: skip


def _joined(words: list[str], last: str = "and") -> str:
    return f"{', '.join(words[:-1])} {last} {words[-1]}" if len(words) > 1 else "".join(words)


def _withheld(things: list[str], *, plural: bool | None = None) -> str:
    """The sentence that says what this role is not shown and whom to ask, the same whatever is held."""
    if not things:
        return ""
    many = len(things) > 1 if plural is None else plural
    said = _joined(things)
    return (
        f"{said[0].upper()}{said[1:]} {'are' if many else 'is'} not shown to your role. "
        f"If you need {'them' if many else 'it'}, contact {settings.FRONTDOOR_MASH_CONTACT}."
    )


@requires("home.view")  # every signed-in user may ask; the access policy decides what they see, and is audited
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    """The child's page, cut to what the user's role, agency and relationship with the child allow (access policy).
    Without a legitimate relationship a worker whose role may break glass is offered it."""
    actor = Actor.from_request(request)
    agency, category = request.GET.get("agency", ""), request.GET.get("category", "")
    access = open_person(request, actor, person_id, "the person's page")
    if isinstance(access, HttpResponse):
        return access
    full = set(access.full_categories)
    seen = full | set(access.summary_categories)
    if "identity" not in seen:
        # Pseudonymised or aggregate access only (analysts, the scrutineer): one named child is never for them.
        raise PermissionDenied("this role sees people only pseudonymised or in aggregate")
    identifier = consistent_identifier(access.person) if "identity" in full else None
    # A child's disability is social care's, as the children in need census codes it.
    disability = (
        recorded_disability(access.person) if "csc" in full and access.person.kind != PersonKind.ADULT else None
    )
    view = build_single_view(access.person, agency=agency, category=category, full=full, seen=seen)
    hidden = [c for c in access.actions if c not in seen]
    # What the page cannot show this role is said in the same words whether or not anything is held (CP-IS style).
    withheld_systems = [SYSTEM_LABELS[s] for s in SYSTEM_CATEGORIES if s not in systems_seen(seen)]
    not_shown = {
        "flags": _withheld([CATEGORY_LABELS.get(c, c).lower() for c in FLAG_AREAS if c not in seen]),
        "records": _withheld([f"records held by {_joined(withheld_systems)}"], plural=True) if withheld_systems else "",
        "chronology": _withheld([CATEGORY_LABELS.get(c, c).lower() for c in hidden if c != "identity"]),
        "front_door": _withheld(["the front door's referrals, deadlines and decisions"], plural=True),
    }
    return render(
        request,
        "singleview/person.html",
        {
            "view": view,
            "access": access,
            "full": full,
            "seen": seen,
            "hidden": hidden,
            "not_shown": not_shown,
            "flags_looked_for": _joined([area for c, area in FLAG_AREAS.items() if c in seen], "or"),
            "chronology_visible": bool(full - {"identity"}),
            "age": age_on(access.person.date_of_birth),
            "agency": agency,
            "category": category,
            "category_labels": CATEGORY_LABELS,
            "contact": settings.FRONTDOOR_MASH_CONTACT,
            "can_see_looks": role_grants(actor.role, "audit.person_looks"),
            "can_sar": role_grants(actor.role, "person.sar"),
            "person_actions": list_person_actions(actor.role, access.person.pk),
            "identifier": identifier,
            # Who holds the number is named only to a reader who may see every holder's records.
            "name_holders": identifier is not None and identifier.sources() <= systems_seen(seen),
            "can_record_absence": role_grants(actor.role, "person.nhs_number_absence"),
            "disability": disability,
            "can_record_disability": role_grants(actor.role, "person.disability") and access.may("csc", Action.EDIT),
        },
    )


@requires("person.search")
def search(request: HttpRequest) -> HttpResponse:
    """Find a person across every agency's records. The search, and each person it shows, are audited."""
    form = SearchForm(request.GET if request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        criteria = Criteria(**{k: v or "" for k, v in form.cleaned_data.items() if k != "date_of_birth"},
                            date_of_birth=form.cleaned_data["date_of_birth"])  # fmt: skip
        actor = Actor.from_request(request)
        with transaction.atomic():
            results = search_people(criteria)
            # What was searched for is named, not its values: the audit says who looked and what they saw.
            purpose = f"search by {', '.join(criteria.given())}: {len(results)} found"
            record_access(actor, None, action="search", purpose=purpose, outcome=AuditOutcome.ALLOWED)
            for result in results:
                record_access(
                    actor, result.person, action="search_result", purpose="search", outcome=AuditOutcome.ALLOWED
                )
    return render(
        request,
        "singleview/search.html",
        {"form": form, "results": results, "max_results": MAX_RESULTS, "today": timezone.localdate()},
    )


@requires("person.sar")
def subject_access(request: HttpRequest, person_id: int) -> HttpResponse:
    """Everything held about one person, with who has looked at it: HTML to read and print, or ?format=json."""
    actor = Actor.from_request(request)
    as_json = request.GET.get("format") == "json"
    with transaction.atomic():
        found = Person.objects.filter(pk=person_id).first()
        if found is None:
            raise Http404("no such person")
        record_access(
            actor,
            found,
            action="subject_access_request",
            purpose="subject access request (JSON)" if as_json else "subject access request",
            outcome=AuditOutcome.ALLOWED,
        )
        document = compile_subject_access(found)
    if as_json:
        response = JsonResponse(document, json_dumps_params={"indent": 2, "ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="subject-access-{found.pk}.json"'
        return response
    return render(request, "singleview/subject_access.html", {"doc": document, "person": found})
