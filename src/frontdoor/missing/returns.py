"""`frontdoor returns ssda903-missing --year YYYY --out DIR`: the children looked after return's Missing table
(SSDA903) for a collection year, the Header and Episodes rows the validator checks it against (what frontdoor holds
of them, and no more), and the Standard Safeguarding Dataset's `ssd_missing`, as CSV files. The command says what
it wrote and, plainly, what the return needs that frontdoor does not hold. The rows are made in `returns_rows`."""

from __future__ import annotations

import csv
from pathlib import Path

from frontdoor.access.audit import Actor
from frontdoor.core.registry import StatutoryReturn
from frontdoor.missing import returns_rows as rows
from frontdoor.missing.returns_selectors import read_return_facts

NAME = "ssda903-missing"

NOT_HELD_HEADER = "MOTHER and MC_DOB (and ETHNIC or UPN where blank)"
NOT_HELD_EPISODES = "RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST and URN"


def file_names(year: rows.CollectionYear) -> dict[str, str]:
    label = year.label.replace("-", "_")
    return {
        "missing": f"ssda903_missing_{label}.csv",
        "header": f"ssda903_header_{label}.csv",
        "episodes": f"ssda903_episodes_{label}.csv",
        "ssd": f"ssd_missing_{label}.csv",
    }


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _write(path: Path, columns: list[str], table: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(table)


def write_ssda903_missing(ending: int, out: Path) -> list[str]:
    """Write the four files for the collection year ending in `ending`; the lines to print."""
    year = rows.CollectionYear(ending)
    actor = Actor(user=None, role="", agency=None, request_id=f"return-{NAME}-{ending}")
    facts = read_return_facts(actor, year, purpose=f"Children looked after return (SSDA903) {year.label}")
    children, episodes = facts.children, facts.episodes
    missing = rows.ssda903_missing_rows(children, episodes, year)
    periods = rows.year_periods(episodes, year)
    in_file = {c.person_id for c in children if c.child_id} & {p.person_id for p in periods}
    names = file_names(year)
    _write(out / names["missing"], rows.MISSING_COLUMNS, missing)
    _write(out / names["header"], rows.HEADER_COLUMNS, rows.header_rows(children, in_file))
    _write(out / names["episodes"], rows.EPISODES_COLUMNS, rows.episodes_rows(children, in_file))
    _write(out / names["ssd"], rows.SSD_MISSING_COLUMNS, rows.ssd_missing_rows(children, episodes, year))

    bounds = f"1 April {ending - 1} to 31 March {ending}"
    lines = [
        f"Children looked after return (SSDA903) {year.label}, {bounds}.",
        (
            f"Missing table: {_n(len(missing), 'period', 'periods')} missing or away for "
            f"{_n(len(in_file), 'looked-after child', 'looked-after children')}: {out / names['missing']}"
            if missing
            else f"Missing table: no periods missing or away for looked-after children: {out / names['missing']}"
        ),
        f"Standard Safeguarding Dataset ssd_missing, the same periods: {out / names['ssd']}",
        f"Header and Episodes, only for checking the Missing table (not for submission): {out / names['header']}, "
        f"{out / names['episodes']}",
        f"  Not held by frontdoor: the Header's {NOT_HELD_HEADER}; the Episodes table's {NOT_HELD_EPISODES}. "
        "Episodes has one row per child whose DECOM is the current placement's start from their care profile, not "
        "the start of their period of care. Take both tables from the care record system.",
        "  Not held by frontdoor: children who left care before today (a care profile says only whether a child is "
        "in care now), so their periods missing or away are not in this file.",
    ]
    no_id = {c.person_id for c in children if not c.child_id} & {p.person_id for p in periods}
    if no_id:
        lines.append(
            "  Not held by frontdoor: the local authority child id of "
            f"{_n(len(no_id), 'looked-after child', 'looked-after children')} with periods in the year, so their "
            "periods are left out. Record the id on the child's record to include them."
        )
    if facts.unlinked_episodes:
        lines.append(
            f"  {_n(facts.unlinked_episodes, 'episode in the year is', 'episodes in the year are')} not yet linked "
            "to a person in frontdoor; any looked-after child among them is not in this file."
        )
    by_child = {c.person_id: c for c in children}
    before = [
        p
        for p in periods
        if p.person_id in in_file
        and by_child[p.person_id].placement_since is not None
        and p.started_at.date() < by_child[p.person_id].placement_since  # type: ignore[operator]
    ]
    if before:
        lines.append(
            f"  Check: {_n(len(before), 'period', 'periods')} began before the child's current placement; frontdoor "
            "does not know "
            "whether the child was looked after then (rules 578 and 581 check this against the Episodes table)."
        )
    overlaps = sum(rows.overlapping([p for p in periods if p.person_id == pid]) for pid in in_file)
    if overlaps:
        lines.append(
            f"  Check: {_n(overlaps, 'period starts', 'periods start')} before the child's previous period ended "
            "(rule 574 refuses them)."
        )
    lines.append(
        "  RHI offered and accepted are not columns of the SSDA903 Missing table; they are in ssd_missing "
        "(and Annex A List 8)."
    )
    return lines


RETURN = StatutoryReturn(
    name=NAME,
    help="The children looked after return's Missing table (SSDA903) and the SSD's ssd_missing, as CSV",
    write=write_ssda903_missing,
)
