"""The scorecard's small dataset (`support/reports.py`, March 2026) with what the analyst exports and Annex A read
beside it: P1's NHS number, pupil number and council child id and an address; P3's NHS number on their GP's record;
P1's strategy discussion held on 7 March 2026, deciding a section 47 enquiry, and the initial conference on 20 March
making a plan (neglect); P5 in care since 1 September 2025, their missing episode of 8 March (still open) and one of
1 February (back the next day, return home interview offered and declined); P6 not in care."""

from __future__ import annotations

from datetime import date

from frontdoor.mash.models_conference import ChildProtectionConference
from frontdoor.mash.models_strategy import StrategyDecision, StrategyDiscussion
from frontdoor.missing import interviews, plans
from frontdoor.people.models import Address, IdentifierScheme, PersonIdentifier
from support import reports
from support.factories import SourceRecordFactory
from support.missing import bring_back, coordinator, interview_of, report, rhi_worker

NHS_NUMBER = "9434765919"
HEALTH_RECORD_NHS_NUMBER = "4010232137"  # P3's, held only on their GP's record linked to them
UPN = "A123456789012"
LA_CHILD_ID = "ESX1001"
POSTCODE = "EX1 4QT"


def build() -> reports.Dataset:
    data = reports.build()
    at = reports.at
    p1, p5 = data.people["P1"], data.people["P5"]
    PersonIdentifier.objects.create(person=p1, scheme=IdentifierScheme.NHS_NUMBER, value=NHS_NUMBER)
    PersonIdentifier.objects.create(person=p1, scheme=IdentifierScheme.UPN, value=UPN, valid_from=date(2020, 9, 1))
    PersonIdentifier.objects.create(person=p1, scheme=IdentifierScheme.LA_CHILD_ID, value=LA_CHILD_ID)
    Address.objects.create(person=p1, line1="14 Quarry Lane", town="Esterbury", postcode=POSTCODE)
    SourceRecordFactory(person=data.people["P3"], nhs_number=HEALTH_RECORD_NHS_NUMBER)

    d1 = StrategyDiscussion.objects.get(reference="SD-1")
    d1.held_at = at(7)
    d1.save(update_fields=["held_at"])
    StrategyDecision.objects.create(discussion=d1, kind="s47_single")
    # The initial conference on 20 March making P1's plan (neglect) is the scorecard dataset's own.
    assert ChildProtectionConference.objects.filter(discussion=d1, held_at=at(20)).exists()

    plans.save_care_profile(
        p5, plans.CareData(in_care=True, placement="Oak House", placement_since=date(2025, 9, 1)), actor=coordinator()
    )
    earlier = report(p5, went_missing_at=at(1, 21, month=2), person_id=p5.pk)
    earlier = bring_back(earlier, at=at(2, 9, month=2), how="returned")
    interviews.offer_interview(
        interview_of(earlier), actor=rhi_worker(), at=at(2, 15, month=2), answer="declined",
        declined_reason="Did not want to talk.",
    )  # fmt: skip
    return data
