"""Health: FHIR R4 Bundles (type collection) of Patients with their Encounters and maternity EpisodesOfCare.

Resources are plain dicts serialised with ``json.dumps``: fast, and byte-stable because every dict is built in a
fixed key order. They use R4B element names (``Encounter.class`` a Coding, ``reasonCode``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from frontdoor.synth.dates import iso, iso_offset
from frontdoor.synth.errors import Mistakes
from frontdoor.synth.events.model import Encounter, Maternity, Timeline
from frontdoor.synth.extracts.base import Extract
from frontdoor.synth.people import Person
from frontdoor.synth.population import Cluster
from frontdoor.synth.sampling import ScatteredIds
from frontdoor.synth.world import World
from frontdoor.synth.writers import Files

NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
BASE_URL = "https://fhir.esterbury-health.example.org"
GP_REGISTERED = 0.99  # children registered with a GP practice
_CLASS_DISPLAY = {"EMER": "emergency", "HH": "home health"}
_GENDER = {"M": "male", "F": "female"}


class HealthExtract(Extract):
    system = "health"

    def __init__(self, world: World, files: Files, mistakes: Mistakes, extract_moment: str) -> None:
        super().__init__(world, files, mistakes)
        expected_patients = world.options.expected_children * 6 // 5 + 1000
        self._digits = 6 if expected_patients < 600_000 else 7
        self._ids = ScatteredIds(10**self._digits, world.id_key ^ 0x4EA)
        self._practices = {p.ods: p for p in world.reference.practices}
        self._moment = extract_moment
        self._facts = world.stream("health facts")  # registration is a fact: it must not vary with the error scale
        self._entries: list[dict[str, Any]] = []
        self._patients_in_bundle = 0
        self._bundles = 0
        self._encounters = 0
        self._episodes = 0
        self.resource_counts = {"Patient": 0, "Encounter": 0, "EpisodeOfCare": 0}

    def cluster(self, cluster: Cluster, timeline: Timeline) -> None:
        rng = self._facts
        encounters: dict[str, list[Encounter]] = {}
        for encounter in timeline.encounters:
            encounters.setdefault(encounter.person.pid, []).append(encounter)
        maternity: dict[str, list[Maternity]] = {}
        mothers: list[Person] = []
        for episode in timeline.maternity:
            if episode.mother.pid not in maternity:
                maternity[episode.mother.pid] = []
                mothers.append(episode.mother)
            maternity[episode.mother.pid].append(episode)
        for household in cluster.households:
            for child in household.children:
                if child.household is not household:
                    continue
                registered = rng.random() < GP_REGISTERED
                if registered or child.pid in encounters:
                    if child.nhs and self.mistakes.registered_twice(self.system):
                        # Registered first under a temporary NHS number (not yet traced), then again under the
                        # permanent one: two records of one child, neither merged.
                        self._patient(child, False, [], [], temporary=self.world.registry.nhs_number(temporary=True))
                    self._patient(child, registered, encounters.get(child.pid, []), [])
        for mother in mothers:
            self._patient(mother, True, encounters.get(mother.pid, []), maternity[mother.pid])

    def _patient(
        self,
        person: Person,
        registered: bool,
        encounters: list[Encounter],
        births: list[Maternity],
        temporary: str = "",
    ) -> None:
        """One Patient with its encounters and maternity episodes; with `temporary`, a second registration under a
        temporary NHS number, marked as such (FHIR Identifier.use "temp")."""
        identity = self.mistakes.identity(person, self.system)
        source_id = f"pat-{self._ids.take():0{self._digits}d}"
        self.record(source_id, person)
        address = person.household.current_address
        patient: dict[str, Any] = {"resourceType": "Patient", "id": source_id}
        if temporary:
            patient["identifier"] = [{"use": "temp", "system": NHS_SYSTEM, "value": temporary}]
        elif person.nhs and self.mistakes.nhs_present(self.system):
            patient["identifier"] = [{"system": NHS_SYSTEM, "value": person.nhs}]
        given = [identity.first, *identity.middle.split()] if identity.middle else [identity.first]
        patient["name"] = [{"use": "official", "family": identity.last, "given": given}]
        patient["gender"] = _GENDER.get(person.sex, "unknown")
        if identity.dob is not None:
            patient["birthDate"] = iso(identity.dob)
        patient["address"] = [{"line": [address.line], "city": address.town, "postalCode": address.postcode}]
        if registered:
            practice = self._practices[person.household.gp]
            patient["generalPractitioner"] = [{"reference": f"Organization/{practice.ods}", "display": practice.name}]
        self._add(patient)
        self._patients_in_bundle += 1
        self.resource_counts["Patient"] += 1
        reference = {"reference": f"Patient/{source_id}"}
        for encounter in sorted(encounters, key=lambda e: e.start):
            self._encounters += 1
            self._add(
                {
                    "resourceType": "Encounter",
                    "id": f"enc-{self._encounters:07d}",
                    "status": "finished",
                    "class": {"system": ACT_CODE, "code": encounter.klass, "display": _CLASS_DISPLAY[encounter.klass]},
                    "subject": reference,
                    "period": {"start": iso_offset(encounter.start), "end": iso_offset(encounter.end)},
                    "reasonCode": [{"text": encounter.reason}],
                }
            )
            self.resource_counts["Encounter"] += 1
        for episode in sorted(births, key=lambda m: m.booking):
            self._episodes += 1
            self._add(
                {
                    "resourceType": "EpisodeOfCare",
                    "id": f"eoc-{self._episodes:07d}",
                    "status": "finished" if episode.finished else "active",
                    "type": [{"text": "Maternity"}],
                    "patient": reference,
                    "period": {"start": iso(episode.booking), "end": iso(episode.end)},
                }
            )
            self.resource_counts["EpisodeOfCare"] += 1
        if self._patients_in_bundle >= self.world.options.bundle_size:
            self.flush()

    def _add(self, resource: dict[str, Any]) -> None:
        url = f"{BASE_URL}/{resource['resourceType']}/{resource['id']}"
        self._entries.append({"fullUrl": url, "resource": resource})

    def flush(self) -> None:
        if not self._entries:
            return
        self._bundles += 1
        name = f"health/bundle-{self._bundles:05d}.json"
        bundle = {
            "resourceType": "Bundle",
            "id": f"bundle-{self._bundles:05d}",
            "type": "collection",
            "timestamp": self._moment,
            "entry": self._entries,
        }
        path: Path = self.files.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(json.dumps(bundle, ensure_ascii=False, separators=(",", ":")))
            handle.write("\n")
        self.files.extra_counts[name] = len(self._entries)
        self._entries = []
        self._patients_in_bundle = 0
