"""The disproportionality view of a share, worked by hand: each group's share and ratio to all children's, the groups
named in words by the margin, and what an aggregate-only viewer is not shown."""

from __future__ import annotations

from frontdoor.reports.fairness_shares import WITHHELD, ShareBreakdown, ShareGroup, show_share_breakdown


def breakdown(*groups: tuple[str, int, int]) -> ShareBreakdown:
    parts = [ShareGroup(*g) for g in groups]
    whole = ShareGroup("All children", sum(g.count for g in parts), sum(g.of for g in parts))
    return ShareBreakdown("sex", "Sex", "", parts, whole)


# All children: 61 of 110, 55.45%.
FOUR = breakdown(("A", 3, 10), ("B", 20, 40), ("C", 30, 50), ("D", 8, 10))


def cells(shown) -> list[tuple[str, str, str, str]]:
    return [(g.count, g.of, g.share, g.ratio) for g in shown.groups]


def test_a_leader_sees_every_share_and_ratio_and_the_groups_named() -> None:
    shown = show_share_breakdown(FOUR, suppress=False, threshold=5, margin=20)
    # A 30% / 55.45% = 0.54; B 50%: 0.90; C 60%: 1.08; D 80%: 1.44.
    assert cells(shown) == [
        ("3", "10", "30%", "0.54"),
        ("20", "40", "50%", "0.90"),
        ("30", "50", "60%", "1.08"),
        ("8", "10", "80%", "1.44"),
    ]
    assert (shown.whole.count, shown.whole.of, shown.whole.share) == ("61", "110", "55%")
    # At most 0.80 of all children's share is lower; 1.25 times or more is higher.
    assert shown.lower == ["A (30% of 10 children, against 55%)"]
    assert shown.higher == ["D (80% of 10 children, against 55%)"]
    assert shown.not_compared == 0


def test_the_margin_is_the_partnerships() -> None:
    shown = show_share_breakdown(FOUR, suppress=False, threshold=5, margin=5)
    # Within 5%: B (0.90) is lower now, and C (1.08 is at least 1 / 0.95 = 1.053) higher.
    assert [w.split(" ")[0] for w in shown.lower] == ["A", "B"]
    assert [w.split(" ")[0] for w in shown.higher] == ["C", "D"]


def test_the_scrutineer_sees_neither_a_small_count_nor_a_small_remainder() -> None:
    shown = show_share_breakdown(FOUR, suppress=True, threshold=5, margin=20)
    # A's 3 and D's 2 left out are small: two counts withheld, so neither can be worked out from the total.
    assert cells(shown) == [
        ("fewer than 5", "10", "not shown", "not shown"),
        ("20", "40", "50%", "0.90"),
        ("30", "50", "60%", "1.08"),
        ("all but fewer than 5", "10", "not shown", "not shown"),
    ]
    assert (shown.lower, shown.higher, shown.not_compared) == ([], [], 2)


def test_one_small_count_withholds_the_next_smallest() -> None:
    shown = show_share_breakdown(breakdown(("A", 3, 10), ("B", 20, 40), ("C", 30, 50)), True, 5, 20)
    # Without B's count withheld, A's would be 53 - 20 - 30. C: 60% / 53% = 1.13.
    assert cells(shown) == [
        ("fewer than 5", "10", "not shown", "not shown"),
        (WITHHELD, "40", "not shown", "not shown"),
        ("30", "50", "60%", "1.13"),
    ]


def test_one_small_group_withholds_the_next_smallest_groups_children_too() -> None:
    shown = show_share_breakdown(breakdown(("A", 0, 3), ("B", 20, 40), ("C", 30, 50)), True, 5, 20)
    assert cells(shown)[:2] == [
        ("all but fewer than 5", "fewer than 5", "not shown", "not shown"),
        (WITHHELD, WITHHELD, "not shown", "not shown"),
    ]
    assert (shown.whole.count, shown.whole.of, shown.whole.share) == ("50", "93", "54%")


def test_no_ratio_when_all_childrens_share_is_withheld() -> None:
    # All children: 3 of 20, small. A's 0 of 10 is shown, but its ratio would give nothing away only by luck.
    shown = show_share_breakdown(breakdown(("A", 0, 10), ("B", 3, 10)), True, 5, 20)
    assert cells(shown)[0] == ("0", "10", "0%", "")
    assert (shown.whole.count, shown.whole.share, shown.whole.ratio) == ("fewer than 5", "not shown", "not shown")
    assert shown.lower == []
