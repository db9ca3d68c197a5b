"""The second synthetic population: deterministic, fast, every community present, the rates it promises."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date

import pytest

from frontdoor.core.identifiers import nhs_number_is_valid, upn_is_valid
from second_population import AGE_BANDS, ENGINE_COLUMNS, GROUPS, LABELS, generate
from second_population import recording as rates
from second_population.errors import keyboard_typo, swap_day_month
from second_population.names import CENSUS_2021_ENGLAND_SHARES, fold
from second_population.world import TWIN_MATERNITY_RATE


@pytest.fixture(scope="module")
def population():
    return generate(people=20_000, seed=3)


def test_same_seed_same_population_and_another_seed_another():
    first, again, other = generate(people=1_500, seed=7), generate(people=1_500, seed=7), generate(people=1_500, seed=8)
    assert first.records == again.records
    assert first.twins == again.twins
    assert first.records != other.records


def test_size_is_the_number_of_people_asked_for(population):
    assert 20_000 <= len(population.people) < 20_010
    assert len({p.person_id for p in population.people}) == len(population.people)


def test_fifty_thousand_people_hold_more_records_than_people():
    # How long it takes is the benchmark's to report (bench/linkage.py prints the generate seconds).
    made = generate(people=50_000, seed=1)
    assert len(made.records) > 50_000


def test_every_record_has_the_engine_columns_and_its_labels(population):
    assert population.records
    for record in population.records:
        assert set(record) == {*ENGINE_COLUMNS, *LABELS}
        assert record["age_band"] in AGE_BANDS
        assert record["group"] in GROUPS
    assert len({r["unique_id"] for r in population.records}) == len(population.records)


def test_twins_share_birth_surname_and_home_but_not_first_name(population):
    by_id = {p.person_id: p for p in population.people}
    assert len(population.twins) >= 20  # about 1.4% of maternities among some 9,000 children
    for pair in population.twins:
        a, b = (by_id[pid] for pid in pair)
        assert a.dob == b.dob and a.household == b.household
        assert a.given[0] != b.given[0]
        assert fold(a.family)[:4] == fold(b.family)[:4]  # Kowalski and Kowalska are one name
    children = sum(1 for p in population.people if not p.adult)
    assert len(population.twins) / children == pytest.approx(TWIN_MATERNITY_RATE, abs=0.006)


def test_each_system_holds_only_the_identifiers_it_has(population):
    seen = Counter(r["source"] for r in population.records)
    assert set(seen) == {"health", "education", "police", "csc"}
    for record in population.records:
        if record["source"] == "police":
            assert record["nhs_number"] is None and record["upn"] is None
        if record["source"] == "health":
            assert record["upn"] is None and nhs_number_is_valid(record["nhs_number"])
        if record["source"] == "education":
            assert record["nhs_number"] is None and upn_is_valid(record["upn"])


def test_every_name_origin_group_present_near_its_census_share(population):
    people = Counter(p.group for p in population.people)
    assert set(people) == set(GROUPS)
    for group, share in CENSUS_2021_ENGLAND_SHARES.items():
        assert people[group] / len(population.people) == pytest.approx(share / 100, abs=0.02), group


def test_duplicates_inside_a_system_at_their_stated_rates(population):
    records: dict[tuple[str, str], int] = Counter((r["source"], r["person_id"]) for r in population.records)
    adults = {p.person_id for p in population.people if p.adult}
    health_children = [k for k in records if k[0] == "health" and k[1] not in adults]
    twice = sum(1 for k in health_children if records[k] == 2)
    assert twice / len(health_children) == pytest.approx(rates.HEALTH_TEMPORARY_NUMBER, abs=0.006)
    police = [k for k in records if k[0] == "police"]
    assert sum(1 for k in police if records[k] == 2) / len(police) == pytest.approx(
        rates.POLICE_SECOND_NOMINAL, abs=0.04
    )
    numbers = defaultdict(set)
    for r in population.records:
        if r["source"] == "health":
            numbers[r["person_id"]].add(r["nhs_number"])
    assert sum(1 for n in numbers.values() if len(n) == 2) == twice  # a temporary number, then the permanent one


def test_police_adults_often_lack_a_date_of_birth_and_some_carry_an_age(population):
    adults = [r for r in population.records if r["source"] == "police" and r["age_band"] == "adult"]
    missing = [r for r in adults if r["dob"] is None]
    assert len(missing) / len(adults) == pytest.approx(rates.SYSTEMS["police"].missing_dob_adult, abs=0.06)
    aged = [r for r in missing if r["age_years"] is not None]
    assert aged and all(r["age_from"] and r["age_to"] for r in aged)
    assert len(aged) / len(missing) == pytest.approx(rates.POLICE_AGE_INSTEAD, abs=0.1)


def test_police_keep_names_without_diacritics_and_health_sometimes_keeps_them(population):
    def marked(source: str) -> list[str]:
        names = [r[f] for r in population.records if r["source"] == source for f in ("first_name", "last_name")]
        return [n for n in names if n and n != fold(n)]

    assert not marked("police")
    assert marked("health")


def test_communities_conventions_show_in_the_records(population):
    names = [r["first_name"] or "" for r in population.records] + [r["last_name"] or "" for r in population.records]
    spellings = {n for n in names if n in ("Muhammad", "Mohammed", "Mohamed", "Mohammad", "Muhammed")}
    assert len(spellings) >= 3  # transliteration variants
    assert any("-" in n for n in names)  # hyphenated surnames
    assert any(n.endswith("ska") for n in names) and any(n.endswith("ski") for n in names)
    assert any(r["first_name"] and r["first_name"] == r["last_name"] for r in population.records)  # mononyms
    assert any(n in ("Singh", "Kaur") for n in names) and any(n in ("Begum", "Khatun") for n in names)


def test_error_helpers():
    assert fold("Wójcik") == "Wojcik" and fold("Łukasz") == "Lukasz" and fold("Nguyễn") == "Nguyen"
    typed = keyboard_typo(random.Random(1), "Jonathan")
    assert typed != "Jonathan" and abs(len(typed) - len("Jonathan")) <= 1
    assert swap_day_month(date(2015, 3, 7)) == date(2015, 7, 3)
    assert swap_day_month(date(2015, 3, 17)) == date(2015, 3, 17)


def test_records_say_what_they_are_recorded_with(population):
    # Household context (the linkage's `together`): the address a record holds, and a known household's police
    # incident; the household's members share them.
    household = {p.person_id: p.household for p in population.people}
    members_at: dict[str, set[str]] = defaultdict(set)
    for record in population.records:
        keys = record["together"]
        assert (f"address:{record['postcode']}" in keys) == bool(record["postcode"])
        assert all(key.startswith("event:police:") for key in keys if not key.startswith("address:"))
        assert all(record["source"] == "police" for key in keys if key.startswith("event:"))
        for key in keys:
            if key.startswith("event:"):
                members_at[key].add(household[record["person_id"]])
    assert members_at
    assert all(len(households) == 1 for households in members_at.values())  # one incident, one household
