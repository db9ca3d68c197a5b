"""Everything one run shares: options, dates, random streams, names, places, reference data and id allocators."""

from __future__ import annotations

from random import Random

from frontdoor.synth.dates import latest_census, ordinal
from frontdoor.synth.names import NameBook
from frontdoor.synth.options import SynthOptions
from frontdoor.synth.people import Registry
from frontdoor.synth.places import AddressBook
from frontdoor.synth.reference import Reference

YEAR = 365.25


class World:
    """Separate random streams keep concerns independent: the same seed gives the same people and events whatever
    the error scale, because only the errors stream decides mistakes."""

    def __init__(self, options: SynthOptions) -> None:
        self.options = options
        self.start = ordinal(options.window_start)
        self.end = ordinal(options.extract_date)
        self.span_days = self.end - self.start + 1
        self.span_years = self.span_days / YEAR
        master = Random(f"frontdoor-synth:{options.seed}")
        self.population_rng = Random(master.getrandbits(64))
        self.events_rng = Random(master.getrandbits(64))
        self.errors_rng = Random(master.getrandbits(64))
        reference_rng = Random(master.getrandbits(64))
        self.id_key = master.getrandbits(32)
        expected = options.expected_children
        self.names = NameBook()
        self.addresses = AddressBook(reference_rng, capacity=expected * 3 + 2000)
        self.registry = Registry(reference_rng)
        self.reference = Reference(reference_rng, self.names, self.addresses, expected)
        self.census_label, census_day, self.census_year = latest_census(options.extract_date)
        self.census_day = ordinal(census_day)

    def stream(self, name: str) -> Random:
        """An independent random stream for one concern (say, the facts one extract records), so that a change in
        how often another concern draws, such as the error scale, cannot shift it."""
        return Random(f"frontdoor-synth:{self.options.seed}:{name}")
