"""People's decisions in clustering: a must-link joins whatever the twin guard says; a cannot-link keeps two records
apart however the edges chain."""

from __future__ import annotations

from datetime import date

from frontdoor.linkage.clustering import cluster
from frontdoor.linkage.preparation import prepare

UNIQUE_SYSTEMS = frozenset({"health", "education"})


def record(uid: str, first: str, source: str, nhs: str = "") -> dict:
    return {"unique_id": uid, "source": source, "first_name": first, "last_name": "Hill", "dob": date(2020, 8, 3),
            "sex": "M", "postcode": "ES9 4ZT", "nhs_number": nhs, "upn": ""}  # fmt: skip


def test_a_must_link_joins_what_the_twin_guard_would_keep_apart() -> None:
    table = prepare([record("a", "Jayden", "health", "9990000018"), record("b", "Jaden", "health", "9990000026")])
    kept, refused = cluster(table, [("a", "b", 20.0)], unique_systems=UNIQUE_SYSTEMS)
    assert kept["a"] != kept["b"] and len(refused) == 1
    joined, _refused = cluster(table, [("a", "b", 20.0)], unique_systems=UNIQUE_SYSTEMS, must_link=[("a", "b")])
    assert joined["a"] == joined["b"]


def test_a_must_link_joins_records_with_no_edge_between_them() -> None:
    table = prepare([record("a", "Oliver", "csc"), record("b", "Harvey", "police"), record("c", "Harvey", "csc")])
    clusters, _refused = cluster(table, [], must_link=[("a", "b")])
    assert clusters["a"] == clusters["b"] != clusters["c"]


def test_a_cannot_link_refuses_the_direct_edge() -> None:
    table = prepare([record("a", "Oliver", "csc"), record("b", "Oliver", "police")])
    clusters, refused = cluster(table, [("a", "b", 25.0)], cannot_link=[("a", "b")])
    assert clusters["a"] != clusters["b"]
    assert len(refused) == 1


def test_a_cannot_link_blocks_a_chain_through_a_third_record() -> None:
    table = prepare([record("a", "Oliver", "csc"), record("b", "Oliver", "police"), record("c", "Oliver", "earlyhelp")])
    edges = [("a", "b", 20.0), ("b", "c", 18.0)]
    assert len(set(cluster(table, edges)[0].values())) == 1
    clusters, _refused = cluster(table, edges, cannot_link=[("c", "a")])
    assert clusters["a"] == clusters["b"] != clusters["c"]


def test_a_cannot_link_holds_against_a_must_link_chain_built_by_edges() -> None:
    # b is joined to a by people; c's only way in is the edge to b, and c was said not to be a.
    table = prepare([record("a", "Oliver", "csc"), record("b", "Ollie", "police"), record("c", "Oliver", "earlyhelp")])
    clusters, _refused = cluster(table, [("b", "c", 30.0)], must_link=[("a", "b")], cannot_link=[("a", "c")])
    assert clusters["a"] == clusters["b"] != clusters["c"]


def test_a_must_linked_record_is_not_left_on_its_own_as_ambiguous() -> None:
    # p fits either twin nearly as well, so on the machine's word alone it stays on its own (see the engine tests).
    table = prepare(
        [record("a1", "Jayden", "health", "9990000018"), record("b1", "Jaden", "health", "9990000026"),
         record("p", "Jaden", "police")]
    )  # fmt: skip
    edges = [("b1", "p", 14.0), ("a1", "p", 11.0)]
    alone, _refused = cluster(table, edges, unique_systems=UNIQUE_SYSTEMS)
    assert alone["p"] not in (alone["a1"], alone["b1"])
    confirmed, _refused = cluster(table, edges, unique_systems=UNIQUE_SYSTEMS, must_link=[("a1", "p")])
    assert confirmed["p"] == confirmed["a1"] != confirmed["b1"]


def test_decisions_about_records_not_in_the_table_are_ignored() -> None:
    table = prepare([record("a", "Oliver", "csc"), record("b", "Oliver", "police")])
    clusters, _refused = cluster(table, [("a", "b", 20.0)], must_link=[("a", "gone")], cannot_link=[("b", "gone")])
    assert clusters["a"] == clusters["b"]


def test_a_typo_people_confirmed_does_not_split_the_childs_other_records_at_the_next_run() -> None:
    # People confirmed early help's "Zaro" as Zara's health record. Her other records, joined among themselves first
    # (one pupil number), must still join her: one of her names is theirs, so "Zaro" is her own typo, not a twin.
    def zara(uid: str, source: str, first: str = "Zara", middle: str = "", nhs: str = "", upn: str = "") -> dict:
        return {"unique_id": uid, "source": source, "first_name": first, "middle_names": middle, "upn": upn,
                "last_name": "Jones", "dob": date(2017, 6, 23), "sex": "F", "postcode": "ES17 8UX",
                "nhs_number": nhs}  # fmt: skip

    table = prepare(
        [
            zara("h", "health", middle="Lauren", nhs="9993860921"),
            zara("e", "earlyhelp", first="Zaro"),
            zara("c", "csc", upn="W938200121004"),
            zara("u", "education", middle="Lauren", upn="W938200121004"),
            zara("p", "police", middle="Lauren"),
        ]
    )
    edges = [("c", "u", 30.0), ("u", "p", 25.0), ("h", "u", 20.0), ("h", "e", 13.0)]
    clusters, refused = cluster(table, edges, unique_systems=UNIQUE_SYSTEMS, must_link=[("h", "e")])
    assert len(set(clusters.values())) == 1 and refused == {}
    alone, refused = cluster(table, edges, unique_systems=UNIQUE_SYSTEMS)
    assert alone["e"] != alone["h"] and [why.rule for why in refused.values()] == ["first_names"]
