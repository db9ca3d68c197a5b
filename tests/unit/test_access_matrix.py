"""The access matrix: every role x agency kind x category x action x relationship against the policy file, the
defaults issue 6 asks for, and a broken policy file refused with a message that says where."""

from __future__ import annotations

import tomllib

import pytest

from frontdoor.access.matrix import (
    AGENCY_KINDS,
    DEFAULT_POLICY_PATH,
    Action,
    PolicyError,
    Relationship,
    decide,
    get_policy,
    parse_policy,
)
from frontdoor.access.roles import Role
from frontdoor.people.models import AgencyKind

RAW = tomllib.loads(DEFAULT_POLICY_PATH.read_text(encoding="utf-8"))
CATEGORIES = RAW["categories"]
# The oracle's own reading of the levels, written out from the comment at the top of policy.toml.
ORACLE_LEVELS = {
    "none": set(),
    "aggregate": {"aggregate"},
    "pseudonymised": {"view_pseudonymised", "aggregate"},
    "summary": {"view_summary"},
    "read": {"view_summary", "view_full"},
    "full": {"view_summary", "view_full", "edit"},
}


def oracle(role: str, kind: str | None, category: str, action: str, relationship: str) -> bool:
    spec = RAW["roles"][role]
    level = spec["categories"][category]
    overrides = spec.get("agency", {})
    for group, kinds in RAW["agency_groups"].items():
        if kind in kinds:
            level = overrides.get(group, {}).get(category, level)
    level = overrides.get(kind, {}).get(category, level)
    if action not in ORACLE_LEVELS[level]:
        return False
    if spec["relationship_required"] and relationship == "none":
        return action in ORACLE_LEVELS[spec["without_relationship"]]
    return not (relationship == "break_glass" and not spec["break_glass"])


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("role", [str(r) for r in Role])
def test_every_cell_of_the_matrix_matches_the_policy_file(role: str, category: str) -> None:
    wrong = [
        (kind, action, relationship)
        for kind in [None, *AGENCY_KINDS]
        for action in Action
        for relationship in Relationship
        if decide(role, kind, category, action, relationship).allowed
        != oracle(role, kind, category, action, relationship)
    ]
    assert wrong == []


def test_the_policy_covers_every_role_and_the_categories_issue_6_names() -> None:
    assert set(RAW["roles"]) == {str(r) for r in Role}
    assert set(CATEGORIES) >= {
        "identity",
        "csc",
        "police",
        "community_health",
        "acute_health",
        "sexual_health",
        "maternity",
        "education",
        "early_help",
        "referrals",
        "notes_voice",
    }


def test_the_agency_kinds_the_policy_may_name_are_the_real_ones() -> None:
    assert set(AGENCY_KINDS) == {str(k) for k in AgencyKind}


# --- The defaults, written out by hand ------------------------------------------------------------------------

LEGIT = Relationship.LEGITIMATE


def test_health_sees_community_health_in_full_and_the_acute_hospital_read_only() -> None:
    for role, kind in [(Role.MASH_HEALTH, "community_health"), (Role.PARTNER_RESPONDER, "community_health")]:
        assert decide(role, kind, "community_health", Action.VIEW_FULL, LEGIT)
        assert decide(role, kind, "community_health", Action.EDIT, LEGIT)
        assert decide(role, kind, "acute_health", Action.VIEW_FULL, LEGIT)
        assert not decide(role, kind, "acute_health", Action.EDIT, LEGIT)


def test_sexual_health_and_maternity_only_for_the_named_roles_and_services() -> None:
    allowed = {
        (str(role), kind, category)
        for role in Role
        for kind in [None, *AGENCY_KINDS]
        for category in ("sexual_health", "maternity")
        if decide(role, kind, category, Action.VIEW_FULL, LEGIT)
    }
    assert {(r, k, c) for r, k, c in allowed if c == "sexual_health"} == {
        ("mash_health", "sexual_health", "sexual_health"),
        ("partner_responder", "sexual_health", "sexual_health"),
    }
    assert {r for r, _, c in allowed if c == "maternity"} == {"mash_health", "partner_responder"}
    assert not decide(Role.PARTNER_RESPONDER, "community_health", "maternity", Action.VIEW_FULL, LEGIT)


@pytest.mark.parametrize("role", [Role.REFERRER, Role.PARTNER_RESPONDER])
def test_police_outside_the_mash_see_the_cp_is_summary_and_nothing_more(role: Role) -> None:
    seen = {
        (category, action)
        for category in CATEGORIES
        for action in Action
        for relationship in Relationship
        if decide(role, "police", category, action, relationship)
    }
    assert seen == {("csc", Action.VIEW_SUMMARY), ("identity", Action.VIEW_SUMMARY)}


def test_schools_see_their_own_pupils_referrals_and_nothing_without_the_relationship() -> None:
    assert decide(Role.SCHOOL_DSL, "school", "referrals", Action.VIEW_FULL, LEGIT)
    assert not decide(Role.SCHOOL_DSL, "school", "referrals", Action.VIEW_FULL, Relationship.NONE)
    assert not decide(Role.SCHOOL_DSL, "school", "csc", Action.VIEW_SUMMARY, LEGIT)
    refused = decide(Role.SCHOOL_DSL, "school", "referrals", Action.VIEW_FULL, Relationship.BREAK_GLASS)
    assert not refused and not refused.break_glass_would_allow


def test_analysts_see_pseudonymised_data_and_the_scrutineer_aggregates_only() -> None:
    for category in CATEGORIES:
        assert not decide(Role.ANALYST, None, category, Action.VIEW_FULL)
        assert not decide(Role.ANALYST, None, category, Action.VIEW_SUMMARY)
        assert not decide(Role.STRATEGIC_LEADER, None, category, Action.VIEW_PSEUDONYMISED)
        assert not decide(Role.STRATEGIC_LEADER, None, category, Action.EDIT)
    assert decide(Role.ANALYST, None, "csc", Action.VIEW_PSEUDONYMISED)
    assert decide(Role.STRATEGIC_LEADER, None, "csc", Action.AGGREGATE)


def test_a_mash_worker_needs_a_relationship_or_break_glass_for_full_detail() -> None:
    refused = decide(Role.MASH_SOCIAL_WORKER, "childrens_social_care", "csc", Action.VIEW_FULL, Relationship.NONE)
    assert not refused and refused.break_glass_would_allow
    assert "break-glass" in refused.reason
    assert decide(Role.MASH_SOCIAL_WORKER, "childrens_social_care", "csc", Action.VIEW_FULL, Relationship.BREAK_GLASS)
    assert decide(Role.MASH_SOCIAL_WORKER, "childrens_social_care", "csc", Action.VIEW_FULL, LEGIT)


def test_no_role_sees_nothing() -> None:
    assert not decide(None, None, "identity", Action.VIEW_SUMMARY, LEGIT)
    assert not decide("not_a_role", None, "identity", Action.VIEW_SUMMARY, LEGIT)


def test_an_unknown_category_or_action_fails_loudly() -> None:
    with pytest.raises(KeyError, match="unknown data category"):
        decide(Role.MASH_MANAGER, None, "horoscope", Action.VIEW_FULL)
    with pytest.raises(ValueError, match="'peek'"):
        decide(Role.MASH_MANAGER, None, "csc", "peek")


# --- A broken file is refused, saying where -------------------------------------------------------------------


def broken(edit) -> dict:
    data = tomllib.loads(DEFAULT_POLICY_PATH.read_text(encoding="utf-8"))
    edit(data)
    return data


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["roles"].pop("analyst"), r"no policy for role\(s\) analyst"),
        (lambda d: d["roles"].__setitem__("wizard", d["roles"]["analyst"]), r"roles\.wizard is not a role"),
        (lambda d: d["roles"]["analyst"]["categories"].pop("csc"), r"roles\.analyst\.categories: no level for csc"),
        (
            lambda d: d["roles"]["analyst"]["categories"].__setitem__("csc", "most"),
            r"roles\.analyst\.categories\.csc: 'most' is not a level",
        ),
        (
            lambda d: d["roles"]["referrer"]["agency"].__setitem__("spaceport", {"csc": "read"}),
            r"roles\.referrer\.agency\.spaceport: not an agency kind or group",
        ),
        (
            lambda d: d["roles"]["referrer"]["categories"].__setitem__("horoscope", "read"),
            r"'horoscope' is not a data category",
        ),
        (lambda d: d["roles"]["referrer"].__setitem__("break_glass", "yes"), r"break_glass must be true or false"),
        (lambda d: d.__setitem__("version", 2), "version must be 1"),
    ],
)
def test_a_broken_policy_is_refused_with_a_message_that_says_where(edit, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        parse_policy(broken(edit), source="policy.toml")


def test_the_packaged_policy_is_the_one_in_use() -> None:
    assert get_policy() == parse_policy(RAW, source="policy.toml")
