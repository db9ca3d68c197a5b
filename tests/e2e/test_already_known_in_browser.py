"""In Chromium: a referral about a child the county's agencies already hold shows the MASH who they probably are,
whom they are known to and why, and the page passes axe (WCAG 2.2 AA)."""

from __future__ import annotations

import csv
import json
import urllib.request
import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def a_county_child(server) -> dict:
    with (server.var_dir / "county" / "truth" / "people.csv").open() as f:
        for row in csv.DictReader(f):
            if row["kind"] == "child" and row["dob"] and row["nhs_number"] and row["first_name"]:
                return row
    raise AssertionError("the demo county has no child with an NHS number")


def refer_by_api(server, child: dict) -> str:
    body = {
        "referrer": {"name": "Rosa Fielding", "role": "Health visitor"},
        "children": [
            {
                "first_name": child["first_name"],
                "last_name": child["last_name"],
                "date_of_birth": child["dob"],
                "nhs_number": child["nhs_number"],
                "wishes_and_feelings": "Said home is noisy at night.",
            }
        ],
        "concern": {"description": "Unexplained bruising."},
        "level_of_need": 4,
        "consent": {"status": "dispensed", "rationale": "Risk of significant harm."},
    }
    request = urllib.request.Request(  # noqa: S310  (our own server on 127.0.0.1)
        f"{server.base_url}/api/v1/referrals",
        data=json.dumps(body).encode(),
        headers={
            "Authorization": f"Bearer {server.credentials['api_tokens']['health-records']}",
            "Idempotency-Key": f"e2e-{uuid.uuid4()}",
            "Content-Type": "application/json",
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.loads(response.read())["reference"]


def test_the_mash_sees_who_a_referred_child_already_is(server, new_page, sign_in_as, assert_accessible) -> None:
    reference = refer_by_api(server, a_county_child(server))
    page = new_page()
    sign_in_as(page, "mash.sw")
    page.goto(f"/mash/referrals/{reference}/")
    expect(page.get_by_role("heading", level=2, name="Already known")).to_be_visible()
    match = page.get_by_test_id("known-match").first
    expect(match).to_contain_text("match")
    expect(match).to_contain_text("Health")
    match.get_by_text("Why this match").click()
    expect(match).to_contain_text("Date of birth: the same")  # the record compared may be one without the number
    assert_accessible(page)
