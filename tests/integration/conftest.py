from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import AccessAudit
from frontdoor.linkage.services import link_source_records
from frontdoor.people.ingest import SYSTEMS
from frontdoor.people.services import ingest_path
from frontdoor.synth import SynthOptions, generate
from frontdoor.web.demo import DemoCredentials
from support import county as county_rows
from support import demo as demo_rows
from support.counties import COUNTY_EXTRACTED
from support.factories import UserFactory
from support.pages import assert_page_shape
from support.words import assert_words_not_codes

# Routes whose successful answer shows someone's personal data: each such read must leave an access-audit row.
AUDITED_READS = {
    "singleview:person",
    "singleview:subject-access",
    "singleview:nhs-number-absence",
    "singleview:disability",
    "access:person",
    "access:looks",
    "mash:referral",
    "mash:decide",
    "mash:vist",
    "mash:review-pair",
    "mash:review-together",
    "mash:person-links",
    "mash:check",
    "mash:answer-check",
    "mash:ask-referral",
    "mash:ask-vist",
    "mash:meeting",
    "mash:meeting-item",
    "mash:meeting-minutes",
    "mash:edt",
    "mash:handover",
    "intake:mine",
    "intake:detail",
    "familyhelp:triage",
    "familyhelp:waiting",
    "familyhelp:alerts",
    "familyhelp:allocated",
    "familyhelp:family",
    "familyhelp:triage-family",
    "familyhelp:duty-worker",
    "familyhelp:allocate",
    "familyhelp:step-up",
    "encompass:notices",
    "encompass:notice",
    "encompass:acknowledge",
    "encompass:review",
    "encompass:unmatched",
    "encompass:unmatched-child",
    "missing:episodes",
    "missing:episode",
    "missing:category",
    "missing:return",
    "missing:close",
    "missing:interviews",
    "missing:interview",
    "missing:offer",
    "missing:findings",
    "missing:trigger-plan",
    "missing:edit-trigger-plan",
    "missing:care",
    "exploitation:screen",
    "exploitation:screening",
    "exploitation:history",
    "exploitation:due",
    "mace:children",
    "mace:entities",
    "mace:network",
    "mace:network_data",
    "mace:intelligence",
    "mace:actions",
    "mace:action",
    "mace:meeting",
    "mace:item",
    "mace:minutes",
}
AUDIT_LEDGER = {"reads": 0, "denials": 0, "audited": 0}


def _audited_read(request: dict, response) -> bool:
    path = request.get("PATH_INFO", "")
    if request.get("REQUEST_METHOD") != "GET" or response.status_code != 200:
        return False
    if path.startswith(("/api/v1/referrals", "/api/v1/mash-checks", "/api/v1/encompass", "/api/v1/missing-episodes")):
        return True
    if path == "/search/" and b'id="results"' in response.content:
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in AUDITED_READS


class PageClient(Client):
    """A test client that checks the shape of every HTML page it receives, and that every read of personal data
    and every refusal leaves an access-audit row with the request's id (the suite's totals are printed at the end).

    Django's admin and the API docs are third-party pages with their own design, so they are left out of the shape
    check.
    """

    def request(self, **request):
        response = super().request(**request)
        is_admin = request.get("PATH_INFO", "").startswith(("/admin/", "/api/"))  # third-party pages
        is_page = response.get("Content-Type", "").startswith("text/html") and response.content
        if is_page and response.status_code != 302 and not is_admin:
            assert_page_shape(response.content)
            assert_words_not_codes(response.content, request.get("PATH_INFO", ""))
        read, denied = _audited_read(request, response), response.status_code == 403
        if read or denied:
            AUDIT_LEDGER["reads" if read else "denials"] += 1
            request_id = response.get("X-Request-ID", "")
            audited = bool(request_id) and AccessAudit.objects.filter(request_id=request_id).exists()
            AUDIT_LEDGER["audited"] += audited
            what = "read" if read else "refusal"
            assert audited, f"{request.get('PATH_INFO')}: a {what} with no access-audit row"
        return response


@pytest.fixture
def client() -> PageClient:
    return PageClient()


@pytest.fixture
def sign_in_as(client: PageClient):
    """Sign a new user in, acting in `role` (other roles they hold are granted but not active)."""

    def _sign_in(role: str, *, other_roles: tuple[str, ...] = (), **user_fields):
        user = UserFactory(roles=[role, *other_roles], **user_fields)
        client.force_login(user)
        session = client.session
        session[ACTIVE_ROLE_KEY] = role
        session.save()
        return user

    return _sign_in


# --- A small synthetic county, generated once per run, for the ingest and linkage tests --------------------------


@pytest.fixture(scope="session")
def county(tmp_path_factory) -> Path:
    """The files of a 300-children county (seed 11): each agency's extract and the ground truth. Its records carry
    half as many errors again as the default county's, so that a linkage run leaves pairs for people to decide in a
    county this small (the review queue's tests work them)."""
    out = tmp_path_factory.mktemp("county")
    generate(SynthOptions(children=300, seed=11, error_scale=1.5), out)
    return out


@pytest.fixture(scope="session")
def county_snapshots(county: Path, django_db_setup, django_db_blocker) -> dict[str, county_rows.Snapshot]:
    """The county ingested, and then linked, built once for the whole session (see support.county)."""

    def ingest() -> None:
        for system in SYSTEMS:
            ingest_path(system, county, extracted_at=COUNTY_EXTRACTED)

    with django_db_blocker.unblock():
        return county_rows.build([("ingested", ingest), ("linked", link_source_records)])


@pytest.fixture
def ingested_county(county: Path, county_snapshots, db) -> Path:
    """The county with every system's extract brought in as source records and events."""
    county_rows.restore(county_snapshots["ingested"])
    return county


@pytest.fixture
def linked_county(county: Path, county_snapshots, db) -> Path:
    """The county ingested, and every source record linked to a person."""
    county_rows.restore(county_snapshots["linked"])
    return county


# --- The demo partnership, loaded once per run, for the tests of what `make demo` gives each role -----------------


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker) -> demo_rows.DemoSnapshot:
    with django_db_blocker.unblock():
        return demo_rows.build()


@pytest.fixture
def demo(demo_snapshot, db) -> DemoCredentials:
    """The demo partnership as `make demo` loads it (loaded once per run, put back for this test): its sign-ins and
    API tokens."""
    return demo_rows.restore(demo_snapshot)


def pytest_terminal_summary(terminalreporter) -> None:
    ledger = AUDIT_LEDGER
    if ledger["reads"] or ledger["denials"]:
        terminalreporter.write_line(
            f"access audit: {ledger['reads']} reads of personal data + {ledger['denials']} refusals = "
            f"{ledger['reads'] + ledger['denials']} requests, {ledger['audited']} with their audit row"
        )
