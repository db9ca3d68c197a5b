"""All-year validation: today's data made into this year's returns (the children in need census, the children looked
after return's Missing table) and checked by the DfE's own validators, run by subprocess in their own virtual
environment (`scripts/validate_cin.py`, `scripts/validate_903.py`), with what frontdoor itself knows it cannot fill.
The result is by child, each finding in the rule's words, so a worker can fix the record before the return is due."""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings

from frontdoor.access.audit import Actor
from frontdoor.missing import returns as missing_returns
from frontdoor.people.models import IdentifierScheme, PersonIdentifier
from frontdoor.reports import cin_census

CIN = "Children in need census"
MISSING = "Children looked after return: the Missing table"
ENQUIRY_TABLES = frozenset({"Section47", "ChildProtectionPlans", "Reviews"})
_ASK = "Please check and either amend or provide a reason: "
_ASK_DATA = "Please check and either amend data or provide a reason: "


def collection_year_of(day: date) -> int:
    """The year the collection year holding `day` ends in: 1 April to 31 March."""
    return day.year + 1 if day.month >= 4 else day.year


@dataclass(frozen=True)
class Finding:
    return_name: str
    words: str
    rule: str = ""  # the validator's rule code ("" for frontdoor's own finding)
    query: bool = False  # a query to check or explain, not an error
    left_out: bool = False  # the child is not in the return at all
    table: str = ""  # the validator's table ("Section47", "ChildProtectionPlans", ...)
    fix: str = ""  # the form on the child's record that puts it right, when one does (`cin_census_rows.DISABILITY`)


@dataclass
class ChildFindings:
    child_id: str
    person_id: int | None
    findings: list[Finding] = field(default_factory=list)
    discussions: list[str] = field(default_factory=list)  # the strategy discussions behind its enquiries and plans

    @property
    def about_enquiries(self) -> bool:
        """Whether a finding is about a section 47 enquiry or a plan: put right on the strategy discussion."""
        return any(f.table in ENQUIRY_TABLES for f in self.findings)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if not f.query)


@dataclass(frozen=True)
class YearCheck:
    ending: int
    label: str
    children: list[ChildFindings]
    return_level: list[Finding]
    ran: list[str]  # each validator run, in words ("Children in need census: the DfE's 2026-27 rules")
    not_run: list[str]  # each validator that could not run, and why, in words
    schema_errors: list[str]


def _words(message: str) -> str:
    message = (message or "").strip()
    for prefix in (_ASK, _ASK_DATA):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    return message[:1].upper() + message[1:]


def _run(script: str, *args: str) -> dict | str:
    """The validator's JSON, or why it could not run, in words."""
    python = Path(settings.FRONTDOOR_VALIDATORS_PYTHON)
    if not python.exists():
        return "the DfE validators are not installed on this server (`make validators` installs them)"
    path = Path(settings.BASE_DIR) / "scripts" / script
    try:
        done = subprocess.run(  # noqa: S603 (our own script, our own arguments)
            [str(python), str(path), *args],
            capture_output=True,
            text=True,
            timeout=settings.FRONTDOOR_VALIDATORS_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return f"it did not finish within {settings.FRONTDOOR_VALIDATORS_TIMEOUT} seconds"
    if done.returncode not in (0, 1):
        return "the validator stopped with a fault (the server's log has it)"
    try:
        return json.loads(done.stdout)
    except ValueError:
        return "the validator's answer could not be read"


def _ruleset_words(ruleset: str) -> str:
    return f"the DfE's {ruleset[3:7]}-{ruleset[-2:]} rules" if len(ruleset) >= 9 else ruleset


def check_year(actor: Actor, ending: int) -> YearCheck:
    """Make this year's returns from today's data and check them; the findings by child."""
    by_child: dict[str, ChildFindings] = {}
    return_level: list[Finding] = []
    ran: list[str] = []
    not_run: list[str] = []

    def child(child_id: str, person_id: int | None = None) -> ChildFindings:
        key = child_id or f"person-{person_id}"
        found = by_child.setdefault(key, ChildFindings(child_id, person_id))
        if found.person_id is None:
            found.person_id = person_id
        return found

    census = cin_census.make_census(ending, actor)
    for gap in census.gaps:
        if gap.person_id is not None:
            child(gap.child_id, gap.person_id).findings.append(
                Finding(CIN, gap.words, left_out=gap.left_out, fix=gap.fix)
            )
    with tempfile.TemporaryDirectory(prefix="frontdoor-check-") as folder:
        out = Path(folder)
        if census.records:
            xml = out / cin_census.file_name(census.year)
            xml.write_bytes(census.xml)
            result = _run("validate_cin.py", "--year", str(ending), str(xml))
            if isinstance(result, str):
                not_run.append(f"{CIN}: {result}.")
            else:
                ran.append(f"{CIN}: {_ruleset_words(result['ruleset'])}")
                seen: set[tuple[str, str]] = set()
                for e in result["errors"]:
                    if (e["child"], e["rule"]) in seen:
                        continue  # one finding per rule per child, however many items the rule points at
                    seen.add((e["child"], e["rule"]))
                    child(e["child"] or "").findings.append(
                        Finding(CIN, _words(e["message"]), e["rule"], e["query"], table=e.get("table") or "")
                    )
                return_level += [
                    Finding(CIN, _words(e["message"]), e["rule"], e["query"]) for e in result["return_level"]
                ]
        else:
            not_run.append(f"{CIN}: no child can be returned yet, so there is nothing to check.")
        missing_returns.write_ssda903_missing(ending, out)
        result = _run("validate_903.py", "--year", str(ending), str(out))
        if isinstance(result, str):
            not_run.append(f"{MISSING}: {result}.")
        else:
            ran.append(f"{MISSING}: the DfE's {ending - 1}-{ending % 100:02d} rules")
            seen = set()
            for e in result["errors"]:
                if (e["child"], e["rule"]) in seen:
                    continue
                seen.add((e["child"], e["rule"]))
                child(e["child"] or "").findings.append(Finding(MISSING, _words(e["message"]), e["rule"]))
    for record in census.records:
        found = by_child.get(record.child.child_id)
        if found is not None:
            found.person_id = found.person_id or record.child.person_id
            found.discussions = sorted({s.reference for s in record.episode.enquiries if s.reference})
    ids = [c.child_id for c in by_child.values() if c.person_id is None and c.child_id]
    for ident in PersonIdentifier.objects.filter(scheme=IdentifierScheme.LA_CHILD_ID, value__in=ids):
        by_child[ident.value].person_id = ident.person_id
    children = sorted(by_child.values(), key=lambda c: (-c.errors, c.child_id))
    return YearCheck(ending, census.year.label, children, return_level, ran, not_run, census.schema_errors)
