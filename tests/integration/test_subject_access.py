"""Subject access: everything held about one person across every part they play, with who has looked."""

from __future__ import annotations

import pytest

from frontdoor.access.models import AccessAudit
from frontdoor.intake import matching
from frontdoor.people.models import SourceParticipation, SourceRecord
from support.arrivals import known_child, refer

pytestmark = pytest.mark.django_db


def test_json_and_html_hold_every_record_event_referral_and_look(client, sign_in_as, linked_county) -> None:
    record = known_child()
    reference = refer(record)
    matching.match_arrivals()
    sign_in_as("mash_social_worker")
    client.get(f"/record/{record.person_id}/")  # a look the log must show
    officer = sign_in_as("privacy_officer")
    response = client.get(f"/record/{record.person_id}/subject-access/", {"format": "json"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    doc = response.json()
    records = SourceRecord.objects.filter(person_id=record.person_id)
    assert {r["source_id"] for r in doc["agency_records"]} == set(records.values_list("source_id", flat=True))
    events = sum(
        SourceParticipation.objects.filter(system=r.system, record_source_id=r.source_id).count() for r in records
    )
    assert len(doc["events"]) == events
    assert [item["reference"] for item in doc["front_door"]] == [reference]
    assert doc["front_door"][0]["your_wishes_and_feelings"] == "Wants help."
    actions = [a["action"] for a in doc["access_log"]]
    assert "Opened the record" in actions and actions[-1] == "Subject access request"
    assert "User " not in response.content.decode()  # staff are named by role, not by an internal id
    html = client.get(f"/record/{record.person_id}/subject-access/").content.decode()
    assert reference in html and record.source_id in html and "Who has looked at this person" in html
    assert AccessAudit.objects.filter(actor=officer, action="subject_access_request").count() == 2


def test_only_the_privacy_officer_may_run_one(client, sign_in_as, linked_county) -> None:
    person_id = SourceRecord.objects.filter(person__isnull=False).values_list("person_id", flat=True).first()
    for role in ("mash_social_worker", "school_dsl", "mash_manager"):
        sign_in_as(role)
        assert client.get(f"/record/{person_id}/subject-access/").status_code == 403
