"""Bulk import of VISTs and domestic-abuse incidents from the police system's export, with reconciliation."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from frontdoor.access import services as access_services
from frontdoor.core.models import Clock
from frontdoor.intake import compliance
from frontdoor.intake.models import DomesticAbuseIncident, Vist
from frontdoor.synth import SynthOptions, generate
from support.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("police-county")
    generate(SynthOptions(children=150, seed=5), out)
    return out


@pytest.fixture
def police_client() -> str:
    access_services.create_api_client("police-records", AgencyFactory(kind="police"), ["vists:write"])
    return "police-records"


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_police", *args, stdout=out)
    return out.getvalue()


def rows(path: Path) -> int:
    with path.open() as f:
        return sum(1 for _ in f) - 1


def test_every_vist_and_da_incident_comes_in_with_a_reconciliation(county, police_client) -> None:
    report = run(str(county), "--client", police_client)
    vists = rows(county / "police" / "vists.csv")
    assert Vist.objects.count() == vists
    assert f"VISTs: {vists} in the file, {vists} new, 0 already held, 0 rejected" in report
    da = DomesticAbuseIncident.objects.count()
    assert da > 0 and f"Domestic-abuse incidents: {da} in the file, {da} new" in report
    assert Clock.objects.filter(subject_type="intake.vist").count() == vists  # every VIST queued with its clock
    assert DomesticAbuseIncident.objects.filter(persons__is_child=True, persons__present=False).exists()


def test_a_second_import_finds_everything_already_held(county, police_client) -> None:
    run(str(county), "--client", police_client)
    report = run(str(county), "--client", police_client)
    vists = rows(county / "police" / "vists.csv")
    assert f"VISTs: {vists} in the file, 0 new, {vists} already held, 0 rejected" in report
    assert Vist.objects.count() == vists


def test_bad_rows_are_rejected_with_line_and_reason(tmp_path, county, police_client) -> None:
    police = tmp_path / "police"
    police.mkdir()
    for name in ("incidents.csv", "persons.csv"):
        (police / name).write_text((county / "police" / name).read_text())
    lines = (county / "police" / "vists.csv").read_text().splitlines()
    header, first = lines[0], lines[1]
    columns = header.split(",")
    broken_grade = first.split(",")
    broken_grade[columns.index("RiskGrade")] = "PURPLE"
    broken_ref = first.split(",")
    broken_ref[columns.index("IncidentRef")] = "ES-0000-NOPE"
    (police / "vists.csv").write_text("\n".join([header, first, ",".join(broken_grade), ",".join(broken_ref)]) + "\n")
    report = run(str(tmp_path), "--client", police_client)
    assert "VISTs: 1 in the file, 1 new, 0 already held, 2 rejected" in report
    assert "rejected line 3: RiskGrade 'PURPLE' is not RED, AMBER or GREEN" in report
    assert "rejected line 4: IncidentRef 'ES-0000-NOPE' is not in incidents.csv" in report


def test_only_a_police_client_may_import(county) -> None:
    access_services.create_api_client("school-mis", AgencyFactory(kind="school"), ["vists:write"])
    with pytest.raises(CommandError, match="not an active police API client"):
        run(str(county), "--client", "school-mis")


def test_imported_incidents_name_officer_and_team_and_vists_keep_the_officers_time(county, police_client) -> None:
    """From the county's extract: the lag is the officer's submission time, not the import's, so late and missing
    VISTs are found; an incident long past its 24 hours starts no clock (no flood of missed-deadline messages)."""
    run(str(county), "--client", police_client)
    domestic = DomesticAbuseIncident.objects.filter(persons__is_child=True).distinct()
    assert domestic and not domestic.filter(team="").exists() and not domestic.filter(officer_collar="").exists()
    assert not Vist.objects.filter(submitted_at__isnull=True).exists()
    force = domestic.first().api_client.agency
    rows_ = compliance.assess(domestic.select_related("api_client"))
    assert any(r.late for r in rows_) and any(r.overdue for r in rows_)
    assert sum(r.vist is not None and not r.late for r in rows_) > len(rows_) / 2
    assert compliance.list_missing_vists(force)
    assert not Clock.objects.filter(subject_type="intake.incident").exists()
