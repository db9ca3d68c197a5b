"""The analyst exports: the Standard Safeguarding Dataset's tables with the SSD's names and columns, pseudonymised
with a keyed hash (the same child the same pseudonym in every run; another project key, other pseudonyms), nothing
that names a child in any file, CSV and Parquet alike, and every export on record (who, when, which tables, how many
rows) in the access audit; from the command and from the analyst's page."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from frontdoor.access.models import AccessAudit
from frontdoor.people.models import Person
from frontdoor.reports.exports import EXPORT_ACTION, NoPseudonymKey, write_all
from frontdoor.reports.models import AnalystExport
from support import exports

pytestmark = pytest.mark.django_db

# The SSD's columns, in its order (data-to-insight/ssd-data-model, data/objects/*.yml), written out here by hand.
SSD_COLUMNS = {
    "ssd_person": "pers_person_id pers_sex pers_gender pers_ethnicity pers_dob pers_common_child_id pers_legacy_id "
    "pers_upn_unknown pers_send_flag pers_expected_dob pers_death_date pers_is_mother pers_nationality",
    "ssd_contacts": "cont_contact_id cont_person_id cont_contact_date cont_contact_source_code "
    "cont_contact_source_desc cont_contact_outcome_json",
    "ssd_cin_episodes": "cine_referral_id cine_person_id cine_referral_date cine_cin_primary_need_code "
    "cine_referral_source_code cine_referral_source_desc cine_referral_outcome_json cine_referral_nfa "
    "cine_close_reason cine_close_date cine_referral_team cine_referral_worker_id",
    "ssd_s47_enquiry": "s47e_s47_enquiry_id s47e_referral_id s47e_person_id s47e_s47_start_date s47e_s47_end_date "
    "s47e_s47_nfa s47e_s47_outcome_json s47e_s47_completed_by_worker_id s47e_s47_completed_by_team",
    "ssd_initial_cp_conference": "icpc_icpc_id icpc_icpc_meeting_id icpc_s47_enquiry_id icpc_person_id "
    "icpc_cp_plan_id icpc_referral_id icpc_icpc_transfer_in icpc_icpc_target_date icpc_icpc_date "
    "icpc_icpc_outcome_cp_flag icpc_icpc_outcome_json icpc_icpc_team icpc_icpc_worker_id",
    "ssd_missing": "miss_table_id miss_person_id miss_missing_episode_start_date miss_missing_episode_type "
    "miss_missing_episode_end_date miss_missing_rhi_offered miss_missing_rhi_accepted",
    "ssd_linked_identifiers": "link_table_id link_person_id link_identifier_type link_identifier_value "
    "link_valid_from_date link_valid_to_date",
    "ssd_early_help_episodes": "earl_episode_id earl_person_id earl_episode_start_date earl_episode_end_date "
    "earl_episode_reason earl_episode_end_reason earl_episode_organisation earl_episode_worker_id",
    "ssd_voice_of_child": "voch_table_id voch_person_id voch_explained_worries voch_story_help_understand "
    "voch_agree_worker voch_plan_safe voch_tablet_help_explain",
}


def read_csv(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def csv_header(folder: Path, table: str) -> list[str]:
    with (folder / f"{table}.csv").open(newline="", encoding="utf-8") as f:
        return next(csv.reader(f))


@pytest.fixture
def data():
    return exports.build()


def test_every_table_has_the_ssd_name_and_columns_in_order(data, tmp_path) -> None:
    written = write_all(tmp_path)
    assert set(written["tables"]) == set(SSD_COLUMNS)
    for table, columns in SSD_COLUMNS.items():
        assert csv_header(tmp_path, table) == columns.split(), table
    write_all(tmp_path / "parquet", "parquet")
    for table, columns in SSD_COLUMNS.items():
        assert pq.read_schema(tmp_path / "parquet" / f"{table}.parquet").names == columns.split(), table


def test_what_the_tables_hold(data, tmp_path) -> None:
    written = write_all(tmp_path)
    people = read_csv(tmp_path, "ssd_person")
    p1 = next(r for r in people if r["pers_dob"] == "2015-05" and r["pers_common_child_id"])
    assert len(people) == Person.objects.filter(kind="child").count() == written["tables"]["ssd_person"]
    # March's 4 referrals' children (P1 and P2, P3, P1) and February's (P3) and January 2025's (P2), and the two
    # VISTs' children (P4, P5): 8 contact rows.
    contacts = read_csv(tmp_path, "ssd_contacts")
    assert len(contacts) == 8
    assert sorted(c["cont_contact_source_code"] for c in contacts) == ["2A"] * 5 + ["3D"] + ["6"] * 2
    # Referred to social care: the assessments of January 2025 (P2), February (P3), 2 March (P1, P2); 21 March's
    # strategy discussion (P1); VIST 1 triaged as a referral (P4).
    assert len(read_csv(tmp_path, "ssd_cin_episodes")) == 6
    (enquiry,) = read_csv(tmp_path, "ssd_s47_enquiry")
    (conference,) = read_csv(tmp_path, "ssd_initial_cp_conference")
    assert enquiry["s47e_person_id"] == conference["icpc_person_id"] == p1["pers_person_id"]
    assert enquiry["s47e_s47_enquiry_id"] == conference["icpc_s47_enquiry_id"]
    assert (enquiry["s47e_s47_start_date"], conference["icpc_icpc_date"]) == ("2026-03-07", "2026-03-20")
    assert conference["icpc_icpc_outcome_cp_flag"] == "Y"
    missing = read_csv(tmp_path, "ssd_missing")
    declined = [m for m in missing if m["miss_missing_rhi_offered"] == "Y"]
    assert len(declined) == 1 and declined[0]["miss_missing_rhi_accepted"] == "N"
    links = read_csv(tmp_path, "ssd_linked_identifiers")
    assert sorted(r["link_identifier_type"] for r in links) == ["Case Number", "NHS Number", "Unique Pupil Number"]
    assert {r["link_person_id"] for r in links} == {p1["pers_person_id"]}
    # The common child id is the NHS number's pseudonym, the same as the linked identifier's; P3's comes from the
    # GP's record linked to them (the consistent identifier), not from an identifier recorded on them.
    (nhs,) = [r for r in links if r["link_identifier_type"] == "NHS Number"]
    assert p1["pers_common_child_id"] == nhs["link_identifier_value"]
    assert sum(1 for r in people if r["pers_common_child_id"]) == 2
    assert read_csv(tmp_path, "ssd_voice_of_child") == []
    readme = (tmp_path / "README.md").read_text()
    assert "ssd_voice_of_child: 0 rows" in readme and "ssd_cla_episodes" in readme


def test_the_same_child_has_the_same_pseudonym_in_every_run_and_another_under_another_key(data, tmp_path) -> None:
    write_all(tmp_path / "one")
    write_all(tmp_path / "two", "parquet")
    write_all(tmp_path / "other", key="another-project-key-" + "q" * 30)
    one = [r["pers_person_id"] for r in read_csv(tmp_path / "one", "ssd_person")]
    two = pq.read_table(tmp_path / "two" / "ssd_person.parquet").column("pers_person_id").to_pylist()
    other = [r["pers_person_id"] for r in read_csv(tmp_path / "other", "ssd_person")]
    assert len(one) >= 6 and len(set(one)) == len(one)
    assert one == two
    assert not set(one) & set(other)
    # A child's pseudonym joins the tables: every contact's child is in ssd_person.
    assert {c["cont_person_id"] for c in read_csv(tmp_path / "one", "ssd_contacts")} <= set(one)


def test_no_file_names_a_child(data, tmp_path) -> None:
    write_all(tmp_path / "csv")
    write_all(tmp_path / "parquet", "parquet")
    texts = [p.read_text(encoding="utf-8") for p in (tmp_path / "csv").iterdir()]
    for path in (tmp_path / "parquet").glob("*.parquet"):
        table = pq.read_table(path)
        texts.append(" ".join(str(v) for column in table.columns for v in column.to_pylist()))
    assert len(texts) == 2 * len(SSD_COLUMNS) + 1
    everything = "\n".join(texts)
    assert "2015-05" in everything  # the month of birth is there, so the scan is looking at the data
    surnames = {p.last_name for p in Person.objects.all()}
    assert "Scorecard" in surnames
    needles = [*surnames, exports.NHS_NUMBER, exports.HEALTH_RECORD_NHS_NUMBER, exports.UPN, exports.LA_CHILD_ID]
    needles += [exports.POSTCODE, "Quarry Lane", "2015-05-17", "17/05/2015", "I want to stay with my nan", "Oak House"]
    for needle in needles:
        assert needle not in everything, needle


def test_every_export_is_on_record(data, tmp_path) -> None:
    written = write_all(tmp_path)
    export = AnalystExport.objects.get(pk=written["export"])
    assert export.tables == written["tables"] and export.rows == sum(written["tables"].values()) > 0
    audit = AccessAudit.objects.get(action=EXPORT_ACTION)
    assert audit.person is None and audit.actor is None
    assert f"9 tables, {export.rows} rows" in audit.purpose


def test_the_command_writes_parquet(data, tmp_path) -> None:
    printed = io.StringIO()
    call_command("export", "analyst", "--out", str(tmp_path), "--format", "parquet", stdout=printed)
    assert (tmp_path / "ssd_missing.parquet").exists() and (tmp_path / "README.md").exists()
    assert "ssd_contacts: 8 rows" in printed.getvalue()


def test_the_analyst_runs_and_downloads_an_export_on_their_page(data, client, sign_in_as) -> None:
    user = sign_in_as("analyst")
    page = client.get("/reports/exports/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Section 47 enquiries" in html and 'data-testid="no-exports"' in html
    response = client.post("/reports/exports/", {"file_format": "parquet"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "ssd_person.parquet" in names and "README.md" in names
    audit = AccessAudit.objects.get(action=EXPORT_ACTION)
    assert audit.actor == user and audit.active_role == "analyst"
    again = client.get("/reports/exports/").content.decode()
    assert 'data-testid="exports-made"' in again and "Parquet" in again
    home = client.get("/").content.decode()
    assert 'data-testid="latest-export"' in home


def test_a_bad_format_is_a_form_error(client, sign_in_as) -> None:
    sign_in_as("analyst")
    response = client.post("/reports/exports/", {"file_format": "xls"})
    assert response.status_code == 400
    assert "Choose CSV or Parquet" in response.content.decode()
    assert client.post("/reports/exports/", {}).status_code == 400
    assert not AccessAudit.objects.filter(action=EXPORT_ACTION).exists()


@pytest.mark.parametrize("key", ["", "changeme", "too-short-a-key"])
def test_no_export_without_a_safe_project_key(client, sign_in_as, settings, tmp_path, key) -> None:
    settings.FRONTDOOR_PSEUDONYM_KEY = key
    with pytest.raises(CommandError, match="FRONTDOOR_PSEUDONYM_KEY"):
        call_command("export", "analyst", "--out", str(tmp_path), stdout=io.StringIO())
    sign_in_as("analyst")
    page = client.get("/reports/exports/").content.decode()
    assert 'data-testid="unavailable"' in page and "Export and download" not in page
    assert client.post("/reports/exports/", {"file_format": "csv"}).status_code == 400
    assert not AnalystExport.objects.exists() and not list(tmp_path.iterdir())


def test_the_key_may_not_be_another_of_frontdoors_keys(settings, tmp_path) -> None:
    settings.FRONTDOOR_PSEUDONYM_KEY = settings.FRONTDOOR_AUDIT_KEY
    with pytest.raises(NoPseudonymKey, match="the same as another"):
        write_all(tmp_path)
