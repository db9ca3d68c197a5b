"""The demo's missing children: the coordinator has children missing now, returns awaiting an interview (one
overdue), a trigger plan to show police and a strategy prompt; the return home interview worker has interviews to
offer and one to record; an interview is done; loaded again, nothing is added."""

from __future__ import annotations

import re
from html import unescape

import pytest

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.missing.models import Episode, InterviewRequest, InterviewStatus, Prompt, PromptKind, TriggerPlan
from frontdoor.web.demo import load_demo_data
from support.demo import home_of as demo_home

pytestmark = pytest.mark.django_db


def home_of(client, username: str, role: str) -> str:
    """The home page as words, one space between them."""
    html = demo_home(client, username, role)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",")


def test_the_coordinator_and_the_interview_worker_have_a_mornings_work(demo, client) -> None:
    home = home_of(client, "missing", "missing_exploitation_coordinator")
    assert "1 child missing now" in home
    assert "2 returns without a return home interview offered, 1 past 72 hours" in home
    assert "My deadlines" in home and "3 missing episodes in 90 days" in home
    home = home_of(client, "rhi", "return_home_interview_worker")
    assert "2 return home interviews to offer" in home and "1 interview to complete" in home
    assert InterviewRequest.objects.filter(status=InterviewStatus.COMPLETED).count() == 1
    assert Prompt.objects.filter(kind=PromptKind.STRATEGY).count() == 1
    kayla = Episode.objects.get(police_reference="ESP-DEMO-MIS-03")
    assert TriggerPlan.objects.filter(person=kayla.person).count() == 2
    jayden = Episode.objects.get(police_reference="ESP-DEMO-MIS-04")
    assert jayden.api_client is not None and jayden.category.code == "concern-for-safety" and jayden.vist is not None
    # Police open Kayla's episode and see the plan made after her interview.
    client.force_login(User.objects.get(username="mash.police"))
    session = client.session
    session[ACTIVE_ROLE_KEY] = "mash_police"
    session.save()
    page = unescape(client.get(f"/missing/episodes/{kayla.reference}/").content.decode())
    assert "Version 2" in page and "flat above the takeaway on Mill Street" in page


def test_loading_the_demo_again_adds_nothing(demo) -> None:
    counts = (Episode.objects.count(), InterviewRequest.objects.count(), TriggerPlan.objects.count(),
              Prompt.objects.count())  # fmt: skip
    load_demo_data()
    assert counts == (Episode.objects.count(), InterviewRequest.objects.count(), TriggerPlan.objects.count(),
                      Prompt.objects.count())  # fmt: skip
