"""Is this child or adult already known? Every person arriving on a referral, a VIST or a domestic-abuse incident is
matched against the people known from the agencies' records.

The service that stores an arrival also writes a pending IdentityCheck for each person on it, in the same
transaction; the worker's `match_arrivals` job answers them within seconds, best candidates first, and links the
arrival to its person when the match is certain. Intake never waits for matching, and a crash between the two
loses nothing: a pending check is simply answered on the next sweep.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from frontdoor.intake.models import (
    ArrivalKind,
    CheckCandidate,
    IdentityCheck,
    IncidentPerson,
    ReferralAdult,
    ReferralChild,
    VistPerson,
)
from frontdoor.linkage.candidates import Candidate, best_matches, find_candidates, score_records
from frontdoor.linkage.households import household_ties, with_household
from frontdoor.linkage.models import LinkageRun

log = logging.getLogger(__name__)

MAX_MATCHES = 5  # distinct people kept per arrival, best first


def _split_name(name: str) -> tuple[str, str]:
    """A whole name as first and last names: the first word and the last (middle names are not used to match)."""
    words = name.split()
    if not words:
        return "", ""
    return words[0], words[-1] if len(words) > 1 else ""


def _child_details(child: ReferralChild) -> dict[str, Any]:
    return {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "dob": child.date_of_birth,
        "sex": child.sex,
        "postcode": child.postcode,
        "nhs_number": child.nhs_number,
        "upn": child.upn,
    }


def _adult_details(adult: ReferralAdult) -> dict[str, Any]:
    """An adult on a referral as the check looks for them: by their name and any previous surnames, and, where they
    live with the children and gave no postcode of their own, at the children's (the form says to leave it blank
    then). Police often hold adults without a date of birth, under the surname they had then."""
    first, last = _split_name(adult.name)
    postcode = adult.postcode
    if not postcode and adult.lives_with_child:
        postcode = next((c.postcode for c in adult.referral.children.all() if c.postcode), "")
    return {
        "first_name": first,
        "last_name": last,
        "dob": adult.date_of_birth,
        "postcode": postcode,
        "previous_surnames": previous_surnames(adult.previous_names, last),
        "household": _known_children(adult.referral),
    }


def _known_children(referral: Any) -> list[tuple[str, int]]:
    """The referral's children who are known people, (name as the referral gives it, person): linked to them, or
    their check's best match certain or probable. Their households are evidence for the referral's adults."""
    children = list(referral.children.all())
    checks = {
        check.subject_id: check
        for check in IdentityCheck.objects.filter(
            kind=ArrivalKind.REFERRAL_CHILD, subject_id__in=[c.pk for c in children], checked_at__isnull=False
        )
    }
    known = []
    for child in children:
        person_id = child.person_id
        check = checks.get(child.pk)
        if person_id is None and check is not None and check.matches:
            best = check.matches[0]
            person_id = best["person_id"] if best["grade"] in ("certain", "probable") else None
        if person_id is not None:
            name = " ".join(part for part in (child.first_name, child.last_name) if part) or "the unborn baby"
            known.append((name, person_id))
    return known


def previous_surnames(given: str, current: str) -> list[str]:
    """The earlier surnames written on a referral ("Jones, Smith-Jones"), each once, not the current one."""
    seen: list[str] = []
    for name in given.replace(";", ",").split(","):
        name = " ".join(name.split())
        if name and name.lower() != current.lower() and name.lower() not in (s.lower() for s in seen):
            seen.append(name)
    return seen


def _vist_person_details(person: VistPerson) -> dict[str, Any]:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "dob": person.date_of_birth,
        "sex": person.sex,
        "postcode": person.postcode,
    }


def _incident_person_details(person: IncidentPerson) -> dict[str, Any]:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "dob": person.date_of_birth,
        "sex": person.sex,
        "postcode": person.incident.postcode,
    }


SUBJECTS: dict[str, tuple[type[models.Model], Callable[[Any], dict[str, Any]], tuple[str, ...]]] = {
    ArrivalKind.REFERRAL_CHILD: (ReferralChild, _child_details, ()),
    ArrivalKind.REFERRAL_ADULT: (ReferralAdult, _adult_details, ("referral",)),
    ArrivalKind.VIST_PERSON: (VistPerson, _vist_person_details, ()),
    ArrivalKind.INCIDENT_PERSON: (IncidentPerson, _incident_person_details, ("incident",)),
}


def details_of(kind: str, subject: Any) -> dict[str, Any]:
    """The matching details (first_name, last_name, dob, sex, postcode, nhs_number, upn) of an arriving person."""
    return SUBJECTS[kind][1](subject)


def can_match(details: Mapping[str, Any]) -> bool:
    """Enough to look for someone: an identifier, or a name with a date of birth or a postcode."""
    if details.get("nhs_number") or details.get("upn"):
        return True
    named = bool(details.get("last_name")) and bool(details.get("first_name"))
    # An adult named on a referral of a known child is looked for in the child's household, whatever else is given.
    in_household = bool(details.get("first_name")) and bool(details.get("household"))
    return (named and bool(details.get("dob") or details.get("postcode"))) or in_household


def queue_checks(*arrivals: tuple[str, Iterable[models.Model]]) -> None:
    """Pending checks for these arrivals, (kind, people) pairs, in one insert; call inside the transaction that
    stores them."""
    now = timezone.now()
    IdentityCheck.objects.bulk_create(
        [
            IdentityCheck(kind=kind, subject_id=subject.pk, created_at=now)
            for kind, subjects in arrivals
            for subject in subjects
        ]
    )


def match_arrivals(batch: int = 100) -> int:
    """Answer pending identity checks, oldest first; return how many were answered. Rows are taken with
    FOR UPDATE SKIP LOCKED (on PostgreSQL), so two workers never answer the same check."""
    answered = 0
    while True:
        run = LinkageRun.objects.order_by("-started_at", "-id").first()
        with transaction.atomic():
            pending = list(
                IdentityCheck.objects.select_for_update(skip_locked=True)
                .filter(checked_at__isnull=True)
                .order_by("created_at", "id")[:batch]
            )
            for check in pending:
                _answer(check, run)
        answered += len(pending)
        if len(pending) < batch:
            return answered


def candidates_of(details: Mapping[str, Any], run: LinkageRun | None = None) -> list[Candidate]:
    """The candidates for an arriving person, best first: under their surname now and under each previous one
    (a maiden name is evidence: an agency may hold them under it), each record scored by the surname it fits best,
    which the match keeps (`under_surname`). For an adult on a referral, the adults recorded with its known children
    are candidates too, and that tie counts for them (linkage.households, ADR 0012)."""
    ties = household_ties(details.get("household") or ())
    asked_for = {key: value for key, value in details.items() if key != "household"}
    searchable = can_match(asked_for)  # by the indexed columns; the household's records are fetched by their ties
    best: dict[int, Candidate] = {}
    surnames = ["", *asked_for.get("previous_surnames", ())]
    for surname in surnames:
        asked = {**asked_for, "last_name": surname} if surname else asked_for
        found = find_candidates(asked, run=run) if searchable else []
        found_ids = {candidate.source_record_id for candidate in found}
        for candidate in [*found, *score_records(asked, set(ties) - found_ids, run=run)]:
            if surname:
                candidate = replace(candidate, under_surname=surname)
            if candidate.source_record_id in ties:
                raised = with_household(candidate, ties[candidate.source_record_id])
                if raised is None and candidate.source_record_id not in found_ids:
                    continue  # in the household, but not this adult (another first name, an age that does not fit)
                candidate = raised or candidate
            kept = best.get(candidate.source_record_id)
            if kept is None or candidate.score.match_weight > kept.score.match_weight:
                best[candidate.source_record_id] = candidate
    return sorted(best.values(), key=lambda c: -c.score.match_weight)


def _answer(check: IdentityCheck, run: LinkageRun | None) -> None:
    model, details_fn, related = SUBJECTS[check.kind]
    subject = model._default_manager.select_related(*related).filter(pk=check.subject_id).first()
    check.checked_at = timezone.now()
    check.linkage_run = run
    check.matches = []
    if subject is not None and run is not None:
        details = details_fn(subject)
        if can_match(details):
            check.matches = best_matches(candidates_of(details, run), limit=MAX_MATCHES)
    check.best_grade = check.matches[0]["grade"] if check.matches else ""
    check.save(update_fields=["checked_at", "linkage_run", "matches", "best_grade"])
    CheckCandidate.objects.bulk_create(
        [
            CheckCandidate(identity_check=check, person_id=m["person_id"], grade=m["grade"])
            for m in check.matches
            if m["person_id"]
        ],
        ignore_conflicts=True,
    )
    if subject is not None and check.best_grade == "certain" and check.matches[0]["person_id"]:
        model._default_manager.filter(pk=subject.pk, person__isnull=True).update(person=check.matches[0]["person_id"])
    log.info("intake.identity_checked check=%s grade=%s", check.pk, check.best_grade or "none")
