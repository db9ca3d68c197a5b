"""Police: incidents, the nominals linked to them (one row per person per incident) and VISTs."""

from __future__ import annotations

from datetime import date

from frontdoor.synth.dates import MINUTES_PER_DAY, age_on, dmy, dmy_hm
from frontdoor.synth.errors import Identity, Mistakes
from frontdoor.synth.events.model import Incident, Timeline
from frontdoor.synth.extracts.base import Extract, upper_ascii
from frontdoor.synth.people import Person
from frontdoor.synth.population import Cluster
from frontdoor.synth.sampling import ScatteredIds
from frontdoor.synth.world import World
from frontdoor.synth.writers import Files


class Nominal:
    __slots__ = ("duplicate_next", "identity", "source_id")

    def __init__(self, source_id: str, identity: Identity, duplicate_next: bool) -> None:
        self.source_id = source_id
        self.identity = identity
        self.duplicate_next = duplicate_next


class PoliceExtract(Extract):
    system = "police"

    def __init__(self, world: World, files: Files, mistakes: Mistakes) -> None:
        super().__init__(world, files, mistakes)
        self._ids = ScatteredIds(10**8, world.id_key ^ 0x901)
        self._per_day: dict[int, int] = {}
        self._vists_per_year: dict[int, int] = {}
        self._incidents = files["police/incidents.csv"]
        self._persons = files["police/persons.csv"]
        self._vists = files["police/vists.csv"]

    def _reference(self, minute: int) -> str:
        """ES-YYYY-DDDNNNN: the day of the year and that day's running number, as a force's log numbers run."""
        day = minute // MINUTES_PER_DAY
        number = self._per_day.get(day, 0) + 1
        self._per_day[day] = number
        when = date.fromordinal(day)
        serial = when.timetuple().tm_yday * 10000 + number
        return f"ES-{when.year}-{serial:07d}"

    def _nominal(self, person: Person) -> Nominal:
        nominals = person.records.setdefault(self.system, [])
        assert isinstance(nominals, list)
        if nominals:
            nominal: Nominal = nominals[-1]
            if not nominal.duplicate_next:
                return nominal
            nominal.duplicate_next = False  # the duplicate is opened now, and used from here on
        planned = not nominals and self.mistakes.duplicate_planned()
        nominal = Nominal(f"N{self._ids.take():08d}", self.mistakes.identity(person, self.system), planned)
        nominals.append(nominal)
        self.record(nominal.source_id, person)
        return nominal

    def cluster(self, cluster: Cluster, timeline: Timeline) -> None:
        for incident in sorted(timeline.incidents, key=lambda i: i.minute):
            self._incident(incident)

    def _incident(self, incident: Incident) -> None:
        reference = self._reference(incident.minute)
        day = incident.minute // MINUTES_PER_DAY
        self._incidents.row(
            (
                reference,
                dmy_hm(incident.minute),
                incident.kind,
                "Y" if incident.children_present else "N",
                incident.postcode,
                incident.risk,
                dmy_hm(incident.found) if incident.found is not None else "",
                incident.summary,
                incident.collar,
                incident.team,
            )
        )
        used: dict[str, Nominal] = {}
        for person, involvement in incident.people:
            nominal = used.get(person.pid) or self._nominal(person)
            used[person.pid] = nominal
            identity = nominal.identity
            address = self.address(person, identity, day)
            forenames = f"{identity.first} {identity.middle}" if identity.middle else identity.first
            self._persons.row(
                (
                    nominal.source_id,
                    reference,
                    involvement,
                    upper_ascii(identity.last),
                    upper_ascii(forenames),
                    dmy(identity.dob) if identity.dob is not None else "",
                    age_on(person.dob, day) if identity.dob is None and person.dob is not None else "",
                    person.sex,
                    address.line,
                    address.postcode,
                )
            )
        for vist in incident.vists:
            year = vist.submitted // MINUTES_PER_DAY
            year = date.fromordinal(year).year
            number = self._vists_per_year.get(year, 0) + 1
            self._vists_per_year[year] = number
            self._vists.row(
                (
                    f"VST-{year}-{number:06d}",
                    reference,
                    used[vist.subject.pid].source_id,
                    vist.collar,
                    dmy_hm(vist.submitted),
                    vist.grade,
                    vist.circumstances,
                    vist.child_said,
                    vist.channel,
                )
            )
