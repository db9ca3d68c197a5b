"""Properties of what a person types into the MARF: the date boxes and the identifier answers never fail with
anything but a ValidationError (the message shown beside the field), a real date typed in any usual way comes back
as itself, and an accepted identifier is already in its settled form."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.core.forms import DateField, nhs_number_answer, postcode_answer, upn_answer
from frontdoor.core.identifiers import nhs_number_is_valid, postcode_is_valid, upn_is_valid
from support.properties import PROPERTIES

FIELD = DateField("Date of birth")
boxes = st.text(max_size=6) | st.integers(-99999, 99999).map(str)


@PROPERTIES
@given(st.lists(boxes, min_size=3, max_size=3) | st.none())
def test_the_date_boxes_give_a_date_nothing_or_a_message(parts) -> None:
    # The three boxes always arrive as three values (DateParts, a MultiWidget); None is a form never sent.
    try:
        value = FIELD.clean(parts)
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)
        return
    assert value is None or isinstance(value, date)


@PROPERTIES
@given(st.dates(min_value=date(1000, 1, 1)), st.booleans(), st.sampled_from(["", " "]))
def test_a_real_date_typed_with_or_without_leading_zeros_is_that_date(day: date, padded: bool, space: str) -> None:
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if padded else (str(day.day), str(day.month))
    assert FIELD.clean([d + space, space + m, str(day.year)]) == day


@PROPERTIES
@given(st.integers(1, 31), st.integers(1, 12), st.integers(1000, 9999))
def test_an_impossible_date_is_a_message_never_a_wrong_date(d: int, m: int, y: int) -> None:
    try:
        real = date(y, m, d)
    except ValueError:
        real = None
    try:
        assert FIELD.clean([str(d), str(m), str(y)]) == real
    except ValidationError as error:
        assert real is None and error.messages == ["Date of birth must be a real date"]


@PROPERTIES
@given(st.text(max_size=30))
def test_identifier_answers_are_settled_or_refused_with_a_message(typed: str) -> None:
    for answer, valid in ((nhs_number_answer, nhs_number_is_valid), (upn_answer, upn_is_valid)):
        try:
            value = answer(typed)
        except ValidationError as error:
            assert error.messages
            continue
        assert value == "" or valid(value)
        assert answer(value) == value  # what was accepted is accepted again unchanged
    try:
        code = postcode_answer(typed)
    except ValidationError:
        return
    assert code == "" or (postcode_is_valid(code) and postcode_answer(code) == code)


def test_a_date_given_in_fewer_than_three_parts_says_which_are_missing() -> None:
    for parts, missing in ((["3"], "a month and a year"), (["3", "7"], "a year"), ("3", "a month and a year")):
        with pytest.raises(ValidationError, match=f"must include {missing}"):
            DateField("Date of birth").clean(parts)
