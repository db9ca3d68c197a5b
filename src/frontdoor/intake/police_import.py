"""Bulk import from the police system's export (the layout in docs/synthetic-county.md): VISTs and
domestic-abuse incidents become intake records, each through the same service as the API, so a re-run or an
overlap with what the API already delivered stores nothing twice. Ends with a reconciliation: what came in,
what was already there, what was rejected and why."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.db import DatabaseError

from frontdoor.access.audit import Actor
from frontdoor.intake import services
from frontdoor.people.ingest.parsing import RowProblem, parse_date, parse_datetime, title_case

DATE, DATETIME = "%d/%m/%Y", "%d/%m/%Y %H:%M"
# A VIST's id is derived from the police reference, so the same VIST always gets the same id, whoever sends it.
VIST_NAMESPACE = uuid.UUID("5f1b2c8e-6a0d-4e8b-9a55-0c2f3d9e7a11")
GRADES = {"RED": "red", "AMBER": "amber", "GREEN": "green"}
ADULT_ROLES = {"VICTIM": "victim", "SUSPECT": "suspect", "WITNESS": "other adult", "INFORMANT": "other adult"}
CHILD_ROLES = {"CHILD PRESENT": True, "CHILD LINKED": False}


@dataclass
class Reconciliation:
    """What one import found: new, already held, rejected (with where and why)."""

    kind: str
    received: int = 0
    created: int = 0
    already_held: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"{self.kind}: {self.received} in the file, {self.created} new, {self.already_held} already held, "
            f"{len(self.rejected)} rejected"
        ]
        out += [f"  rejected line {line}: {reason}" for line, reason in self.rejected[:50]]
        if len(self.rejected) > 50:
            out.append(f"  ... and {len(self.rejected) - 50} more")
        return out


@dataclass
class _Person:
    involvement: str
    first_name: str
    last_name: str
    date_of_birth: date | None
    sex: str
    age: int | None


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


def _people(extract: Path) -> tuple[dict[str, list[tuple[str, _Person]]], dict[str, _Person]]:
    """Persons by incident, and each nominal's details, from persons.csv."""
    by_incident: dict[str, list[tuple[str, _Person]]] = {}
    nominals: dict[str, _Person] = {}
    for _, row in _rows(extract / "persons.csv"):
        try:
            dob = parse_date(row, "DOB", DATE)
        except RowProblem:
            dob = None
        age = int(row["AgeAtIncident"]) if row.get("AgeAtIncident", "").isdigit() else None
        person = _Person(
            involvement=row.get("Involvement", ""),
            first_name=title_case(row.get("Forenames", "").split(" ")[0]),
            last_name=title_case(row.get("Surname", "")),
            date_of_birth=dob,
            sex=row.get("Sex", "U") if row.get("Sex") in ("M", "F") else "U",
            age=age,
        )
        nominals.setdefault(row.get("NominalID", ""), person)
        by_incident.setdefault(row.get("IncidentRef", ""), []).append((row.get("NominalID", ""), person))
    return by_incident, nominals


def _is_child(person: _Person, at: datetime) -> bool:
    if person.involvement in CHILD_ROLES:
        return True
    if person.date_of_birth:
        return (at.date() - person.date_of_birth).days < 18 * 365.25
    return person.age is not None and person.age < 18


def import_police_extract(extract: Path, *, actor: Actor, since: date | None = None) -> list[Reconciliation]:
    """Import domestic-abuse incidents and VISTs from a police export directory; return the reconciliations."""
    by_incident, nominals = _people(extract)
    incidents: dict[str, tuple[datetime, str]] = {}
    da = Reconciliation("Domestic-abuse incidents")
    for line, row in _rows(extract / "incidents.csv"):
        try:
            occurred = parse_datetime(row, "OccurredAt", DATETIME, required=True)
            assert occurred is not None
        except RowProblem as problem:
            da.rejected.append((line, str(problem)))
            continue
        incidents[row.get("IncidentRef", "")] = (occurred, row.get("IncidentType", ""))
        if row.get("IncidentType") != "DOMESTIC ABUSE" or (since and occurred.date() < since):
            continue
        da.received += 1
        persons = [
            services.PersonData(
                role=ADULT_ROLES.get(p.involvement, "child"),
                first_name=p.first_name,
                last_name=p.last_name,
                date_of_birth=p.date_of_birth,
                sex=p.sex,
                is_child=p.involvement in CHILD_ROLES,
                present=CHILD_ROLES.get(p.involvement),
            )
            for _, p in by_incident.get(row["IncidentRef"], [])
        ]
        if not persons:
            da.rejected.append((line, f"incident {row['IncidentRef']} names nobody in persons.csv"))
            continue
        try:
            _, created = services.receive_incident(
                services.IncidentData(
                    incident_reference=row["IncidentRef"],
                    occurred_at=occurred,
                    persons=persons,
                    postcode=row.get("LocationPostcode", ""),
                    circumstances=row.get("Summary", "")[:20_000],
                    officer_name=f"Officer {row['OfficerCollar']}" if row.get("OfficerCollar") else "",
                    officer_collar=row.get("OfficerCollar", "")[:40],
                    team=row.get("Team", "")[:100],
                ),
                actor=actor,
            )
        except DatabaseError as exc:
            da.rejected.append((line, f"not stored ({type(exc).__name__}); run the import again"))
            continue
        da.created += created
        da.already_held += not created
    vists = Reconciliation("VISTs")
    for line, row in _rows(extract / "vists.csv"):
        try:
            submitted = parse_datetime(row, "SubmittedAt", DATETIME, required=True)
            grade = GRADES.get(row.get("RiskGrade", ""))
            if grade is None:
                raise RowProblem(f"RiskGrade {row.get('RiskGrade', '')!r} is not RED, AMBER or GREEN")
            incident = incidents.get(row.get("IncidentRef", ""))
            if incident is None:
                raise RowProblem(f"IncidentRef {row.get('IncidentRef', '')!r} is not in incidents.csv")
            subject = nominals.get(row.get("NominalID", ""))
            if subject is None:
                raise RowProblem(f"NominalID {row.get('NominalID', '')!r} is not in persons.csv")
        except RowProblem as problem:
            vists.rejected.append((line, str(problem)))
            continue
        assert submitted is not None
        if since and submitted.date() < since:
            continue
        vists.received += 1
        occurred, incident_type = incident
        try:
            _, created = services.receive_vist(
                services.VistData(
                    client_id=uuid.uuid5(VIST_NAMESPACE, row["VistRef"]),
                    officer_name=f"Officer {row.get('OfficerCollar', '')}".strip(),
                    officer_collar=row.get("OfficerCollar", ""),
                    incident_reference=row["IncidentRef"],
                    incident_at=occurred,
                    children_present=any(
                        p.involvement == "CHILD PRESENT" for _, p in by_incident.get(row["IncidentRef"], [])
                    ),
                    risk_grade=grade,
                    circumstances=row.get("Circumstances", "") or "(no circumstances given)",
                    child_said=row.get("ChildSaid", ""),
                    domestic_abuse=incident_type == "DOMESTIC ABUSE",
                    submitted_at=submitted,
                    persons=[
                        services.PersonData(
                            role="subject",
                            first_name=subject.first_name,
                            last_name=subject.last_name,
                            date_of_birth=subject.date_of_birth,
                            sex=subject.sex,
                            is_child=_is_child(subject, occurred),
                        )
                    ],
                ),
                actor=actor,
            )
        except DatabaseError as exc:
            vists.rejected.append((line, f"not stored ({type(exc).__name__}); run the import again"))
            continue
        vists.created += created
        vists.already_held += not created
    return [da, vists]
