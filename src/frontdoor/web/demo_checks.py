"""Demo data: MASH checks out to partner agencies on the demo referrals and VIST, so the police officer, the health
practitioner and the hospital's responder each have checks waiting on their home: some answered, one to the
hospital and one to the police overdue (the police supervisor's home lists it).
Idempotent: a check is found again by its item, agency and question, and an answer is given once.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import User
from frontdoor.core.clocks import working_calendar
from frontdoor.core.models import Clock
from frontdoor.intake.models import Referral, Vist
from frontdoor.mash import checks_selectors, checks_services
from frontdoor.mash.checks_clocks import CHECK_SUBJECT, rule_for
from frontdoor.mash.models import CheckStatus, MashCheck
from frontdoor.people.models import Agency

POLICE, COMMUNITY_HEALTH, HOSPITALS = (
    "Esterbury Constabulary",
    "Esterbury Community Health",
    "Esterbury Hospitals NHS Trust",
)
TYLER = "Tyler came to school with bruises on both arms and said his dad grabbed him."
KOWALSKIS = "Agnieszka is 30 weeks pregnant, alone with the twins; the flat is cold and damp."
# Each check: the item (a referral's concern, or a VIST's grade), who asks, the agency, the priority, the question,
# and what happens to it: left open, answered (by whom, and what), or asked a week ago and still unanswered.
DEMO_CHECKS: list[dict[str, Any]] = [
    {"referral": TYLER, "by": "mash.sw", "agency": POLICE, "priority": "red",
     "question": "Any call-outs to 14 Kiln Lane, and is Darren Ashdown known to you?"},
    {"referral": TYLER, "by": "mash.sw", "agency": HOSPITALS, "priority": "red", "overdue": True,
     "question": "Any emergency department attendances for Tyler or his sisters in the last two years?"},
    {"referral": TYLER, "by": "mash.sw", "agency": COMMUNITY_HEALTH, "priority": "red",
     "question": "Is the family known to health visiting or the school nurse?",
     "answer": ("mash.health", "mash_health", {
         "known": "Known to the school nursing team: Tyler was seen in March about sleeping badly.",
         "risks": "Tyler told the school nurse he is frightened when his dad shouts.",
         "strengths": "Claire brings the children to every appointment.",
         "child_voice": "Tyler said: 'I don't like it when dad is angry. Nan's house is quiet.'"})},
    {"vist": "red", "by": "mash.manager", "agency": POLICE, "priority": "red", "overdue": True,
     "question": "What happened at the arrest, and were the children spoken to?"},
    {"vist": "red", "by": "mash.manager", "agency": COMMUNITY_HEALTH, "priority": "red",
     "question": "Is Ruby registered with a health visitor, and are her checks up to date?"},
    {"referral": KOWALSKIS, "by": "mash.sw", "agency": HOSPITALS, "priority": "amber",
     "question": "Is Agnieszka booked with maternity, and have any concerns been raised at antenatal appointments?"},
    {"referral": KOWALSKIS, "by": "mash.sw", "agency": POLICE, "priority": "amber",
     "question": "Is anyone at Flat 3, Orchard Court known to you?",
     "answer": ("mash.police", "mash_police", {
         "known": "No police contact with Agnieszka or the twins. One noise complaint at the block in 2025.",
         "strengths": "No history of violence."})},
]  # fmt: skip
ROLES = {"mash.sw": "mash_social_worker", "mash.manager": "mash_manager"}


def load_demo_checks() -> None:
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["mash.sw", "mash.manager", "mash.police", "mash.health"])
    }
    agencies = {a.name: a for a in Agency.objects.filter(name__in=[POLICE, COMMUNITY_HEALTH, HOSPITALS])}
    for spec in DEMO_CHECKS:
        item = _item(spec)
        agency = agencies[spec["agency"]]
        of = {"referral": item} if isinstance(item, Referral) else {"vist": item}
        if item is None or MashCheck.objects.filter(**of, agency=agency, question=spec["question"]).exists():
            continue
        asker = users[spec["by"]]
        (check,) = checks_services.request_checks(
            item,
            actor=Actor(user=asker, role=ROLES[spec["by"]], agency=asker.agency),
            agencies=[agency],
            people=[p.key for p in checks_selectors.list_people_on_item(item)],
            question=spec["question"],
            priority=spec["priority"],
        )
        if spec.get("overdue"):
            _asked_a_week_ago(check)
        if "answer" in spec and check.status == CheckStatus.OPEN:
            username, role, words = spec["answer"]
            user = users[username]
            checks_services.answer_check(
                check, checks_services.Answer(**words), actor=Actor(user=user, role=role, agency=user.agency)
            )


def _item(spec: dict[str, Any]) -> Referral | Vist | None:
    if "referral" in spec:
        return Referral.objects.filter(concern=spec["referral"]).order_by("id").first()
    return Vist.objects.filter(client_id=uuid.uuid5(uuid.NAMESPACE_URL, f"frontdoor-demo-vist:{spec['vist']}")).first()


def _asked_a_week_ago(check: MashCheck) -> None:
    """As if the check had been asked a week ago: its clock (and reminder) counted from then, so it is overdue and
    the worker's next sweep escalates it."""
    asked = timezone.now() - timedelta(days=7)
    due = rule_for(check.priority, check.agency.kind).due(asked, working_calendar())
    MashCheck.objects.filter(pk=check.pk).update(requested_at=asked, remind_at=asked)
    Clock.objects.filter(subject_type=CHECK_SUBJECT, subject_id=str(check.pk)).update(started_at=asked, due_at=due)
