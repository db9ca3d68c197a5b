"""A referral's suggested priority: from the level of need and the presenting issues, and saying so."""

from __future__ import annotations

import pytest

from frontdoor.mash.priority import suggest


@pytest.mark.parametrize(
    ("level", "issues", "grade", "note"),
    [
        (4, [], "red", "Suggested from level of need 4: not yet set by the MASH"),
        (2, ["sexual_abuse", "school_attendance"], "red", "Suggested from sexual abuse: not yet set by the MASH"),
        (4, ["physical_abuse", "exploitation"], "red", "from level of need 4, physical abuse and exploitation:"),
        (3, [], "amber", "Suggested from level of need 3: not yet set by the MASH"),
        (1, ["domestic_abuse"], "amber", "Suggested from domestic abuse: not yet set by the MASH"),
        (3, ["neglect"], "amber", "Suggested from level of need 3 and neglect:"),
        (2, ["school_attendance", "other"], "green", "Suggested from level of need 2: not yet set by the MASH"),
        (1, [], "green", "Suggested from level of need 1:"),
    ],
)
def test_the_suggestion_follows_the_level_of_need_and_the_presenting_issues(level, issues, grade, note) -> None:
    suggested = suggest(level, issues)
    assert (suggested.grade, suggested.set) == (grade, False)
    assert note in suggested.note
    assert "_" not in suggested.note  # words, not codes


def test_a_suggestion_reads_as_a_priority() -> None:
    suggested = suggest(4, [])
    assert (suggested.label, suggested.tag, suggested.rank) == ("Red", "govuk-tag--red", 0)
    assert (suggest(3, []).rank, suggest(1, []).rank) == (1, 2)
