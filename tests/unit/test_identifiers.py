"""National identifier checks against independent implementations: NHS number, UPN and UK postcode.

The oracles below are written from the published rules (NHS Data Dictionary modulus 11; DfE Common Basic Data Set
UPN check letter), not from the application's code, so a slip in either shows up as a disagreement.
"""

from __future__ import annotations

import random
import string

import pytest

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

ASCII_DIGITS = "0123456789"

# --- NHS number ----------------------------------------------------------------------------------------------


def modulus_11_is_valid(value: str) -> bool:
    """NHS Data Dictionary: weights 10..2 on the first nine digits; 11 - (sum mod 11), 11 -> 0, 10 -> invalid."""
    if len(value) != 10 or any(c not in ASCII_DIGITS for c in value):
        return False
    total = sum(int(c) * w for c, w in zip(value[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    # Ten zeros pass the arithmetic, but no NHS or CHI number is all zeros (a placeholder, never a person's).
    return check != 10 and check == int(value[9]) and value != "0000000000"


def generated_nhs_numbers(count: int, seed: int = 20260306) -> list[str]:
    """Random 10-digit strings; half get the right check digit appended so both outcomes are well represented."""
    rng = random.Random(seed)
    numbers = []
    for i in range(count):
        if i % 2:
            numbers.append(f"{rng.randrange(10**10):010d}")
            continue
        first_nine = f"{rng.randrange(10**9):09d}"
        total = sum(int(c) * w for c, w in zip(first_nine, range(10, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        numbers.append(first_nine + str(check % 10))  # a remainder of 10 gives an invalid number, on purpose
    return numbers


NUMBERS = generated_nhs_numbers(100_000)


def test_the_generated_sample_has_plenty_of_valid_and_invalid_numbers() -> None:
    valid = sum(modulus_11_is_valid(n) for n in NUMBERS)
    assert 40_000 < valid < 60_000


def test_nhs_number_is_valid_agrees_with_modulus_11_on_100000_numbers() -> None:
    disagreements = [n for n in NUMBERS if nhs_number_is_valid(n) != modulus_11_is_valid(n)]
    assert disagreements == []


def test_spaced_and_dashed_forms_are_checked_like_the_plain_digits() -> None:
    for n in NUMBERS[::10]:
        expected = nhs_number_is_valid(n)
        spaced = f"{n[:3]} {n[3:6]} {n[6:]}"
        dashed = f"{n[:3]}-{n[3:6]}-{n[6:]}"
        assert nhs_number_is_valid(spaced) is expected, spaced
        assert nhs_number_is_valid(dashed) is expected, dashed
        assert nhs_number_is_valid(f"  {spaced}  ") is expected


@pytest.mark.parametrize(
    "value",
    ["9434765919", "943 476 5919", "943-476-5919", " 9434765919 ", "4010232137", "9990000018"],
)
def test_known_valid_nhs_numbers(value: str) -> None:
    assert nhs_number_is_valid(value)


@pytest.mark.parametrize(
    "value",
    [
        "9434765918",  # wrong check digit
        "943476591",  # nine digits
        "94347659190",  # eleven digits
        "94347659l9",  # a letter
        "",
        "943.476.5919",
        "9434765919x",
        "0000000000",  # passes modulus 11, but is a placeholder, never a person's number
        "000 000 0000",
    ],
)
def test_invalid_nhs_numbers(value: str) -> None:
    assert not nhs_number_is_valid(value)


def test_a_number_with_the_right_modulus_11_check_digit_is_valid() -> None:
    first_nine = "011300000"  # 01/13/00 is not a date
    number = first_nine + str(nhs_check_digit(first_nine))
    assert modulus_11_is_valid(number)
    assert nhs_number_is_valid(number)


@pytest.mark.parametrize(
    ("check", "normalise", "value", "ascii_form"),
    [
        (nhs_number_is_valid, normalise_nhs_number, "９４３４７６５９１９", "9434765919"),  # noqa: RUF001
        (nhs_number_is_valid, normalise_nhs_number, "٩٤٣٤٧٦٥٩١٩", "9434765919"),
        (postcode_is_valid, normalise_postcode, "ES１ ２AB", "ES1 2AB"),  # noqa: RUF001
    ],
)
def test_non_ascii_digits_are_refused_or_normalised_to_ascii(check, normalise, value, ascii_form) -> None:
    assert not check(value) or normalise(value) == ascii_form


def test_nhs_check_digit() -> None:
    assert nhs_check_digit("943476591") == 9
    assert nhs_check_digit("000000000") == 0  # 11 - 0 = 11, which counts as 0
    rng = random.Random(7)
    seen_unusable = False
    for _ in range(2_000):
        first_nine = f"{rng.randrange(10**9):09d}"
        check = nhs_check_digit(first_nine)
        if check is None:
            seen_unusable = True
            assert not any(modulus_11_is_valid(first_nine + d) for d in ASCII_DIGITS)
        else:
            assert [d for d in ASCII_DIGITS if modulus_11_is_valid(first_nine + d)] == [str(check)]
    assert seen_unusable


def test_nhs_check_digit_needs_nine_digits() -> None:
    with pytest.raises(ValueError, match="zip"):
        nhs_check_digit("94347659")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("9434765919", "943 476 5919"),
        ("943-476-5919", "943 476 5919"),
        ("943 476 5919", "943 476 5919"),
        ("12345", "12345"),  # not ten digits: shown as entered
        ("", ""),
    ],
)
def test_format_nhs_number(value: str, shown: str) -> None:
    assert format_nhs_number(value) == shown


# --- Unique pupil number -------------------------------------------------------------------------------------

UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"  # A-Z without I, O and S


def independent_upn_check_letter(last_twelve: str) -> str:
    """DfE CBDS: weights 2..13 on characters 2-13; digits at face value, letters by their place in the alphabet."""
    total = 0
    for weight, char in enumerate(last_twelve, start=2):
        total += weight * (int(char) if char in ASCII_DIGITS else UPN_ALPHABET.index(char))
    return UPN_ALPHABET[total % 23]


def generated_upns(count: int, seed: int = 23) -> list[str]:
    rng = random.Random(seed)
    upns = []
    for i in range(count):
        body = "".join(rng.choice(ASCII_DIGITS) for _ in range(11))
        last = rng.choice(UPN_ALPHABET) if i % 3 == 0 else rng.choice(ASCII_DIGITS)  # every third is temporary
        upns.append(independent_upn_check_letter(body + last) + body + last)
    return upns


UPNS = generated_upns(3_000)


def test_generated_upns_are_valid() -> None:
    assert all(upn_is_valid(upn) for upn in UPNS)
    assert all(upn_check_letter(upn[1:]) == upn[0] for upn in UPNS)


def test_the_documented_example_upn_is_valid() -> None:
    assert independent_upn_check_letter("801200001001") == "H"
    assert upn_is_valid("H801200001001")


def test_every_other_check_letter_is_refused() -> None:
    for upn in UPNS[:300]:
        for letter in string.ascii_uppercase:
            if letter != upn[0]:
                assert not upn_is_valid(letter + upn[1:]), letter + upn[1:]


def test_wrong_lengths_are_refused() -> None:
    for upn in UPNS[:300]:
        assert not upn_is_valid(upn[:-1])
        assert not upn_is_valid(upn + "0")
        assert not upn_is_valid(upn[1:])


def test_lower_case_and_spaces_are_accepted_after_normalising() -> None:
    for upn in UPNS[:300]:
        assert upn_is_valid(upn.lower())
        assert upn_is_valid(f"{upn[:4]} {upn[4:8]} {upn[8:]}")
        assert normalise_upn(f" {upn.lower()} ") == upn


@pytest.mark.parametrize("last", ["I", "O", "S"])
def test_a_final_letter_outside_the_upn_alphabet_is_refused_whatever_the_check_letter(last: str) -> None:
    for first in string.ascii_uppercase:
        assert not upn_is_valid(f"{first}80120000100{last}")


@pytest.mark.parametrize("value", ["", "H80120000100", "1801200001001", "H8012000010A1", "H801200001001!"])
def test_malformed_upns_are_refused(value: str) -> None:
    assert not upn_is_valid(value)


# --- Postcodes -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("EC1A 1BB", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("GIR 0AA", "GIR 0AA"),
        ("ES1 2AB", "ES1 2AB"),
        ("es12ab", "ES1 2AB"),
        ("ec1a1bb", "EC1A 1BB"),
        (" dn55  1pt ", "DN55 1PT"),
        ("gir0aa", "GIR 0AA"),
    ],
)
def test_valid_postcodes(value: str, normalised: str) -> None:
    assert postcode_is_valid(value)
    assert normalise_postcode(value) == normalised


@pytest.mark.parametrize(
    "value",
    [
        "Q1 1AA",  # Q never starts a postcode
        "V1 1AA",  # nor does V
        "12345",
        "",
        "SW1A",  # outward code only
        "SW1A 1AAA",
        "EC1A 1BC",  # C never appears in the inward code
        "M1 AAE",
    ],
)
def test_invalid_postcodes(value: str) -> None:
    assert not postcode_is_valid(value)
