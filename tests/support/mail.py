"""No personal data in any e-mail: every message any test sends is scanned as it is sent (tests/conftest.py hooks
Django's test mail backend for the whole suite), for NHS numbers, postcodes and dates written as dates of birth are,
and, where the test has a database, for the names and dates of birth of every person and every person named on an
arrival. An e-mail says there is something to see; the detail is behind the sign-in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

NHS_NUMBER = re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")
POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}\b", re.IGNORECASE)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
SLASHED_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
# What an e-mail may carry that looks like data but is not about a person: its link, and references like
# FD-7K2M-9QXA, which are random.
LINK = re.compile(r"https?://\S+")
REFERENCE = re.compile(r"\b[A-Z]{2,4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")


def _dob_words(day: date) -> list[str]:
    return [day.isoformat(), f"{day:%d/%m/%Y}", f"{day.day} {day:%B %Y}"]


def known_people() -> tuple[set[str], set[str]]:
    """The full names and the dates of birth (as written) of everyone the database holds or an arrival named."""
    from frontdoor.encompass.models import Notice, UnmatchedChild
    from frontdoor.intake.models import IncidentPerson, ReferralChild, VistPerson
    from frontdoor.people.models import Person, SourceRecord

    names: set[str] = set()
    births: set[date] = set()
    for model in (Person, IncidentPerson, VistPerson, ReferralChild, UnmatchedChild, SourceRecord):
        for first, last, born in model.objects.values_list("first_name", "last_name", "date_of_birth"):
            if first and last:
                names.add(f"{first} {last}".lower())
            if born:
                births.add(born)
    for name, born in Notice.objects.values_list("child_name", "child_date_of_birth"):
        names.add(name.lower())
        if born:
            births.add(born)
    return names, {words for day in births for words in _dob_words(day)}


def personal_data_in(text: str, names: Iterable[str] = (), births: Iterable[str] = ()) -> list[str]:
    """What in this e-mail text is, or looks like, personal data (empty when it carries none)."""
    plain = REFERENCE.sub(" ", LINK.sub(" ", text))
    found = [f"NHS number {m}" for m in NHS_NUMBER.findall(plain)]
    found += [f"postcode {m}" for m in POSTCODE.findall(plain)]
    found += [f"date {m}" for m in ISO_DATE.findall(plain) + SLASHED_DATE.findall(plain)]
    lowered = " ".join(plain.lower().split())
    found += [f"name {n}" for n in names if n and n in lowered]
    found += [f"date of birth {b}" for b in births if b.lower() in lowered]
    return found


class MailScan:
    """Every e-mail sent while a test runs, and what personal data was found in each."""

    def __init__(self) -> None:
        self.sent = 0
        self.problems: list[str] = []

    def scan(self, messages) -> None:
        try:
            names, births = known_people()
        except Exception:  # a test without a database: the patterns alone
            names, births = set(), set()
        for message in messages:
            self.sent += 1
            text = f"{message.subject}\n{message.body}"
            for problem in personal_data_in(text, names, births):
                self.problems.append(f"{message.subject!r}: {problem}")
