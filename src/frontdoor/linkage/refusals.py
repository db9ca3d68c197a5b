"""Why linkage kept two people apart, in words: the rule (guards.py, clustering.py) and the values behind it, as a
review item stores them ("NHS numbers 943 476 5919 and 943 476 1234 differ"). No codes reach a page: rules by their
words, dates as "15 August 2017", names as people write them, systems by name.

`summary` says the rule without values (the queue lists many people, so it shows no one's details); `explain` says
it with them (a pair's page, whose look is audited). Pairs kept apart by one rule (on one system, and with every other
field agreeing or not) share a reason (`SharedReason`), and may be decided together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from frontdoor.linkage.models import RefusalRule, ReviewItem
from frontdoor.people.models import SourceSystem

# Systems that hold each person once, by what their records are called.
_RECORDS = {"health": "health records", "education": "school census records"}


def system_name(system: str) -> str:
    return str(SourceSystem(system).label) if system in SourceSystem.values else "one agency's"


def summary(rule: str, detail: dict[str, Any]) -> str:
    """The rule in words, without anyone's details; empty for a pair nothing kept apart."""
    if not rule:
        return ""
    system = detail.get("system", "")
    if rule == RefusalRule.ONE_RECORD_SYSTEM and system:
        return f"Two {_RECORDS.get(system, system_name(system) + ' records')}: that system holds each person once"
    if rule == RefusalRule.SYSTEM_NAMES and system and not detail.get("dob"):
        return f"{system_name(system)} holds two records of children born the same year under different names"
    if rule == RefusalRule.SYSTEM_NAMES and system:
        return f"{system_name(system)} holds two records on one date of birth under different names"
    if rule == RefusalRule.MIDDLE_NAMES and not detail.get("dob"):
        return "Clearly different middle names, one record giving an age in place of a date of birth"
    if rule == RefusalRule.AMBIGUOUS and detail.get("because"):
        because = detail["because"]
        return f"A record that fits two people who cannot be one ({_lower(summary(because['rule'], because))})"
    return str(RefusalRule(rule).label) if rule in RefusalRule.values else "Kept apart by the linkage"


def explain(rule: str, detail: dict[str, Any]) -> str:
    """The rule in words with the values behind it."""
    values = [str(v) for v in detail.get("values", [])]
    on = f" on {_date(detail['dob'])}" if detail.get("dob") else ""
    if rule == RefusalRule.NHS_NUMBERS and len(values) == 2:
        return f"NHS numbers {_nhs(values[0])} and {_nhs(values[1])} differ: no one has two"
    if rule == RefusalRule.ONE_RECORD_SYSTEM:
        system = detail.get("system", "")
        return (
            f"Each person already has one of the {_RECORDS.get(system, system_name(system) + ' records')}: that "
            "system holds each person once, and the match is not strong enough to say it holds this one twice"
        )
    if rule == RefusalRule.SYSTEM_NAMES and len(values) == 2 and not detail.get("dob"):
        return (
            f"{system_name(detail.get('system', ''))} holds two records of children born the same year, one under "
            f"{_name(values[0])} and one under {_name(values[1])}, one of them with an age in place of a date of "
            "birth: one system holding two names for one age has met two people, most often twins"
        )
    if rule == RefusalRule.SYSTEM_NAMES and len(values) == 2:
        return (
            f"{system_name(detail.get('system', ''))} holds two records{on}, one under {_name(values[0])} and one "
            f"under {_name(values[1])}: one system holding two names on one date of birth has met two people, most "
            "often twins"
        )
    if rule == RefusalRule.BIRTH_DATES and len(values) == 2 and not values[0]:
        return (
            f"A record with no first name and no date of birth (a baby not yet born, most often) is not the person "
            f"born on {_date(values[1])}: a surname and an address are the household's, not one person's"
        )
    if rule == RefusalRule.BIRTH_DATES and len(values) == 2 and not all(_is_date(v) for v in values):
        return (
            f"Born {_born(values[0])} and born {_born(values[1])}: an age given in place of a date of birth puts "
            "them years apart (a parent and a child of one name, most often)"
        )
    if rule == RefusalRule.BIRTH_DATES and len(values) == 2:
        return (
            f"Dates of birth {_date(values[0])} and {_date(values[1])} differ by more than a typo or a day and month "
            "swapped"
        )
    if rule == RefusalRule.FIRST_NAMES and len(values) == 2:
        return (
            f"First names {_name(values[0])} and {_name(values[1])}{on} are not a typo, a short form or a middle "
            "name of one another: twins share a date of birth"
        )
    if rule == RefusalRule.MIDDLE_NAMES and len(values) == 2:
        return f"Middle names {_name(values[0])} and {_name(values[1])}{on} are clearly different"
    if rule == RefusalRule.REGISTERED_TWICE and len(values) == 2:
        return (
            f"NHS numbers {_nhs(values[0])} and {_nhs(values[1])} are held for one person: two registrations agree "
            "exactly on first name, surname, date of birth, sex and postcode, so linkage joined them. Ask health to "
            "merge the registrations"
        )
    if rule == RefusalRule.DECISION and len(values) == 2:
        return f"A person decided that records {values[0]} and {values[1]} are different people"
    if rule == RefusalRule.AMBIGUOUS and values:
        because = detail.get("because")
        why = f", who cannot be one because {_lower(explain(because['rule'], because))}" if because else ""
        return (
            f"Record {values[0]} fits two people nearly as well as each other{why}. It was left on its own rather "
            "than given to either"
        )
    return summary(rule, detail)


# An uncertain pair nothing kept apart: its match fell between the two thresholds (ADR 0009).
IN_BAND = "A match between the split and join thresholds: too close to leave apart, not close enough to join"


def in_band(probability: float, split: float, join: float) -> str:
    """Why an uncertain pair waits for people, with the figures: its match lies between the thresholds."""
    return (
        f"The records match with a probability of {_percent(probability)}: below {_percent(join)}, at which records "
        f"join, and not below {_percent(split)}, under which they are left apart. A person decides"
    )


def _percent(probability: float) -> str:
    shown = f"{probability * 100:.1f}".removesuffix(".0")
    return f"{shown}%"


@dataclass(frozen=True)
class SharedReason:
    """What pairs decided together share: the rule that kept them apart (with its system, where the rule is about
    one), and whether every other field agrees. Written in a URL as its slug, e.g. "first_names-agree"."""

    rule: str
    system: str = ""
    others_agree: bool = False

    @property
    def slug(self) -> str:
        return "-".join([self.rule, *([self.system] if self.system else []), *(["agree"] if self.others_agree else [])])

    @classmethod
    def from_slug(cls, slug: str) -> SharedReason | None:
        """The reason a slug names, or None if it names none."""
        rule, *rest = slug.split("-")
        agree = rest[-1:] == ["agree"]
        rest = rest[:-1] if agree else rest
        if rule not in SHARED_RULES or len(rest) > 1 or (rest and rest[0] not in SourceSystem.values):
            return None
        return cls(rule, rest[0] if rest else "", agree)

    @property
    def words(self) -> str:
        said = summary(self.rule, {"system": self.system})
        return f"{said}, where every other field agrees" if self.others_agree else said

    def matches(self, item: ReviewItem) -> bool:
        return shared_reason(item) == self


def shared_reason(item: ReviewItem) -> SharedReason | None:
    """The reason this pair shares with others, or None for a pair decided one by one: one nothing kept apart, or a
    record that fits two people (its pairs ask which of them it is: confirming them all would join the two)."""
    if not item.refusal or item.refusal not in SHARED_RULES:
        return None
    system = item.refusal_detail.get("system", "") if item.refusal in SYSTEM_RULES else ""
    return SharedReason(item.refusal, system, item.others_agree)


# Rules whose pairs may be decided together (not an ambiguous record's: see shared_reason; nor one person's two
# registrations, already joined: each is a question for health, not for the queue).
SHARED_RULES = frozenset(RefusalRule.values) - {RefusalRule.AMBIGUOUS, RefusalRule.REGISTERED_TWICE}
# Rules about one system: pairs share the reason only if it is the same system.
SYSTEM_RULES = (RefusalRule.ONE_RECORD_SYSTEM, RefusalRule.SYSTEM_NAMES)


def _nhs(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 10 and number.isdigit() else number


def _name(name: str) -> str:
    return name[:1].upper() + name[1:]


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _born(value: str) -> str:
    """A date of birth ("on 24 June 2020") or the years an age allows ("in 1997 to 2002")."""
    return f"on {_date(value)}" if _is_date(value) else f"in {value}"


def _date(value: str) -> str:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"


def _lower(text: str) -> str:
    """The words as the middle of a sentence: a capital first letter lowered, unless it begins a capital word (NHS)."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]
