"""`frontdoor returns ssda903-missing`: the children looked after return's Missing table from the missing episodes
of children in care, for the collection year 1 April to 31 March, with the SSD's ssd_missing beside it; what
frontdoor does not hold is said, not made up; each child put in the return is on the access audit; and the DfE
validator (`csc-validator-be-903`, its Missing table's rules) finds nothing wrong."""

from __future__ import annotations

import csv
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from frontdoor.access.models import AccessAudit
from frontdoor.missing import interviews, plans, services
from frontdoor.missing.models import Category
from frontdoor.missing.returns_selectors import RETURN_ACTION
from frontdoor.people.models import IdentifierScheme, PersonIdentifier
from support.factories import PersonFactory
from support.missing import bring_back, coordinator, interview_of, report, rhi_worker
from support.validators import validate_903

pytestmark = pytest.mark.django_db


def at(*args: int) -> datetime:
    return timezone.make_aware(datetime(*args))


def in_care(child_id: str | None, since: date = date(2024, 6, 1), **person):
    child = PersonFactory(**person)
    if child_id:
        PersonIdentifier.objects.create(person=child, scheme=IdentifierScheme.LA_CHILD_ID, value=child_id)
    plans.save_care_profile(
        child, plans.CareData(in_care=True, placement="Oak House", placement_since=since), actor=coordinator()
    )
    return child


def episode(child, went: datetime, back: datetime | None = None, category: str = "missing-medium", **fields):
    made = report(child, category=category, went_missing_at=went, person_id=child.pk if child else None, **fields)
    if back is not None:
        made = bring_back(made, at=back, how="returned")
    return made


def run(year: int, out: Path) -> str:
    printed = StringIO()
    call_command("returns", "ssda903-missing", "--year", str(year), "--out", str(out), stdout=printed)
    return printed.getvalue()


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def county():
    """Two children in care with periods around the year 2025-26, one away from placement; a child in care with no
    local authority child id; a child not in care; an episode nobody is linked to."""
    Category.objects.create(code="away", label="Away from placement", risk="none", ssda903_code="A", order=60)
    kayla = in_care("ESX100231", date_of_birth=date(2010, 8, 14), sex="F")
    tyler = in_care("ESX100187", date_of_birth=date(2009, 5, 11), sex="M")
    unknown = in_care(None, date_of_birth=date(2011, 1, 5))
    at_home = PersonFactory(date_of_birth=date(2010, 2, 2))
    rhi = rhi_worker()
    declined = episode(kayla, at(2025, 6, 3, 21, 15), at(2025, 6, 4, 9, 0))
    interviews.offer_interview(interview_of(declined), actor=rhi, at=at(2025, 6, 4, 15), answer="declined",
                             declined_reason="Did not want to talk.")  # fmt: skip
    episode(kayla, at(2026, 3, 30, 22, 0), at(2026, 4, 2, 11, 0), category="away")  # spans 31 March
    episode(kayla, at(2025, 3, 1, 20, 0), at(2025, 3, 2, 8, 0))  # ended before the year
    accepted = episode(tyler, at(2025, 4, 1, 0, 30), at(2025, 4, 1, 6, 0), category="concern-for-safety",
                       history=[("concern-for-safety", at(2025, 4, 1, 1)), ("missing-high", at(2025, 4, 1, 3))],
                       )  # fmt: skip
    interviews.offer_interview(interview_of(accepted), actor=rhi, at=at(2025, 4, 1, 12), answer="accepted")
    episode(tyler, at(2026, 1, 10, 18, 0))  # still missing
    episode(unknown, at(2025, 9, 1, 18, 0), at(2025, 9, 2, 8, 0))
    episode(at_home, at(2025, 9, 1, 18, 0), at(2025, 9, 2, 8, 0))
    services.report_episode(
        services.EpisodeData(first_name="Nobody", last_name="Known", category="missing-low",
                             went_missing_at=at(2025, 10, 1, 12)),
        actor=coordinator(),
    )  # fmt: skip
    return {"kayla": kayla, "tyler": tyler}


def test_the_missing_table_for_2025_26(county, tmp_path) -> None:
    printed = run(2026, tmp_path)
    rows = read(tmp_path / "ssda903_missing_2025_26.csv")
    assert list(rows[0]) == ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"]
    assert [(r["CHILD"], r["DOB"], r["MISSING"], r["MIS_START"], r["MIS_END"]) for r in rows] == [
        ("ESX100187", "11/05/2009", "M", "01/04/2025", "01/04/2025"),
        ("ESX100187", "11/05/2009", "M", "10/01/2026", ""),
        ("ESX100231", "14/08/2010", "M", "03/06/2025", "04/06/2025"),
        ("ESX100231", "14/08/2010", "A", "30/03/2026", ""),
    ]
    assert "1 April 2025 to 31 March 2026" in printed
    assert "4 periods missing or away for 2 looked-after children" in printed
    # What frontdoor does not hold is said, not made up.
    assert "Not held by frontdoor: the local authority child id of 1 looked-after child with" in printed
    assert "MOTHER and MC_DOB" in printed and "take both tables from the care record system" in printed.lower()
    assert "1 episode in the year is not yet linked" in printed
    header = read(tmp_path / "ssda903_header_2025_26.csv")
    assert [(h["CHILD"], h["SEX"], h["DOB"], h["MOTHER"]) for h in header] == [
        ("ESX100187", "1", "11/05/2009", ""), ("ESX100231", "2", "14/08/2010", ""),
    ]  # fmt: skip
    episodes = read(tmp_path / "ssda903_episodes_2025_26.csv")
    assert [(e["CHILD"], e["DECOM"], e["LS"], e["PLACE"]) for e in episodes] == [
        ("ESX100187", "01/06/2024", "", ""), ("ESX100231", "01/06/2024", "", ""),
    ]  # fmt: skip


def test_the_next_year_ends_the_period_that_spanned_31_march(county, tmp_path) -> None:
    run(2027, tmp_path)
    rows = read(tmp_path / "ssda903_missing_2026_27.csv")
    assert [(r["CHILD"], r["MISSING"], r["MIS_START"], r["MIS_END"]) for r in rows] == [
        ("ESX100187", "M", "10/01/2026", ""),
        ("ESX100231", "A", "30/03/2026", "02/04/2026"),
    ]


def test_ssd_missing_has_the_interview_offered_and_accepted(county, tmp_path) -> None:
    run(2026, tmp_path)
    rows = read(tmp_path / "ssd_missing_2025_26.csv")
    assert list(rows[0]) == [
        "miss_table_id", "miss_person_id", "miss_missing_episode_start_date", "miss_missing_episode_type",
        "miss_missing_episode_end_date", "miss_missing_rhi_offered", "miss_missing_rhi_accepted",
    ]  # fmt: skip
    summary = [(r["miss_person_id"], r["miss_missing_episode_start_date"], r["miss_missing_episode_end_date"],
                r["miss_missing_rhi_offered"], r["miss_missing_rhi_accepted"]) for r in rows]  # fmt: skip
    assert summary == [
        ("ESX100187", "2025-04-01 00:30", "2025-04-01 06:00", "Y", "Y"),
        ("ESX100187", "2026-01-10 18:00", "", "", ""),
        ("ESX100231", "2025-06-03 21:15", "2025-06-04 09:00", "Y", "N"),
        ("ESX100231", "2026-03-30 22:00", "2026-04-02 11:00", "N", ""),
    ]


def test_each_child_in_the_return_is_on_the_access_audit(county, tmp_path) -> None:
    run(2026, tmp_path)
    audited = set(AccessAudit.objects.filter(action=RETURN_ACTION).values_list("person_id", flat=True))
    assert {county["kayla"].pk, county["tyler"].pk} <= audited
    assert AccessAudit.objects.filter(action=RETURN_ACTION, purpose__contains="2025-26").exists()


def test_a_year_with_nothing_in_it_writes_the_columns_and_says_so(county, tmp_path) -> None:
    printed = run(2020, tmp_path)
    assert (tmp_path / "ssda903_missing_2019_20.csv").read_text().strip() == "CHILD,DOB,MISSING,MIS_START,MIS_END"
    assert "no periods missing or away" in printed


def test_a_year_that_is_not_a_year_is_refused(tmp_path) -> None:
    with pytest.raises(CommandError, match="--year"):
        run(26, tmp_path)


def test_the_validator_finds_nothing_wrong_with_the_missing_table(county, tmp_path) -> None:
    run(2026, tmp_path)
    result = validate_903(tmp_path, 2026)
    assert result["ruleset"] == "lac2025_26"
    assert {"Missing", "Header", "Episodes"} <= set(result["tables"])
    # Every rule of the pinned validator's 2025-26 set that checks the Missing table; none is a query (a "Q" rule).
    assert set(result["rules"]) == {
        "564", "565", "566", "567", "570", "571", "574", "575", "577", "578", "581", "586", "1004", "1005", "1006",
        "INT04", "INT13",
    }  # fmt: skip
    assert result["errors"] == [] and result["failed"] == [] and result["skipped"] == []


def test_the_validator_would_catch_overlapping_periods(county, tmp_path) -> None:
    """The check can fail: a second open episode for a child still missing breaks rule 574."""
    episode(county["tyler"], at(2026, 2, 1, 18, 0))
    printed = run(2026, tmp_path)
    assert "1 period starts before the child's previous period ended" in printed
    result = validate_903(tmp_path, 2026)
    assert {e["rule"] for e in result["errors"]} == {"574"}


def test_the_frontdoor_command_takes_the_return_by_its_hyphenated_name(county, tmp_path, capsys, monkeypatch) -> None:
    from frontdoor.cli import main

    # Django is set up already; setting it up again would bind the console log handler to this test's captured
    # stream, closed when the test ends, and break every later test that logs.
    monkeypatch.setattr("django.setup", lambda *args, **kwargs: None)

    main(["returns", "ssda903-missing", "--year", "2026", "--out", str(tmp_path)])
    assert "4 periods missing or away for 2 looked-after children" in capsys.readouterr().out
    assert (tmp_path / "ssda903_missing_2025_26.csv").exists()
