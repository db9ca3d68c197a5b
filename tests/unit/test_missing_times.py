"""Times typed as people write them on the missing children's forms."""

from __future__ import annotations

from datetime import time

import pytest

from frontdoor.missing.forms import parse_time


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("14:30", time(14, 30)),
        ("2:30pm", time(14, 30)),
        ("2.30 PM", time(14, 30)),
        ("9am", time(9, 0)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("0:05", time(0, 5)),
        (" 23:59 ", time(23, 59)),
    ],
)
def test_a_time_is_read_as_meant(typed: str, meant: time) -> None:
    assert parse_time(typed) == meant


@pytest.mark.parametrize("typed", ["", "25:00", "13pm", "0am", "12:60", "noon", "14:3", "1430"])
def test_a_time_that_is_not_one_is_refused(typed: str) -> None:
    assert parse_time(typed) is None
