"""What every system's extract shares: the output files, the mistakes, and the ground truth of its records."""

from __future__ import annotations

import unicodedata

from frontdoor.synth.errors import Identity, Mistakes
from frontdoor.synth.events.model import Timeline
from frontdoor.synth.people import Person
from frontdoor.synth.places import Address
from frontdoor.synth.population import Cluster
from frontdoor.synth.world import World
from frontdoor.synth.writers import Files


class Extract:
    system = ""

    def __init__(self, world: World, files: Files, mistakes: Mistakes) -> None:
        self.world = world
        self.files = files
        self.mistakes = mistakes
        self._records = files["truth/records.csv"]
        self.records = 0

    def cluster(self, cluster: Cluster, timeline: Timeline) -> None:
        """Write this system's rows about one family cluster."""
        raise NotImplementedError

    def record(self, source_id: str, person: Person) -> None:
        """The ground truth of one source record: which invented person it is about."""
        self._records.row((self.system, source_id, person.pid))
        self.records += 1

    @staticmethod
    def address(person: Person, identity: Identity, day: int) -> Address:
        """The address a record holds on ``day``: where the person lived then, or before then when it is stale."""
        if identity.stale:
            previous = person.previous_address(day)
            if previous is not None:
                return previous
        return person.address_on(day)


def upper_ascii(text: str) -> str:
    """Upper case without accents, as many police systems hold names."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).upper()
