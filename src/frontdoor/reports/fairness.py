"""The partnership's disproportionality view: the children behind a scorecard figure by sex, age band, ethnicity and
disability, each group's rate per 10,000 children against the whole where frontdoor knows the group's share of the
child population; and deprivation said plainly as not held.

The child population is the children frontdoor knows (every child the partners' extracts name, linked into
`people.Person`), aged under 18 on the period's last day. Their sex and date of birth are held for nearly all of
them, so sex and age band have a rate and a ratio. Ethnicity is held only on the council's social care records (and
on a person when recorded), not for the whole population, so ethnicity shows each group's share of the figure's
children with no rate: frontdoor does not know each group's share of the county's children. Disability likewise (the
children in need census's codes, on the person or the social care record).

A group's ratio is its rate divided by the whole's rate: 1.5 means the group's children appear in the figure half as
often again as children overall. Small numbers are withheld for a viewer who sees aggregates only, as on the
scorecard (`selectors.py`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db.models import Count
from django.db.models.fields.json import KT

from frontdoor.core.sql import ids_in
from frontdoor.people import disability
from frontdoor.people.models import Person, PersonKind, Sex, SourceRecord
from frontdoor.people.vocabulary import ATTRIBUTE_WORDS

NOT_RECORDED = "Not recorded"
UNBORN = "Unborn"
# The children in need census's age bands (years, lowest inclusive, highest exclusive).
AGE_BANDS = (("Under 1", 0, 1), ("1 to 4", 1, 5), ("5 to 9", 5, 10), ("10 to 15", 10, 16), ("16 and 17", 16, 18))
BANDS = {label for label, _low, _high in AGE_BANDS}
NOT_HELD = (
    (
        "Deprivation",
        "frontdoor holds each child's home postcode but no index of multiple deprivation to look it up in, so it "
        "cannot give a child's deprivation decile.",
    ),
)


@dataclass(frozen=True)
class Group:
    label: str
    count: int  # the figure's children in the group
    population: int | None  # children in the group in the child population; None when not known


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    definition: str
    groups: list[Group]
    total: int
    population: int | None  # the whole child population, when the groups' shares of it are known


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_band(date_of_birth: date | None, kind: str, on: date) -> str:
    if kind == PersonKind.UNBORN:
        return UNBORN
    if date_of_birth is None or date_of_birth > on:
        return NOT_RECORDED
    age = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    for label, low, high in AGE_BANDS:
        if low <= age < high:
            return label
    return "18 or over"


def children_population(on: date):
    """The children frontdoor knows who are under 18 on `on`."""
    return Person.objects.filter(
        kind=PersonKind.CHILD, date_of_birth__gt=_years_before(on, 18), date_of_birth__lte=on
    ).exclude(date_of_death__lt=on)


@cache  # a few dozen codes, read once for each of tens of thousands of children
def _ethnicity_words(code: str) -> str:
    words = ATTRIBUTE_WORDS["ethnicity"].get(code.strip().upper())
    return words[0].upper() + words[1:] if words else NOT_RECORDED


DISABLED, NOT_DISABLED = "Disabled", "Not disabled"


@cache
def _disability_words(codes: str) -> str:
    """Disabled (any census code but NONE), not disabled (NONE), or not recorded."""
    held = disability.parse(codes)
    return NOT_RECORDED if not held else NOT_DISABLED if held == (disability.NONE,) else DISABLED


@dataclass(frozen=True)
class Profile:
    """What the fairness view reads of one person: sex and age as held, ethnicity and disability in words."""

    pk: int
    sex: str
    date_of_birth: date | None
    kind: str
    ethnicity: str
    disability: str


def profiles(person_ids: Iterable[int]) -> list[Profile]:
    """The people `person_ids` as the fairness view reads them, in two queries whatever their number: ethnicity and
    disability (children in need census codes) as recorded on the person, else on the council's social care record
    (its earliest that holds them)."""
    people = list(
        Person.objects.filter(pk__in=ids_in(person_ids)).values_list(
            "pk", "sex", "date_of_birth", "kind", "ethnicity", "disabilities"
        )
    )
    lacking = [pk for pk, _sex, _dob, _kind, ethnicity, codes in people if not ethnicity or not codes]
    from_csc: dict[int, tuple[str, str]] = {}
    for pk, ethnicity, codes in (
        SourceRecord.objects.filter(system="csc", person_id__in=ids_in(lacking))
        .order_by("id")
        .values_list("person_id", KT("attributes__ethnicity"), KT("attributes__disability"))
    ):
        held_ethnicity, held_codes = from_csc.get(pk, ("", ""))
        from_csc[pk] = (held_ethnicity or str(ethnicity or ""), held_codes or str(codes or ""))
    found = []
    for pk, sex, dob, kind, ethnicity, codes in people:
        csc_ethnicity, csc_codes = from_csc.get(pk, ("", ""))
        found.append(
            Profile(
                pk,
                sex,
                dob,
                kind,
                _ethnicity_words(ethnicity or csc_ethnicity),
                _disability_words(codes or csc_codes),
            )
        )
    return found


def _by_disability(people: list[Profile]) -> Breakdown:
    counts = Counter(p.disability for p in people)
    groups = [Group(label, counts[label], None) for label in (DISABLED, NOT_DISABLED, NOT_RECORDED) if counts[label]]
    return Breakdown(
        "disability",
        "Disability",
        "As the children in need census records it, on the person or the council's social care record: held only "
        "for children known to social care, so there is no rate or ratio against the county's children. A child "
        "with no record of it is not recorded, not disabled.",
        groups,
        len(people),
        None,
    )


OUTSIDE = "Not in the child population"


def _by_sex(people: list[Profile], on: date) -> Breakdown:
    """Sex among the figure's children in the child population; the rest (unborn, 18 or over, no date of birth) in a
    group of their own, with no rate."""
    inside = [p.sex for p in people if age_band(p.date_of_birth, p.kind, on) in BANDS]
    words = {value: label for value, label in Sex.choices}
    counts = Counter(words.get(sex, NOT_RECORDED) for sex in inside)
    population = Counter(
        {
            words[row["sex"]]: row["n"]
            for row in children_population(on).values("sex").annotate(n=Count("pk")).order_by("sex")
            if row["sex"] in words
        }
    )
    groups = [
        Group(s.label, counts[s.label], population[s.label]) for s in Sex if counts[s.label] or population[s.label]
    ]
    if counts[NOT_RECORDED]:
        groups.append(Group(NOT_RECORDED, counts[NOT_RECORDED], None))
    if len(people) > len(inside):
        groups.append(Group(OUTSIDE, len(people) - len(inside), None))
    return Breakdown(
        "sex",
        "Sex",
        "As the partners' records give it. The county's numbers are the children frontdoor knows, under 18 on the "
        "period's last day; an unborn child, a young person of 18 or over and a child with no date of birth are "
        "counted apart, with no rate.",
        groups,
        len(people),
        sum(population.values()),
    )


def _by_age(people: list[Profile], on: date) -> Breakdown:
    counts = Counter(age_band(p.date_of_birth, p.kind, on) for p in people)
    population = {
        label: children_population(on)
        .filter(date_of_birth__gt=_years_before(on, high), date_of_birth__lte=_years_before(on, low))
        .count()
        for label, low, high in AGE_BANDS
    }
    groups = [Group(label, counts[label], population[label]) for label, _low, _high in AGE_BANDS]
    for other in (UNBORN, "18 or over", NOT_RECORDED):
        if counts[other]:
            groups.append(Group(other, counts[other], None))
    return Breakdown(
        "age",
        "Age band",
        "The child's age on the last day of the period. An unborn child and a young person now 18 are counted "
        "apart, with no share of the child population.",
        groups,
        len(people),
        sum(population.values()),
    )


def _by_ethnicity(people: list[Profile]) -> Breakdown:
    counts = Counter(p.ethnicity for p in people)
    known = sorted(label for label in counts if label != NOT_RECORDED)
    groups = [Group(label, counts[label], None) for label in known]
    if counts[NOT_RECORDED]:
        groups.append(Group(NOT_RECORDED, counts[NOT_RECORDED], None))
    return Breakdown(
        "ethnicity",
        "Ethnicity",
        "As the person's record or the council's social care record gives it (the children in need census's "
        "groups). frontdoor does not hold the ethnicity of the whole child population, so it cannot give each "
        "group's rate or ratio: compare the shares here with the census's figures for the county.",
        groups,
        len(people),
        None,
    )


def breakdowns(person_ids: list[int] | tuple[int, ...], on: date) -> list[Breakdown]:
    """The children `person_ids` by sex, age band on `on`, ethnicity and disability."""
    people = profiles(person_ids)
    return [_by_sex(people, on), _by_age(people, on), _by_ethnicity(people), _by_disability(people)]


def rate(count: int, population: int | None) -> float | None:
    """Children in the figure per 10,000 children of the population."""
    return count * 10_000 / population if population else None


def ratio(group: Group, breakdown: Breakdown) -> float | None:
    """The group's rate against the whole's: None when either is not known or the whole is zero."""
    counted = sum(g.count for g in breakdown.groups if g.population is not None)
    mine, whole = rate(group.count, group.population), rate(counted, breakdown.population)
    return mine / whole if mine is not None and whole else None


@dataclass(frozen=True)
class ShownGroup:
    label: str
    count: str
    share: str  # of the figure's children
    population: str
    population_share: str
    rate: str
    ratio: str


@dataclass(frozen=True)
class ShownBreakdown:
    key: str
    title: str
    definition: str
    groups: list[ShownGroup]
    population_known: bool


def _percent(part: int, whole: int | None) -> str:
    return f"{round(part * 100 / whole)}%" if whole else ""


def show_breakdown(breakdown: Breakdown, suppress: bool, threshold: int) -> ShownBreakdown:
    """The breakdown as a viewer may see it: for an aggregate-only viewer a count from 1 to threshold - 1 is "fewer
    than N" with its share, rate and ratio withheld, and, when exactly one group is small, the next smallest is
    withheld too so that it cannot be worked out from the total."""

    def small(n: int | None) -> bool:
        return n is not None and 0 < n < threshold

    hidden: set[int] = set()
    if suppress:
        smalls = [i for i, g in enumerate(breakdown.groups) if small(g.count)]
        hidden = set(smalls)
        if len(smalls) == 1:
            others = sorted((g.count, i) for i, g in enumerate(breakdown.groups) if i not in hidden and g.count)
            hidden |= {others[0][1]} if others else set()
    shown = []
    for i, group in enumerate(breakdown.groups):
        population = "" if group.population is None else f"{group.population:,}"
        population_share = _percent(group.population or 0, breakdown.population) if group.population is not None else ""
        if suppress and small(group.population):
            population, population_share = f"fewer than {threshold}", ""
        if i in hidden:
            withheld = "not shown, so that a small number cannot be worked out"
            count = f"fewer than {threshold}" if small(group.count) else withheld
            shown.append(ShownGroup(group.label, count, "", population, population_share, "", ""))
            continue
        group_rate = rate(group.count, group.population)
        group_ratio = ratio(group, breakdown)
        shown.append(
            ShownGroup(
                group.label,
                f"{group.count:,}",
                _percent(group.count, breakdown.total),
                population,
                population_share,
                "" if group_rate is None else f"{group_rate:,.1f}",
                "" if group_ratio is None else f"{group_ratio:.2f}",
            )
        )
    return ShownBreakdown(breakdown.key, breakdown.title, breakdown.definition, shown, breakdown.population is not None)
