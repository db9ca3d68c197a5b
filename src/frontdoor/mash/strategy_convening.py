"""Convening a strategy discussion (from a referral, a VIST, a child's open case, or out of hours by the emergency
duty team), its invitees by agency, and the minimum attendance a discussion needs, asked for when it is convened and
when its attendance is recorded (`mash.strategy_recording`).

Each use case runs in one transaction with its audit row, its clocks (`mash.strategy_clocks`) and its outbox rows,
which carry no personal data: they name the discussion's reference and link to it behind the sign-in.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.core import outbox
from frontdoor.core.clocks import cancel_clock, start_clock
from frontdoor.core.logging import log_after_commit
from frontdoor.intake.models import Referral, ReferralStatus, Vist
from frontdoor.intake.services.references import save_with_reference
from frontdoor.mash import services as mash_services
from frontdoor.mash.checks_selectors import list_people_on_item
from frontdoor.mash.models import Outcome, VistOutcome
from frontdoor.mash.models_strategy import (
    Attending,
    StrategyDiscussion,
    StrategyInvitee,
    StrategyPerson,
    StrategyStatus,
)
from frontdoor.mash.strategy_clocks import HOLD, STRATEGY_SUBJECT, find_open_clock
from frontdoor.mash.strategy_selectors import attending_for, is_school_age, required_agencies
from frontdoor.people.models import Person, PersonKind, Relationship

log = logging.getLogger(__name__)
TOLD = "The MASH is convening a strategy discussion about the children you referred."


class StrategyRefused(Exception):
    """The discussion cannot be convened or recorded as asked; `field` names the answer to correct (a form shows
    the message beside it) and `message` says why in words the worker can act on."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Invite:
    """An agency invited, and who for it when they have an account."""

    attending_for: str
    user: User | None = None


@dataclass(frozen=True)
class Attendance:
    invitee_id: int
    attended: bool
    absence_reason: str = ""
    information_shared: str = ""


@dataclass(frozen=True)
class _Named:
    person_id: int | None
    name: str
    described_as: str
    date_of_birth: date | None
    is_child: bool
    expected: date | None = None


def _people_of(referral: Referral | None, vist: Vist | None, person: Person | None) -> list[_Named]:
    item = referral or vist
    if item is not None:
        unborn = {f"child-{c.pk}": c.expected_date_of_delivery for c in referral.children.all()} if referral else {}
        return [
            _Named(
                p.person_id,
                p.name,
                p.described_as,
                p.date_of_birth,
                p.is_child,
                unborn.get(p.key) if p.date_of_birth is None else None,
            )
            for p in list_people_on_item(item)
        ]
    assert person is not None
    name = f"{person.first_name} {person.last_name}".strip() or "Name not known"
    named = [
        _Named(
            person.pk,
            name,
            person.get_kind_display().lower(),
            person.date_of_birth,
            person.kind != PersonKind.ADULT,
            person.expected_date_of_delivery if person.kind == PersonKind.UNBORN else None,
        )
    ]
    relatives = Relationship.objects.filter(relative=person).select_related("person").order_by("kind", "id")
    for rel in relatives:
        other = rel.person
        named.append(
            _Named(
                other.pk,
                f"{other.first_name} {other.last_name}".strip() or "Name not known",
                rel.get_kind_display().lower(),
                other.date_of_birth,
                other.kind != PersonKind.ADULT,
                other.expected_date_of_delivery if other.kind == PersonKind.UNBORN else None,
            )
        )
    return named


def _decide_first(referral: Referral | None, vist: Vist | None, actor: Actor, reason: str) -> None:
    """A referral or VIST still being screened is decided "strategy discussion" by convening one: the referrer is
    told at once, and the item leaves the triage queue."""
    if referral is not None and referral.status != ReferralStatus.DECIDED:
        # The referrer sees a decision's summary: the reason for convening may hold what agencies said, so not that.
        mash_services.record_decision(referral, actor=actor, outcome=Outcome.STRATEGY_DISCUSSION, summary=TOLD)
    if vist is not None and not hasattr(vist, "mash_triage"):
        mash_services.triage_vist(vist, actor=actor, outcome=VistOutcome.STRATEGY_DISCUSSION, rationale=reason)


def own_kinds(invites: list[Invite]) -> list[Invite]:
    """A named invitee speaks for their own agency's kind (a police officer for the police, whatever box they were
    put under), so the minimum attendance counts what each person can actually bring; an unnamed agency stands."""
    return [Invite(attending_for(i.user), i.user) if i.user is not None else i for i in invites]


def check_minimum(invites: list[Invite], school_age: bool) -> None:
    invited = {i.attending_for for i in invites}
    missing = [Attending(a).label for a in required_agencies(school_age) if a not in invited]
    if missing:
        raise StrategyRefused(
            "agencies",
            f"Invite {' and '.join(missing).lower()}: a strategy discussion needs "
            "social care, police and health at least, and education for a child of school age",
        )


def convene_strategy_discussion(
    *,
    actor: Actor,
    reason: str,
    invites: list[Invite],
    referral: Referral | None = None,
    vist: Vist | None = None,
    person: Person | None = None,
    out_of_hours: bool = False,
    at: datetime | None = None,
) -> StrategyDiscussion:
    """Convene a strategy discussion about the people on a referral or VIST, or a child and their recorded family:
    the agencies invited (the minimum attendance at least: social care, police, health, and education when a child
    is 4 to 16), the clock to hold it within a working day, and a notification to each named invitee.

    Out of hours (`out_of_hours=True`, the emergency duty team) it is marked urgent; its clock counts from the next
    opening, as every working-day clock does. `at` is when it was convened, if not now (recorded afterwards)."""
    if actor.user is None:
        raise ValueError("strategy discussions are convened by workers, not API clients")
    if sum(x is not None for x in (referral, vist, person)) != 1:
        raise ValueError("convene from exactly one of a referral, a VIST or a person")
    if not reason.strip():
        raise StrategyRefused("reason", "Say why there is reasonable cause to suspect significant harm")
    now = at or timezone.now()
    with transaction.atomic():
        if referral is not None:
            referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if vist is not None:
            vist = Vist.objects.select_for_update().get(pk=vist.pk)
        people = _people_of(referral, vist, person)
        children = [p for p in people if p.is_child]
        if not children:
            raise StrategyRefused("reason", "A strategy discussion is about a child: there is no child on this")
        unborn = [p.expected for p in children if p.expected]
        school_age = any(is_school_age(p.date_of_birth, now.date()) for p in children if not p.expected)
        invites = own_kinds(invites)
        check_minimum(invites, school_age)
        _decide_first(referral, vist, actor, reason.strip())
        discussion = StrategyDiscussion(
            referral=referral,
            vist=vist,
            reason=reason.strip(),
            out_of_hours=out_of_hours,
            pre_birth=bool(unborn),
            expected_date_of_delivery=min(unborn) if unborn else None,
            school_age=school_age,
            convened_at=now,
            convened_by=actor.user,
        )
        save_with_reference(discussion, "SD")
        StrategyPerson.objects.bulk_create(
            StrategyPerson(
                discussion=discussion,
                person_id=p.person_id,
                name=p.name,
                described_as=p.described_as,
                date_of_birth=p.date_of_birth,
                is_child=p.is_child,
            )
            for p in people
        )
        invitees = StrategyInvitee.objects.bulk_create(
            StrategyInvitee(discussion=discussion, attending_for=i.attending_for, user=i.user) for i in invites
        )
        start_clock(subject_type=STRATEGY_SUBJECT, subject_id=discussion.pk, rule=HOLD.code, started_at=now)
        tell(discussion, [i.user for i in invitees if i.user], "invited", "You are invited to a strategy discussion")
        purpose = discussion.reference + (" out of hours" if out_of_hours else "")
        # The people were read (and audited) on the page it was convened from; this row records the convening.
        record_access(actor, None, action="convene_strategy_discussion", purpose=purpose, outcome=AuditOutcome.ALLOWED)
        log_after_commit(log, "mash.strategy_convened discussion=%s out_of_hours=%s", discussion.pk, out_of_hours)
        return discussion


def tell(discussion: StrategyDiscussion, users: list[User], kind: str, subject: str, once_per: str = "") -> None:
    """Each user is told once of this `kind` about the discussion (`once_per` names what else makes it new: an
    action added later)."""
    outbox.enqueue_all(
        [
            outbox.Message(
                kind=f"strategy.{kind}",
                dedupe_key=f"strategy:{discussion.pk}:{kind}{once_per}:user:{user.pk}",
                recipient=user,
                subject=subject,
                body=f"Strategy discussion {discussion.reference}: see it on frontdoor.",
                link_path=f"/mash/strategy/{discussion.reference}/",
            )
            for user in dict.fromkeys(users)
        ]
    )


def check_attendance(
    discussion: StrategyDiscussion, invitees: dict[int, StrategyInvitee], attendance: list[Attendance]
) -> None:
    """Every invitee answered for, and an agency of the minimum that nobody attended for has its reason."""
    for given in attendance:
        if given.invitee_id not in invitees:
            raise StrategyRefused("attendance", "Answer for the agencies invited to this discussion")
    answered = {a.invitee_id: a for a in attendance}
    for invitee_id in invitees:
        if invitee_id not in answered:
            raise StrategyRefused(f"attended_{invitee_id}", "Say whether this agency attended")
    attended = {invitees[a.invitee_id].attending_for for a in attendance if a.attended}
    for a in attendance:
        kind = invitees[a.invitee_id].attending_for
        needed = kind in required_agencies(discussion.school_age) and kind not in attended
        if needed and not a.attended and not a.absence_reason.strip():
            raise StrategyRefused(
                f"absence_reason_{a.invitee_id}",
                f"Say why {Attending(kind).label.lower()} did not attend: the discussion needs it at least",
            )


def _still_to_hold(discussion: StrategyDiscussion, doing: str) -> StrategyDiscussion:
    discussion = StrategyDiscussion.objects.select_for_update().get(pk=discussion.pk)
    if discussion.status != StrategyStatus.CONVENED:
        raise StrategyRefused("reason", f"Strategy discussion {discussion.reference} can no longer be {doing}")
    return discussion


def edit_discussion(
    discussion: StrategyDiscussion, *, actor: Actor, reason: str, invites: list[Invite]
) -> StrategyDiscussion:
    """Before its record is saved: change why it was convened and whom it invites (the minimum still needed). Those
    still invited keep their place; those newly named are told; its clock runs on from the convening."""
    if not reason.strip():
        raise StrategyRefused("reason", "Say why there is reasonable cause to suspect significant harm")
    with transaction.atomic():
        discussion = _still_to_hold(discussion, "changed")
        invites = own_kinds(invites)
        check_minimum(invites, discussion.school_age)
        discussion.reason = reason.strip()
        discussion.save(update_fields=["reason"])
        wanted = {(i.attending_for, i.user.pk if i.user else None) for i in invites}
        kept = set()
        for invitee in discussion.invitees.all():
            key = (invitee.attending_for, invitee.user_id)
            if key in wanted and key not in kept:
                kept.add(key)
            else:
                invitee.delete()
        added = StrategyInvitee.objects.bulk_create(
            StrategyInvitee(discussion=discussion, attending_for=i.attending_for, user=i.user)
            for i in invites
            if (i.attending_for, i.user.pk if i.user else None) not in kept
        )
        tell(discussion, [i.user for i in added if i.user], "invited", "You are invited to a strategy discussion")
        record_access(
            actor, None, action="edit_strategy_discussion", purpose=discussion.reference, outcome=AuditOutcome.ALLOWED
        )
        log_after_commit(log, "mash.strategy_edited discussion=%s", discussion.pk)
        return discussion


def cancel_discussion(discussion: StrategyDiscussion, *, actor: Actor, reason: str) -> StrategyDiscussion:
    """Before it is held: cancelled, with the reason. Its clock to be held is cancelled (not missed) and those named
    are told. A decision it followed from stands: the item's decision is the MASH's to revisit."""
    if actor.user is None:
        raise ValueError("strategy discussions are cancelled by workers")
    if not reason.strip():
        raise StrategyRefused("cancellation_reason", "Say why the discussion is cancelled")
    now = timezone.now()
    with transaction.atomic():
        discussion = _still_to_hold(discussion, "cancelled")
        discussion.status = StrategyStatus.CANCELLED
        discussion.cancelled_at = now
        discussion.cancelled_by = actor.user
        discussion.cancellation_reason = reason.strip()
        discussion.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancellation_reason"])
        hold = find_open_clock(STRATEGY_SUBJECT, discussion.pk, HOLD.code)
        if hold is not None:
            cancel_clock(hold, now)
        named = [i.user for i in discussion.invitees.filter(user__isnull=False).select_related("user")]
        tell(discussion, named, "cancelled", "A strategy discussion you were invited to is cancelled")  # type: ignore[arg-type]
        record_access(
            actor, None, action="cancel_strategy_discussion", purpose=discussion.reference, outcome=AuditOutcome.ALLOWED
        )
        log_after_commit(log, "mash.strategy_cancelled discussion=%s", discussion.pk)
        return discussion
