"""Who a person lives with and is related to: the people whose agency records share an address with theirs, and
the relationships recorded between people, each from this person's side."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from frontdoor.people.models import Person, Relationship, SourceRecord, SourceSystem
from frontdoor.people.places import address_key
from frontdoor.people.providers import list_person_providers


@dataclass
class Member:
    """Someone whose records share an address with this person's."""

    person: Person
    address: str
    systems: list[str]
    voice_recorded: bool | None  # for a child: is their own voice on any referral about them


@dataclass
class Related:
    """A recorded relationship, from this person's side: who the other person is to them, and when."""

    other: Person
    description: str  # "Parent (parental responsibility)", "Sibling"
    valid_from: date | None
    valid_to: date | None


def _address_key(record: SourceRecord) -> tuple[str, str] | None:
    return address_key(record.address, record.postcode)


def _voice_recorded(person_ids: list[int]) -> set[int]:
    voiced: set[int] = set()
    for provider in list_person_providers():
        if provider.voice_recorded is not None:
            voiced |= provider.voice_recorded(person_ids)
    return voiced


def household(
    person: Person, records: list[SourceRecord], systems: set[str]
) -> tuple[list[tuple[str, list[str]]], list[Member]]:
    """The addresses the person's records give (with the systems giving each), and who else lives at them, as the
    records of `systems` (those the reader may see) say."""
    keys: dict[tuple[str, str], list[str]] = defaultdict(list)
    for record in records:
        key = _address_key(record)
        if key:
            keys[key].append(SourceSystem(record.system).label)
    addresses = [
        (f"{line.title()}, {postcode}" if line else postcode, sorted(set(s))) for (line, postcode), s in keys.items()
    ]
    if not keys:
        return addresses, []
    others = SourceRecord.objects.filter(
        postcode__in=sorted({postcode for _line, postcode in keys}), person__isnull=False, system__in=sorted(systems)
    ).exclude(person_id=person.pk)
    members: dict[int, tuple[str, set[str]]] = {}
    for other in others:
        key = _address_key(other)
        if other.person_id is not None and key in keys and key[0]:
            _address, systems = members.setdefault(other.person_id, (f"{key[0].title()}, {key[1]}", set()))
            systems.add(SourceSystem(other.system).label)
    people = Person.objects.in_bulk(list(members))
    voiced = _voice_recorded(list(members))
    household = [
        Member(people[pid], address, sorted(systems), (pid in voiced) if people[pid].kind == "child" else None)
        for pid, (address, systems) in members.items()
    ]
    household.sort(key=lambda m: (m.person.kind != "adult", m.person.date_of_birth or date.max, m.person.pk))
    return addresses, household


def relationships(person: Person) -> list[Related]:
    related = []
    for r in Relationship.objects.filter(relative=person).select_related("person"):
        pr = " (parental responsibility)" if r.parental_responsibility else ""
        related.append(Related(r.person, f"{r.get_kind_display()}{pr}", r.valid_from, r.valid_to))
    for r in Relationship.objects.filter(person=person).select_related("relative"):
        # `person` is the `kind` of `relative`: from this side, the other is the parent's child, or a sibling.
        kind = {"parent": "Child", "carer": "Cared for"}.get(r.kind, r.get_kind_display())
        related.append(Related(r.relative, kind, r.valid_from, r.valid_to))
    return sorted(related, key=lambda x: (x.valid_to is not None, x.description, x.other.pk))
