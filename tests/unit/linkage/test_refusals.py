"""Why the twin guard keeps two people apart: each rule, the values behind it, and the words a reviewer reads."""

from __future__ import annotations

import re

import pytest

from frontdoor.linkage import refusals
from frontdoor.linkage.alike import similar
from frontdoor.linkage.ambiguity import named_as
from frontdoor.linkage.clustering import cluster
from frontdoor.linkage.engine import prepare
from frontdoor.linkage.guards import Group, Refusal, Rule, refusal, registered_twice, single
from frontdoor.linkage.refusals import SharedReason
from frontdoor.linkage.review_pairs import LeftPair, left_pairs

UNIQUE = frozenset({"health", "education"})
CODES = re.compile(r"\b[a-z]+_[a-z_]+\b|\d{4}-\d{2}-\d{2}")


def group(*records: tuple) -> Group:
    """Records (uid, system, first, middle, dob, nhs, upn) as one person."""
    first, *rest = (single(*record) for record in records)
    for other in rest:
        first.absorb(other)
    return first


def record(uid: str, system: str = "csc", first: str | None = "luca", middle: str | None = None, **more) -> tuple:
    return (uid, system, first, middle, more.get("dob", "2020-06-28"), more.get("nhs"), more.get("upn"))


def test_two_nhs_numbers_refuse_and_say_both() -> None:
    why = refusal(group(record("a", nhs="9434765919")), group(record("b", nhs="9434761234")), UNIQUE)
    assert why == Refusal(Rule.NHS_NUMBERS, ("9434765919", "9434761234"))
    assert (
        refusals.explain(why.rule, why.as_json()) == "NHS numbers 943 476 5919 and 943 476 1234 differ: no one has two"
    )


def test_one_nhs_number_each_and_the_same_one_is_one_person_whatever_the_names() -> None:
    assert (
        refusal(
            group(record("a", first="jo", nhs="9434765919")), group(record("b", first="ann", nhs="9434765919")), UNIQUE
        )
        is None
    )


def test_two_records_of_a_system_that_holds_each_person_once() -> None:
    why = refusal(group(record("a", "health")), group(record("b", "health")), UNIQUE)
    assert why is not None and (why.rule, why.system) == (Rule.ONE_RECORD_SYSTEM, "health")
    assert "health records" in refusals.explain(why.rule, why.as_json())


def test_one_system_with_two_names_on_one_date_of_birth_is_two_people() -> None:
    why = refusal(group(record("a", first="jayden")), group(record("b", first="jaden")), UNIQUE)
    assert why is not None and (why.rule, why.values, why.system) == (Rule.SYSTEM_NAMES, ("jayden", "jaden"), "csc")
    words = refusals.explain(why.rule, why.as_json())
    assert "Children's social care holds two records on 28 June 2020, one under Jayden and one under Jaden" in words


@pytest.mark.parametrize(("one", "other"), [("daniel", "danny"), ("olivia", "liv"), ("isabella", "izzy")])
def test_a_system_may_hold_a_child_under_a_name_and_its_short_form(one: str, other: str) -> None:
    assert refusal(group(record("a", first=one)), group(record("b", first=other)), UNIQUE) is None


def test_a_system_may_hold_a_child_under_their_middle_name() -> None:
    archie = group(record("a", first="archie"), record("h", "health", first="archie", middle="arthur"))
    assert refusal(archie, group(record("b", first="arthur")), UNIQUE) is None


def test_one_pupil_number_is_one_child_whatever_a_typo_in_the_name() -> None:
    a = group(record("a", first="oliber", upn="Y938200317026"))
    b = group(record("b", first="oliver", upn="Y938200317026"))
    assert refusal(a, b, UNIQUE) is None
    assert refusal(group(record("a", first="oliber")), group(record("b", first="oliver")), UNIQUE) is not None


def test_dates_of_birth_no_typo_explains() -> None:
    why = refusal(group(record("a", dob="1973-03-01")), group(record("b", "police", dob="2024-03-14")), UNIQUE)
    assert why == Refusal(Rule.BIRTH_DATES, ("1973-03-01", "2024-03-14"))
    words = refusals.explain(why.rule, why.as_json())
    assert words.startswith("Dates of birth 1 March 1973 and 14 March 2024 differ")


def test_clearly_different_first_names_on_one_date_of_birth() -> None:
    why = refusal(group(record("a", "police", first="zara")), group(record("b", first="sara")), UNIQUE)
    assert why is not None and (why.rule, why.values, why.dob) == (Rule.FIRST_NAMES, ("zara", "sara"), "2020-06-28")
    assert refusals.explain(why.rule, why.as_json()).startswith("First names Zara and Sara on 28 June 2020")


def test_clearly_different_middle_names_on_one_date_of_birth() -> None:
    a = group(record("a", "health", first="jayden", middle="jude"))
    b = group(record("b", "education", first="jaden", middle="felix"))
    why = refusal(a, b, UNIQUE)
    assert why is not None and (why.rule, why.values) == (Rule.MIDDLE_NAMES, ("jude", "felix"))


def test_letters_typed_the_wrong_way_round_are_one_name_but_twins_names_are_not() -> None:
    assert similar("olra", "orla") and similar("oewn", "owen")
    assert not similar("zara", "sara") and not similar("ava", "eva")


def test_a_peoples_cannot_link_decision_is_the_reason_given() -> None:
    table = prepare(
        [
            {"unique_id": "1", "source": "csc", "first_name": "Oliver", "last_name": "Hill"},
            {"unique_id": "2", "source": "police", "first_name": "Oliver", "last_name": "Hill"},
        ]
    )
    _clusters, refused = cluster(table, [("1", "2", 25.0)], cannot_link=[("1", "2")])
    assert refused == {("1", "2"): Refusal(Rule.DECISION, ("1", "2"))}
    words = refusals.explain(Rule.DECISION, refused[("1", "2")].as_json())
    assert words == "A person decided that records 1 and 2 are different people"


def test_a_record_that_fits_two_people_who_cannot_be_one_says_so_and_why() -> None:
    def twin(uid: str, first: str, source: str, nhs: str = "") -> dict:
        return {"unique_id": uid, "source": source, "first_name": first, "last_name": "Hill", "dob": "2020-08-03",
                "sex": "M", "postcode": "ES9 4ZT", "nhs_number": nhs}  # fmt: skip

    records = [
        twin("a1", "Jayden", "health", "9990000018"),
        twin("a2", "Jayden", "education"),
        twin("b1", "Jaden", "health", "9990000026"),
        twin("b2", "Jaden", "education"),
        twin("p", "Jaden", "police"),
    ]
    edges = [("a1", "a2", 20.0), ("b1", "b2", 20.0), ("b2", "p", 25.0), ("a2", "p", 12.0)]
    clusters, refused = cluster(prepare(records), edges, unique_systems=UNIQUE)
    assert clusters["p"] == "p"
    why = refused[("b2", "p")]
    assert (why.rule, why.values) == (Rule.AMBIGUOUS, ("p",))
    assert why.because is not None and why.because.rule == Rule.NHS_NUMBERS
    words = refusals.explain(why.rule, why.as_json())
    assert words.startswith("Record p fits two people nearly as well as each other, who cannot be one because NHS")


def test_a_record_bearing_its_own_persons_name_is_not_ambiguous_between_them_and_a_typo() -> None:
    # Olivia's records, and a second social care record of hers as "Liv" split off: her police record is hers.
    own = group(record("c", first="olivia"), record("h", "health", first="olivia", nhs="9997834836"))
    liv = group(record("l", first="liv"))
    police = group(record("p", "police", first="olivia"))
    own.absorb(police)
    assert named_as(police, own, liv, Refusal(Rule.SYSTEM_NAMES, ("liv", "olivia")))


def test_every_rule_reads_as_words_not_codes() -> None:
    detail = {"values": ["9434765919", "9434761234"], "system": "health", "dob": "2020-06-28"}
    for rule in Rule:
        for words in (refusals.summary(rule, detail), refusals.explain(rule, detail)):
            assert words and not CODES.search(words), (rule, words)


def test_a_shared_reason_round_trips_through_its_slug_and_refuses_nonsense() -> None:
    reason = SharedReason("one_record_system", "health", others_agree=True)
    assert reason.slug == "one_record_system-health-agree"
    assert SharedReason.from_slug(reason.slug) == reason
    assert SharedReason.from_slug("first_names") == SharedReason("first_names")
    assert SharedReason.from_slug("no_such_rule") is None
    assert SharedReason.from_slug("first_names-mars") is None
    assert SharedReason.from_slug("ambiguous") is None  # which of two people a record is: decided one by one
    assert reason.words.endswith("where every other field agrees")


def aged(uid: str, first: str | None, low: int, high: int, system: str = "police") -> Group:
    """A record with an age in place of a date of birth: the birth years (low, high) the age allows."""
    return single(uid, system, first, None, None, None, None, None, low, high)


def test_an_age_years_from_a_date_of_birth_refuses_a_parent_and_child_of_one_name() -> None:
    # Evie Evans, 5, and her mother Evie Evans, held by the police with her age at an incident (born 1997 to 2002).
    child = group(record("c", first="evie", dob="2020-06-24"), record("h", "health", first="evie", dob="2020-06-24"))
    why = refusal(aged("p", "evie", 1997, 2002), child, UNIQUE)
    assert why == Refusal(Rule.BIRTH_DATES, ("1997 to 2002", "2020-06-24"))
    words = refusals.explain(why.rule, why.as_json())
    assert words.startswith("Born in 1997 to 2002 and born on 24 June 2020: an age given in place of a date of birth")
    assert not CODES.search(words)


@pytest.mark.parametrize(("low", "high", "apart"), [(2019, 2020, False), (2021, 2022, False), (2022, 2023, True)])
def test_an_age_allows_a_year_either_side_of_its_own(low: int, high: int, apart: bool) -> None:
    why = refusal(aged("p", "luca", low, high), group(record("a", dob="2020-06-28")), UNIQUE)
    assert (why is not None) is apart


def test_two_ages_far_apart_are_two_people_and_two_ages_that_meet_are_not_kept_apart() -> None:
    assert refusal(aged("p", "richard", 1984, 1988), aged("q", "richard", 1985, 1991, "csc"), UNIQUE) is None
    why = refusal(aged("p", "connor", 1980, 1981), aged("q", "connor", 2013, 2014, "csc"), UNIQUE)
    assert why is not None and why.rule is Rule.BIRTH_DATES


def test_one_system_holding_a_twin_by_age_beside_the_other_by_date_is_two_people() -> None:
    # Mollie Robinson, born 21 May 2020, held by the police and by health; her twin Millie held by the police with
    # her age at an incident only. Between two systems Millie and Mollie may be one name typed twice; in one, twins.
    mollie = group(
        record("m", "police", first="mollie", dob="2020-05-21"), record("h", "health", first="mollie", dob="2020-05-21")
    )
    why = refusal(aged("p", "millie", 2019, 2020), mollie, UNIQUE)
    assert why == Refusal(Rule.SYSTEM_NAMES, ("millie", "mollie"), system="police", dob="2020-05-21")
    assert refusal(aged("p", "millie", 2019, 2020, "csc"), mollie, UNIQUE) is None  # another system's record
    assert refusal(aged("p", "mollie", 2019, 2020), mollie, UNIQUE) is None  # her own name: her own record
    daniel = group(record("d", "police", first="daniel", dob="2020-05-21"))
    assert refusal(aged("p", "danny", 2019, 2020), daniel, UNIQUE) is None  # a name and its short form
    assert refusal(aged("p", "millie", 1984, 1986), mollie, UNIQUE) is not None  # years apart: a parent, as before


def test_one_system_holding_two_names_both_by_age_is_two_people_and_says_so_without_a_date() -> None:
    # Mia and Maya Parker, both held by the police with their ages only.
    why = refusal(aged("p", "maya", 2009, 2010), aged("q", "mia", 2010, 2011), UNIQUE)
    assert why == Refusal(Rule.SYSTEM_NAMES, ("maya", "mia"), system="police", dob="")
    words = refusals.explain(why.rule, why.as_json())
    assert words.startswith("Police holds two records of children born the same year, one under Maya and one under Mia")
    assert not CODES.search(words)
    assert refusals.summary(why.rule, why.as_json()).endswith("born the same year under different names")
    assert refusal(aged("p", "maya", 2009, 2010), aged("q", "mia", 2016, 2017), UNIQUE) is not None  # by the years


def test_one_system_holding_one_name_in_another_order_by_age_and_by_date_is_one_person() -> None:
    # Ryan Li, born 23 February 2019: the police hold him once as Li Ryan with his date of birth, and once as Ryan
    # Li with his age at an incident. Family name first is one name in another order, not a second child.
    def police(uid: str, first: str, last: str, dob: str | None, low: int | None = None) -> Group:
        years = (low, low + 1) if low else (None, None)
        return single(uid, "police", first, None, dob, None, None, [first, last], *years, last=last)

    dated = police("d", "li", "ryan", "2019-02-23")
    assert refusal(police("a", "ryan", "li", None, 2018), dated, UNIQUE) is None
    why = refusal(police("a", "rhys", "li", None, 2018), dated, UNIQUE)  # another first name: a brother
    assert why is not None and why.rule is Rule.SYSTEM_NAMES


def test_a_baby_not_yet_born_is_no_one_born_already_on_a_surname_and_address() -> None:
    unborn = single("u", "csc", None, None, None, None, None, ["bennett"])
    mother = group(record("m", first="katie", dob="1987-04-17"))
    why = refusal(unborn, mother, UNIQUE)
    assert why == Refusal(Rule.BIRTH_DATES, ("", "1987-04-17"))
    words = refusals.explain(why.rule, why.as_json())
    assert "not yet born" in words and "17 April 1987" in words and not CODES.search(words)
    # Another system's record of the same baby (no name or date either) is not refused, nor is one NHS number.
    assert refusal(unborn, single("v", "health", None, None, None, None, None, ["bennett"]), UNIQUE) is None
    numbered = single("w", "health", None, None, None, "9434765919", None)
    assert refusal(numbered, group(record("n", first="katie", dob="1987-04-17", nhs="9434765919")), UNIQUE) is None


def test_the_clustering_keeps_a_parent_of_the_childs_name_apart_though_every_edge_is_strong() -> None:
    def evie(uid: str, source: str, **more) -> dict:
        return {"unique_id": uid, "source": source, "first_name": "Evie", "last_name": "Evans", "sex": "F",
                "postcode": "ES15 5RH", **more}  # fmt: skip

    table = prepare(
        [
            evie("c", "csc", dob="2020-06-24"),
            evie("h", "health", dob="2020-06-24"),
            # The mother, aged 23 to 26 at incidents in 2023 to 2025: born 1996 to 2002.
            evie("p", "police", age_years=23, age_from="2023-01-05", age_to="2025-03-01"),
        ]
    )
    clusters, refused = cluster(table, [("c", "p", 9.0), ("h", "p", 9.0), ("c", "h", 30.0)], unique_systems=UNIQUE)
    assert clusters["c"] == clusters["h"] != clusters["p"]
    assert {why.rule for why in refused.values()} == {Rule.BIRTH_DATES}


@pytest.mark.parametrize(("one", "other", "alike"), [("ava", "avq", True), ("afia", "afis", True),
                                                     ("ava", "eva", False), ("zara", "zaro", False)])  # fmt: skip
def test_a_short_first_name_one_neighbouring_key_apart_is_one_name_between_systems(
    one: str, other: str, alike: bool
) -> None:
    assert similar(one, other) is alike
    why = refusal(group(record("a", "health", first=one)), group(record("b", "police", first=other)), UNIQUE)
    assert (why is None) is alike


def registration(uid: str, nhs: str, system: str = "health", **more: str | None) -> tuple:
    """A record (as guards.single takes it) holding an NHS number and every field ADR 0010 compares."""
    held = {"first": "luca", "middle": None, "last": "hill", "dob": "2020-06-28", "sex": "m", "postcode": "es9 4zt"}
    held |= more
    return (uid, system, held["first"], held["middle"], held["dob"], nhs, None, None, None, None, held["last"],
            held["sex"], held["postcode"])  # fmt: skip


def test_two_nhs_numbers_on_two_registrations_agreeing_on_all_else_are_one_person_and_say_so() -> None:
    a, b = group(registration("a", "9434765919")), group(registration("b", "9434761234"))
    assert refusal(a, b, UNIQUE) is None
    note = registered_twice(a, b)
    assert note == Refusal(Rule.REGISTERED_TWICE, ("9434761234", "9434765919"), system="health")
    words = refusals.explain(note.rule, note.as_json())
    assert words.startswith("NHS numbers 943 476 1234 and 943 476 5919 are held for one person")
    assert words.endswith("Ask health to merge the registrations") and not CODES.search(words)
    assert refusals.summary(note.rule, note.as_json()).startswith("Two NHS numbers held for one person")


def test_two_registrations_with_the_names_the_other_way_round_are_one_person_registered_twice() -> None:
    # Liu Jianguo registered once with his family name first: the same two names, date, sex and postcode.
    def named(uid: str, nhs: str, first: str, last: str) -> tuple:
        held = list(registration(uid, nhs, first=first, last=last))
        held[7] = [first, last]  # the parts of the names, as preparation gives them
        return tuple(held)

    a, b = group(named("a", "9434765919", "liu", "jianguo")), group(named("b", "9434761234", "jianguo", "liu"))
    assert refusal(a, b, UNIQUE) is None
    assert registered_twice(a, b) == Refusal(Rule.REGISTERED_TWICE, ("9434761234", "9434765919"), system="health")
    other = group(named("c", "9434761234", "jianguo", "wang"))  # another family's Jianguo
    assert refusal(a, other, UNIQUE) == Refusal(Rule.NHS_NUMBERS, ("9434765919", "9434761234"))


def test_only_records_holding_the_numbers_show_a_registration_twice() -> None:
    # The social care record agrees with the second registration, but holds no NHS number: two numbers, two people.
    a = group(registration("a", "9434765919", postcode="es1 1aa"), registration("c", "", "csc"))
    assert refusal(a, group(registration("b", "9434761234")), UNIQUE) == Refusal(
        Rule.NHS_NUMBERS, ("9434765919", "9434761234")
    )


def test_a_record_under_either_number_joins_the_person_registered_twice() -> None:
    twice = group(registration("a", "9434765919"), registration("b", "9434761234"))
    assert refusal(group(record("c", first="luca", nhs="9434761234")), twice, UNIQUE) is None
    # A third number is new: it must show its own registration twice.
    assert refusal(group(record("d", first="luca", nhs="9434760000")), twice, UNIQUE) is not None


def test_a_registration_twice_does_not_excuse_the_other_rules() -> None:
    # The two registrations agree on all ADR 0010 compares, but their middle names are clearly different.
    a, b = group(registration("a", "9434765919", middle="jude")), group(registration("b", "9434761234", middle="felix"))
    why = refusal(a, b, UNIQUE)
    assert why is not None and why.rule is Rule.MIDDLE_NAMES


def test_a_run_leaves_each_person_registered_twice_settled_for_people_to_see() -> None:
    table = prepare([
        {"unique_id": uid, "source": "health", "first_name": "Luca", "last_name": "Hill", "dob": "2020-06-28",
         "sex": "M", "postcode": "ES9 4ZT", "nhs_number": nhs}
        for uid, nhs in (("a", "9434765919"), ("b", "9434761234"))
    ])  # fmt: skip
    clusters, refused = cluster(table, [("a", "b", 22.0)], unique_systems=UNIQUE)
    assert clusters["a"] == clusters["b"] and refused == {}
    pairs = left_pairs(table, clusters, refused, [], [], unique_systems=UNIQUE, joined=[("a", "b", 22.0)])
    assert pairs == [
        LeftPair("a", "b", 22.0, Refusal(Rule.REGISTERED_TWICE, ("9434761234", "9434765919"), system="health"),
                 settled=True, same_person=True)
    ]  # fmt: skip
    assert SharedReason.from_slug("registered_twice") is None  # decided one by one, never together


def test_two_middle_names_one_held_with_an_age_say_so_without_a_date() -> None:
    # The police's Jaden Jacob, aged 5, beside Jaden Tyler born in 2020: no date of birth to name on the queue.
    police = single("p", "police", "jaden", "jacob", None, None, None, None, 2019, 2020)
    why = refusal(police, group(record("h", "health", first="jaden", middle="tyler", dob="2020-08-03")), UNIQUE)
    assert why == Refusal(Rule.MIDDLE_NAMES, ("jacob", "tyler"))
    words = refusals.explain(why.rule, why.as_json())
    assert words == "Middle names Jacob and Tyler are clearly different"
    summary = refusals.summary(why.rule, why.as_json())
    assert summary == "Clearly different middle names, one record giving an age in place of a date of birth"
    assert not CODES.search(words + summary)


def _placed(records: list[dict], edges: list[tuple[str, str, float]]) -> tuple[dict[str, str], dict]:
    """The records clustered on these edges as a run clusters them (health and education hold each person once):
    clusters and refusals."""
    return cluster(prepare(records), edges, unique_systems=UNIQUE)


def test_a_record_at_its_own_persons_address_is_not_left_alone_by_a_namesake_elsewhere() -> None:
    # The police's Lakshmi Solanki, no date of birth, at the home of Lakshmi Joshi (her married name), and a Lakshmi
    # Solanki born a year later across the county: the record is the woman who lives where it was made. The namesake
    # scores nearly as well (the surname is hers), but the address tells the two apart, as it does two children of
    # one name at two addresses; twins, who share their address, still leave such a record alone (the test above).
    def woman(uid: str, last: str, source: str, postcode: str, dob: str | None = None, nhs: str = "") -> dict:
        return {"unique_id": uid, "source": source, "first_name": "Lakshmi", "last_name": last, "dob": dob,
                "sex": "F", "postcode": postcode, "nhs_number": nhs}  # fmt: skip

    records = [
        woman("j", "Joshi", "health", "ES8 3TA", "1975-10-09", "9990000018"),
        woman("s", "Solanki", "health", "ES25 6UD", "1976-05-24", "9990000026"),
        woman("p", "Solanki", "police", "ES8 3TA"),
    ]
    clusters, refused = _placed(records, [("j", "p", 10.0), ("s", "p", 5.5)])
    assert clusters["p"] == clusters["j"] != clusters["s"]
    assert all(why.rule != Rule.AMBIGUOUS for why in refused.values())
    # Recorded at neither woman's address, the record fits both nearly as well: it stays on its own.
    elsewhere = [*records[:2], woman("p", "Solanki", "police", "ES40 1AA")]
    clusters, refused = _placed(elsewhere, [("j", "p", 10.0), ("s", "p", 5.5)])
    assert clusters["p"] == "p"
    assert refused[("j", "p")].rule == Rule.AMBIGUOUS


def test_an_undated_record_under_its_own_persons_first_name_is_not_left_alone_by_a_relative_of_its_surname() -> None:
    # The police's Wiktoria Kaminska, no date of birth, at the home of Wiktoria Lewandowska (health and the police
    # hold her maiden name) and of her daughter Agnieszka Kaminska. The surname and the address are the daughter's
    # too, so she scores nearly as well; but the first name is her mother's and nothing like hers.
    def woman(uid: str, first: str, last: str, source: str, dob: str | None = None, nhs: str = "") -> dict:
        return {"unique_id": uid, "source": source, "first_name": first, "last_name": last, "dob": dob, "sex": "F",
                "postcode": "ES12 2UD", "nhs_number": nhs}  # fmt: skip

    records = [
        woman("w", "Wiktoria", "Lewandowska", "health", "1991-02-18", "9990000018"),
        woman("a", "Agnieszka", "Kaminska", "health", "2011-05-21", "9990000026"),
        woman("p", "Wiktoria", "Kaminska", "police"),
    ]
    clusters, refused = _placed(records, [("w", "p", 6.2), ("a", "p", 4.3)])
    assert clusters["p"] == clusters["w"] != clusters["a"]
    assert all(why.rule != Rule.AMBIGUOUS for why in refused.values())
    # Under a first name alike to both women's (a mother and daughter of one name), it fits both: it stays alone.
    namesakes = [records[0], woman("a", "Wiktorja", "Kaminska", "health", "2011-05-21", "9990000026"), records[2]]
    clusters, refused = _placed(namesakes, [("w", "p", 6.2), ("a", "p", 4.3)])
    assert clusters["p"] == "p"
    assert refused[("w", "p")].rule == Rule.AMBIGUOUS
