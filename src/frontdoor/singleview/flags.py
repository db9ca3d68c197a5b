"""The flags at the top of a person's page: what is open now (plans, placements, assessments), missing episodes,
domestic abuse and special educational needs, from the categories the reader may see at least in summary."""

from __future__ import annotations

from dataclasses import dataclass

from frontdoor.people.models import SourceEvent, SourceRecord, SourceSystem
from frontdoor.people.vocabulary import OPEN_FLAGS, SEN_PROVISION, SOCIAL_CARE_OPEN


@dataclass
class Flag:
    name: str
    detail: str
    tag: str = ""  # GOV.UK tag colour class


def flags(records: list[SourceRecord], events: list[tuple[SourceEvent, str]], seen: set[str]) -> list[Flag]:
    flags = []
    open_events = sorted(
        (e for e, _ in events if e.ended_at is None and e.kind in OPEN_FLAGS), key=lambda e: e.occurred_at
    )
    if any(e.kind in SOCIAL_CARE_OPEN for e in open_events):
        flags.append(Flag("Open to children's social care", "", "govuk-tag--red"))
    for event in open_events:
        flags.append(Flag(OPEN_FLAGS[event.kind], f"since {event.occurred_at:%-d %B %Y}", "govuk-tag--orange"))
    missing = [e for e, _ in events if e.kind == "missing_episode"]
    if missing:
        latest = max(e.occurred_at for e in missing)
        flags.append(Flag("Missing episodes", f"{len(missing)}, latest {latest:%-d %B %Y}", "govuk-tag--orange"))
    abuse = [e for e, _ in events if e.kind == "domestic_abuse_incident"]
    if abuse:
        latest = max(e.occurred_at for e in abuse)
        flags.append(Flag("Domestic-abuse incidents", f"{len(abuse)}, latest {latest:%-d %B %Y}", "govuk-tag--purple"))
    for record in records if "education" in seen else []:
        provision = SEN_PROVISION.get(str(record.attributes.get("sen_provision", "")))
        if record.system == SourceSystem.EDUCATION and provision:
            flags.append(Flag("Special educational needs", provision, "govuk-tag--blue"))
            break
    return flags
