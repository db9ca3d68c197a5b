"""The disproportionality view as an aggregate-only viewer sees it, worked by hand: small numbers withheld, one more
group when a single small one could be worked out from the total; rates and ratios from the counts."""

from __future__ import annotations

from frontdoor.reports.fairness import Breakdown, Group, ratio, show_breakdown

# 19 children in the figure, 350 in the county: the whole's rate is 19 / 350 * 10,000 = 542.857...
BREAKDOWN = Breakdown(
    "sex",
    "Sex",
    "",
    [Group("A", 2, 100), Group("B", 10, 200), Group("C", 7, 50)],
    total=19,
    population=350,
)


def test_a_leader_sees_every_count_rate_and_ratio() -> None:
    a, b, c = show_breakdown(BREAKDOWN, suppress=False, threshold=5).groups
    # A: 2 / 100 * 10,000 = 200, ratio 200 / 542.857 = 0.368; share of the figure 2 / 19 = 11%, of the county 29%.
    assert (a.count, a.share, a.population, a.population_share, a.rate, a.ratio) == (
        "2",
        "11%",
        "100",
        "29%",
        "200.0",
        "0.37",
    )
    # B: 500 per 10,000, 0.92; C: 1,400 per 10,000, 2.58.
    assert (b.rate, b.ratio, b.population_share) == ("500.0", "0.92", "57%")
    assert (c.rate, c.ratio) == ("1,400.0", "2.58")


def test_the_scrutineer_sees_the_small_group_and_the_next_smallest_withheld() -> None:
    a, b, c = show_breakdown(BREAKDOWN, suppress=True, threshold=5).groups
    assert (a.count, a.share, a.rate, a.ratio) == ("fewer than 5", "", "", "")
    # Without C withheld, A would be 19 - 10 - 7.
    assert c.count == "not shown, so that a small number cannot be worked out" and c.ratio == ""
    assert (b.count, b.ratio) == ("10", "0.92")
    assert a.population == "100"  # the county's numbers are not small


def test_no_ratio_without_the_population() -> None:
    unknown = Breakdown("ethnicity", "Ethnicity", "", [Group("White British", 9, None)], total=9, population=None)
    assert ratio(unknown.groups[0], unknown) is None
    (shown,) = show_breakdown(unknown, suppress=False, threshold=5).groups
    assert (shown.count, shown.share, shown.rate, shown.ratio) == ("9", "100%", "", "")
