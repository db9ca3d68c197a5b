"""Timeliness: decisions, MASH checks, strategy discussions, conferences, Operation Encompass notices, VISTs, return
home interviews and family help waits, each against the deadline the capability itself keeps."""

from __future__ import annotations

import statistics
from datetime import timedelta

from django.conf import settings
from django.db.models import CharField, Count, Exists, F, OuterRef, Q
from django.db.models.functions import Cast

from frontdoor.encompass.models import Notice
from frontdoor.familyhelp.models import UNALLOCATED, Allocation, Family, FamilyChild
from frontdoor.familyhelp.waits import beyond_the_alert
from frontdoor.intake import incident_vists
from frontdoor.intake import vist_lag as lag_figures
from frontdoor.intake.clocks import REFERRAL_DECISION
from frontdoor.intake.models import REFERRAL_SUBJECT, DomesticAbuseIncident, IncidentPerson
from frontdoor.mash.checks_selectors import list_response_times, map_check_clocks
from frontdoor.mash.models import MashCheck, MashCheckPerson
from frontdoor.mash.models_strategy import StrategyPerson
from frontdoor.mash.strategy_clocks import CONFERENCE, HOLD, RECORD, STRATEGY_SUBJECT
from frontdoor.missing.clocks import INTERVIEW_OFFER
from frontdoor.missing.models import INTERVIEW_SUBJECT, InterviewRequest
from frontdoor.reports.figures import Figure, Period, Row, register
from frontdoor.reports.measures_clocks import clock_row
from frontdoor.reports.measures_volumes import AGENCY, ALL, children_of_referrals, referrals_in

WHOLE = ""


def decisions(period: Period) -> list[Row]:
    # The agency's referrals as a subquery: a year's are thousands of ids, too many to pass as values.
    ids = referrals_in(period).annotate(subject=Cast("pk", CharField())).values("subject") if period.agency_id else None
    return [
        clock_row(
            ALL,
            period,
            REFERRAL_DECISION.code,
            REFERRAL_SUBJECT,
            lambda s: children_of_referrals([int(i) for i in s]),
            ids,
        )
    ]


def checks(period: Period) -> list[Row]:
    """Each agency's MASH checks asked in the period answered by their due time (`mash.checks_selectors`)."""
    rows = []
    for times in list_response_times(period.start, period.end, period.now):
        if period.agency_id and times.agency.pk != period.agency_id:
            continue
        people, of_people = _check_children(times.agency.pk, period) if period.people else ((), ())
        note = f"{times.still_open} still open" if times.still_open else ""
        if times.overdue:
            note += f", {times.overdue} of them overdue"
        rows.append(
            Row(
                times.agency.name,
                count=times.in_time,
                of=times.answered + times.declined,
                people=people,
                of_people=of_people,
                note=note,
                share_target=True,
            )
        )
    return rows


def _check_children(agency_id: int, period: Period) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The children on an agency's checks answered in time, and on all its answered checks, for the drill-down (a
    count alone, the scorecard's and the trends', needs neither)."""
    answered = MashCheck.objects.filter(
        agency_id=agency_id,
        requested_at__gte=period.start,
        requested_at__lt=period.end,
        answered_at__isnull=False,
    )
    asked = list(answered)
    clocks = map_check_clocks(asked)
    in_time = [c.pk for c in asked if not (c.pk in clocks and clocks[c.pk].met_late)]
    people = MashCheckPerson.objects.filter(mash_check_id__in=in_time, is_child=True, person__isnull=False)
    of_people = MashCheckPerson.objects.filter(mash_check__in=answered.order_by(), is_child=True, person__isnull=False)
    return (
        tuple(sorted(set(people.values_list("person_id", flat=True)))),
        tuple(sorted(set(of_people.values_list("person_id", flat=True)))),
    )


def _discussion_children(ids: list[str]) -> list[int]:
    return list(
        StrategyPerson.objects.filter(
            discussion_id__in=[int(i) for i in ids], is_child=True, person__isnull=False
        ).values_list("person_id", flat=True)
    )


def strategy(period: Period) -> list[Row]:
    return [
        clock_row(
            "Held within one working day of being convened", period, HOLD.code, STRATEGY_SUBJECT, _discussion_children
        ),
        clock_row(
            "Record circulated within one working day of the discussion",
            period,
            RECORD.code,
            STRATEGY_SUBJECT,
            _discussion_children,
        ),
    ]


def conferences(period: Period) -> list[Row]:
    return [clock_row(ALL, period, CONFERENCE.code, STRATEGY_SUBJECT, _discussion_children)]


def encompass(period: Period) -> list[Row]:
    notices = Notice.objects.filter(created_at__gte=period.start, created_at__lt=period.end)
    if not period.people:  # counted in the database: a year's notices are tens of thousands of rows
        delivered_in_time = Q(delivered_at__isnull=False, delivered_at__lte=F("due_at"))
        counts = notices.order_by().aggregate(
            in_time=Count("id", filter=delivered_in_time),
            waiting=Count("id", filter=Q(delivered_at__isnull=True, due_at__gt=period.now)),
            all=Count("id"),
        )
        note = f"{counts['waiting']} not delivered yet and still within time" if counts["waiting"] else ""
        return [Row(ALL, count=counts["in_time"], of=counts["all"] - counts["waiting"], note=note)]
    in_time, late, waiting = [], [], 0
    for child_id, due_at, delivered_at in notices.values_list("child_id", "due_at", "delivered_at"):
        if delivered_at is not None and delivered_at <= due_at:
            in_time.append(child_id)
        elif delivered_at is None and due_at > period.now:
            waiting += 1
        else:
            late.append(child_id)
    note = f"{waiting} not delivered yet and still within time" if waiting else ""
    return [
        Row(
            ALL,
            count=len(in_time),
            of=len(in_time) + len(late),
            people=tuple(sorted(set(in_time))),
            of_people=tuple(sorted(set(in_time + late))) if period.people else (),
            note=note,
        )
    ]


def _lag_words(lag: timedelta | None) -> str:
    return incident_vists.lag_words(lag) if lag is not None else ""


def vist_lag(period: Period) -> list[Row]:
    """Incidents with children in the period, matched to their VISTs and timed by intake's own compliance."""
    children = IncidentPerson.objects.filter(incident=OuterRef("pk"), is_child=True)
    incidents = DomesticAbuseIncident.objects.filter(
        Exists(children), occurred_at__gte=period.start, occurred_at__lt=period.end
    ).order_by("occurred_at", "id")
    if period.agency_id:
        incidents = incidents.filter(api_client__agency_id=period.agency_id)
    if period.team:
        incidents = incidents.filter(team=period.team)
    assessed = incident_vists.assess(incidents, period.now)
    lags = [row.lag for row in assessed if row.lag is not None]
    missing = [row.incident.pk for row in assessed if row.overdue]
    people = IncidentPerson.objects.filter(
        incident_id__in=missing if period.people else [], is_child=True, person__isnull=False
    )
    # Every incident assessed, as a subquery: a year's are too many ids to pass as values.
    of_people = IncidentPerson.objects.filter(
        incident__in=incidents.order_by() if period.people else [], is_child=True, person__isnull=False
    ).order_by()
    hours = settings.FRONTDOOR_VIST_DUE_HOURS
    return [
        Row("Median time from incident to VIST", statistic=_lag_words(lag_figures.median(lags)), based_on=len(lags)),
        Row("90th percentile", statistic=_lag_words(lag_figures.percentile(lags, 0.9)), based_on=len(lags)),
        Row(
            f"Incidents with children and no VIST after {hours} hours",
            count=len(missing),
            of=len(assessed),
            people=tuple(sorted(set(people.values_list("person_id", flat=True)))),
            of_people=tuple(sorted(set(of_people.values_list("person_id", flat=True)))),
        ),
    ]


def interviews(period: Period) -> list[Row]:
    def children(ids: list[str]) -> list[int]:
        found = InterviewRequest.objects.filter(pk__in=[int(i) for i in ids], episode__person__isnull=False)
        return list(found.values_list("episode__person_id", flat=True))

    return [clock_row(ALL, period, INTERVIEW_OFFER.code, INTERVIEW_SUBJECT, children)]


def _weeks(waits: list[timedelta]) -> str:
    if not waits:
        return ""
    weeks = statistics.median(w.total_seconds() for w in waits) / (7 * 24 * 3600)
    return f"{weeks:.1f} weeks"


def _family_children(families: list[int]) -> tuple[int, ...]:
    found = {
        child.person_id_known
        for child in FamilyChild.objects.filter(family_id__in=families).select_related("referral_child")
    }
    return tuple(sorted(p for p in found if p is not None))


def family_help_waits(period: Period) -> list[Row]:
    """Families whose wait began in the period: weeks to allocation (or so far); and the families waiting now
    beyond the alert, whatever the period."""
    started = Family.objects.filter(waiting_since__gte=period.start, waiting_since__lt=period.end)
    first_allocation = {
        family_id: at
        for family_id, at in Allocation.objects.filter(family__in=started, allocated_at__gte=F("family__waiting_since"))
        .order_by("-allocated_at")
        .values_list("family_id", "allocated_at")
    }
    # The earliest allocation since the wait began (the dict keeps the last one it is given).
    waits = [first_allocation.get(pk, period.now) - since for pk, since in started.values_list("pk", "waiting_since")]
    beyond = [
        pk
        for pk, since in Family.objects.filter(status__in=UNALLOCATED).values_list("pk", "waiting_since")
        if beyond_the_alert(since, period.now)
    ]
    weeks = settings.FRONTDOOR_FAMILY_HELP_ALERT_WEEKS
    return [
        Row("Median wait for a lead practitioner", statistic=_weeks(waits), based_on=len(waits)),
        Row(
            f"Families waiting now for more than {weeks} weeks",
            count=len(beyond),
            people=_family_children(beyond),
            note="As things stand today, whatever the period chosen.",
        ),
    ]


register(
    Figure(
        "decisions",
        "timeliness",
        "Decisions within one working day",
        "Referrals received in the period decided by the MASH within one working day of arriving (the decision "
        "clock, on the partnership's working calendar), of those decided or past their deadline.",
        "referrals",
        decisions,
        by_agency=AGENCY,
    )
)
register(
    Figure(
        "checks",
        "timeliness",
        "MASH checks answered within the agreed response time, by agency",
        "MASH checks asked of each agency in the period and answered (or declined) by their due time: the working "
        "hours agreed for the check's priority. Checks still open are not in the share.",
        "checks",
        checks,
        by_agency="the agency asked",
        target="Green at {green}% or more answered in time, amber from {amber}%, red below.",
    )
)
register(
    Figure(
        "strategy",
        "timeliness",
        "Strategy discussions",
        "Strategy discussions convened in the period held within one working day, and their records circulated to "
        "the attendees within one working day of the discussion.",
        "discussions",
        strategy,
    )
)
register(
    Figure(
        "conferences",
        "timeliness",
        "Initial child protection conferences within 15 working days",
        "Initial child protection conferences due from strategy discussions held in the period that started a "
        "section 47 enquiry, held within 15 working days of the discussion (sooner for an unborn child due before "
        "then), of those held or past their deadline.",
        "conferences",
        conferences,
    )
)
register(
    Figure(
        "encompass",
        "timeliness",
        "Operation Encompass notifications before the next school day",
        "Notifications made in the period delivered to the child's school (or the council) before the start of "
        "its next school day, of those delivered or past that time.",
        "notifications",
        encompass,
    )
)
register(
    Figure(
        "vist_lag",
        "timeliness",
        "Time from a domestic abuse incident to its VIST",
        "Police incidents with children in the period: the time from the incident to its VIST (the median and the "
        "90th percentile, of incidents with a VIST), and the incidents with children still without a VIST once "
        "the hours allowed have passed.",
        "incidents",
        vist_lag,
        by_agency="the police force (and by the attending officer's team, when one is chosen)",
    )
)
register(
    Figure(
        "interviews",
        "timeliness",
        "Return home interviews offered within 72 hours",
        "Children back from a missing episode in the period offered a return home interview within 72 hours of "
        "their return, of those offered or past the 72 hours.",
        "interviews",
        interviews,
    )
)
register(
    Figure(
        "family_help_waits",
        "timeliness",
        "Family help waits",
        "Families stepped down to family help whose wait began in the period: the median wait for a lead "
        "practitioner (to allocation, or so far for those still waiting). And the families waiting now for longer "
        "than the alert.",
        "families",
        family_help_waits,
    )
)
