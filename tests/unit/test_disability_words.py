"""The children in need census's disability codes in words: one table, read by the census, the child's page and the
figures by disability."""

from __future__ import annotations

from frontdoor.people import disability
from frontdoor.reports.cin_census_rows import DISABILITIES


def test_the_census_and_the_words_share_one_table_of_thirteen_codes() -> None:
    assert DISABILITIES is disability.CODES
    assert len(disability.CODES) == 13 and "NONE" in disability.CODES


def test_what_is_held_is_read_as_the_census_reads_it() -> None:
    assert disability.parse("mob, HEAR  mob") == ("MOB", "HEAR")
    assert disability.parse("NONE AUT") == ("AUT",)  # a category beside none is the one that holds
    assert disability.parse("NONE") == ("NONE",)
    assert disability.parse("XYZ") == () and disability.parse("") == ()


def test_the_codes_in_words() -> None:
    assert disability.describe(()) == "Not recorded yet"
    assert disability.describe(["NONE"]) == "No disability"
    assert disability.describe(["COMM"]) == "Communication"
    assert disability.describe(["MOB", "HEAR", "AUT"]) == "Mobility, hearing and autism"
    assert disability.held(["NONE", "LD"]) == "LD"
