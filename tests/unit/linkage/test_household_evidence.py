"""How the household tie counts for a candidate (ADR 0012): raised by a fixed weight, shown at least as a possible
match when the first name is alike, never made certain by a first name and the household alone."""

from __future__ import annotations

from frontdoor.linkage.candidates import Candidate
from frontdoor.linkage.households import HOUSEHOLD_WEIGHT, with_household
from frontdoor.linkage.realtime import Evidence, Score, grade

TIE = ["Recorded by the police with Tyler Ashdown at a domestic-abuse incident on 1 October 2026."]


def _candidate(total: float, **weights: float) -> Candidate:
    evidence = tuple(Evidence(name, "level", 1, 2.0**w, w) for name, w in weights.items())
    probability = 2.0**total / (1.0 + 2.0**total)
    return Candidate(1, None, Score(total, probability, grade(probability), evidence, -9.0))


def test_the_tie_adds_its_weight_and_says_why() -> None:
    raised = with_household(_candidate(2.0, first_name=7.0, last_name=4.0), TIE)
    assert raised is not None
    assert raised.score.match_weight == 2.0 + HOUSEHOLD_WEIGHT
    assert raised.household == tuple(TIE)
    assert raised.score.evidence[-1].comparison == "household"


def test_a_first_name_alike_in_the_household_is_at_least_possible() -> None:
    raised = with_household(_candidate(-6.3, first_name=7.3, last_name=-4.7, birth_year=2.2), TIE)
    assert raised is not None and raised.score.grade == "possible" and raised.score.probability < 0.5


def test_a_first_name_and_the_household_alone_never_make_it_certain() -> None:
    raised = with_household(_candidate(5.0, first_name=7.0, last_name=-4.0, postcode=5.0), TIE)
    assert raised is not None and raised.score.probability >= 0.99
    assert raised.score.grade == "probable"
    agreeing = with_household(_candidate(5.0, first_name=7.0, last_name=3.0), TIE)
    assert agreeing is not None and agreeing.score.grade == "certain"


def test_another_first_name_or_an_age_that_does_not_fit_is_not_this_adult() -> None:
    assert with_household(_candidate(-3.0, first_name=-4.0, last_name=6.0), TIE) is None
    assert with_household(_candidate(-3.0, first_name=7.0, last_name=-4.0, birth_year=-5.0), TIE) is None
    assert with_household(_candidate(-3.0, first_name=7.0, dob=-6.0), TIE) is None
