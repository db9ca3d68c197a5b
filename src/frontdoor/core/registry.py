"""Extension points: how a capability appears on shared pages and in the worker without them naming it.

Each app registers what it brings in its `AppConfig.ready()`, as Django's admin site is filled with
`admin.site.register`: the worker's scheduled jobs, what a clock's subject is called and where it is seen, the
sections of each role's home page, the links in the service navigation, and which clocks are whose work (for the
home page's deadlines), and the decisions one capability makes that another acts on. Clock rules have their own registry
(`core.clocks.register_rule`), what a capability holds about a person has `people.providers`, and legitimate
relationships `access.relationships`.
Adding a capability touches only its own app and the root composition files (settings, urls, api).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

# --- Scheduled jobs -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """A job the worker runs every `every_seconds`; `run` returns how many things it did."""

    name: str
    run: Callable[[], int]
    every_seconds: float


_JOBS: dict[str, Job] = {}


def register_job(job: Job) -> Job:
    if job.name in _JOBS and _JOBS[job.name] != job:
        raise ValueError(f"job {job.name} is already registered differently")
    _JOBS[job.name] = job
    return job


def list_jobs() -> list[Job]:
    """Every registered job, in the order the apps registered them (INSTALLED_APPS order)."""
    return list(_JOBS.values())


# --- Subjects: what a clock (or an escalation) is about ----------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    label: str  # "Referral FD-7K2M-9QXA"
    link: str = ""  # where someone who works it sees it


SubjectDescriber = Callable[[list[str]], dict[str, Subject]]
_SUBJECTS: dict[str, SubjectDescriber] = {}


def register_subject(subject_type: str, describe: SubjectDescriber) -> None:
    """`describe(subject_ids)` names each subject of this type (ids it does not know are left out)."""
    _SUBJECTS[subject_type] = describe


def describe_subjects(subjects: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Subject]:
    """A label and a link for each (subject type, subject id); one call per type. A subject no capability can
    name (or no longer held) has an empty label, for the page to say so in its own words."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for subject_type, subject_id in subjects:
        by_type[subject_type].append(str(subject_id))
    described: dict[tuple[str, str], Subject] = {}
    for subject_type, ids in by_type.items():
        describe = _SUBJECTS.get(subject_type)
        named = describe(ids) if describe else {}
        for subject_id in ids:
            described[(subject_type, subject_id)] = named.get(subject_id) or Subject("")
    return described


# --- Home page sections -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HomeSection:
    """A section of a role's home page: the app's own template, given what `build(actor)` returns.

    `build` returns the template's context, or None when the section has nothing to show this actor (it is then
    left off the page: a home never states that something does not exist because it was not looked for)."""

    key: str
    title: str
    template: str
    roles: frozenset[str]
    build: Callable[[Any], dict[str, Any] | None]
    order: int = 100


_HOME_SECTIONS: dict[str, HomeSection] = {}


def register_home_section(section: HomeSection) -> None:
    _HOME_SECTIONS[section.key] = section


def list_home_sections(role: str) -> list[HomeSection]:
    """The sections a role's home shows, in their order."""
    return sorted((s for s in _HOME_SECTIONS.values() if role in s.roles), key=lambda s: (s.order, s.key))


# --- The service navigation ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NavigationLink:
    """A link in the service navigation, shown to roles holding `permission`; `order` places it (lower first)."""

    label: str
    url_name: str
    permission: str
    order: int = 100


_NAVIGATION: dict[str, NavigationLink] = {}


def register_navigation(link: NavigationLink) -> None:
    _NAVIGATION[link.url_name] = link


def list_navigation() -> list[NavigationLink]:
    return sorted(_NAVIGATION.values(), key=lambda link: (link.order, link.label))


# --- Whose deadlines: which clocks are a user's own, and their team's ----------------------------------------------


@dataclass(frozen=True)
class DeadlineSource:
    """Which clocks' subjects are the actor's own work (`mine`) and their team's (`team`), as (subject type, subject
    id) pairs, for "My deadlines" and "Team deadlines" on the home page. A capability registers one for the work it
    gives people (the MASH: the items assigned to a worker, the checks sent to a responder's agency)."""

    key: str
    mine: Callable[[Any], Iterable[tuple[str, str]]]
    team: Callable[[Any], Iterable[tuple[str, str]]] | None = None


_DEADLINE_SOURCES: dict[str, DeadlineSource] = {}


def register_deadline_source(source: DeadlineSource) -> None:
    _DEADLINE_SOURCES[source.key] = source


def list_deadline_sources() -> list[DeadlineSource]:
    return list(_DEADLINE_SOURCES.values())


# --- Decisions one capability makes and another acts on ---------------------------------------------------------


@dataclass(frozen=True)
class Decided:
    """A decision as plain data: which subject ("intake.vist", "42") was decided what, and when."""

    subject_type: str
    subject_id: str
    at: datetime


# (outcome code, decided since) -> the decisions with that outcome since then. The MASH registers one for its VIST
# triage, so family help takes a VIST triaged as early help without importing the MASH.
DecisionFeed = Callable[[str, datetime], Iterable[Decided]]
_DECISION_FEEDS: dict[str, DecisionFeed] = {}


def register_decision_feed(key: str, feed: DecisionFeed) -> None:
    _DECISION_FEEDS[key] = feed


def list_decisions(outcome: str, since: datetime) -> list[Decided]:
    """Every registered feed's decisions with this outcome code since then, oldest first."""
    found = [d for feed in _DECISION_FEEDS.values() for d in feed(outcome, since)]
    return sorted(found, key=lambda d: (d.at, d.subject_type, d.subject_id))


# --- What one capability offers to start from another's item page -----------------------------------------------


@dataclass(frozen=True)
class ItemAction:
    """Something a capability offers on another capability's page for one item (a referral, a VIST, a return home
    interview), as "Screen for exploitation" is offered there: `offer(role, subject type, subject id, people)` gives
    (words, link) pairs for the role acting, `people` being the (person id, name) of the children the page shows.
    The item's page names the item by its clock subject type and reads the offers through `list_item_actions`."""

    key: str
    offer: Callable[[str | None, str, str, list[tuple[int, str]]], list[tuple[str, str]]]


_ITEM_ACTIONS: dict[str, ItemAction] = {}


def register_item_action(action: ItemAction) -> None:
    _ITEM_ACTIONS[action.key] = action


def list_item_actions(
    role: str | None, subject_type: str, subject_id: str, people: Iterable[tuple[int | None, str]]
) -> list[tuple[str, str]]:
    """Every capability's offers on this item's page, in registration order; people not yet linked are left out."""
    known = [(int(pk), name) for pk, name in people if pk is not None]
    return [a for action in _ITEM_ACTIONS.values() for a in action.offer(role, subject_type, str(subject_id), known)]


# --- Statutory returns: `frontdoor returns NAME --year YYYY --out DIR` --------------------------------------------


@dataclass(frozen=True)
class StatutoryReturn:
    """A return a capability makes from what it holds. `write(year, out)` writes its files for the collection year
    ending in `year` into the folder `out`, and gives the lines the command prints: what it wrote, and what the
    return needs that frontdoor does not hold. A return that is one file (`file_suffix`, ".xml") may be given the
    file's own path as `out` instead."""

    name: str  # the subcommand: "ssda903-missing"
    help: str
    write: Callable[[int, Any], list[str]]
    file_suffix: str = ""


_RETURNS: dict[str, StatutoryReturn] = {}


def register_return(statutory_return: StatutoryReturn) -> None:
    _RETURNS[statutory_return.name] = statutory_return


def list_returns() -> list[StatutoryReturn]:
    """Every registered return, by name."""
    return sorted(_RETURNS.values(), key=lambda r: r.name)
