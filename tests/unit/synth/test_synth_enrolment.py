"""How the synthetic county's children are enrolled: electively home educated at the DfE's autumn census rate (on
the council's register, on no school's census), dual registration for alternative provision (main at a mainstream
secondary, subsidiary at the AP), everyone else a single registration; and each pupil still one education record."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from frontdoor.synth import SynthOptions, generate


def _rows(root: Path, name: str) -> list[dict[str, str]]:
    with (root / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("enrolled")
    generate(SynthOptions(children=4000, seed=21), out)
    return out


def test_home_educated_children_are_on_the_register_at_about_the_national_rate_and_on_no_census(county) -> None:
    census = _rows(county, "education/census.csv")
    register = _rows(county, "education/ehe_register.csv")
    on_roll = {row["UPN"] for row in census}
    assert register, "no child is electively home educated"
    assert not {row["UPN"] for row in register} & on_roll
    share = len(register) / (len(on_roll) + len(register))
    assert 0.006 < share < 0.02  # 1.4 in 100 of Years 1-11; Reception and sixth forms are in the denominator too


def test_dual_registration_is_main_at_a_mainstream_secondary_and_subsidiary_at_alternative_provision(county) -> None:
    phases = {row["urn"]: row["phase"] for row in _rows(county, "reference/schools.csv")}
    census = _rows(county, "education/census.csv")
    statuses = Counter(row["EnrolStatus"] for row in census)
    assert statuses["C"] > 0.97 * len(census)
    by_pupil: dict[str, dict[str, str]] = defaultdict(dict)
    for row in census:
        by_pupil[row["UPN"]][row["EnrolStatus"]] = row["URN"]
    dual = [urns for urns in by_pupil.values() if "S" in urns]
    assert dual, "no pupil is dual registered"
    assert statuses["M"] == statuses["S"] == len(dual)
    for urns in dual:
        assert set(urns) == {"M", "S"}
        assert (phases[urns["M"]], phases[urns["S"]]) == ("secondary", "alternative_provision")
    ap_pupils = {
        upn for upn, urns in by_pupil.items() if any(phases[u] == "alternative_provision" for u in urns.values())
    }
    assert 0.2 < len(dual) / len(ap_pupils) < 0.8  # half of the AP's pupils


def test_each_pupil_is_still_one_education_record_in_the_truth(county) -> None:
    truth = Counter(row["source_id"] for row in _rows(county, "truth/records.csv") if row["system"] == "education")
    census = {row["UPN"] for row in _rows(county, "education/census.csv")}
    register = {row["UPN"] for row in _rows(county, "education/ehe_register.csv")}
    assert set(truth) == census | register
    assert set(truth.values()) == {1}
