"""Children's social care: a case-management extract of people and their episodes."""

from __future__ import annotations

from random import Random

from frontdoor.synth.dates import MINUTES_PER_DAY, iso, iso_hms
from frontdoor.synth.errors import Identity, Mistakes
from frontdoor.synth.events.model import CareEvent, Timeline
from frontdoor.synth.extracts.base import Extract
from frontdoor.synth.people import ADULT, UNBORN, Person
from frontdoor.synth.population import Cluster
from frontdoor.synth.sampling import ScatteredIds
from frontdoor.synth.world import World
from frontdoor.synth.writers import Files

UPN_HELD = 0.6  # school-age children whose UPN the case record holds
_KIND_ORDER = {"CONTACT": 0, "REFERRAL": 1, "ASSESSMENT": 2, "S47": 3, "CIN_PLAN": 4, "CPP": 5, "LAC": 6}


class CscRecord:
    __slots__ = ("identity", "last_day", "source_id")

    def __init__(self, source_id: str, identity: Identity) -> None:
        self.source_id = source_id
        self.identity = identity
        self.last_day = 0


class CscExtract(Extract):
    system = "csc"

    def __init__(self, world: World, files: Files, mistakes: Mistakes) -> None:
        super().__init__(world, files, mistakes)
        self.rng: Random = world.stream("csc facts")  # what a record holds, as opposed to its mistakes
        self._ids = ScatteredIds(10**7, world.id_key ^ 0xC5C)
        self._episodes = 0
        self._persons = files["csc/persons.csv"]
        self._episode_rows = files["csc/episodes.csv"]

    def _new_record(self, person: Person, records: list[CscRecord]) -> CscRecord:
        identity = self.mistakes.identity(person, self.system)
        if records:
            # A second record is most often opened when the child comes back under another surname.
            identity = self.mistakes.changed_surname(person, identity)
        record = CscRecord(f"CSC{self._ids.take():07d}", identity)
        records.append(record)
        self.record(record.source_id, person)
        return record

    def cluster(self, cluster: Cluster, timeline: Timeline) -> None:
        by_person: dict[str, list[CareEvent]] = {}
        people: list[Person] = []
        for event in timeline.care:
            if event.person.pid not in by_person:
                by_person[event.person.pid] = []
                people.append(event.person)
            by_person[event.person.pid].append(event)
        for person in people:
            events = sorted(by_person[person.pid], key=lambda e: (e.start, _KIND_ORDER[e.kind]))
            records: list[CscRecord] = []
            current = self._new_record(person, records)
            duplicate_next = self.mistakes.duplicate_planned()
            for event in events:
                if event.kind == "CONTACT" and event is not events[0] and duplicate_next:
                    duplicate_next = False
                    current = self._new_record(person, records)  # the duplicate takes the episodes from here on
                self._episode(current, event)
            for index, record in enumerate(records):
                self._person(person, record, duplicate=index > 0)
        for adult in timeline.care_adults:
            if adult.pid not in by_person:
                record = self._new_record(adult, [])
                record.last_day = self._adult_day(adult, timeline)
                self._person(adult, record, duplicate=False)

    def _adult_day(self, adult: Person, timeline: Timeline) -> int:
        """Adults are added to the case when a child in their household is referred."""
        days = [
            e.start
            for e in timeline.care
            if e.kind == "REFERRAL" and adult.household_on(e.start) is e.person.household_on(e.start)
        ]
        return min(days) if days else self.world.end

    def _episode(self, record: CscRecord, event: CareEvent) -> None:
        self._episodes += 1
        end = iso(event.end) if event.end is not None else ""
        self._episode_rows.row(
            (
                f"EP{self._episodes:08d}",
                record.source_id,
                event.kind,
                iso(event.start),
                end,
                event.source,
                event.need,
                event.outcome,
                event.category,
            )
        )
        record.last_day = max(record.last_day, event.start, event.end or 0)

    def _person(self, person: Person, record: CscRecord, duplicate: bool) -> None:
        # A duplicate is itself a mistake: its details come from the mistakes' stream, leaving the facts' alone.
        rng, identity = (self.mistakes.rng if duplicate else self.rng), record.identity
        day = min(record.last_day, self.world.end)
        address = self.address(person, identity, day)
        if person.kind == UNBORN:
            gender = "9" if rng.random() < 0.8 else ("1" if person.sex == "M" else "2")
        else:
            gender = "1" if person.sex == "M" else "2"
        ethnicity = "NOBT" if self.mistakes.ethnicity_not_obtained() else person.ethnicity
        upn = person.upn if person.upn and rng.random() < UPN_HELD else ""
        nhs = person.nhs if person.nhs and self.mistakes.nhs_present(self.system) else ""
        updated = day * MINUTES_PER_DAY + 8 * 60 + int(rng.random() * 10 * 60)
        self._persons.row(
            (
                record.source_id,
                "UNBORN" if person.kind == UNBORN else "ADULT" if person.kind == ADULT else "CHILD",
                "Unborn" if person.kind == UNBORN else identity.first,
                identity.last,
                iso(identity.dob) if identity.dob is not None else "",
                iso(person.edd) if person.kind == UNBORN and person.edd is not None else "",
                gender,
                ethnicity,
                upn,
                nhs,
                address.line,
                address.postcode,
                iso_hms(updated),
            )
        )
