"""Properties of the national identifier checks, over generated input: they never raise, normalising is settled
after once, a number made with its check digit (or letter) validates, and a mistyped one does not.

The fixed examples and the modulus-11 oracle are in test_identifiers.py; these say what holds for every input.
"""

from __future__ import annotations

import re

from hypothesis import assume, given
from hypothesis import strategies as st

from frontdoor.core.identifiers import (
    format_nhs_number,
    nhs_check_digit,
    nhs_number_is_valid,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    postcode_is_valid,
    upn_check_letter,
    upn_is_valid,
)
from support.properties import PROPERTIES

DIGITS = "0123456789"
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
any_text = st.text(max_size=30)
digits = st.text(alphabet=DIGITS, min_size=9, max_size=9)


@st.composite
def nhs_numbers(draw) -> str:
    """A valid NHS number: nine digits and their modulus-11 check digit (never ten zeros)."""
    first_nine = draw(digits)
    check = nhs_check_digit(first_nine)
    assume(check is not None and first_nine != "000000000")
    return first_nine + str(check)


@st.composite
def upns(draw) -> str:
    body = draw(st.text(alphabet=DIGITS, min_size=11, max_size=11)) + draw(st.sampled_from(DIGITS + UPN_LETTERS))
    return upn_check_letter(body) + body


# --- NHS number --------------------------------------------------------------------------------------------------


@PROPERTIES
@given(any_text)
def test_nhs_checks_never_raise_and_normalising_is_settled_after_once(value: str) -> None:
    assert isinstance(nhs_number_is_valid(value), bool)
    once = normalise_nhs_number(value)
    assert normalise_nhs_number(once) == once
    assert nhs_number_is_valid(once) is nhs_number_is_valid(value)


@PROPERTIES
@given(nhs_numbers())
def test_a_number_made_with_its_check_digit_is_valid_in_every_written_form(number: str) -> None:
    assert nhs_number_is_valid(number)
    shown = format_nhs_number(number)
    assert re.fullmatch(r"[0-9]{3} [0-9]{3} [0-9]{4}", shown)
    assert nhs_number_is_valid(shown) and normalise_nhs_number(shown) == number
    assert nhs_number_is_valid(shown.replace(" ", "-"))


@PROPERTIES
@given(nhs_numbers(), st.integers(0, 9), st.integers(1, 9))
def test_one_mistyped_digit_is_always_caught(number: str, position: int, shift: int) -> None:
    wrong = str((int(number[position]) + shift) % 10)
    mistyped = number[:position] + wrong + number[position + 1 :]
    assert not nhs_number_is_valid(mistyped)


@PROPERTIES
@given(nhs_numbers(), st.integers(0, 8))
def test_two_neighbouring_digits_swapped_are_always_caught(number: str, position: int) -> None:
    a, b = number[position], number[position + 1]
    assume(a != b)
    swapped = number[:position] + b + a + number[position + 2 :]
    assert not nhs_number_is_valid(swapped)


# --- UPN ---------------------------------------------------------------------------------------------------------


@PROPERTIES
@given(any_text)
def test_upn_checks_never_raise_and_normalising_is_settled_after_once(value: str) -> None:
    assert isinstance(upn_is_valid(value), bool)
    once = normalise_upn(value)
    assert normalise_upn(once) == once
    assert upn_is_valid(once) is upn_is_valid(value)


@PROPERTIES
@given(upns())
def test_a_upn_made_with_its_check_letter_is_valid_however_it_is_typed(upn: str) -> None:
    assert upn_is_valid(upn)
    typed = " ".join([upn[:4].lower(), upn[4:9], upn[9:]])
    assert upn_is_valid(typed) and normalise_upn(typed) == upn


@PROPERTIES
@given(upns(), st.sampled_from(UPN_LETTERS))
def test_any_other_check_letter_is_refused(upn: str, letter: str) -> None:
    assume(letter != upn[0])
    assert not upn_is_valid(letter + upn[1:])


@PROPERTIES
@given(upns(), st.integers(1, 11), st.integers(1, 9))
def test_one_mistyped_upn_digit_is_always_caught(upn: str, position: int, shift: int) -> None:
    wrong = str((int(upn[position]) + shift) % 10)
    assert not upn_is_valid(upn[:position] + wrong + upn[position + 1 :])


# --- Postcode ----------------------------------------------------------------------------------------------------

OUTWARD = r"[A-PR-UWYZ]([0-9][A-HJKPSTUW0-9]?|[A-HK-Y][0-9][ABEHMNPRVWXY0-9]?)"
INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
postcodes = st.from_regex(rf"\A{OUTWARD} {INWARD}\Z")


@PROPERTIES
@given(any_text)
def test_postcode_checks_never_raise_and_normalising_is_settled_after_once(value: str) -> None:
    assert isinstance(postcode_is_valid(value), bool)
    once = normalise_postcode(value)
    assert normalise_postcode(once) == once
    assert postcode_is_valid(once) is postcode_is_valid(value)


@PROPERTIES
@given(postcodes, st.sampled_from(["", " ", "  "]), st.booleans())
def test_a_postcode_is_valid_however_it_is_spaced_or_cased(postcode: str, space: str, lower: bool) -> None:
    outward, inward = postcode.split(" ")
    typed = f"{outward}{space}{inward}"
    typed = typed.lower() if lower else typed
    assert postcode_is_valid(typed)
    assert normalise_postcode(typed) == postcode
