"""Break-glass in Chromium, end to end: a MASH worker with no relationship to a child is refused, gives a reason
(an empty one is refused beside the field), sees the record for a limited time; the privacy officer is alerted and
reviews it as a second person. Every page on the way passes axe (WCAG 2.2 AA)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

FRONTDOOR = Path(sys.executable).parent / "frontdoor"
REASON = "Police called out of hours about this child; urgent strategy discussion tonight."


def frontdoor(server, *args: str) -> str:
    """Run a frontdoor command against the server's own database (the demo preset in its var directory)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "FRONTDOOR_TEST_DATABASE_URL"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(FRONTDOOR_VAR_DIR=str(server.var_dir), FRONTDOOR_ENV="demo")
    done = subprocess.run([str(FRONTDOOR), *args], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"frontdoor {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def a_child_the_mash_has_no_work_with(server) -> tuple[int, str]:
    """A county child nobody in the MASH works with (on no item, in no review, in no household of a child on one):
    their id and name."""
    code = (
        "from frontdoor.access.models import User; "
        "from frontdoor.access.relationships import find_legitimate_relationship as why; "
        "from frontdoor.people.models import Person; "
        "worker = User.objects.get(username='mash.sw'); "
        "child = next(p for p in Person.objects.filter(kind='child', source_records__system='health')"
        ".exclude(first_name='').distinct().order_by('id') if why(worker, p, 'mash_social_worker') is None); "
        "print(child.pk, child.first_name, child.last_name)"
    )
    pk, name = frontdoor(server, "shell", "-c", code).strip().splitlines()[-1].split(" ", 1)
    return int(pk), name


def h1(page):
    return page.get_by_role("heading", level=1)


def test_break_glass_end_to_end(server, new_page, sign_in_as, axe, screenshots_dir) -> None:
    found: dict[str, list] = {}
    child_id, name = a_child_the_mash_has_no_work_with(server)

    worker = new_page()
    sign_in_as(worker, "mash.sw")
    response = worker.goto(f"/people/{child_id}/")
    assert response is not None and response.status == 403
    expect(h1(worker)).to_have_text("You need a reason to see this record")
    expect(worker.get_by_text(name.split()[-1])).to_have_count(0)
    found["refused"] = axe.violations(worker)

    worker.get_by_role("button", name="Break glass and see the record").click()
    expect(worker).to_have_title(re.compile(r"^Error: You need a reason"))
    expect(worker.locator("#id_reason-error")).to_contain_text("Give your reason for seeing this record now")
    found["reason missing"] = axe.violations(worker)

    worker.get_by_label("Why do you need to see this record now?").fill(REASON)
    worker.get_by_role("button", name="Break glass and see the record").click()
    expect(worker).to_have_url(f"{server.base_url}/people/{child_id}/")
    expect(h1(worker)).to_have_text(name)
    expect(worker.get_by_text(re.compile(r"through break-glass access BG-\d+ until"))).to_be_visible()
    worker.screenshot(path=screenshots_dir / "break-glass-granted.png", full_page=True)
    found["record through break-glass"] = axe.violations(worker)

    frontdoor(server, "worker", "--once")  # delivers the outbox: the privacy officer's in-app alert

    officer = new_page()
    sign_in_as(officer, "privacy")
    alert = officer.get_by_role("link", name=re.compile(r"^Break-glass access BG-\d+ to review$"))
    expect(alert).to_be_visible()
    found["privacy officer home"] = axe.violations(officer)
    alert.click()
    expect(h1(officer)).to_have_text(re.compile(r"^Review break-glass access BG-\d+$"))
    expect(officer.get_by_text(REASON)).to_be_visible()
    found["review"] = axe.violations(officer)

    officer.get_by_role("button", name="Record the review").click()
    expect(officer.locator("#id_outcome-error")).to_contain_text("Choose whether the access was justified")
    found["review error"] = axe.violations(officer)
    officer.get_by_label("Justified", exact=True).check()
    officer.get_by_role("button", name="Record the review").click()
    expect(h1(officer)).to_have_text("Break-glass accesses to review")
    expect(officer.get_by_text("There are no break-glass accesses waiting for review.")).to_be_visible()
    found["after review"] = axe.violations(officer)

    officer.goto(f"/access/people/{child_id}/looks/")
    expect(h1(officer)).to_have_text("Who has looked at this record")
    expect(officer.get_by_role("cell", name="Break-glass").first).to_be_visible()
    found["who has looked"] = axe.violations(officer)
    officer.goto("/access/policy/")
    expect(h1(officer)).to_have_text("Access policy")
    found["policy"] = axe.violations(officer)
    officer.goto("/access/reviews/")
    found["access reviews"] = axe.violations(officer)

    failing = {where: vs for where, vs in found.items() if vs}
    assert not failing, "axe found violations:\n" + "\n".join(f"{w}:\n{axe.format(vs)}" for w, vs in failing.items())
