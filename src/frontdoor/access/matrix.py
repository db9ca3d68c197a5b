"""The access matrix: role x agency kind x data category x action, read from `policy.toml` and decided here.

`decide()` is a pure function of the policy and its arguments: no database, no request. The policy file is read
and validated once, at start-up (`AccessConfig.ready`), and a broken file stops the application with a message
naming the role, category or level at fault.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from frontdoor.access.roles import Role

DEFAULT_POLICY_PATH = Path(__file__).with_name("policy.toml")

# The agency kinds a policy may name. Kept here, not imported from people.models, so this module stays free of
# Django models; a unit test checks the two lists agree.
AGENCY_KINDS = (
    "police",
    "ambulance",
    "community_health",
    "acute_hospital",
    "maternity",
    "sexual_health",
    "gp",
    "school",
    "early_years",
    "further_education",
    "alternative_provision",
    "childrens_social_care",
    "early_help",
    "youth_support",
    "emergency_duty_team",
    "probation",
    "housing",
    "other",
)


class Action(StrEnum):
    VIEW_FULL = "view_full"
    VIEW_SUMMARY = "view_summary"
    VIEW_PSEUDONYMISED = "view_pseudonymised"
    AGGREGATE = "aggregate"
    EDIT = "edit"


class Relationship(StrEnum):
    """How the user stands to the person: the caseload or a team queue, an unexpired break-glass, or neither."""

    NONE = "none"
    LEGITIMATE = "legitimate"
    BREAK_GLASS = "break_glass"


# What each level of a policy cell allows. Levels are sets, not a ladder: a pseudonym is not less than a summary.
LEVELS: dict[str, frozenset[Action]] = {
    "none": frozenset(),
    "aggregate": frozenset({Action.AGGREGATE}),
    "pseudonymised": frozenset({Action.VIEW_PSEUDONYMISED, Action.AGGREGATE}),
    "summary": frozenset({Action.VIEW_SUMMARY}),
    "read": frozenset({Action.VIEW_SUMMARY, Action.VIEW_FULL}),
    "full": frozenset({Action.VIEW_SUMMARY, Action.VIEW_FULL, Action.EDIT}),
}
LEVEL_LABELS = {
    "none": "No access",
    "aggregate": "Aggregates only",
    "pseudonymised": "Pseudonymised",
    "summary": "Summary (CP-IS style)",
    "read": "Read-only",
    "full": "Full, with edits",
}
# Actions that show one identified person's detail, and so need a legitimate relationship where the role says so.
DETAIL_ACTIONS = frozenset({Action.VIEW_FULL, Action.EDIT})


class PolicyError(ValueError):
    """The policy file is not a valid policy; the message says where."""


@dataclass(frozen=True)
class RolePolicy:
    role: str
    relationship_required: bool
    without_relationship: str
    break_glass: bool
    categories: Mapping[str, str]
    agency: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Policy:
    version: int
    reviewed: str
    reviewer: str
    categories: tuple[str, ...]
    category_labels: Mapping[str, str]
    agency_groups: Mapping[str, tuple[str, ...]]
    roles: Mapping[str, RolePolicy]

    @property
    def reviewed_on(self) -> date | None:
        """The date the policy was last reviewed, if the file gives one as YYYY-MM-DD."""
        try:
            return date.fromisoformat(self.reviewed)
        except ValueError:
            return None

    # How long the work on an item (a referral decided, a VIST triaged) still counts as a legitimate relationship
    # with the people on it and their household, after it closes.
    after_closing_days: int = 30

    def level(self, role: str, agency_kind: str | None, category: str) -> str:
        """The cell's level for a user of this role in an agency of this kind, before any relationship cap."""
        rules = self.roles[role]
        level = rules.categories[category]
        if agency_kind:
            # A group's levels first, then the kind's own, so the more specific entry wins.
            for group, kinds in self.agency_groups.items():
                if agency_kind in kinds and category in rules.agency.get(group, {}):
                    level = rules.agency[group][category]
            level = rules.agency.get(agency_kind, {}).get(category, level)
        return level


@dataclass(frozen=True)
class Decision:
    allowed: bool
    level: str  # the cell's level for this role, agency kind and category
    reason: str
    # True when the action is refused only for want of a relationship, and this role may break glass.
    break_glass_would_allow: bool = False

    def __bool__(self) -> bool:
        return self.allowed


def decide(
    role: str | None,
    agency_kind: str | None,
    category: str,
    action: str,
    relationship: str = Relationship.NONE,
    policy: Policy | None = None,
) -> Decision:
    """May a user acting in `role`, in an agency of `agency_kind`, do `action` on `category` of a person to whom they
    stand in `relationship`? Pure: the answer depends on the policy file and these arguments alone."""
    policy = policy or get_policy()
    if category not in policy.categories:
        raise KeyError(f"unknown data category {category!r}")
    action = Action(action)
    relationship = Relationship(relationship)
    if role is None or role not in policy.roles:
        return Decision(False, "none", "no role, or a role the policy does not know")
    rules = policy.roles[role]
    level = policy.level(role, agency_kind, category)
    if action not in LEVELS[level]:
        return Decision(False, level, f"the policy gives this role {LEVEL_LABELS[level].lower()} here")
    if rules.relationship_required and relationship == Relationship.NONE:
        if action in LEVELS[rules.without_relationship]:
            return Decision(True, level, "allowed without a relationship")
        return Decision(
            False,
            level,
            "needs a legitimate relationship with the person" + (", or break-glass" if rules.break_glass else ""),
            break_glass_would_allow=rules.break_glass,
        )
    if relationship == Relationship.BREAK_GLASS and not rules.break_glass:
        return Decision(False, level, "this role may not break glass")
    return Decision(True, level, "allowed by the policy")


def allowed_actions(
    role: str | None, agency_kind: str | None, category: str, relationship: str, policy: Policy | None = None
) -> frozenset[Action]:
    return frozenset(a for a in Action if decide(role, agency_kind, category, a, relationship, policy).allowed)


# --- Reading and checking the file --------------------------------------------------------------------------


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise PolicyError(message)


def _levels(where: str, cells: Any, categories: Iterable[str], *, complete: bool) -> dict[str, str]:
    _expect(isinstance(cells, dict), f"{where} must be a table of category = level")
    known = list(categories)
    for category, level in cells.items():
        _expect(category in known, f"{where}: {category!r} is not a data category (known: {', '.join(known)})")
        _expect(level in LEVELS, f"{where}.{category}: {level!r} is not a level (levels: {', '.join(LEVELS)})")
    if complete:
        missing = [c for c in known if c not in cells]
        _expect(not missing, f"{where}: no level for {', '.join(missing)}; every category needs one")
    return dict(cells)


def parse_policy(data: Mapping[str, Any], source: str = "policy") -> Policy:
    """Check a parsed policy file and build the Policy; raise PolicyError naming the first problem."""
    _expect(data.get("version") == 1, f"{source}: version must be 1")
    categories: list[str] = data.get("categories") or []
    _expect(
        isinstance(categories, list) and bool(categories) and all(isinstance(c, str) for c in categories),
        f"{source}: categories must be a list of names",
    )
    _expect(len(set(categories)) == len(categories), f"{source}: a category is listed twice")
    labels = data.get("category_labels", {})
    _expect(set(labels) == set(categories), f"{source}: category_labels must label exactly the categories")
    groups: dict[str, tuple[str, ...]] = {}
    for group, kinds in data.get("agency_groups", {}).items():
        _expect(group not in AGENCY_KINDS, f"{source}: agency group {group!r} has the name of an agency kind")
        for kind in kinds:
            _expect(kind in AGENCY_KINDS, f"{source}: agency group {group!r}: {kind!r} is not an agency kind")
        groups[group] = tuple(kinds)
    roles_data: dict[str, Any] = data.get("roles") or {}
    _expect(isinstance(roles_data, dict) and bool(roles_data), f"{source}: no [roles] table")
    known_roles = [str(r) for r in Role]
    for name in roles_data:
        _expect(name in known_roles, f"{source}: roles.{name} is not a role (roles: {', '.join(known_roles)})")
    missing_roles = [r for r in known_roles if r not in roles_data]
    _expect(not missing_roles, f"{source}: no policy for role(s) {', '.join(missing_roles)}; every role needs one")
    roles: dict[str, RolePolicy] = {}
    for name, spec in roles_data.items():
        where = f"{source}: roles.{name}"
        unknown = set(spec) - {"relationship_required", "without_relationship", "break_glass", "categories", "agency"}
        _expect(not unknown, f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        for flag in ("relationship_required", "break_glass"):
            _expect(isinstance(spec.get(flag), bool), f"{where}.{flag} must be true or false")
        cap = spec.get("without_relationship", "none")
        _expect(cap in LEVELS, f"{where}.without_relationship: {cap!r} is not a level")
        cells = _levels(f"{where}.categories", spec.get("categories"), categories, complete=True)
        agency: dict[str, dict[str, str]] = {}
        for kind, overrides in spec.get("agency", {}).items():
            _expect(
                kind in AGENCY_KINDS or kind in groups,
                f"{where}.agency.{kind}: not an agency kind or group (kinds: {', '.join(AGENCY_KINDS)})",
            )
            agency[kind] = _levels(f"{where}.agency.{kind}", overrides, categories, complete=False)
        roles[name] = RolePolicy(
            role=name,
            relationship_required=spec["relationship_required"],
            without_relationship=cap,
            break_glass=spec["break_glass"],
            categories=cells,
            agency=agency,
        )
    relationships = data.get("relationships", {})
    _expect(isinstance(relationships, dict), f"{source}: [relationships] must be a table")
    unknown = set(relationships) - {"after_closing_days"}
    _expect(not unknown, f"{source}: relationships: unknown key(s) {', '.join(sorted(unknown))}")
    days = relationships.get("after_closing_days", 30)
    _expect(
        isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= 365,
        f"{source}: relationships.after_closing_days must be a whole number of days from 0 to 365",
    )
    return Policy(
        version=1,
        reviewed=str(data.get("reviewed", "")),
        reviewer=str(data.get("reviewer", "")),
        categories=tuple(categories),
        category_labels=dict(labels),
        agency_groups=groups,
        roles={r: roles[r] for r in known_roles},
        after_closing_days=days,
    )


def load_policy(path: Path | str) -> Policy:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError(f"cannot read the access policy {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{path.name} is not valid TOML: {exc}") from None
    return parse_policy(data, source=path.name)


_policy_path: Path = DEFAULT_POLICY_PATH


def configure(path: Path | str | None) -> Policy:
    """Read and check the policy at `path` (or the packaged one) and use it from now on; called at start-up."""
    global _policy_path
    _policy_path = Path(path) if path else DEFAULT_POLICY_PATH
    get_policy.cache_clear()
    return get_policy()


@cache
def get_policy() -> Policy:
    return load_policy(_policy_path)
