"""Referral drafts: saved on the server at every step, and as the referrer types, so nothing is lost to a timeout.

A draft keeps each page's answers exactly as typed, valid or not::

    {"pages": {"referrer": {...}, "concern": {...}, "issues": {...}, "level": {...}, "consent": {...}},
     "children": [{"id": "3f9a1c2b", "details": {...}, "wishes": {...}}],
     "adults": [{"id": "5d0e7a41", "details": {...}}],
     "at": "children.3f9a1c2b.wishes"}

`at` is the page to come back to. Reviewing a draft runs every page's form again; a complete draft becomes the
`ReferralData` that `submit_referral` stores, and sending it closes the draft in the same transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from django.db import transaction

from frontdoor.access.audit import Actor
from frontdoor.access.models import User
from frontdoor.intake import selectors
from frontdoor.intake.forms import (
    ITEM_FORMS,
    SECTION_FORMS,
    ChildWishesForm,
    ConsentForm,
    DraftForm,
    LevelForm,
    is_unborn,
)
from frontdoor.intake.models import Referral, ReferralDraft
from frontdoor.intake.services import AdultData, ChildData, ReferralData, submit_referral

MAX_ITEMS = 20  # children or adults in one referral: more is a mistake, or a job for a phone call
LIST_PAGES = ("children", "adults", "check")
T = TypeVar("T")


class NoSuchPage(LookupError):
    """The page, child or adult is not in this draft (removed, or never there)."""


@dataclass(frozen=True)
class Page:
    """One page of answers: a section of the referral ("consent"), or a part of one child or adult."""

    name: str
    kind: str = ""
    item_id: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}.{self.item_id}.{self.name}" if self.kind else self.name

    @classmethod
    def parse(cls, key: str) -> Page:
        parts = key.split(".")
        if len(parts) == 1 and parts[0] in SECTION_FORMS:
            return cls(parts[0])
        if len(parts) == 3 and parts[0] in ITEM_FORMS and parts[2] in ITEM_FORMS[parts[0]]:
            return cls(parts[2], parts[0], parts[1])
        raise NoSuchPage(key)

    @property
    def form_class(self) -> type[DraftForm]:
        return ITEM_FORMS[self.kind][self.name] if self.kind else SECTION_FORMS[self.name]


# --- Reading --------------------------------------------------------------------------------------------------


def find_draft(user: User, draft_id: Any) -> ReferralDraft | None:
    """The user's own draft, open or already sent (so a second press of Send finds the referral it made)."""
    return ReferralDraft.objects.select_related("submitted_referral").filter(owner=user, pk=draft_id).first()


def items(draft: ReferralDraft, kind: str) -> list[dict[str, Any]]:
    return list(draft.data.get(kind, []))


def get_item(draft: ReferralDraft, kind: str, item_id: str) -> dict[str, Any]:
    for item in draft.data.get(kind, []):
        if item.get("id") == item_id:
            return item
    raise NoSuchPage(f"{kind}.{item_id}")


def answers(draft: ReferralDraft, page: Page) -> dict[str, Any]:
    if page.kind:
        return dict(get_item(draft, page.kind, page.item_id).get(page.name, {}))
    return dict(draft.data.get("pages", {}).get(page.name, {}))


def item_name(draft: ReferralDraft, kind: str, item_id: str) -> str:
    """What to call a child or adult in headings: the name as typed, else "child 2" or "adult 1"."""
    details = get_item(draft, kind, item_id).get("details", {})
    number = next(i for i, item in enumerate(items(draft, kind), start=1) if item["id"] == item_id)
    if kind == "children":
        name = f"{details.get('first_name', '')} {details.get('last_name', '')}".strip()
        return name or f"child {number}"
    return str(details.get("name", "")).strip() or f"adult {number}"


def child_unborn(draft: ReferralDraft, item_id: str) -> bool:
    """The child's details say they are not born yet: their parents' views are asked for instead of their own."""
    return is_unborn(get_item(draft, "children", item_id).get("details", {}))


def level_chosen(draft: ReferralDraft) -> int | None:
    form = LevelForm(data=draft.data.get("pages", {}).get("level", {}))
    return form.cleaned_data["level_of_need"] if form.is_valid() else None


def form_for(draft: ReferralDraft, page: Page, data: Any = None) -> DraftForm:
    """The page's form: showing the saved answers, or bound to `data` (a POST, or the saved answers) to check."""
    kwargs: dict[str, Any] = {}
    if page.form_class is ChildWishesForm:
        kwargs["child_name"] = item_name(draft, page.kind, page.item_id)
        kwargs["unborn"] = child_unborn(draft, page.item_id)
    elif page.form_class is ConsentForm:
        kwargs["level"] = level_chosen(draft)
    if data is None:
        return page.form_class.for_display(answers(draft, page), **kwargs)
    return page.form_class(data=data, **kwargs)


@dataclass(frozen=True)
class DraftSummary:
    id: Any
    names: list[str]
    created_at: datetime
    updated_at: datetime


def list_drafts(user: User) -> list[DraftSummary]:
    """The user's unsent drafts, last saved first, with the children's names as typed so far."""
    return [
        DraftSummary(
            id=draft.pk,
            names=[item_name(draft, "children", child["id"]) for child in items(draft, "children")],
            created_at=draft.created_at,
            updated_at=draft.updated_at,
        )
        for draft in selectors.list_my_drafts(user)
    ]


# --- Writing ----------------------------------------------------------------------------------------------------


def start_draft(user: User) -> ReferralDraft:
    """A new draft, with the referrer's own details filled in from their account and agency."""
    agency = user.agency
    referrer = {
        "referrer_name": user.get_full_name(),
        "referrer_role": user.job_title,
        "referrer_phone": user.phone or (agency.phone if agency else ""),
        "referrer_email": user.email or (agency.email if agency else ""),
    }
    with transaction.atomic():
        return ReferralDraft.objects.create(
            owner=user, data={"pages": {"referrer": referrer}, "children": [], "adults": [], "at": "referrer"}
        )


def _update(draft: ReferralDraft, change: Callable[[dict[str, Any]], T]) -> T:
    """Change an open draft under a row lock, so an autosave and a page sent at once cannot lose each other."""
    with transaction.atomic():
        locked = ReferralDraft.objects.select_for_update().get(pk=draft.pk, submitted_referral__isnull=True)
        result = change(locked.data)
        locked.save(update_fields=["data", "updated_at"])
    draft.data, draft.updated_at = locked.data, locked.updated_at
    return result


def _item_in(data: dict[str, Any], kind: str, item_id: str) -> dict[str, Any]:
    for item in data.get(kind, []):
        if item.get("id") == item_id:
            return item
    raise NoSuchPage(f"{kind}.{item_id}")


def _without_nul(value: Any) -> Any:
    # PostgreSQL cannot store NUL in text or JSON; the form refuses it anyway, so the draft keeps the rest.
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_nul(v) for k, v in value.items()}
    return value


def save_answers(draft: ReferralDraft, page: Page, raw: dict[str, Any], *, at: str | None) -> None:
    """Keep a page's answers as typed, and where to come back to (None: leave that as it was)."""
    raw = _without_nul(raw)

    def change(data: dict[str, Any]) -> None:
        if page.kind:
            _item_in(data, page.kind, page.item_id)[page.name] = raw
        else:
            data.setdefault("pages", {})[page.name] = raw
        if at is not None:
            data["at"] = at

    _update(draft, change)


def save_position(draft: ReferralDraft, at: str) -> None:
    _update(draft, lambda data: data.__setitem__("at", at))


def add_item(draft: ReferralDraft, kind: str) -> str:
    """Add an empty child or adult; return its id (random, so it says nothing about anyone)."""
    if len(items(draft, kind)) >= MAX_ITEMS:
        raise NoSuchPage(f"{kind}: at most {MAX_ITEMS}")
    item_id = secrets.token_hex(4)

    def change(data: dict[str, Any]) -> None:
        data.setdefault(kind, []).append({"id": item_id})
        data["at"] = f"{kind}.{item_id}.details"

    _update(draft, change)
    return item_id


def remove_item(draft: ReferralDraft, kind: str, item_id: str) -> None:
    def change(data: dict[str, Any]) -> None:
        data[kind] = [item for item in data.get(kind, []) if item.get("id") != item_id]
        data["at"] = kind

    _update(draft, change)


def submit_draft(draft: ReferralDraft, data: ReferralData, *, actor: Actor) -> Referral:
    """Send the referral and close the draft in one transaction: pressing Send twice sends one referral."""
    with transaction.atomic():
        locked = ReferralDraft.objects.select_for_update().get(pk=draft.pk)
        if locked.submitted_referral_id is not None:
            return Referral.objects.get(pk=locked.submitted_referral_id)
        referral = submit_referral(data, actor=actor, channel="web")
        locked.submitted_referral = referral
        locked.data = {}  # the referral holds the answers now: no second copy of a child's details is kept
        locked.save(update_fields=["submitted_referral", "data", "updated_at"])
        return referral


# --- Reviewing ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    text: str
    at: str  # the page (or list) to fix it on


@dataclass
class Item:
    id: str
    name: str
    values: Any  # ChildData or AdultData, with blanks where a page is not yet complete
    complete: bool


@dataclass
class Review:
    """A whole draft checked page by page: what it says so far, and what stops it being sent."""

    summary: ReferralData
    children: list[Item] = field(default_factory=list)
    adults: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def referral_data(self) -> ReferralData:
        if self.problems:
            raise ValueError("an incomplete draft cannot be sent")
        return self.summary


PART_TITLES = {"details": "details", "wishes": "wishes and feelings"}
UNBORN_PART_TITLES = {"wishes": "parents' views"}  # an unborn baby's page asks for the parents' views instead
SECTION_TITLES = {
    "referrer": "Your details",
    "concern": "The concern",
    "issues": "Presenting issues, risks and strengths",
    "level": "Level of need",
    "consent": "Consent and telling the parents",
}


def _check(draft: ReferralDraft, page: Page, title: str, into: Any) -> Problem | None:
    """Check one page's saved answers; copy them into `into` if they are complete, else say what is wrong."""
    form = form_for(draft, page, data=answers(draft, page))
    if not form.is_valid():
        return Problem(f"{title}: {next(iter(form.errors.values()))[0]}", page.key)
    for key, value in form.values().items():
        setattr(into, key, value)
    return None


def _check_items(draft: ReferralDraft, kind: str, blank: Callable[[], Any]) -> tuple[list[Item], list[Problem]]:
    found, problems = [], []
    for raw in items(draft, kind):
        name = item_name(draft, kind, raw["id"])
        values, title = blank(), name[:1].upper() + name[1:]
        titles = {
            **PART_TITLES,
            **(UNBORN_PART_TITLES if kind == "children" and is_unborn(raw.get("details", {})) else {}),
        }
        item_problems = [
            _check(draft, Page(part, kind, raw["id"]), f"{title}'s {titles[part]}", values) for part in ITEM_FORMS[kind]
        ]
        problems += [p for p in item_problems if p]
        found.append(Item(raw["id"], name, values, complete=not any(item_problems)))
    return found, problems


def review(draft: ReferralDraft) -> Review:
    """Check every page of the draft, in the order the journey asks them."""
    summary = ReferralData(referrer_name="", referrer_role="", concern="", level_of_need=0, consent="", children=[])
    sections = {name: _check(draft, Page(name), title, summary) for name, title in SECTION_TITLES.items()}
    children, child_problems = _check_items(draft, "children", ChildData)
    adults, adult_problems = _check_items(draft, "adults", lambda: AdultData(name="", relationship=""))
    summary.children = [child.values for child in children]
    summary.adults = [adult.values for adult in adults]
    no_children = [] if children else [Problem("Add at least one child", "children")]
    problems = [
        sections["referrer"],
        *no_children,
        *child_problems,
        *adult_problems,
        *(sections[name] for name in ("concern", "issues", "level", "consent")),
    ]
    return Review(summary, children, adults, [p for p in problems if p is not None])
