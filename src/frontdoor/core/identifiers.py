"""National identifiers and their checks: NHS number (modulus 11), UPN (DfE check letter), UK postcode."""

from __future__ import annotations

import re

# ASCII digits only: \d would also accept full-width and other scripts' digits, which then never match a search.
_NHS_DIGITS = re.compile(r"^[0-9]{10}$")
_ALL_ZEROS = "0" * 10


def normalise_nhs_number(value: str) -> str:
    """Digits only: '943 476 5919' and '943-476-5919' become '9434765919'."""
    return re.sub(r"[\s-]", "", value or "")


def nhs_number_is_valid(value: str) -> bool:
    """Ten digits whose tenth is the modulus-11 check digit of the first nine (NHS Data Dictionary).

    Only the check digit is tested: numbers in the Scottish CHI range (a date in the first six digits) are valid
    too, since a child who moved from Scotland keeps theirs. Ten zeros pass the arithmetic but are a placeholder
    a system writes for "not known", never a person's number, so they are refused. (Other repeated digits are left
    alone: 111 111 1111 reads as a CHI number for 11 November 2011.)
    """
    digits = normalise_nhs_number(value)
    if digits == _ALL_ZEROS:
        return False
    return bool(_NHS_DIGITS.match(digits)) and nhs_check_digit(digits[:9]) == int(digits[9])


def nhs_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None where the remainder makes the number unusable."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def format_nhs_number(value: str) -> str:
    """Display form, 3-3-4."""
    digits = normalise_nhs_number(value)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else value


# DfE Common Basic Data Set: a UPN is a check letter then 12 characters (11 digits and a final digit, or a letter
# for a temporary UPN). The check letter is the weighted sum of characters 2-13 modulo 23.
_UPN_PATTERN = re.compile(r"^[A-Z][0-9]{11}[0-9A-Z]$")
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def normalise_upn(value: str) -> str:
    return re.sub(r"\s", "", value or "").upper()


def upn_check_letter(last_twelve: str) -> str:
    """The check letter for characters 2-13 of a UPN."""
    total = 0
    for weight, char in zip(range(2, 14), last_twelve, strict=True):
        number = int(char) if char.isdigit() else _UPN_LETTERS.index(char)
        total += number * weight
    return _UPN_LETTERS[total % 23]


def upn_is_valid(value: str) -> bool:
    """The DfE pattern, a final letter (if any) from the UPN alphabet, and the right check letter."""
    upn = normalise_upn(value)
    if not _UPN_PATTERN.match(upn):
        return False
    if not upn[-1].isdigit() and upn[-1] not in _UPN_LETTERS:
        return False
    return upn[0] == upn_check_letter(upn[1:])


# The UK postcode format (outward code: area and district; inward code: sector and unit), as published by the
# Office for National Statistics, plus GIR 0AA. Letters that never appear in some positions are excluded.
_POSTCODE = re.compile(
    r"^(GIR 0AA|"
    r"[A-PR-UWYZ]([0-9][A-HJKPSTUW0-9]?|[A-HK-Y][0-9][ABEHMNPRVWXY0-9]?) [0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(value: str) -> str:
    """Upper case with one space before the inward code: 'es12ab' becomes 'ES1 2AB'."""
    compact = re.sub(r"\s", "", value or "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def postcode_is_valid(value: str) -> bool:
    return bool(_POSTCODE.match(normalise_postcode(value)))
