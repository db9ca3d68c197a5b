"""MASH checks' use cases: ask partner agencies about the people on a referral or VIST, answer (or decline) one for
your agency, on the web or through the partner API (under an Idempotency-Key), and remind the agencies whose
checks are nearly due (the worker's `remind_mash_checks` job).

Each runs in one transaction with its audit rows, its clock and its outbox rows. Notifications carry no personal
data: they say there is a check to see, and link to it behind the sign-in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import ApiClient, AuditOutcome
from frontdoor.core import outbox
from frontdoor.core.clocks import meet_clock, start_clock
from frontdoor.core.models import Clock, ClockState
from frontdoor.intake.models import Referral, RiskGrade, Vist
from frontdoor.intake.services import Receipt, idempotency
from frontdoor.intake.services.references import save_with_reference
from frontdoor.mash.checks_clocks import CHECK_SUBJECT, remind_at, rule_for
from frontdoor.mash.checks_selectors import list_agencies_to_ask, list_people_on_item, list_responders
from frontdoor.mash.models import CheckStatus, MashCheck, MashCheckPerson, VistTriage
from frontdoor.mash.queue import OPEN_STATUSES
from frontdoor.people.models import Agency

log = logging.getLogger(__name__)
API_ROUTE = "mash-checks/answer"


class CheckRefused(Exception):
    """The request or answer cannot be made; `message` says why in words the worker (or partner) can act on, and
    `code` names it for the API."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Answer:
    """What an agency says back: what it knows, the risks, the strengths and the child's voice; or, with a
    `decline_reason`, why it cannot answer."""

    known: str = ""
    risks: str = ""
    strengths: str = ""
    child_voice: str = ""
    decline_reason: str = ""

    @property
    def declined(self) -> bool:
        return bool(self.decline_reason.strip())


def _still_screened(item: Referral | Vist) -> bool:
    if isinstance(item, Referral):
        return item.status in OPEN_STATUSES
    return not VistTriage.objects.filter(vist=item).exists()


def request_checks(
    item: Referral | Vist,
    *,
    actor: Actor,
    agencies: list[Agency],
    people: list[str],
    question: str,
    priority: str,
) -> list[MashCheck]:
    """Ask each agency about the chosen people on a referral or VIST under screening: one check per agency, each with
    its clock (by priority), its reminder time, and a notification to the agency's responders.

    Asking an agency the same question about the same item again while its check is open (a double click) changes
    nothing and returns that check."""
    if actor.user is None:
        raise ValueError("the MASH asks for checks through its workers, not through an API client")
    priority = RiskGrade(priority)
    askable = {a.pk for a in list_agencies_to_ask()}
    if not agencies or any(a.pk not in askable for a in agencies):
        raise CheckRefused("no_agency", "Select the agencies to ask")
    with transaction.atomic():
        item = type(item).objects.select_for_update().get(pk=item.pk)
        if not _still_screened(item):
            raise CheckRefused(
                "decided", f"{item.reference} has already been decided: checks are asked while screening"
            )
        named = {p.key: p for p in list_people_on_item(item)}
        chosen = [named[key] for key in people if key in named]
        if not chosen or len(chosen) != len(set(people)):
            raise CheckRefused("no_people", "Select the people to ask about")
        of = {"referral": item} if isinstance(item, Referral) else {"vist": item}
        now = timezone.now()
        checks = []
        for agency in agencies:
            existing = MashCheck.objects.filter(**of, agency=agency, question=question, status=CheckStatus.OPEN).first()
            if existing is not None:
                checks.append(existing)
                continue
            check = MashCheck(
                **of,
                agency=agency,
                question=question,
                priority=priority,
                requested_at=now,
                requested_by=actor.user,
                remind_at=remind_at(priority, now),
            )
            save_with_reference(check, "MC")
            MashCheckPerson.objects.bulk_create(
                MashCheckPerson(
                    mash_check=check,
                    person_id=p.person_id,
                    name=p.name,
                    described_as=p.described_as,
                    date_of_birth=p.date_of_birth,
                    is_child=p.is_child,
                )
                for p in chosen
            )
            start_clock(
                subject_type=CHECK_SUBJECT,
                subject_id=check.pk,
                rule=rule_for(priority, agency.kind).code,
                started_at=now,
            )
            _tell_responders(check, kind="requested", subject="A new MASH check for your agency")
            purpose = f"{check.reference} to {agency.name}: {item.reference}"
            record_access(actor, None, action="request_mash_check", purpose=purpose, outcome=AuditOutcome.ALLOWED)
            log.info("mash.check_requested check=%s agency=%s priority=%s", check.pk, agency.pk, priority)
            checks.append(check)
        return checks


def _tell_responders(check: MashCheck, *, kind: str, subject: str) -> None:
    outbox.enqueue_all(
        [
            outbox.Message(
                kind=f"mash_check.{kind}",
                dedupe_key=f"mash-check:{check.pk}:{kind}:user:{user.pk}",
                recipient=user,
                subject=subject,
                body=f"MASH check {check.reference} is waiting for your agency's answer.",
                link_path=f"/mash/checks/{check.reference}/",
            )
            for user in list_responders(check.agency)
        ]
    )


def _check_clock(check: MashCheck) -> Clock | None:
    return (
        Clock.objects.filter(
            subject_type=CHECK_SUBJECT, subject_id=str(check.pk), state__in=[ClockState.RUNNING, ClockState.BREACHED]
        )
        .order_by("started_at", "id")
        .first()
    )


def answer_check(check: MashCheck, answer: Answer, *, actor: Actor) -> MashCheck:
    """The agency's answer (or decline) to a check sent to it: stored, the clock met (late if it was missed), and the
    worker who asked told. A check is answered once: a second answer is refused, saying who answered it and when.
    """
    if actor.agency is None:
        raise CheckRefused("not_yours", "Only the agency asked can answer this check")
    if not answer.declined and not answer.known.strip():
        raise CheckRefused("no_answer", "Say what your agency knows, or decline with a reason")
    with transaction.atomic():
        locked = MashCheck.objects.select_for_update(of=("self",))  # the check's row alone, not its item's
        check = locked.select_related("agency", "referral", "vist").get(pk=check.pk)
        if check.agency_id != actor.agency.pk:
            raise CheckRefused("not_yours", "Only the agency asked can answer this check")
        if check.status != CheckStatus.OPEN:
            raise CheckRefused("already_answered", f"MASH check {check.reference} has already been answered")
        check.status = CheckStatus.DECLINED if answer.declined else CheckStatus.ANSWERED
        check.answered_at = timezone.now()
        check.answered_by = actor.user
        check.answered_by_client = actor.api_client
        if answer.declined:
            check.decline_reason = answer.decline_reason.strip()
        else:
            check.known, check.risks = answer.known.strip(), answer.risks.strip()
            check.strengths, check.child_voice = answer.strengths.strip(), answer.child_voice.strip()
        check.save()
        clock = _check_clock(check)
        if clock is not None:
            meet_clock(clock, check.answered_at)
        outbox.enqueue(
            kind="mash_check.answered",
            dedupe_key=f"mash-check:{check.pk}:answered",
            recipient=check.requested_by,
            subject="A MASH check has been answered",
            body=f"MASH check {check.reference} on {check.item_reference}: {check.get_status_display().lower()}.",
            link_path=f"/mash/checks/{check.reference}/",
        )
        # The people were read (and audited) when the check was opened or listed; this row records the answer.
        action = "decline_mash_check" if answer.declined else "answer_mash_check"
        record_access(actor, None, action=action, purpose=check.reference, outcome=AuditOutcome.ALLOWED)
        log.info("mash.check_answered check=%s status=%s", check.pk, check.status)
        return check


def answer_check_once(
    check: MashCheck, answer: Answer, *, actor: Actor, key: str, payload_hash: str, respond: Callable[[MashCheck], dict]
) -> Receipt:
    """Answer through the partner API under an Idempotency-Key, with the one idempotency mechanism every partner
    request uses (`intake.services.idempotency.once`): a replay gets the stored response, the same key with another
    body raises IdempotencyConflict, and of two concurrent requests with one key the loser answers as the winner
    did (its own answer is refused as already made, and the winner's stored response is found)."""
    client: ApiClient = actor.api_client  # type: ignore[assignment]
    claims = idempotency.header_claim(API_ROUTE, key)
    try:
        return idempotency.once(
            client=client,
            claims=claims,
            payload_hash=payload_hash,
            create=lambda: answer_check(check, answer, actor=actor),
            respond=respond,
        )
    except CheckRefused:
        stored = idempotency.stored_response(client, claims, payload_hash)
        if stored is not None:
            return stored
        raise


def remind_due_checks(now: datetime | None = None, batch: int = 200) -> int:
    """Remind each agency's responders of its open checks whose reminder time has come (once per check); return how
    many checks were reminded of. Rows are taken FOR UPDATE SKIP LOCKED, so two workers never remind twice."""
    now = now or timezone.now()
    reminded = 0
    while True:
        with transaction.atomic():
            due = list(
                MashCheck.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(status=CheckStatus.OPEN, reminded_at__isnull=True, remind_at__lte=now)
                .select_related("agency")
                .order_by("remind_at", "id")[:batch]
            )
            for check in due:
                _tell_responders(check, kind="reminder", subject="A MASH check for your agency is nearly due")
                check.reminded_at = now
                check.save(update_fields=["reminded_at"])
                log.info("mash.check_reminded check=%s", check.pk)
        reminded += len(due)
        if len(due) < batch:
            return reminded
