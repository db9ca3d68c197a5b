"""NHS numbers and unique pupil numbers, valid by their published check rules."""

from __future__ import annotations

import random

# The DfE's UPN check-letter alphabet: 23 letters, leaving out I, O and S.
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def nhs_number(rng: random.Random) -> str:
    """Ten digits whose last is the modulus 11 check digit of the first nine (weights 10 down to 2)."""
    while True:
        body = [rng.randint(0, 9) for _ in range(9)]
        body[0] = rng.randint(4, 6)  # issued in England and Wales from the 4, 5 and 6 ranges
        check = 11 - sum(d * w for d, w in zip(body, range(10, 1, -1), strict=True)) % 11
        if check == 10:
            continue  # a number whose check would be 10 is never issued
        return "".join(map(str, body)) + str(0 if check == 11 else check)


def upn(rng: random.Random, la_code: int, year: int, *, temporary: bool = False) -> str:
    """A check letter, the local authority's code, an establishment number, the year of issue and a serial; a
    temporary UPN (a school's stand-in until the real one arrives) ends in a letter in place of the last digit."""
    body = f"{la_code:03d}{rng.randint(1000, 7999):04d}{year % 100:02d}{rng.randint(0, 999):03d}"
    if temporary:
        body = body[:-1] + rng.choice(UPN_LETTERS)
    total = sum((int(c) if c.isdigit() else UPN_LETTERS.index(c)) * w for w, c in zip(range(2, 14), body, strict=True))
    return UPN_LETTERS[total % 23] + body


def nhs_is_valid(number: str) -> bool:
    if len(number) != 10 or not number.isdigit():
        return False
    check = 11 - sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1), strict=True)) % 11
    return check != 10 and int(number[9]) == (0 if check == 11 else check)
