"""Missing children's episodes, each use case one transaction with its audit row and its notifications: an episode
reported (from the police feed, the API or by hand), its category changed, the child's return or find (a VIST for the
MASH through intake, and a return home interview request with its 72-hour clock), the episode closed. The interview
itself is in `missing.interviews`; trigger plans and care profiles in `missing.plans`.

Repeat episodes are counted when one opens: the threshold (`FRONTDOOR_MISSING_REPEAT_EPISODES` within
`FRONTDOOR_MISSING_REPEAT_DAYS`) prompts the MASH manager to consider a strategy discussion. The prompt is a
notification and a `Prompt` row: missing never imports the MASH, which holds strategy discussions.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import ApiClient
from frontdoor.core.clocks import start_clock
from frontdoor.intake import services as intake_services
from frontdoor.intake.services import idempotency
from frontdoor.intake.services.references import save_with_reference
from frontdoor.missing.actors import MissingRefused, audit_episode, tell_role
from frontdoor.missing.clocks import INTERVIEW_OFFER
from frontdoor.missing.models import (
    INTERVIEW_SUBJECT,
    Category,
    EndedHow,
    Episode,
    EpisodeStatus,
    InterviewRequest,
    Prompt,
    PromptKind,
    Transition,
    TransitionKind,
)
from frontdoor.missing.plans import prompt_trigger_plan, tell_police_of_plan
from frontdoor.people.models import Agency, IdentifierScheme, Person, PersonKind, SourceEvent

log = logging.getLogger(__name__)

RHI_ROLE = "return_home_interview_worker"
MASH_MANAGER_ROLE = "mash_manager"
GRADE_OF_RISK = {"high": "red", "medium": "amber"}


@dataclass
class ReturnData:
    at: datetime
    how: str  # EndedHow
    where: str = ""
    found_by: str = ""
    harm_disclosed: str = ""


@dataclass
class EpisodeData:
    first_name: str
    last_name: str
    category: str  # a Category code
    went_missing_at: datetime
    reported_at: datetime | None = None
    date_of_birth: date | None = None
    nhs_number: str = ""
    police_reference: str = ""
    circumstances: str = ""
    person_id: int | None = None
    ended: ReturnData | None = None
    history: list[tuple[str, datetime]] = field(default_factory=list)  # every category in order, with its time


def find_category(code: str) -> Category | None:
    return Category.objects.filter(code=code, active=True).first()


def match_child(first_name: str, last_name: str, date_of_birth: date | None, nhs_number: str = "") -> Person | None:
    """The one child these details name: by NHS number, else by exact name and date of birth; None if unsure."""
    if nhs_number:
        by_number = list(
            Person.objects.filter(
                identifiers__scheme=IdentifierScheme.NHS_NUMBER, identifiers__value=nhs_number.replace(" ", "")
            ).distinct()[:2]
        )
        if len(by_number) == 1:
            return by_number[0]
    if not date_of_birth:
        return None
    named = list(
        Person.objects.filter(
            kind=PersonKind.CHILD,
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
            date_of_birth=date_of_birth,
        )[:2]
    )
    return named[0] if len(named) == 1 else None


def _step(episode: Episode, kind: str, at: datetime, actor: Actor, *, category: Category | None = None, note=""):
    return Transition.objects.create(
        episode=episode, kind=kind, at=at, category=category, by=actor.user, note=note, recorded_at=timezone.now()
    )


def report_episode(data: EpisodeData, *, actor: Actor, source_event: SourceEvent | None = None) -> Episode:
    """Record an episode (by hand, or as the police feed sends it), and its return if it has already ended."""
    with transaction.atomic():
        return _create_episode(data, actor=actor, source_event=source_event)


def _create_episode(data: EpisodeData, *, actor: Actor, source_event: SourceEvent | None = None) -> Episode:
    category = find_category(data.category)
    if category is None:
        raise MissingRefused(f"There is no category {data.category}")
    person = (
        Person.objects.filter(pk=data.person_id).first()
        if data.person_id
        else match_child(data.first_name, data.last_name, data.date_of_birth, data.nhs_number)
    )
    now = timezone.now()
    episode = Episode(
        person=person,
        first_name=data.first_name,
        last_name=data.last_name,
        date_of_birth=data.date_of_birth if person is None else person.date_of_birth or data.date_of_birth,
        api_client=actor.api_client,
        police_reference=data.police_reference,
        recorded_by=actor.user,
        category=category,
        went_missing_at=data.went_missing_at,
        reported_at=data.reported_at or now,
        circumstances=data.circumstances,
        source_event=source_event,
    )
    save_with_reference(episode, "MIS")
    # The categories the control room gave, in order, each with its time (the last is the episode's category now).
    history = data.history or [(category.code, episode.reported_at)]
    _step(episode, TransitionKind.OPENED, history[0][1], actor, category=find_category(history[0][0]) or category)
    for code, at in history[1:]:
        _step(episode, TransitionKind.CATEGORY, at, actor, category=find_category(code) or category)
    audit_episode(actor, episode, "report_missing_episode")
    if person is not None:
        _count_repeats(episode, person)
    tell_police_of_plan(episode)
    if data.ended is not None:
        _record_return(episode, data.ended, actor=actor)
    log.info("missing.episode_reported episode=%s", episode.pk)
    return episode


def receive_episode_once(
    data: EpisodeData, *, actor: Actor, key: str | None, payload_hash: str, respond: Callable[[Episode], dict]
) -> idempotency.Receipt:
    """An episode from the API under its Idempotency-Key and its police reference (the key when no header is sent):
    a re-send gets the first receipt, a changed one raises IdempotencyConflict."""
    client: ApiClient = actor.api_client  # type: ignore[assignment]
    by_reference = idempotency.Claim("missing-episodes.reference", data.police_reference, "body.police_reference")

    def create() -> Episode:
        if Episode.objects.filter(api_client=client, police_reference=data.police_reference).exists():
            raise idempotency.AlreadyHeld(by_reference)
        return _create_episode(data, actor=actor)

    return idempotency.once(
        client=client,
        claims=[*idempotency.header_claim("missing-episodes", key), by_reference],
        payload_hash=payload_hash,
        create=create,
        respond=respond,
    )


def change_category(episode: Episode, category: Category, at: datetime, *, actor: Actor, note: str = "") -> Episode:
    """The force re-grades an open episode (concern for safety upgraded to missing, a risk raised)."""
    with transaction.atomic():
        episode = Episode.objects.select_for_update().get(pk=episode.pk)
        if episode.status != EpisodeStatus.OPEN:
            raise MissingRefused(f"Episode {episode.reference} has ended: its category can no longer change")
        episode.category = category
        episode.save(update_fields=["category"])
        _step(episode, TransitionKind.CATEGORY, at, actor, category=category, note=note)
        audit_episode(actor, episode, "change_missing_category")
        return episode


def record_return(episode: Episode, ended: ReturnData, *, actor: Actor) -> Episode:
    """The child is back, whatever category the episode was in: a VIST for the MASH and a return home interview
    request with its 72-hour clock."""
    with transaction.atomic():
        episode = Episode.objects.select_for_update().get(pk=episode.pk)
        if episode.status != EpisodeStatus.OPEN:
            raise MissingRefused(f"Episode {episode.reference} has already ended")
        return _record_return(episode, ended, actor=actor)


def _record_return(episode: Episode, ended: ReturnData, *, actor: Actor) -> Episode:
    if ended.at < episode.went_missing_at:
        raise MissingRefused("The return must be after the child went missing")
    episode.status = EpisodeStatus.RETURNED
    episode.ended_at = ended.at
    episode.ended_how = ended.how
    episode.found_where = ended.where
    episode.found_by = ended.found_by
    episode.harm_disclosed = ended.harm_disclosed
    episode.vist = _vist_for_the_mash(episode, actor)
    episode.save()
    kind = TransitionKind.FOUND if ended.how == EndedHow.FOUND else TransitionKind.RETURNED
    _step(episode, kind, ended.at, actor, category=episode.category, note=ended.where)
    interview = InterviewRequest.objects.create(episode=episode, requested_at=timezone.now())
    # In UTC, so the 72 hours are elapsed hours whatever zone the time came in (an aware London time would add them
    # by the wall clock, an hour out across a clock change).
    started = ended.at.astimezone(UTC)
    start_clock(subject_type=INTERVIEW_SUBJECT, subject_id=interview.pk, rule=INTERVIEW_OFFER.code, started_at=started)
    tell_role(
        RHI_ROLE,
        kind="missing.interview_requested",
        dedupe_key=f"missing-interview:{interview.pk}:requested",
        subject=f"A return home interview to offer: episode {episode.reference}",
        link_path=f"/missing/interviews/{episode.reference}/",
    )
    audit_episode(actor, episode, "record_missing_return")
    log.info("missing.returned episode=%s vist=%s", episode.pk, episode.vist_id)
    return episode


def _vist_grade(episode: Episode) -> str:
    if episode.harm_disclosed.strip():
        return "red"
    return GRADE_OF_RISK.get(episode.category.risk, "green")


def _vist_for_the_mash(episode: Episode, actor: Actor):
    """The VIST every return or find sends the MASH, through intake (so it is in the triage queue with its clock)."""
    client = actor.api_client or _hand_client(actor)

    said = [f"Returned home after a missing episode ({episode.category.label.lower()})."]
    if episode.ended_how == EndedHow.FOUND:
        said = [f"Found after a missing episode ({episode.category.label.lower()})."]
    if episode.found_where:
        said.append(f"Where: {episode.found_where}.")
    if episode.found_by:
        said.append(f"Found or brought back by: {episode.found_by}.")
    said.append(f"Harm disclosed: {episode.harm_disclosed}" if episode.harm_disclosed else "No harm disclosed.")
    if episode.circumstances:
        said.append(episode.circumstances)
    data = intake_services.VistData(
        client_id=uuid.uuid5(uuid.NAMESPACE_URL, f"frontdoor-missing:{episode.reference}:return"),
        officer_name=(actor.user.get_full_name() or actor.user.username) if actor.user else "Police missing feed",
        incident_reference=episode.police_reference or episode.reference,
        incident_at=episode.ended_at,  # type: ignore[arg-type]
        children_present=True,
        risk_grade=_vist_grade(episode),
        circumstances=" ".join(said),
        persons=[
            intake_services.PersonData(
                role="subject",
                first_name=episode.first_name,
                last_name=episode.last_name,
                date_of_birth=episode.date_of_birth,
                is_child=True,
            )
        ],
    )
    vist, _new = intake_services.receive_vist(
        data, actor=Actor(actor.user, actor.role, actor.agency, api_client=client)
    )
    return vist


def _hand_client(actor: Actor) -> ApiClient:
    agency = actor.agency or (actor.user.agency if actor.user else None)
    if agency is None:
        raise MissingRefused("Only a user of an agency can record a return")
    return stand_in_client(agency, "recorded by hand")


def stand_in_client(agency: Agency, how: str) -> ApiClient:
    """The stand-in client a VIST is held under when no partner system sent it (a VIST is always some client's): a
    return recorded by hand, or taken from the police extract. It holds no scope and is inactive: no token can ever
    authenticate as it."""
    name = f"Missing episodes {how}: {agency.name}"[:100]
    client = ApiClient.objects.filter(name=name).first()
    if client is None:
        token = secrets.token_urlsafe(32)
        client = ApiClient.objects.create(
            name=name,
            agency=agency,
            token_prefix="",  # no token: the client never authenticates
            token_hash=hashlib.sha256(token.encode()).hexdigest(),
            scopes=[],
            active=False,
        )
    return client


def close_episode(episode: Episode, at: datetime, *, actor: Actor, note: str = "") -> Episode:
    """The episode is closed (after the return): the child's trigger plan is due a review."""
    with transaction.atomic():
        episode = Episode.objects.select_for_update().get(pk=episode.pk)
        if episode.status != EpisodeStatus.RETURNED:
            raise MissingRefused(f"Episode {episode.reference} can only be closed once the child is back")
        episode.status = EpisodeStatus.CLOSED
        episode.closed_at = at
        episode.save(update_fields=["status", "closed_at"])
        _step(episode, TransitionKind.CLOSED, at, actor, note=note)
        prompt_trigger_plan(episode, "the episode closed")
        audit_episode(actor, episode, "close_missing_episode")
        return episode


def count_recent_episodes(person_id: int, at: datetime) -> int:
    """The child's episodes that started within the repeat window ending at `at`, this one included."""
    since = at - timedelta(days=settings.FRONTDOOR_MISSING_REPEAT_DAYS)
    return Episode.objects.filter(person_id=person_id, went_missing_at__gte=since, went_missing_at__lte=at).count()


def _count_repeats(episode: Episode, person: Person) -> None:
    count = count_recent_episodes(person.pk, episode.went_missing_at)
    if count < settings.FRONTDOOR_MISSING_REPEAT_EPISODES:
        return
    days = settings.FRONTDOOR_MISSING_REPEAT_DAYS
    prompt = Prompt.objects.create(
        person=person,
        episode=episode,
        kind=PromptKind.STRATEGY,
        reason=f"{count} missing episodes in {days} days",
        raised_at=timezone.now(),
    )
    tell_role(
        MASH_MANAGER_ROLE,
        kind="missing.repeat_episodes",
        dedupe_key=f"missing-prompt:{prompt.pk}",
        subject=f"Consider a strategy discussion: {count} missing episodes in {days} days (episode "
        f"{episode.reference})",
        link_path=f"/missing/episodes/{episode.reference}/",
    )
