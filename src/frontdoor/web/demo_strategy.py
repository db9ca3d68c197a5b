"""Demo data: strategy discussions on the demo county's open cases, so the MASH's homes have discussions to hold and
a record to circulate, the police officer an action, and the manager a conference clock among the team's deadlines:

- Tyler Ashdown: held, a joint section 47 enquiry and a police investigation; the initial child protection
  conference clock runs 15 working days from it; its record is still to be circulated.
- the Kowalskis' unborn baby: convened, to hold, on the pre-birth pathway.
- Ruby Ashdown: convened out of hours by the emergency duty team, to hold at the next opening.

Convened from the children's pages (open cases), so the triage queue's referrals and VISTs are left as they are.
Idempotent: a discussion is found again by its reason.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import User
from frontdoor.mash import strategy_convening, strategy_recording
from frontdoor.mash.models_strategy import Attending, StrategyDiscussion
from frontdoor.people.models import Person, PersonKind

DEMO_DISCUSSIONS: list[dict[str, Any]] = [
    {"child": ("Ashdown", "Tyler"), "by": ("mash.sw", "mash_social_worker"),
     "reason": "Tyler has bruising to both arms and says his dad grabbed him; police were called to the home twice.",
     "record": {"decisions": ["s47_joint", "police_investigation"],
                "rationale": "Injuries consistent with Tyler's account and a history of violence at the address: "
                             "reasonable cause to suspect significant harm.",
                "actions": [("Joint visit to see Tyler alone and speak to his mum.", "mash.police", 2),
                            ("Check the sisters' health records for injuries.", "mash.health", 3)]}},
    {"child": ("Kowalski", None), "by": ("mash.sw", "mash_social_worker"),
     "reason": "Agnieszka is 30 weeks pregnant; her partner has a history of violence to a previous partner's baby."},
    {"child": ("Ashdown", "Ruby"), "by": ("edt", "edt_worker"), "out_of_hours": True,
     "reason": "Ruby was found alone at 2am after her parents were arrested; she is with her nan tonight."},
]  # fmt: skip
INVITED = [
    (Attending.SOCIAL_CARE, "mash.sw"),
    (Attending.POLICE, "mash.police"),
    (Attending.HEALTH, "mash.health"),
    (Attending.EDUCATION, None),  # the child's school, not named: the MASH's education officer is the council's
]


def _child(surname: str, first_name: str | None) -> Person | None:
    found = Person.objects.filter(last_name=surname)
    found = found.filter(kind=PersonKind.UNBORN) if first_name is None else found.filter(first_name=first_name)
    return found.order_by("id").first()


def load_demo_strategy() -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["edt", *(u for _, u in INVITED if u)])}
    for spec in DEMO_DISCUSSIONS:
        child = _child(*spec["child"])
        if child is None or StrategyDiscussion.objects.filter(reason=spec["reason"]).exists():
            continue
        username, role = spec["by"]
        convenor = users[username]
        actor = Actor(user=convenor, role=role, agency=convenor.agency)
        discussion = strategy_convening.convene_strategy_discussion(
            actor=actor,
            reason=spec["reason"],
            invites=[strategy_convening.Invite(kind, users[name] if name else None) for kind, name in INVITED],
            person=child,
            out_of_hours=spec.get("out_of_hours", False),
        )
        if "record" in spec:
            _record(discussion, actor, users, spec["record"])


def _record(discussion: StrategyDiscussion, actor: Actor, users: dict[str, User], spec: dict[str, Any]) -> None:
    today = timezone.localdate()
    strategy_recording.record_discussion(
        discussion,
        actor=actor,
        attendance=[
            strategy_convening.Attendance(
                i.pk,
                i.attending_for != Attending.EDUCATION,
                absence_reason="The school's DSL was on a trip; the school sent its records in writing."
                if i.attending_for == Attending.EDUCATION
                else "",
                information_shared=f"{i.get_attending_for_display()} shared what it holds on the family.",
            )
            for i in discussion.invitees.all()
        ],
        decisions=spec["decisions"],
        rationale=spec["rationale"],
        actions=[
            strategy_recording.Action(what, users[owner], today + timedelta(days=days))
            for what, owner, days in spec["actions"]
        ],
    )
