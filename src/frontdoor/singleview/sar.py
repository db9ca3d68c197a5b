"""Subject access request: everything the partnership holds about one person, in every part they play (the child
on a referral, a parent on another, a household adult on a VIST), with the log of who has looked at their record.

Other people's details are not copied in: a referral about the person is included in full as what was said about
them, but other children and adults on it appear only as a count, to be reviewed before release (UK GDPR Art. 15(4)
and DPA 2018 Sch. 2 Part 3: third-party data). The document is JSON for systems and HTML for people (print to PDF).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.audit import action_label
from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.people.models import Person, Relationship, SourceEvent, SourceParticipation, SourceRecord, SourceSystem
from frontdoor.people.providers import list_person_providers
from frontdoor.people.vocabulary import attribute_words, kind_of

RECORD_FIELDS = ("first_name", "middle_names", "last_name", "date_of_birth", "age_years", "age_given_on",
                 "expected_date_of_delivery", "sex", "address", "postcode", "nhs_number", "upn")  # fmt: skip


def _details(attributes: dict[str, Any]) -> dict[str, Any]:
    """An agency's coded details in words ("primary need": "abuse or neglect"), keyed by what they are."""
    worded: dict[str, Any] = {}
    for key, value in attributes.items():
        if value in ("", None, [], {}):
            continue
        name, _colon, words = attribute_words(key, value).partition(": ")
        worded[name] = _moment(words)
    return worded


def _moment(text: str) -> Any:
    """A detail stored as an ISO date or time is given back as one, to be written in words (or ISO, in JSON)."""
    try:
        return datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
    except ValueError:
        return text


def _record(record: SourceRecord) -> dict[str, Any]:
    return {
        "system": SourceSystem(record.system).label,
        "source_id": record.source_id,
        "extracted_at": record.extracted_at,
        **{name: getattr(record, name) for name in RECORD_FIELDS},
        "sex": record.get_sex_display(),
        "other_details": _details(record.attributes),
    }


def _events(records: list[SourceRecord]) -> list[dict[str, Any]]:
    query = Q(pk__in=[])
    for record in records:
        query |= Q(system=record.system, record_source_id=record.source_id)
    roles = {(p.system, p.event_source_id): p.role for p in SourceParticipation.objects.filter(query)}
    wanted = Q(pk__in=[])
    for system, event_id in roles:
        wanted |= Q(system=system, source_id=event_id)
    events = SourceEvent.objects.filter(wanted).order_by("occurred_at", "system", "source_id") if roles else []
    return [
        {
            "system": SourceSystem(e.system).label,
            "source_id": e.source_id,
            "what": kind_of(e.kind).what,
            "as": roles[(e.system, e.source_id)].replace("_", " "),
            "from": e.occurred_at,
            "to": e.ended_at,
            "details": _details(e.attributes),
        }
        for e in events
    ]


def _front_door(person: Person) -> list[dict[str, Any]]:
    """What each capability of the front door holds about the person (`people.providers`), dates in plain form."""
    held: list[dict[str, Any]] = []
    for provider in list_person_providers():
        if provider.subject_access is not None:
            held.extend(provider.subject_access(person))
    return held


def _who(look: AccessAudit) -> str:
    """Who looked, by role (staff are third parties: their names are not the subject's data)."""
    if look.api_client_id:
        return "A partner agency's system"
    try:
        return Role(look.active_role).label if look.active_role else "A member of staff"
    except ValueError:
        return "A member of staff"


def compile_subject_access(person: Person) -> dict[str, Any]:
    """Everything held about `person`, as plain data. The caller audits the request in its transaction."""
    records = list(SourceRecord.objects.filter(person=person).order_by("system", "source_id"))
    looks = AccessAudit.objects.filter(person=person).select_related("agency").order_by("at", "id")
    relationships = Relationship.objects.filter(Q(person=person) | Q(relative=person))
    return {
        "prepared_at": timezone.now(),
        "person": {
            "id": person.pk,
            "kind": person.get_kind_display(),
            "sex": person.get_sex_display(),
            **{
                name: getattr(person, name)
                for name in (
                    "first_name",
                    "middle_names",
                    "last_name",
                    "known_as",
                    "date_of_birth",
                    "expected_date_of_delivery",
                    "ethnicity",
                )
            },
            "identifiers": [
                {
                    "scheme": i.get_scheme_display(),
                    "value": i.value,
                    "from": i.valid_from,
                    "to": i.valid_to,
                }
                for i in person.identifiers.all()
            ],
            "addresses": [
                {"postcode": a.postcode, "town": a.town, "from": a.valid_from, "to": a.valid_to}
                for a in person.addresses.all()
            ],
            "why_the_identifier_is_absent": [
                {"reason": a.get_reason_display(), "details": a.note, "recorded_at": a.recorded_at}
                for a in person.nhs_number_absences.all()
            ],
        },
        "relationships": [
            {
                "kind": r.get_kind_display(),
                "as": "the one related" if r.person_id == person.pk else "the one related to",
                "parental_responsibility": r.parental_responsibility,
            }
            for r in relationships
        ],
        "agency_records": [_record(r) for r in records],
        "events": _events(records),
        "front_door": _front_door(person),
        "access_log": [
            {
                "at": a.at,
                "by": _who(a),
                "agency": a.agency.name if a.agency else "",
                "action": action_label(a.action),
                "outcome": a.get_outcome_display(),
            }
            for a in looks
        ],
        "withheld": "Other people's details are not included; each item says how many others it involves.",
    }
