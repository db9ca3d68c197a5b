"""The MACE network: children, persons of concern, places, vehicles and phones, and the links between them, each
link with how it is known and when. Reads only; the children are read through the access gate in `selectors`.

Where the links come from, for the children in the picture:
- intelligence a cleared user recorded (`Intelligence`: the entities it names, graded);
- missing children's return home interview findings (where the child was: places; with whom: persons of concern),
  and where a child was found, for episodes that began in the period;
- the child's trigger plan current at the period's end (its places, associates, vehicles and phones): what police
  act on, so it is in the picture however long ago it was made.
Which children: those listed for MACE (open listings, at the level asked for) and those intelligence in the period
names. A node's id never carries a name: a child is `child-<id>`, an entity `<kind>-<n>`, numbered as first met.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from frontdoor.exploitation.models import MaceListing, Screening
from frontdoor.mace.entities import key_for, split_names
from frontdoor.mace.models import Entity, EntityKind, Intelligence
from frontdoor.missing.models import Episode, InterviewFindings, TriggerPlan

CHILD = "child"
KIND_WORDS = {CHILD: "Child", **dict(EntityKind.choices)}


@dataclass(frozen=True)
class Link:
    child: str  # a child's node id
    entity: str  # an entity's node id
    how: str  # in words: "Return home interview: where the child was"
    when: date
    source: str  # "intelligence:4", "episode:12", "plan:3": what the link was read from, for counting


@dataclass
class Node:
    id: str
    kind: str
    label: str
    level: str = ""  # a child's current screening level
    person_id: int | None = None
    entity_id: int | None = None  # the Entity row, when the workspace knows it by name


@dataclass
class Network:
    since: date
    nodes: dict[str, Node] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    withheld: int = 0  # children the viewer may not see here; their links are left out

    def children(self) -> list[Node]:
        return sorted((n for n in self.nodes.values() if n.kind == CHILD), key=lambda n: n.label)

    def entities(self) -> list[Node]:
        return sorted((n for n in self.nodes.values() if n.kind != CHILD), key=lambda n: (n.kind, n.label.lower()))

    def links_of(self, node_id: str) -> list[Link]:
        return [link for link in self.links if node_id in (link.child, link.entity)]


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def candidate_children(since: date, level: str = "") -> dict[int, str]:
    """The children the picture is about, each with their current level ("" if never screened)."""
    listings = MaceListing.objects.filter(closed_on__isnull=True)
    ids = set(listings.values_list("person_id", flat=True))
    ids |= set(
        Intelligence.children.through.objects.filter(intelligence__received_on__gte=since).values_list(
            "person_id", flat=True
        )
    )
    current = dict(
        Screening.objects.filter(person_id__in=ids, superseded_at__isnull=True).values_list("person_id", "level")
    )
    levels = {pk: current.get(pk, "") for pk in ids}
    return {pk: lvl for pk, lvl in levels.items() if not level or lvl == level}


class _Builder:
    def __init__(self, since: date) -> None:
        self.network = Network(since)
        self.known = {(e.kind, e.key): e for e in Entity.objects.all()}
        self.ids: dict[tuple[str, str], str] = {}

    def entity(self, kind: str, label: str) -> str | None:
        key = key_for(kind, label)
        if not key:
            return None
        if (kind, key) not in self.ids:
            row = self.known.get((kind, key))
            node_id = f"{kind}-{len(self.ids) + 1}"
            self.ids[(kind, key)] = node_id
            self.network.nodes[node_id] = Node(
                node_id, kind, row.label if row else label, entity_id=row.pk if row else None
            )
        return self.ids[(kind, key)]

    def link(self, person_id: int | None, kind: str, label: str, how: str, when: date, source: str) -> None:
        if person_id is None:  # an episode no child was matched to
            return
        node = self.entity(kind, label)
        if node is not None:
            self.network.links.append(Link(f"child-{person_id}", node, how, when, source))


def build(children: dict[int, tuple[str, str]], since: date, until: date | None = None) -> Network:
    """The network of these children (id: (name, level)) from `since` (to `until`, today if not given)."""
    until = until or timezone.localdate()
    builder = _Builder(since)
    ids = list(children)
    for pk, (name, level) in children.items():
        builder.network.nodes[f"child-{pk}"] = Node(f"child-{pk}", CHILD, name, level, person_id=pk)
    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(until, time.max))
    intelligence = (
        Intelligence.objects.filter(received_on__gte=since, received_on__lte=until, children__in=ids)
        .distinct()
        .prefetch_related("children", "entities")
    )
    for intel in intelligence:
        how = f"Intelligence graded {intel.grading}"
        for child in intel.children.all():
            if child.pk in children:
                for entity in intel.entities.all():
                    builder.link(
                        child.pk, entity.kind, entity.label, how, intel.received_on, f"intelligence:{intel.pk}"
                    )
    findings = InterviewFindings.objects.filter(
        request__episode__person_id__in=ids, request__episode__went_missing_at__range=(start, end)
    ).select_related("request__episode")
    for found in findings:
        episode = found.request.episode
        when, source = _day(found.held_at), f"episode:{episode.pk}"
        for place in split_names(found.where):
            builder.link(
                episode.person_id, EntityKind.PLACE, place, "Return home interview: where the child was", when, source
            )
        for adult in split_names(found.with_whom):
            builder.link(
                episode.person_id,
                EntityKind.ADULT,
                adult,
                "Return home interview: who the child was with",
                when,
                source,
            )
    episodes = Episode.objects.filter(person_id__in=ids, went_missing_at__range=(start, end)).exclude(found_where="")
    for episode in episodes:
        when = _day(episode.ended_at or episode.went_missing_at)
        builder.link(
            episode.person_id,
            EntityKind.PLACE,
            episode.found_where,
            f"Missing episode {episode.reference}: where the child was found",
            when,
            f"episode:{episode.pk}",
        )
    plans: dict[int, TriggerPlan] = {}  # each child's plan current at the period's end
    for plan in TriggerPlan.objects.filter(person_id__in=ids, made_at__lte=end).order_by("person_id", "-version"):
        plans.setdefault(plan.person_id, plan)
    for plan in plans.values():
        when, source = _day(plan.made_at), f"plan:{plan.pk}"
        for kind, text in (
            (EntityKind.PLACE, plan.places),
            (EntityKind.ADULT, plan.associates),
            (EntityKind.VEHICLE, plan.vehicles),
            (EntityKind.PHONE, plan.phones),
        ):
            for name in split_names(text):
                builder.link(plan.person_id, kind, name, f"Trigger plan version {plan.version}", when, source)
    return builder.network
