"""Early help: one row per child per episode, with the wait from referral to allocation."""

from __future__ import annotations

from frontdoor.synth.dates import dmy
from frontdoor.synth.errors import Identity, Mistakes
from frontdoor.synth.events.model import Timeline
from frontdoor.synth.extracts.base import Extract
from frontdoor.synth.people import Person
from frontdoor.synth.population import Cluster
from frontdoor.synth.sampling import ScatteredIds
from frontdoor.synth.world import World
from frontdoor.synth.writers import Files


class EarlyHelpExtract(Extract):
    system = "earlyhelp"

    def __init__(self, world: World, files: Files, mistakes: Mistakes) -> None:
        super().__init__(world, files, mistakes)
        self._digits = 5 if world.options.expected_children < 300_000 else 6
        self._ids = ScatteredIds(10**self._digits, world.id_key ^ 0xE4)
        self._episodes = 0
        self._rows = files["earlyhelp/episodes.csv"]

    def _child(self, person: Person) -> tuple[str, Identity]:
        existing = person.records.get(self.system)
        if isinstance(existing, tuple):
            return existing
        child_ref = f"EHC-{self._ids.take():0{self._digits}d}"
        created = (child_ref, self.mistakes.identity(person, self.system))
        person.records[self.system] = created
        self.record(child_ref, person)
        return created

    def cluster(self, cluster: Cluster, timeline: Timeline) -> None:
        for episode in sorted(timeline.early_help, key=lambda e: e.referral):
            self._episodes += 1
            reference = f"EH-{self._episodes:06d}"
            for child in episode.children:
                child_ref, identity = self._child(child)
                address = self.address(child, identity, episode.referral)
                self._rows.row(
                    (
                        reference,
                        child_ref,
                        identity.first,
                        identity.last,
                        dmy(identity.dob) if identity.dob is not None else "",
                        address.postcode,
                        dmy(episode.referral),
                        dmy(episode.allocated) if episode.allocated is not None else "",
                        dmy(episode.closed) if episode.closed is not None else "",
                        episode.lead,
                        episode.reason,
                    )
                )
