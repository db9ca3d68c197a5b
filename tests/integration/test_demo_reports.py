"""The demo's scorecard: after the demo is loaded, the MASH manager and the scrutineer see figures with numbers in
them for the last 12 months, not an empty card."""

from __future__ import annotations

import re
from html import unescape

import pytest

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User

pytestmark = pytest.mark.django_db


def page_of(client, username: str, role: str, path: str) -> str:
    client.force_login(User.objects.get(username=username))
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def numbers(html: str) -> list[str]:
    cells = re.findall(r'data-testid="number">(.*?)</td>', html, flags=re.S)
    return [" ".join(unescape(re.sub(r"<span class=\"govuk-visually-hidden\">.*?</span>|<[^>]+>", " ", c)).split())
            for c in cells]  # fmt: skip


def test_the_scorecard_has_figures_after_the_demo(demo, client) -> None:
    html = page_of(client, "mash.manager", "mash_manager", "/reports/scorecard/?period=last_12_months")
    shown = numbers(html)
    assert len(shown) >= 20
    contacts = int(shown[0].replace(",", ""))
    assert contacts >= 50  # the morning's queue, the police VISTs and their incidents' VISTs
    # Most figures have something in them: a share with a non-zero denominator, or a statistic.
    counted = [n for n in shown if re.fullmatch(r"[0-9,]+ of [1-9][0-9,]*", n)]
    statistics = [n for n in shown if "(from " in n]
    assert len(counted) >= 8 and len(statistics) >= 3, shown
    assert 'href="/reports/scorecard/contacts/0/?period=last_12_months"' in html
    # The manager opens the children behind the contacts: the queue's children are theirs to see.
    drill = page_of(client, "mash.manager", "mash_manager", "/reports/scorecard/contacts/0/?period=last_12_months")
    assert 'data-testid="children"' in drill


def test_the_scrutineer_sees_the_demo_scorecard_in_aggregate(demo, client) -> None:
    html = page_of(client, "scrutineer", "strategic_leader", "/reports/scorecard/?period=last_12_months")
    shown = numbers(html)
    assert int(shown[0].replace(",", "")) >= 50
    assert any("fewer than 5" in n for n in shown)  # the demo's small agencies' numbers are suppressed
    assert "/reports/scorecard/contacts/" not in html
    home = page_of(client, "scrutineer", "strategic_leader", "/")
    assert 'href="/reports/scorecard/"' in home and "so far this month" in home
