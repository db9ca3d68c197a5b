"""Schemathesis over the whole partner API, in-process, with every check: no server error, and no answer or
accepted request that breaks the API's own OpenAPI schema (reliability promise 16).

Each operation is one test: schemathesis generates valid and invalid requests from the schema (its examples,
coverage and fuzzing phases) and sends them with a real token holding every scope, straight into the WSGI app.
The run is bounded (examples per operation, a fixed seed, derandomised) to stay near a minute, and it runs once,
in the SQLite pass of make test: it tests the API's contract, which does not change with the database.

One check is told one thing: a request that the JSON Schema calls valid may still break a rule JSON Schema cannot
say (an NHS number's check digit, "give a date of birth or an expected date of delivery", a date in the future,
the same VIST id with another body). The API answers those 422, naming the field, and positive_data_acceptance
takes 422 as an answer; every other check, and every other status, is as schemathesis ships it.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from frontdoor.access import services
from frontdoor.core.api import SCOPES
from support.factories import AgencyFactory

if os.environ.get("FRONTDOOR_TEST_DATABASE_URL", "").startswith("postgres"):
    pytest.skip("the API contract is the same on both databases: it runs in the SQLite pass", allow_module_level=True)

pytestmark = [pytest.mark.schemathesis, pytest.mark.django_db(transaction=True)]

EXAMPLES_PER_OPERATION = 60
SEED = 20261203
RULES_BEYOND_JSON_SCHEMA = ["2xx", "401", "403", "404", "409", "422"]
# A real token of a real client (made by the fixture below); schemathesis sends it, and knows it is sent, so its
# checks that leave it out (ignored_auth, a missing Authorization header) see what a client without one sees.
TOKEN = services.TOKEN_PREFIX + "schemathesis-fixed-test-token-not-a-secret"


CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "auth": {"openapi": {"ApiTokenAuth": {"bearer": TOKEN}}},
        "generation": {
            "max-examples": EXAMPLES_PER_OPERATION,
            "deterministic": True,
            "database": "none",
        },
        "checks": {
            "enabled": True,
            "positive_data_acceptance": {"expected-statuses": RULES_BEYOND_JSON_SCHEMA},
        },
    }
)
# Serving the schema reads no table, so it is loaded once, as the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=CONFIG)


@pytest.fixture
def police_client() -> None:
    # A police client holding every scope: it may send every kind of arrival, and its own (police) extracts.
    agency = AgencyFactory(name="Esterbury Constabulary", kind="police")
    services.create_api_client("schemathesis", agency, sorted(SCOPES), token=TOKEN)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_schema_and_never_errs(case, police_client) -> None:
    case.call_and_validate()
