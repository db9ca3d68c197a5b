"""`frontdoor returns cin --year YYYY --out FILE-or-DIR`: the children in need census for a collection year as the
DfE's XML, checked against the DfE's schema (CIN_schema_2026.xsd) before it is written. The command says what it
wrote and, plainly, what the census needs that frontdoor does not hold: the children left out and why, and the
items returned with the census's own "not known" codes. The rows are made in `cin_census_rows`."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.core.registry import StatutoryReturn
from frontdoor.missing.returns_rows import CollectionYear
from frontdoor.reports.cin_census_rows import CensusRecord, Gap, build_records
from frontdoor.reports.cin_census_selectors import read_census_facts
from frontdoor.reports.cin_census_xml import census_xml, schema_errors

NAME = "cin"

NOT_HELD = (
    "Not held by frontdoor, so not in the file: assessments and their factors, child in need plans, the child "
    "protection plans' reviews, end dates and latest category (returned as the initial one), and each episode's "
    "closure and its reason. The primary need is returned as N0 (not stated): it is set at assessment. Take them from "
    "the case record before submission."
)


@dataclass(frozen=True)
class Census:
    year: CollectionYear
    records: list[CensusRecord]
    gaps: list[Gap]
    unlinked: int
    xml: bytes
    schema_errors: list[str]


def file_name(year: CollectionYear) -> str:
    return f"cin_census_{year.label.replace('-', '_')}.xml"


def make_census(ending: int, actor: Actor | None = None) -> Census:
    """The census for the collection year ending in `ending`, as XML, with what it lacks and the schema's view."""
    year = CollectionYear(ending)
    actor = actor or Actor(user=None, role="", agency=None, request_id=f"return-{NAME}-{ending}")
    facts = read_census_facts(actor, year, purpose=f"Children in need census {year.label}")
    records, gaps = build_records(facts.children, facts.referrals, facts.enquiries, year, facts.plan_starts)
    xml = census_xml(
        records, year, la_code=settings.FRONTDOOR_LA_CODE, release=version("frontdoor"), made_at=timezone.now()
    )
    return Census(year, records, gaps, facts.unlinked, xml, schema_errors(xml) if records else [])


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def census_lines(census: Census) -> list[str]:
    """What the census holds and lacks, in words."""
    year = census.year
    lines = [f"Children in need census {year.label}, 1 April {year.ending - 1} to 31 March {year.ending}."]
    plans = sum(len(r.episode.plans) for r in census.records)
    enquiries = sum(len(r.episode.enquiries) for r in census.records)
    lines.append(
        f"{_n(len(census.records), 'child', 'children')} with a referral taken further in the year: "
        f"{_n(enquiries, 'section 47 enquiry', 'section 47 enquiries')}, "
        f"{_n(plans, 'child protection plan', 'child protection plans')}."
    )
    if census.schema_errors:
        lines.append(f"The DfE's schema finds {_n(len(census.schema_errors), 'fault', 'faults')}:")
        lines.extend(f"  {e}" for e in census.schema_errors)
    elif census.records:
        lines.append("The file passes the DfE's schema (CIN_schema_2026.xsd).")
    left_out = [g for g in census.gaps if g.left_out]
    if left_out:
        lines.append(f"{_n(len(left_out), 'child is', 'children are')} left out:")
        lines.extend(f"  Child {g.child_id or 'with no local authority child id'}: {g.words}" for g in left_out)
    noted = [g for g in census.gaps if not g.left_out]
    if noted:
        lines.append("Returned, with something the case record should check:")
        lines.extend(f"  Child {g.child_id}: {g.words}" for g in noted)
    if census.unlinked:
        lines.append(
            f"  {_n(census.unlinked, 'child', 'children')} on a referral or an enquiry in the year "
            f"{'is' if census.unlinked == 1 else 'are'} not yet linked to a person in frontdoor, so not in the file."
        )
    lines.append(f"  {NOT_HELD}")
    return lines


def write_cin_census(ending: int, out: Path) -> list[str]:
    """Write the census for the year ending in `ending` to `out` (a file, or a folder to put it in); the lines to
    print."""
    census = make_census(ending)
    target = out if out.suffix.lower() == ".xml" else out / file_name(census.year)
    lines = census_lines(census)
    if not census.records:
        lines.insert(1, "No file written: the census must hold at least one child, and no child can be returned.")
        return lines
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(census.xml)
    lines.insert(1, f"Written: {target}")
    if settings.FRONTDOOR_LA_CODE == "000":
        lines.insert(2, "  The header's local authority code is 000: set FRONTDOOR_LA_CODE to the council's DfE code.")
    return lines


RETURN = StatutoryReturn(
    name=NAME,
    help="The children in need census as the DfE's XML (checked against the DfE's schema)",
    write=write_cin_census,
    file_suffix=".xml",
)
