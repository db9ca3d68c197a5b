"""Names from every community, as the model compares them: given and family names swapped, multi-part names with a
part left out, double surnames cut, diacritics dropped, transliterations, names that sound alike. Each pair falls in
the level made for it, and real-time scoring equals Splink's on every one of them."""

from __future__ import annotations

import copy
import math
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from splink import DuckDBAPI, Linker

from frontdoor.linkage import alike, guards
from frontdoor.linkage.alike import NO_COUNTS, corrections, mistyped, one_name_in_parts, parts_alike, similar
from frontdoor.linkage.clustering import cluster
from frontdoor.linkage.default_model import names_at_most_exact, packaged
from frontdoor.linkage.names import name_parts, normalise_name
from frontdoor.linkage.preparation import FEW, prepare
from frontdoor.linkage.realtime import Scorer, term_frequencies
from frontdoor.linkage.scoring import new_linker, numbered, predict

COMMON = {"dob": "2014-06-02", "sex": "f", "postcode": "es1 2ab"}
SAME_PARTS = "Same names, another order or a part left out"
SWAPPED_TYPO = "Names in another order, one of them mistyped"
SPELLING = "Another spelling of the name"
# (left, right, first-name level, last-name level)
PAIRS: list[tuple[dict[str, str], dict[str, str], str, str]] = [
    # Family name first in one system: Nguyen Thi Lan and Lan Nguyen; a Chinese name swapped.
    ({"first_name": "Lan", "middle_names": "Thị", "last_name": "Nguyễn"},
     {"first_name": "Nguyen", "middle_names": "Thi", "last_name": "Lan"}, SAME_PARTS, SAME_PARTS),
    ({"first_name": "Xiaoling", "last_name": "Huang"}, {"first_name": "Huang", "last_name": "Xiaoling"},
     SAME_PARTS, SAME_PARTS),
    # Given names held together in one box, one of them left out in another: Muhammad Ali Khan and Ali Khan.
    ({"first_name": "Muhammad Ali", "last_name": "Khan"}, {"first_name": "Ali", "last_name": "Khan"},
     SAME_PARTS, "Exact"),
    # A double surname cut to one part, with its accents dropped.
    ({"first_name": "Lucía", "last_name": "García López"}, {"first_name": "Lucia", "last_name": "Garcia"},
     "Exact", "One contains the other"),
    # Diacritics dropped by one system.
    ({"first_name": "Zofia", "last_name": "Wójcik"}, {"first_name": "Zofia", "last_name": "Wojcik"}, "Exact", "Exact"),
    ({"first_name": "Łukasz", "last_name": "K\u0131l\u0131\u00e7"}, {"first_name": "Lukasz", "last_name": "Kilic"},
     "Exact", "Exact"),  # Kilic with the Turkish dotless i
    # Transliterations: the spellings the model knows (spellings.py), in either box; Double Metaphone the rest.
    ({"first_name": "Muhammad", "last_name": "Mahmood"}, {"first_name": "Mohamed", "last_name": "Mehmood"},
     SPELLING, SPELLING),
    ({"first_name": "Meryem", "last_name": "Hossain"}, {"first_name": "Maryam", "last_name": "Hussein"},
     SPELLING, SPELLING),
    ({"first_name": "Aoife", "last_name": "Mahmoud"}, {"first_name": "Aoife", "last_name": "Mahmud"},
     "Exact", SPELLING),
    ({"first_name": "Zofia", "last_name": "Ma"}, {"first_name": "Sofia", "last_name": "Ma"},
     "Sounds alike (Double Metaphone)", "Exact"),
    # Family name first in one system and a typo in one part: in the given name, in the family name.
    ({"first_name": "Jianguo", "last_name": "Zhou"}, {"first_name": "Zhou", "last_name": "Jiango"},
     SWAPPED_TYPO, SWAPPED_TYPO),
    ({"first_name": "Ming", "last_name": "Liu"}, {"first_name": "Liuu", "last_name": "Ming"},
     SWAPPED_TYPO, SWAPPED_TYPO),
    # Names in another order and the other a short form: one name in the other's box. What it weighs is learnt
    # from each file (the county seldom writes a name so, so the packaged model gives it little): see below.
    ({"first_name": "Matthew", "last_name": "Bennett"}, {"first_name": "Bennett", "last_name": "Matt"},
     "One name in the other's box", "Different, both women"),  # COMMON records everyone as a girl
]  # fmt: skip
LEARNT_FROM_THE_FILE = {"One name in the other's box"}


def _records() -> list[dict[str, Any]]:
    records = []
    for number, (left, right, _first, _last) in enumerate(PAIRS):
        records.append({"unique_id": f"{number}l", "source": "police", **COMMON, **left})
        records.append({"unique_id": f"{number}r", "source": "csc", **COMMON, **right})
    return records


@pytest.fixture(scope="module")
def scored() -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], dict[str, Any]], Scorer]:
    """Every pair scored by Splink with the packaged model (its levels' labels and gammas kept), and the scorer."""
    model = packaged()["model"]
    table = prepare(_records())
    connection = duckdb.connect()
    frame = DuckDBAPI(connection).register(table, table_name="records")
    settings = {
        **model,
        "retain_intermediate_calculation_columns": True,
        # Each pair's two records: their ids are its number and "l" or "r".
        "blocking_rules_to_generate_predictions": [
            "substr(l.unique_id, 1, length(l.unique_id) - 1) = substr(r.unique_id, 1, length(r.unique_id) - 1)"
        ],
    }
    linker = Linker(frame, settings, log_level=None)
    predictions = linker.inference.predict()
    cursor = connection.execute(f"SELECT * FROM {predictions.physical_name}")  # noqa: S608
    names = [d[0] for d in cursor.description]
    rows = {}
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        rows[tuple(sorted((row["unique_id_l"], row["unique_id_r"])))] = row
    connection.close()
    tf = {c: term_frequencies(table.column(c).to_pylist()) for c in Scorer.from_model_json(model).tf_columns}
    return {r["unique_id"]: r for r in table.to_pylist()}, rows, Scorer.from_model_json(model, tf)


@pytest.mark.parametrize(("number", "first_level", "last_level"), [(n, p[2], p[3]) for n, p in enumerate(PAIRS)])
def test_each_convention_falls_in_its_level_and_realtime_equals_splink(scored, number, first_level, last_level) -> None:
    records, rows, scorer = scored
    left, right = f"{number}l", f"{number}r"
    row = rows[(left, right)]
    score = scorer.score(records[left], records[right])
    levels = {e.comparison: e.level for e in score.evidence}
    assert (levels["first_name"], levels["last_name"]) == (first_level, last_level)
    gammas = {e.comparison: e.gamma for e in score.evidence}
    assert gammas["first_name"] == row["gamma_first_name"] and gammas["last_name"] == row["gamma_last_name"]
    assert math.isclose(score.match_weight, row["match_weight"], abs_tol=1e-9)
    if first_level not in LEARNT_FROM_THE_FILE:
        assert score.match_weight > 0  # each is the same person, and the model says so


def test_swapped_names_are_blocked_together() -> None:
    from frontdoor.linkage.splink_settings import blocking_rules

    rules = [rule for rule in blocking_rules() if isinstance(rule, str)]
    assert any("l.first_name = r.last_name AND l.last_name = r.first_name" in rule for rule in rules)


def test_names_are_folded_and_split_into_parts() -> None:
    assert normalise_name("Wójcik-Łukasz") == "wojciklukasz"
    assert name_parts("Thị", "Huong Mai", "Phạm") == ["huong", "huongmai", "mai", "pham", "thi"]
    assert name_parts("Muhammad Ali", None, "O'Brien") == ["ali", "brien", "muhammad", "muhammadali", "obrien"]


def test_a_few_records_and_a_table_are_prepared_alike() -> None:
    records = _records()
    assert len(records) <= FEW
    one_by_one = prepare(records).to_pylist()
    types = {name: pa.string() for name in records[0]}
    as_table = prepare(pa.table({k: pa.array([r.get(k) for r in records], types[k]) for k in records[0]}))
    assert as_table.to_pylist() == one_by_one


def _one(uid: str, source: str, first: str, middle: str | None, last: str) -> guards.Group:
    parts = name_parts(first, middle, last)
    return guards.single(uid, source, normalise_name(first), middle and normalise_name(middle), "2014-06-02", None,
                         None, parts)  # fmt: skip


def test_the_twin_guard_takes_names_in_another_order_as_one_name() -> None:
    lan = _one("1", "health", "Lan", "Thi", "Nguyen")
    swapped = _one("2", "police", "Nguyen", "Thi", "Lan")
    assert guards.refusal(lan, swapped, frozenset()) is None


def test_the_twin_guard_still_keeps_twins_apart_when_one_is_recorded_family_name_first() -> None:
    mei = _one("1", "health", "Huang", None, "Mei")  # twin Mei Huang, family name first
    hong = _one("2", "education", "Hong", None, "Huang")  # her twin sister
    why = guards.refusal(mei, hong, frozenset())
    assert why is not None and why.rule is guards.Rule.FIRST_NAMES


def test_swapped_names_with_a_typo_are_blocked_together_without_a_date_of_birth() -> None:
    from frontdoor.linkage.splink_settings import blocking_rules

    rules = [rule for rule in blocking_rules() if isinstance(rule, str)]
    assert any(rule.startswith("l.first_name = r.last_name AND l.postcode = r.postcode") for rule in rules)
    assert any(rule.startswith("l.last_name = r.first_name AND l.postcode = r.postcode") for rule in rules)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("Jianguo", None, "Zhou"), ("Zhou", None, "Jiango")),  # a letter left out of the given name
        (("Ming", None, "Liu"), ("Liuu", None, "Ming")),  # a letter doubled in the family name
        (("Văn Duc", None, "Ngô"), ("Ngô", None, "Dhc")),  # a part left out and a neighbouring key struck
        (("Ngô", None, "Thanh Văn"), ("Van Thanh", None, "Ngoo")),  # given names in another order too
    ],
)
def test_the_twin_guard_takes_names_in_another_order_with_a_typo_in_one_part_as_one_name(left, right) -> None:
    assert guards.refusal(_one("1", "health", *left), _one("2", "education", *right), frozenset()) is None


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("Ava", None, "Smith"), ("Eva", None, "Smith")),  # twins, in the same order
        (("Smith", None, "Ava"), ("Eva", None, "Smith")),  # twins, one recorded family name first
        (("Huang", None, "Mei"), ("Hong", None, "Huang")),
        (("Lan", "Thi", "Nguyen"), ("Nguyen", "Thi", "Hoa")),
    ],
)
def test_twins_whose_given_names_are_no_typo_of_each_other_stay_apart_in_any_order(left, right) -> None:
    why = guards.refusal(_one("1", "health", *left), _one("2", "education", *right), frozenset())
    assert why is not None and why.rule is guards.Rule.FIRST_NAMES


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("Jayden", None, "Smith"), ("Jaden", None, "Smith")),
        (("Smith", None, "Jayden"), ("Jaden", None, "Smith")),  # each other's parts swapped, with an edit
    ],
)
def test_twins_with_alike_names_held_by_one_system_stay_apart_in_any_order(left, right) -> None:
    why = guards.refusal(_one("1", "police", *left), _one("2", "police", *right), frozenset())
    assert why is not None and why.rule is guards.Rule.SYSTEM_NAMES


def test_twins_with_alike_names_in_two_systems_are_as_alike_swapped_as_in_the_same_order() -> None:
    # Jayden and Jaden Smith on one date, one in each of two systems: no name rule tells them from one child whose
    # name was mistyped, in the same order (a nickname group) or with one recorded family name first. The guard says
    # the same either way; the model's weight and any system holding both keep them apart.
    same_order = guards.refusal(_one("1", "csc", "Jayden", None, "Smith"), _one("2", "police", "Jaden", None, "Smith"),
                                frozenset())  # fmt: skip
    swapped = guards.refusal(_one("1", "csc", "Smith", None, "Jayden"), _one("2", "police", "Jaden", None, "Smith"),
                             frozenset())  # fmt: skip
    assert same_order is None and swapped is None


def test_name_parts_pair_up_with_one_typo_at_most() -> None:
    def alike(a: tuple[str | None, ...], b: tuple[str | None, ...]) -> bool:
        return parts_alike(frozenset(name_parts(*a)), frozenset(name_parts(*b)))

    assert alike(("Zhou", None, "Jiango"), ("Jianguo", None, "Zhou"))
    assert alike(("Bui", None, "Văn Thanh"), ("Van", "Thanh", "Bji"))  # 'vanthanh' whole is not a part to pair
    assert not alike(("Zhuo", None, "Jiango"), ("Jianguo", None, "Zhou"))  # two parts mistyped
    assert not alike(("Lan", None, None), ("Lam", None, None))  # no part equal
    assert not alike(("Smith", None, "Ava"), ("Eva", None, "Smith"))


def test_one_system_holding_one_name_in_both_orders_holds_one_child() -> None:
    # A baby registered twice with health, family name first the second time: twins never share all their name parts.
    liu = _one("1", "police", "Liu", None, "Jianguo")
    jianguo = _one("2", "police", "Jianguo", None, "Liu")
    assert guards.refusal(liu, jianguo, frozenset()) is None
    # With a typo as well it is refused, as any two names one system holds on one date that are not one name.
    homg = _one("3", "police", "Lin", None, "Homg")
    hong = _one("4", "police", "Hong", None, "Lin")
    why = guards.refusal(homg, hong, frozenset())
    assert why is not None and why.rule is guards.Rule.SYSTEM_NAMES


def test_one_name_spelt_two_ways_shares_a_key_in_either_box_and_is_one_name_to_the_twin_guard() -> None:
    from frontdoor.linkage.alike import similar
    from frontdoor.linkage.spellings import same_spelling, spelling

    assert spelling("meryem") == spelling("mariam") == spelling("maryam")
    assert same_spelling("hossain", "hussein") and same_spelling("chaudhry", "chowdhury")
    assert spelling("oliver") == "oliver"  # a name with no other spelling is its own key
    assert not same_spelling("hassan", "hussain")  # two names, not two spellings
    assert similar("meryem", "maryam")  # twins are not named so: the guard reads them as one name


SHORT_FORMS = [("Kathy", "Katherine"), ("Kathy", "Catherine"), ("Sasha", "Alexander"), ("Meah", "Mia"),
               ("Dami", "Oluwadamilare"), ("Sade", "Folasade")]  # fmt: skip


@pytest.mark.parametrize(("short", "full"), SHORT_FORMS)
def test_short_forms_and_spellings_of_names_are_one_name(short: str, full: str) -> None:
    assert similar(normalise_name(short), normalise_name(full))


def test_a_name_few_hold_one_edit_or_one_misread_shape_from_one_many_hold_is_it_mistyped() -> None:
    counts = {"fadumo": 40, "fadurno": 1, "connor": 300, "corinor": 2, "freddie": 90, "freddiie": 3, "ana": 50,
              "aria": 60, "millie": 200, "mollie": 150}  # fmt: skip
    assert mistyped("fadurno", "fadumo", counts)  # rn read as m
    assert mistyped("corinor", "connor", counts)  # n read as ri
    assert mistyped("freddiie", "freddie", counts)  # a letter doubled, in three families by chance
    assert not mistyped("ana", "aria", counts)  # each a name many children have
    assert not mistyped("millie", "mollie", counts)
    assert not mistyped("fadurno", "fadumo", NO_COUNTS)  # a file too small to say what is rare


def test_a_rare_name_reads_as_the_names_it_is_mistyped_from() -> None:
    counts = {"izzy": 30, "izzg": 1, "matilda": 200, "mtailda": 1, "bobby": 3, "bobbby": 1, "millie": 200,
              "mollie": 150, "frankie": 40}  # fmt: skip
    assert corrections("izzg", counts) == {"izzy"}  # a key's neighbour struck, ten times rarer than the name
    assert "matilda" in corrections("mtailda", counts)  # two letters swapped
    # A name no name table knows, held by one or two people, one edit from a name the table knows: Bobby is a short
    # form too few children hold to be ten times as common as its typo.
    assert "bobby" in corrections("bobbby", counts)
    assert corrections("mollie", counts) == set()  # a name many children hold is no one's typo
    assert corrections("frankie", counts) == set()
    assert corrections("izzg", NO_COUNTS) == set()  # a file too small to say what is rare


@pytest.mark.parametrize(("typed", "full"), [("Izzg", "Isabella"), ("Vicku", "Victoria"), ("Bobbby", "Robert")])
def test_a_short_form_mistyped_is_one_name_with_the_full_name(monkeypatch, typed: str, full: str) -> None:
    # The police's Izzg Harris is the GP's Isabella Harris on one date of birth: Izzy mistyped. Twins are not named
    # a name and its own short form, so the twin guard lets them join.
    monkeypatch.setattr(alike, "TYPOS_NEED_PEOPLE", 5)
    child = {"last_name": "Harris", "dob": "2013-06-14", "sex": "f", "postcode": "es1 2ab"}
    records = [{"unique_id": "h", "source": "health", "first_name": full, "nhs_number": "9990000018", **child},
               {"unique_id": "p", "source": "police", "first_name": typed, **child}]  # fmt: skip
    short = {"Izzg": "Izzy", "Vicku": "Vicky", "Bobbby": "Bobby"}[typed]
    others = [{"unique_id": f"o{n}", "source": "health", "first_name": short, "last_name": f"Other{n}",
               "dob": f"2016-01-{n + 1:02d}"} for n in range(10)]  # fmt: skip
    clusters, _refused = cluster(prepare([*records, *others]), [("h", "p", 12.0)])
    assert clusters["h"] == clusters["p"]
    clusters, refused = cluster(prepare(records), [("h", "p", 12.0)])  # too few people to say the name is rare
    assert clusters["h"] != clusters["p"]
    assert [why.rule for why in refused.values()] == [guards.Rule.FIRST_NAMES]


def test_one_system_holding_one_name_in_parts_with_an_age_for_one_record_holds_one_person() -> None:
    # The police's Tran Trang, born 1973, and Thi Trang Tran, aged 52 on an incident: the names in another order with
    # the shared Thi left off, as on one date of birth (the rule for one system's names given an age).
    police = {"source": "police", "sex": "f", "postcode": "es1 2ab"}
    records = [{"unique_id": "a", "first_name": "Tran", "last_name": "Trang", "dob": "1973-08-25", **police},
               {"unique_id": "b", "first_name": "Thi", "middle_names": "Trang", "last_name": "Tran", "age_years": 52,
                "age_from": "2025-09-01", "age_to": "2025-09-01", **police}]  # fmt: skip
    clusters, refused = cluster(prepare(records), [("a", "b", 12.0)])
    assert clusters["a"] == clusters["b"], refused
    # Two given names that are not one in parts stay two women: Thi Lan Tran, aged 52, is not Tran Trang.
    records[1] |= {"middle_names": "Lan"}
    clusters, refused = cluster(prepare(records), [("a", "b", 12.0)])
    assert clusters["a"] != clusters["b"]


def test_first_names_a_misread_apart_are_one_childs_where_one_is_rare(monkeypatch) -> None:
    monkeypatch.setattr(alike, "TYPOS_NEED_PEOPLE", 5)
    child = {"last_name": "Abdirahman", "dob": "2015-04-06", "sex": "f", "postcode": "es1 2ab"}
    records = [{"unique_id": "h", "source": "health", "first_name": "Fadumo", "nhs_number": "9990000018", **child},
               {"unique_id": "p", "source": "police", "first_name": "Fadurno", **child}]  # fmt: skip
    others = [{"unique_id": f"o{n}", "source": "health", "first_name": "Fadumo", "last_name": f"Other{n}",
               "dob": f"2016-01-{n + 1:02d}"} for n in range(10)]  # fmt: skip
    clusters, _refused = cluster(prepare([*records, *others]), [("h", "p", 12.0)])
    assert clusters["h"] == clusters["p"]
    clusters, refused = cluster(prepare(records), [("h", "p", 12.0)])  # too few people to say Fadurno is rare
    assert clusters["h"] != clusters["p"]
    assert [why.rule for why in refused.values()] == [guards.Rule.FIRST_NAMES]


@pytest.mark.parametrize(
    ("first", "middle", "last"),
    [("Tran", "", "Trang"), ("Khoa", "", "Huynh"), ("Thi Trang", "", "Tran")],
)
def test_one_system_holding_one_name_with_a_part_left_out_holds_one_child(first: str, middle: str, last: str) -> None:
    # The police hold Thi Trang Tran and, on the same date of birth, a record with the shared Thi left off (or the
    # names in another order as well): one woman's, not twins'.
    full = {
        "unique_id": "a",
        "source": "police",
        "first_name": "Thi",
        "middle_names": "Trang",
        "last_name": "Tran",
        **COMMON,
    }
    if first == "Khoa":
        full |= {"first_name": "Van Khoa", "middle_names": "", "last_name": "Huynh"}
    other = {
        "unique_id": "b",
        "source": "police",
        "first_name": first,
        "middle_names": middle,
        "last_name": last,
        **COMMON,
    }
    clusters, refused = cluster(prepare([full, other]), [("a", "b", 20.0)])
    assert clusters["a"] == clusters["b"], refused


def test_one_name_in_parts_reads_a_rare_part_as_the_common_one_it_is_mistyped_from() -> None:
    counts = {"hong": 40, "homg": 1, "lin": 90, "jayden": 60, "jaden": 50, "smith": 500}
    assert one_name_in_parts({frozenset({"lin", "homg"}), frozenset({"hong", "lin"})}, counts)
    assert not one_name_in_parts({frozenset({"lin", "homg"}), frozenset({"hong", "lin"})}, NO_COUNTS)
    # Twins: one part apart, and both names common.
    assert not one_name_in_parts({frozenset({"jayden", "smith"}), frozenset({"jaden", "smith"})}, counts)


def test_a_surname_recorded_in_another_order_counts_once() -> None:
    # The first-name comparison's "same parts" level already weighs the whole name; the surname's may weigh no more
    # than an exact surname, so names swapped with nothing else do not outweigh names the same with an address.
    model = copy.deepcopy(packaged()["model"])
    surname = next(c for c in model["comparisons"] if c["output_column_name"] == "last_name")
    levels = {level["label_for_charts"]: level for level in surname["comparison_levels"]}
    levels[SAME_PARTS]["u_probability"] = levels[SAME_PARTS]["m_probability"] / 1e6
    capped, changed = names_at_most_exact(model)
    assert changed
    weight = {lv["label_for_charts"]: lv["m_probability"] / lv["u_probability"]
              for lv in next(c for c in capped["comparisons"] if c["output_column_name"] == "last_name")[
                  "comparison_levels"] if not lv.get("is_null_level")}  # fmt: skip
    assert weight[SAME_PARTS] == pytest.approx(weight["Exact"])
    assert all(w <= weight["Exact"] * (1 + 1e-9) for w in weight.values())


BOTH_MISTYPED = [
    # The police's Miaa Joes at Mia Jones's GP address, no date of birth or age: their initials at one address.
    ({"first_name": "Mia", "last_name": "Jones", "dob": "1992-12-30", "sex": "F", "postcode": "LW24 4BQ"},
     {"first_name": "Miaa", "last_name": "Joes", "sex": "F", "postcode": "LW24 4BQ"}),
    # The police's Hoossein Tehranl, born the day the GP's Hossein Tehrani was, no postcode: their initials on one
    # date of birth.
    ({"first_name": "Hossein", "last_name": "Tehrani", "dob": "1987-06-01", "sex": "M", "postcode": "LW10 2ZJ"},
     {"first_name": "Hoossein", "last_name": "Tehranl", "dob": "1987-06-01", "sex": "M"}),
]  # fmt: skip


@pytest.mark.parametrize(("health", "police"), BOTH_MISTYPED)
def test_both_names_mistyped_are_compared_by_their_initials(health: dict, police: dict) -> None:
    # No name is equal to block on; the initials, at one address or on one date of birth, find the pair, and the
    # model weighs it.
    records = [{"unique_id": "h", "source": "health", "nhs_number": "9990000018", **health},
               {"unique_id": "p", "source": "police", **police}]  # fmt: skip
    linker, connection = new_linker(numbered(prepare(records)), packaged()["model"])
    scored = predict(linker, connection, 1e-12)
    connection.close()
    assert scored.num_rows == 1
