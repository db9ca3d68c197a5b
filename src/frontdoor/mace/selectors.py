"""Reads of the MACE workspace. A list naming children is one audited look (`record_list_look`); the network reads
every child it shows through the access gate (`access_person`, audited), and leaves out, and counts, any child the
viewer may not see there. `list_` reads are in a stable order."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.access.role_permissions import PERMISSIONS
from frontdoor.access.selectors import access_person, active_users_with_role
from frontdoor.exploitation import rules
from frontdoor.exploitation.models import MaceListing, Screening
from frontdoor.mace import network
from frontdoor.mace.models import ACTION_SUBJECT, DisruptionAction, Intelligence, Meeting, MeetingItem
from frontdoor.missing.models import Episode, EpisodeStatus
from frontdoor.people.models import Person

CATEGORY = "exploitation"  # what the policy must give a role for it to see a child in the MACE picture
PERIODS = {"30": "The last 30 days", "90": "The last 3 months", "365": "The last year"}
DEFAULT_PERIOD = "90"


def since_for(period: str) -> date:
    return timezone.localdate() - timedelta(days=int(period if period in PERIODS else DEFAULT_PERIOD))


def record_list_look(actor: Actor, purpose: str) -> None:
    """A list naming children is a read of their data: one audit row for the look."""
    with transaction.atomic():
        record_access(actor, None, action="view_mace_workspace", purpose=purpose, outcome=AuditOutcome.ALLOWED)


@dataclass
class ChildAtRisk:
    listing: MaceListing
    level: str
    trend: str
    last_screened: datetime | None
    rescreen_by: datetime | None
    rescreen_missed: bool
    open_episodes: int
    episodes_in_period: int


def list_children_at_risk(since: date, level: str = "") -> list[ChildAtRisk]:
    """Each child listed for MACE (at `level`, if given) with their trend and episodes, high risk first."""
    now = timezone.now()
    rows = []
    for listing in MaceListing.objects.filter(closed_on__isnull=True).select_related("person"):
        screenings = list(Screening.objects.filter(person_id=listing.person_id).order_by("screened_at", "id"))
        current = screenings[-1] if screenings else None
        current_level = current.level if current else listing.level
        if level and current_level != level:
            continue
        previous = screenings[-2].level if len(screenings) > 1 else None
        episodes = Episode.objects.filter(person_id=listing.person_id)
        rescreen = current.rescreen_by if current else None
        rows.append(
            ChildAtRisk(
                listing,
                current_level,
                rules.trend(previous, current_level),
                current.screened_at if current else None,
                rescreen,
                bool(rescreen and rescreen < now),
                episodes.filter(status=EpisodeStatus.OPEN).count(),
                episodes.filter(went_missing_at__date__gte=since).count(),
            )
        )
    return sorted(rows, key=lambda r: (-rules.LEVELS.index(r.level), r.listing.listed_on, r.listing.pk))


def network_for(actor: Actor, since: date, level: str = "") -> network.Network:
    """The network the viewer may see: each child read through the access gate (audited); a child whose
    exploitation data the viewer may not see is left out with their links, and counted in `withheld`."""
    record_list_look(actor, "MACE network")  # the look itself, whoever is in it
    shown: dict[int, tuple[str, str]] = {}
    withheld = 0
    for person_id, child_level in sorted(network.candidate_children(since, level).items()):
        try:
            access = access_person(actor, person_id, purpose="MACE network")
        except (PermissionDenied, Person.DoesNotExist):
            withheld += 1
            continue
        if not access.may(CATEGORY):
            withheld += 1
            continue
        shown[person_id] = (access.person.display_name, child_level)
    built = network.build(shown, since)
    built.withheld = withheld
    return built


@dataclass
class EntityCount:
    node: network.Node
    children: int
    intelligence: int
    episodes: int
    plans: int
    children_before: int  # in the period of the same length before this one

    @property
    def change(self) -> str:
        if self.children > self.children_before:
            return f"Up from {self.children_before}"
        if self.children < self.children_before:
            return f"Down from {self.children_before}"
        return "Same as before"


def _counts(links: list[network.Link]) -> dict[str, dict[str, set[str]]]:
    counted: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for link in links:
        counted[link.entity]["children"].add(link.child)
        kind = link.source.split(":")[0]
        counted[link.entity][kind].add(link.source)
    return counted


def list_entity_counts(since: date, until: date | None = None) -> list[EntityCount]:
    """Each person of concern, place, vehicle and phone linked with a child in the period, with how many children,
    pieces of intelligence, missing episodes and trigger plans link them, and the children linked the period before.
    Counts only: no child is named, so the caller records one list look."""
    until = until or timezone.localdate()
    length = (until - since).days
    children = {pk: ("", lvl) for pk, lvl in network.candidate_children(since).items()}
    now_net = network.build(children, since, until)
    before_since = since - timedelta(days=length)
    before_children = {pk: ("", lvl) for pk, lvl in network.candidate_children(before_since).items()}
    before_net = network.build(before_children, before_since, since - timedelta(days=1))
    before_by_label = {(n.kind, n.label.lower()): n.id for n in before_net.entities()}
    before_counts = _counts(before_net.links)
    counts = _counts(now_net.links)
    rows = []
    for node in now_net.entities():
        c = counts.get(node.id, {})
        previous = before_by_label.get((node.kind, node.label.lower()))
        rows.append(
            EntityCount(
                node,
                len(c.get("children", ())),
                len(c.get("intelligence", ())),
                len(c.get("episode", ())),
                len(c.get("plan", ())),
                len(before_counts.get(previous, {}).get("children", ())) if previous else 0,
            )
        )
    return sorted(rows, key=lambda r: (-r.children, -r.intelligence, r.node.kind, r.node.label.lower()))


def list_intelligence(since: date) -> list[Intelligence]:
    return list(
        Intelligence.objects.filter(received_on__gte=since)
        .prefetch_related("children", "entities")
        .order_by("-received_on", "-id")
    )


def list_actions(*, open_only: bool = False) -> list[DisruptionAction]:
    """Disruption actions, open first and soonest due first, then the completed ones most recent first."""
    actions = DisruptionAction.objects.select_related("owner", "entity", "person")
    if open_only:
        actions = actions.filter(completed_at__isnull=True)
    found = list(actions)
    far = timezone.now() + timedelta(days=36500)
    return sorted(
        found,
        key=lambda a: (
            a.completed_at is not None,
            a.due_at or far,
            -(a.completed_at.timestamp() if a.completed_at else 0),
            a.pk,
        ),
    )


def get_action(action_id: int) -> DisruptionAction:
    return DisruptionAction.objects.select_related("owner", "entity", "person", "item__meeting").get(pk=action_id)


def list_meetings() -> list[Meeting]:
    return list(Meeting.objects.order_by("-held_on"))


def get_meeting(held_on: date) -> Meeting:
    return Meeting.objects.get(held_on=held_on)


def list_items(meeting: Meeting) -> list[MeetingItem]:
    return list(
        meeting.items.select_related("person", "decided_by").prefetch_related("actions__owner").order_by("position")
    )


def get_item(meeting: Meeting, item_id: int) -> MeetingItem:
    return meeting.items.select_related("person", "listing").get(pk=item_id)


@dataclass(frozen=True)
class Counts:
    listed: int
    high: int
    open_actions: int
    missed_actions: int


def count_work() -> Counts:
    now = timezone.now()
    open_actions = DisruptionAction.objects.filter(completed_at__isnull=True)
    listed = MaceListing.objects.filter(closed_on__isnull=True)
    return Counts(
        listed.count(),
        listed.filter(level="high").count(),
        open_actions.count(),
        open_actions.filter(due_at__lt=now).count(),
    )


def action_subjects(owner_id: int | None = None) -> list[tuple[str, str]]:
    open_actions = DisruptionAction.objects.filter(completed_at__isnull=True)
    if owner_id is not None:
        open_actions = open_actions.filter(owner_id=owner_id)
    return [(ACTION_SUBJECT, str(pk)) for pk in open_actions.values_list("pk", flat=True)]


def list_owners() -> list[User]:
    """Who may own a disruption action: every active holder of a role that works the MACE workspace, by name."""
    owners: dict[int, User] = {}
    for role in sorted(PERMISSIONS["mace.manage"]):
        for user in active_users_with_role(role):
            owners[user.pk] = user
    return sorted(owners.values(), key=lambda u: (u.get_full_name() or u.username, u.pk))
