"""The children in need census for tests: a small dataset made through the services (a referral the MASH took to a
strategy discussion, its section 47 enquiry, the conference and the plan; and a child the census cannot take)."""

from __future__ import annotations

from datetime import date, datetime

import time_machine

from frontdoor.core.calendars import LONDON
from frontdoor.mash import services as mash_services
from frontdoor.people.models import IdentifierScheme, PersonIdentifier
from frontdoor.web.demo_cin import upn
from support.strategy import convene, hold_conference, make_team, record, refer_child

MAISIE_BORN = date(2014, 6, 11)


def london(y: int, m: int, d: int, hh: int = 0) -> datetime:
    return datetime(y, m, d, hh, tzinfo=LONDON)


def census_ready(person, child_id: str, disabilities: str = "NONE", **fields) -> None:
    type(person).objects.filter(pk=person.pk).update(disabilities=disabilities, ethnicity="WBRI", **fields)
    PersonIdentifier.objects.create(person=person, scheme=IdentifierScheme.LA_CHILD_ID, value=child_id)


def census_dataset() -> dict:
    """Maisie: referred by her school on 20 February 2026, a strategy discussion on 2 March that started a joint
    section 47 enquiry, the conference on 19 March put her on a plan under neglect. Tyler: referred on 23 February,
    taken to assessment, but his disability is not recorded."""
    team = make_team()
    with time_machine.travel(london(2026, 2, 20, 10), tick=False):
        maisie_referral = refer_child(team, born=MAISIE_BORN)
        mash_services.record_decision(
            maisie_referral, actor=team.actor(), outcome="strategy_discussion", summary="Significant harm suspected."
        )
    maisie = maisie_referral.children.get().person
    census_ready(maisie, "ESX1001")
    PersonIdentifier.objects.create(person=maisie, scheme=IdentifierScheme.UPN, value=upn("1401001"))
    with time_machine.travel(london(2026, 2, 23, 10), tick=False):
        tyler_referral = refer_child(team, born=date(2016, 2, 28))
        mash_services.record_decision(
            tyler_referral, actor=team.actor(), outcome="assessment", summary="An assessment of his needs."
        )
    tyler = tyler_referral.children.get().person
    census_ready(tyler, "ESX1002", disabilities="")
    with time_machine.travel(london(2026, 3, 2, 10), tick=False):
        discussion = record(team, convene(team, maisie_referral))
    with time_machine.travel(london(2026, 3, 19, 16), tick=False):
        hold_conference(team, discussion, london(2026, 3, 19, 14), plan="NEG")
    return {"maisie": maisie, "tyler": tyler}
