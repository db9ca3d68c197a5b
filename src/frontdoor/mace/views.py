"""The MACE workspace's pages: the children listed with their level and trend, persons of concern and places with
their counts over time, the network (a picture drawn by Cytoscape.js from `network_data`, and the same network as a
table that needs no script), intelligence, and disruption actions. The monthly meeting's pages are in
`views_meeting`.

Views are thin: reads in `selectors` (a list naming children is one audited look; the network reads each child
through the access gate), writes in `services`. Every page is for cleared roles only (`mace.view`, `mace.manage`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.display import when
from frontdoor.exploitation import rules
from frontdoor.mace import selectors, services
from frontdoor.mace.forms import ActionForm, CompleteForm, FilterForm, IntelligenceForm
from frontdoor.mace.models import DisruptionAction, Entity, EntityKind
from frontdoor.mace.network import KIND_WORDS, Network
from frontdoor.people.models import Person


def _common(request: HttpRequest) -> dict[str, Any]:
    filters = FilterForm(request.GET or None)
    period, level = filters.values()
    return {
        "filters": filters,
        "period": period,
        "level": level,
        "period_words": selectors.PERIODS[period],
        "since": selectors.since_for(period),
        "level_words": rules.LEVEL_WORDS,
        "kind_words": KIND_WORDS,
        "when": when,
        "now": timezone.now(),
        "may_manage": role_grants(getattr(request, "active_role", None), "mace.manage"),
    }


@requires("mace.view")
def children(request: HttpRequest) -> HttpResponse:
    """Children listed for MACE: their level and trend, last screening, rescreen due, missing episodes."""
    context = _common(request)
    selectors.record_list_look(Actor.from_request(request), "MACE children at risk")
    rows = selectors.list_children_at_risk(context["since"], context["level"])
    return render(request, "mace/children.html", {"rows": rows, **context})


@requires("mace.view")
def entities(request: HttpRequest) -> HttpResponse:
    """Persons of concern, places, vehicles and phones linked with children, with their counts over time."""
    context = _common(request)
    selectors.record_list_look(Actor.from_request(request), "MACE persons of concern and places")
    rows = selectors.list_entity_counts(context["since"])
    return render(request, "mace/entities.html", {"rows": rows, **context})


def describe(net: Network) -> str:
    """The picture in words, for those who cannot see it."""
    kinds = Counter(node.kind for node in net.nodes.values())
    if not net.nodes:
        return "The picture is empty: no child listed for MACE, or named in intelligence, is linked in this period."
    parts = [f"{kinds[k]} {KIND_WORDS[k].lower()}{'' if kinds[k] == 1 else 's'}" for k in KIND_WORDS if kinds[k]]
    said = f"The picture shows {', '.join(parts[:-1]) + ' and ' + parts[-1] if len(parts) > 1 else parts[0]}"
    said = said.replace("persons of concerns", "persons of concern").replace("childs", "children")
    said += f", joined by {len(net.links)} {'link' if len(net.links) == 1 else 'links'}."
    reach: Counter[str] = Counter()
    for entity in net.entities():
        reach[entity.id] = len({link.child for link in net.links_of(entity.id)})
    shared = [(n, reach[n.id]) for n in net.entities() if reach[n.id] > 1]
    if shared:
        shared.sort(key=lambda pair: (-pair[1], pair[0].label))
        said += (
            " Linked with more than one child: "
            + "; ".join(f"{node.label} ({KIND_WORDS[node.kind].lower()}, {count} children)" for node, count in shared)
            + "."
        )
    return said


@requires("mace.view")
def network_page(request: HttpRequest) -> HttpResponse:
    """The network as a picture to explore (drawn in the browser from `network_data`) and as a table beneath it."""
    context = _common(request)
    net = selectors.network_for(Actor.from_request(request), context["since"], context["level"])
    query = request.GET.urlencode()
    data_url = reverse("mace:network_data") + (f"?{query}" if query else "")
    return render(
        request, "mace/network.html", {"net": net, "description": describe(net), "data_url": data_url, **context}
    )


@requires("mace.view")
def network_data(request: HttpRequest) -> JsonResponse:
    """The network as Cytoscape.js elements: each child read through the access gate (audited)."""
    filters = FilterForm(request.GET or None)
    if request.GET and not filters.is_valid():
        field = next(iter(filters.errors))
        return JsonResponse({"error": {"field": field, "message": f"{field} is not one of the choices"}}, status=400)
    period, level = filters.values()
    net = selectors.network_for(Actor.from_request(request), selectors.since_for(period), level)
    nodes = [
        {
            "data": {
                "id": n.id,
                "label": n.label,
                "kind": n.kind,
                "kind_words": KIND_WORDS[n.kind],
                "level": rules.LEVEL_WORDS.get(n.level, "") if n.level else "",
            }
        }
        for n in list(net.children()) + net.entities()
    ]
    edges = [
        {
            "data": {
                "id": f"link-{i}",
                "source": link.child,
                "target": link.entity,
                "how": link.how,
                "when": link.when.strftime("%-d %B %Y"),
            }
        }
        for i, link in enumerate(net.links, start=1)
    ]
    return JsonResponse(
        {"elements": {"nodes": nodes, "edges": edges}, "withheld": net.withheld, "description": describe(net)}
    )


def _children_choices() -> list[tuple[int, str]]:
    return [
        (row.listing.person_id, row.listing.person.display_name)
        for row in selectors.list_children_at_risk(selectors.since_for("365"))
    ]


@requires("mace.view")
def intelligence(request: HttpRequest) -> HttpResponse:
    context = _common(request)
    selectors.record_list_look(Actor.from_request(request), "MACE intelligence")
    return render(
        request, "mace/intelligence.html", {"found": selectors.list_intelligence(context["since"]), **context}
    )


@requires("mace.manage")
@require_http_methods(["GET", "POST"])
def new_intelligence(request: HttpRequest) -> HttpResponse:
    """Record a piece of intelligence: graded 3x5x2, linking children with persons, places, vehicles and phones."""
    actor = Actor.from_request(request)
    choices = _children_choices()
    form = IntelligenceForm(request.POST or None, children=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        intel = services.record_intelligence(
            services.IntelligenceData(
                received_on=data["received"],
                summary=data["summary"],
                source_evaluation=data["source_evaluation"],
                assessment=data["assessment"],
                handling=data["handling"],
                handling_conditions=data["handling_conditions"],
                children=list(Person.objects.filter(pk__in=[int(pk) for pk in data["children"]])),
                entities=form.entities(),
            ),
            actor=actor,
        )
        messages.success(request, f"Intelligence recorded, graded {intel.grading}.")
        return redirect("mace:intelligence")
    return render(request, "mace/new_intelligence.html", {"form": form, "choices": choices, **_common(request)})


@requires("mace.view")
def actions(request: HttpRequest) -> HttpResponse:
    selectors.record_list_look(Actor.from_request(request), "MACE disruption actions")
    return render(request, "mace/actions.html", {"found": selectors.list_actions(), **_common(request)})


def _about_choices() -> list[tuple[str, str]]:
    return [
        (str(e.pk), f"{e.label} ({e.get_kind_display().lower()})") for e in Entity.objects.order_by("kind", "label")
    ]


@requires("mace.manage")
@require_http_methods(["GET", "POST"])
def new_action(request: HttpRequest) -> HttpResponse:
    """Agree a disruption action with its owner; its clock starts."""
    actor = Actor.from_request(request)
    form = ActionForm(
        request.POST or None,
        owners=selectors.list_owners(),
        about=_about_choices(),
        initial={"about": request.GET.get("about", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        owner = next(u for u in selectors.list_owners() if str(u.pk) == data["owner"])
        entity = Entity.objects.filter(pk=int(data["about"])).first() if data["about"] else None
        action = services.agree_action(services.ActionData(data["what"], owner, entity=entity), actor=actor)
        messages.success(request, f"Disruption action agreed: due by {when(action.due_at)}.")
        return redirect("mace:action", action.pk)
    days = settings.FRONTDOOR_MACE_DISRUPTION_DAYS
    return render(request, "mace/new_action.html", {"form": form, "disruption_days": days, **_common(request)})


@requires("mace.view")
@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, action_id: int) -> HttpResponse:
    """One disruption action, its clock, and (for those who work the workspace) its completion with the outcome."""
    try:
        found = selectors.get_action(action_id)
    except DisruptionAction.DoesNotExist:
        raise Http404("no such action") from None
    context = _common(request)
    form = CompleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not context["may_manage"]:
            raise PermissionDenied("mace.manage")
        if form.is_valid():
            try:
                services.complete_action(found, form.cleaned_data["outcome"], actor=Actor.from_request(request))
            except services.MaceRefused as refused:
                form.add_error("outcome", str(refused))
            else:
                messages.success(request, "Disruption action completed.")
                return redirect("mace:action", found.pk)
    selectors.record_list_look(Actor.from_request(request), f"MACE disruption action {found.pk}")
    return render(
        request, "mace/action.html", {"a": found, "form": form, "entity_kinds": dict(EntityKind.choices), **context}
    )
