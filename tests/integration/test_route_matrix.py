"""The access matrix, enforced: every route for every role, allowed or refused as the policy says; and on the child's
page, for every role, nothing from a data category the policy withholds from that role."""

from __future__ import annotations

import re
from html import unescape

import pytest

from frontdoor.access import services as access_services
from frontdoor.access.matrix import Action, Relationship, allowed_actions, get_policy
from frontdoor.access.role_permissions import role_grants
from frontdoor.access.roles import Role
from frontdoor.core.routes import declared_permission
from frontdoor.intake.models import ReferralChild
from frontdoor.people.vocabulary import KINDS
from support.arrivals import busiest_child, refer
from support.factories import PersonFactory, SourceEventFactory, SourceParticipationFactory, SourceRecordFactory
from support.routes import walk

pytestmark = pytest.mark.django_db

ROLES = [role.value for role in Role]
PLACEHOLDERS = {"int": "999999", "uuid": "00000000-0000-4000-8000-000000000000", "slug": "no-such-thing"}
_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def permissioned_routes() -> list[tuple[str, str]]:
    """(path with placeholder arguments, permission) for every web route that declares a policy permission."""
    routes = []
    for route, pattern in walk():
        permission = declared_permission(pattern.callback)
        if not permission or permission in ("public", "signed-in") or route.startswith(("admin/", "api/")):
            continue
        path = "/" + _CONVERTER.sub(lambda m: PLACEHOLDERS.get(m.group(1) or "str", "NO-SUCH-THING"), route)
        routes.append((path.replace("^", "").replace("$", ""), permission))
    return sorted(set(routes))


def test_the_matrix_covers_the_routes_that_show_personal_data() -> None:
    paths = {path for path, _ in permissioned_routes()}
    assert {"/record/999999/", "/search/", "/mash/", "/referrals/", "/access/policy/"} <= paths
    assert "/record/999999/nhs-number-absence/" in paths
    family_help = {
        "/family-help/",
        "/family-help/waiting/",
        "/family-help/waiting/alert/",
        "/family-help/allocated/",
        "/family-help/families/NO-SUCH-THING/",
        "/family-help/families/NO-SUCH-THING/triage/",
        "/family-help/families/NO-SUCH-THING/duty-worker/",
        "/family-help/families/NO-SUCH-THING/allocate/",
        "/family-help/families/NO-SUCH-THING/step-up/",
    }
    assert family_help <= paths
    checks = {
        "/mash/checks/",
        "/mash/checks/NO-SUCH-THING/",
        "/mash/checks/NO-SUCH-THING/answer/",
        "/mash/referrals/NO-SUCH-THING/checks/",
        "/mash/vists/NO-SUCH-THING/checks/",
    }
    assert checks <= paths, checks - paths
    vist_compliance = {"/vist-compliance/", "/vist-compliance/lag/"}
    assert vist_compliance <= paths, vist_compliance - paths
    meeting_and_edt = {
        "/mash/meeting/",
        "/mash/meeting/NO-SUCH-THING/",
        "/mash/meeting/NO-SUCH-THING/attendance/",
        "/mash/meeting/NO-SUCH-THING/minutes/",
        "/mash/meeting/NO-SUCH-THING/items/999999/",
        "/mash/meeting/NO-SUCH-THING/items/999999/steps/",
        "/mash/meeting/steps/999999/done/",
        "/mash/edt/",
        "/mash/edt/contacts/new/",
        "/mash/edt/contacts/NO-SUCH-THING/",
        "/mash/edt/contacts/NO-SUCH-THING/pick-up/",
    }
    assert meeting_and_edt <= paths, meeting_and_edt - paths
    encompass = {
        "/encompass/",
        "/encompass/notices/NO-SUCH-THING/",
        "/encompass/notices/NO-SUCH-THING/acknowledge/",
        "/encompass/notices/NO-SUCH-THING/review/",
        "/encompass/unmatched/",
        "/encompass/unmatched/999999/",
    }
    assert encompass <= paths, encompass - paths
    strategy = {
        "/mash/strategy/",
        "/mash/strategy/NO-SUCH-THING/",
        "/mash/strategy/NO-SUCH-THING/record/",
        "/mash/strategy/NO-SUCH-THING/circulate/",
        "/mash/strategy/NO-SUCH-THING/conference/",
        "/mash/strategy/NO-SUCH-THING/change/",
        "/mash/strategy/NO-SUCH-THING/cancel/",
        "/mash/strategy/NO-SUCH-THING/actions/new/",
        "/mash/strategy/NO-SUCH-THING/actions/999999/done/",
        "/mash/strategy/child/999999/",
        "/mash/strategy/out-of-hours/999999/",
        "/mash/referrals/NO-SUCH-THING/strategy/",
        "/mash/vists/NO-SUCH-THING/strategy/",
    }
    assert strategy <= paths, strategy - paths
    missing = {
        "/missing/",
        "/missing/episodes/new/",
        "/missing/episodes/NO-SUCH-THING/",
        "/missing/episodes/NO-SUCH-THING/category/",
        "/missing/episodes/NO-SUCH-THING/return/",
        "/missing/episodes/NO-SUCH-THING/close/",
        "/missing/interviews/",
        "/missing/interviews/NO-SUCH-THING/",
        "/missing/interviews/NO-SUCH-THING/offer/",
        "/missing/interviews/NO-SUCH-THING/findings/",
        "/missing/children/999999/trigger-plan/",
        "/missing/children/999999/trigger-plan/edit/",
        "/missing/children/999999/care/",
    }
    assert missing <= paths, missing - paths
    exploitation = {
        "/exploitation/",
        "/exploitation/children/999999/",
        "/exploitation/children/999999/screen/",
        "/exploitation/screenings/999999/",
    }
    assert exploitation <= paths, exploitation - paths
    mace = {
        "/mace/",
        "/mace/entities/",
        "/mace/network/",
        "/mace/network/data/",
        "/mace/intelligence/",
        "/mace/intelligence/new/",
        "/mace/actions/",
        "/mace/actions/new/",
        "/mace/actions/999999/",
        "/mace/meetings/",
        "/mace/meetings/NO-SUCH-THING/",
        "/mace/meetings/NO-SUCH-THING/items/999999/",
        "/mace/meetings/NO-SUCH-THING/minutes/",
    }
    assert mace <= paths, mace - paths
    reports = {
        "/reports/scorecard/",
        "/reports/scorecard/fairness/",
        "/reports/scorecard/no-such-thing/999999/",
        "/reports/annual/",
        "/reports/exports/",
        "/reports/returns/check/",
    }
    assert reports <= paths, reports - paths


@pytest.mark.parametrize("role", ROLES)
def test_every_route_allows_or_refuses_each_role_as_the_policy_says(client, sign_in_as, role: str) -> None:
    sign_in_as(role)
    wrong = []
    for path, permission in permissioned_routes():
        status = client.get(path).status_code
        if role_grants(role, permission):
            if status == 403:
                wrong.append(f"{path}: refused, but {role} holds {permission}")
        elif status != 403:
            wrong.append(f"{path}: answered {status}, but {role} does not hold {permission}")
    assert wrong == []


@pytest.mark.parametrize("role", ROLES)
def test_the_childs_page_shows_no_category_the_role_may_not_see(client, sign_in_as, linked_county, role: str) -> None:
    child = busiest_child()
    user = sign_in_as(role)
    access_services.add_to_caseload(child, user=user)  # the strongest claim short of break-glass
    response = client.get(f"/record/{child.pk}/")
    kind = user.agency.kind if user.agency else None
    policy = get_policy()
    seen = {
        c
        for c in policy.categories
        if {Action.VIEW_FULL, Action.VIEW_SUMMARY} & allowed_actions(role, kind, c, Relationship.LEGITIMATE, policy)
    }
    if not seen:
        assert response.status_code == 403
        return
    html = response.content.decode()
    full = {c for c in policy.categories if Action.VIEW_FULL in allowed_actions(role, kind, c, "legitimate", policy)}
    marker = 'data-testid="chronology"'
    chronology = html.split(marker)[1].split("</table>")[0] if marker in html else ""
    for event in KINDS.values():
        if event.category not in full:
            assert f">{event.what}<" not in chronology and f">{event.what}</a>" not in chronology, (role, event)
    if "identity" not in full:
        assert 'data-testid="linked-records"' not in html and 'data-testid="household"' not in html


# --- Withheld is not absent -----------------------------------------------------------------------------------------

# For each data category, an agency event of that category (its system and kind), to add to a child.
EVENT_OF_CATEGORY = {
    "csc": ("csc", "child_protection_plan"),
    "police": ("police", "missing_episode"),
    "acute_health": ("health", "ed_attendance"),
    "community_health": ("health", "health_visitor_contact"),
    "maternity": ("health", "maternity_episode"),
    "education": ("education", "school_census"),
    "early_help": ("earlyhelp", "early_help_episode"),
}
SYSTEMS = ("health", "education", "csc", "earlyhelp", "police")
# Sentences that would tell a reader there is nothing in an area: each names the area it is about.
ABSENCE_WORDS = {
    "csc": ("social care plans",),
    "early_help": ("early help recorded",),
    "police": ("missing episodes",),
    "education": ("special educational needs",),
    "referrals": ("no deadline is running", "has made no decision"),
}


def _seen(role: str, kind: str | None) -> set[str]:
    policy = get_policy()
    return {
        c
        for c in policy.categories
        if {Action.VIEW_FULL, Action.VIEW_SUMMARY} & allowed_actions(role, kind, c, Relationship.LEGITIMATE, policy)
    }


def _page(client, child) -> str:
    html = client.get(f"/record/{child.pk}/").content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)  # per request, by design


@pytest.mark.parametrize("role", ROLES)
def test_a_child_with_and_without_withheld_records_renders_the_same_and_nothing_withheld_is_said_absent(
    client, sign_in_as, role: str
) -> None:
    """Whatever the role may not see, its page is the same whether or not the child has any of it, and it never
    says there is none of it: it says it is not shown to the role, and whom to ask."""
    child = PersonFactory()
    records = {system: SourceRecordFactory(person=child, system=system, address="1 Test Street") for system in SYSTEMS}
    user = sign_in_as(role)
    access_services.add_to_caseload(child, user=user)
    seen = _seen(role, user.agency.kind if user.agency else None)
    if "identity" not in seen:
        pytest.skip(f"{role} never sees one named child")
    before = _page(client, child)
    withheld = [c for c in EVENT_OF_CATEGORY if c not in seen]
    for category in withheld:
        system, kind = EVENT_OF_CATEGORY[category]
        SourceParticipationFactory(record=records[system], event=SourceEventFactory(system=system, kind=kind))
    if "referrals" not in seen:
        withheld.append("referrals")
        refer(child=records["health"])
        ReferralChild.objects.update(person=child)
    assert withheld or set(EVENT_OF_CATEGORY) <= seen
    after = _page(client, child)
    assert after == before, f"{role}: the page changed when records it may not see were added"
    text = re.sub(r"<[^>]+>", " ", unescape(after)).lower()
    for category in withheld:
        for words in ABSENCE_WORDS.get(category, ()):
            assert words not in text, f"{role} is told there is no {category}"
    if withheld:
        assert "not shown to your role. if you need" in text
