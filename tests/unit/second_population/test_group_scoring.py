"""Recall and precision within each group of people, and the gap between the best and the worst group."""

from __future__ import annotations

import pytest

from second_population.scoring import by_group, recall_gap_pp

# Four people: a and b of group X, c and d of group Y; records named person + number.
PERSON_OF = {"a1": "a", "a2": "a", "b1": "b", "b2": "b", "c1": "c", "c2": "c", "c3": "c", "d1": "d"}
GROUP_OF = {"a": "X", "b": "X", "c": "Y", "d": "Y"}


def test_a_perfect_linkage_scores_one_in_every_group():
    measures = by_group(dict(PERSON_OF), PERSON_OF, GROUP_OF)
    assert measures == {
        "X": {"precision": 1.0, "recall": 1.0, "true_pairs": 2, "people": 2},
        "Y": {"precision": 1.0, "recall": 1.0, "true_pairs": 3, "people": 2},
    }
    assert recall_gap_pp(measures) == 0.0


def test_a_missed_pair_lowers_its_group_and_a_false_merge_lowers_both_groups_precision():
    clusters = {"a1": "k1", "a2": "k2", "b1": "k3", "b2": "k3", "c1": "k4", "c2": "k4", "c3": "k4", "d1": "k3"}
    measures = by_group(clusters, PERSON_OF, GROUP_OF)
    assert measures["X"]["recall"] == pytest.approx(1 / 2)  # a's pair missed, b's found
    assert measures["Y"]["recall"] == 1.0
    # Cluster k3 holds b1, b2 (X) and d1 (Y): three pairs, each touching X, two touching Y, one true (b1-b2).
    assert measures["X"]["precision"] == pytest.approx(1 / 3)
    assert measures["Y"]["precision"] == pytest.approx(3 / 5)  # c's three true pairs and k3's two false ones
    assert recall_gap_pp(measures) == pytest.approx(50.0)


def test_people_without_a_group_are_left_out_and_one_group_has_no_gap():
    measures = by_group(dict(PERSON_OF), PERSON_OF, {"a": "X"})
    assert list(measures) == ["X"]
    assert recall_gap_pp(measures) is None
