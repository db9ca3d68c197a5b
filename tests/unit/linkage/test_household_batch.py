"""Household context in a batch run (linkage.together, ADR 0013): two records each recorded with one other person are
raised by HOUSEHOLD_WEIGHT, and only those short of the threshold by less than that."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa

from frontdoor.linkage import default_model
from frontdoor.linkage.engine import link, prepare, weight_of
from frontdoor.linkage.splink_settings import MATCH_THRESHOLD_PROBABILITY
from frontdoor.linkage.together import HOUSEHOLD_WEIGHT, LARGEST, companions, raised

THRESHOLD = weight_of(MATCH_THRESHOLD_PROBABILITY)


def scored(*pairs: tuple[int, int, float]) -> pa.Table:
    left, right, weight = zip(*pairs, strict=True) if pairs else ((), (), ())
    return pa.table(
        [pa.array(left, pa.int64()), pa.array(right, pa.int64()), pa.array(weight, pa.float64())],
        names=["unique_id_l", "unique_id_r", "match_weight"],
    )


def family(first_names: tuple[str, str] = ("Ella", "Ella")) -> pa.Table:
    """A child's police and GP records (rows 0 and 1), her mother's two (rows 2 and 3), a man (row 4)."""
    return prepare(
        [
            {"unique_id": "police:child", "source": "police", "first_name": first_names[0], "last_name": "Hill"},
            {"unique_id": "health:child", "source": "health", "first_name": first_names[1], "last_name": "Hill"},
            {"unique_id": "police:mother", "source": "police", "first_name": "Amy", "last_name": "Hill"},
            {"unique_id": "health:mother", "source": "health", "first_name": "Amy", "last_name": "Hill"},
            {"unique_id": "police:other", "source": "police", "first_name": "Sam", "last_name": "Lee"},
        ]
    )


KEYS = {
    "police:child": ["event:police:E1"],
    "police:mother": ["event:police:E1"],
    "health:child": ["address:3 mill lane:ES1 1AA"],
    "health:mother": ["address:3 mill lane:ES1 1AA"],
}
# The mother's two records are one person (one component); each child's record is on its own.
LABEL = np.array([0, 1, 2, 2, 4])


def test_a_pair_each_recorded_with_one_person_is_raised_by_the_household_weight() -> None:
    short = THRESHOLD - 1.5
    lifted = raised(family(), LABEL, scored((0, 1, short)), THRESHOLD, KEYS)
    assert lifted.to_pylist() == [{"unique_id_l": 0, "unique_id_r": 1, "match_weight": short + HOUSEHOLD_WEIGHT}]
    # A nickname is one first name.
    assert raised(family(("Elizabeth", "Lizzie")), LABEL, scored((0, 1, short)), THRESHOLD, KEYS).num_rows == 1


def test_household_context_never_chooses_between_two_first_names() -> None:
    # Twins share their household: Mia and Maya are alike, and the household says nothing about which is which.
    assert raised(family(("Mia", "Maya")), LABEL, scored((0, 1, THRESHOLD - 1)), THRESHOLD, KEYS).num_rows == 0


def test_only_pairs_the_household_can_lift_to_the_threshold_are_raised() -> None:
    too_far = THRESHOLD - HOUSEHOLD_WEIGHT - 0.1
    assert raised(family(), LABEL, scored((0, 1, too_far)), THRESHOLD, KEYS).num_rows == 0
    # At or above the threshold it needs no help: it is an edge already.
    assert raised(family(), LABEL, scored((0, 1, THRESHOLD)), THRESHOLD, KEYS).num_rows == 0


def test_no_third_person_in_common_raises_nothing() -> None:
    # The police child's incident is with someone the health child is not recorded with.
    keys = KEYS | {"police:mother": ["event:police:E2"], "police:other": ["event:police:E1"]}
    assert raised(family(), LABEL, scored((0, 1, THRESHOLD - 1)), THRESHOLD, keys).num_rows == 0
    # Nor does a tie through either record's own person: the mother's two records are not a third person to her.
    assert raised(family(), np.array([2, 1, 2, 2, 4]), scored((0, 1, THRESHOLD - 1)), THRESHOLD, KEYS).num_rows == 0


def test_a_key_held_by_more_people_than_a_household_is_left_out() -> None:
    ids = [f"police:{n}" for n in range(LARGEST + 1)]
    assert companions(ids, {uid: ["address:hostel:ES1 1AA"] for uid in ids}) == {}
    assert companions(ids[:3], {uid: ["address:flat:ES1 1AA"] for uid in ids[:3]}) == {0: {1, 2}, 1: {0, 2}, 2: {0, 1}}
    # People, not records: eight children and two parents, each held by four agencies, are one household of ten.
    family = [f"{system}:{person}" for person in range(LARGEST) for system in ("health", "education", "csc", "police")]
    people = [uid.split(":")[1] for uid in family]
    around = companions(family, {uid: ["address:farm:ES1 1AA"] for uid in family}, people=people)
    assert len(around) == len(family) and all(len(others) == len(family) - 1 for others in around.values())
    # One more person at the address is not a household; a record with no person yet counts as one of its own.
    more = [*family, "police:lodger"]
    assert companions(more, {uid: ["address:farm:ES1 1AA"] for uid in more}, people=[*people, None]) == {}


FIRST = ["Olivia", "Noah", "Isla", "Leo", "Ava", "Oscar", "Ivy", "Arlo", "Mia", "Theo", "Zara", "Musa", "Lan"]
LAST = ["Smith", "Khan", "Nguyen", "Wojcik", "Okafor", "Patel", "Brown", "Taylor", "Evans", "Shah", "Price"]


def _others() -> list[dict]:
    """People of the county around them, one record each: so a first name or surname is as common as in a county."""
    return [
        {"unique_id": f"csc:{n}", "source": "csc", "first_name": FIRST[n % len(FIRST)], "middle_names": "",
         "last_name": LAST[n % len(LAST)] + ("" if n < 143 else "ley"), "sex": "F" if n % 2 else "M",
         "dob": date(1980 + n % 40, 1 + n % 12, 1 + n % 28), "postcode": f"ES{n % 30 + 1} {n % 9 + 1}AB"}
        for n in range(400)
    ]  # fmt: skip


def _records() -> list[dict]:
    mother = {"first_name": "Amy", "middle_names": "Lily", "last_name": "Hill", "dob": date(1989, 11, 17), "sex": "F"}
    child = {"first_name": "Ella", "middle_names": "", "last_name": "Hill", "sex": "F"}
    return [
        # The police: mother and daughter at an incident at the family's old address; the child's age, not her date.
        {"unique_id": "police:mother", "source": "police", **mother, "postcode": "ES9 9WY"},
        {"unique_id": "police:child", "source": "police", **child, "dob": None, "age_years": 6,
         "age_from": date(2024, 6, 1), "age_to": date(2024, 6, 1), "postcode": "ES9 9WY"},
        # The GP: both at the new address.
        {"unique_id": "health:mother", "source": "health", **mother, "postcode": "ES1 1AA"},
        {"unique_id": "health:child", "source": "health", **child, "dob": date(2018, 3, 1), "postcode": "ES1 1AA"},
        *_others(),
    ]  # fmt: skip


def test_the_batch_run_links_a_child_the_household_ties_and_not_without_it() -> None:
    model = default_model.packaged()["model"]
    alone = link(_records(), trained_model=model)
    assert alone.clusters["police:mother"] == alone.clusters["health:mother"]
    assert alone.clusters["police:child"] != alone.clusters["health:child"]
    together = link(_records(), trained_model=model, together=KEYS)
    assert together.clusters["police:child"] == together.clusters["health:child"]
    assert together.clusters["police:child"] != together.clusters["police:mother"]
