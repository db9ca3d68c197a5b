"""Orchestration: build the county one family cluster at a time and stream every system's extract to disk."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from frontdoor.synth.conventions import RecordedNames
from frontdoor.synth.dates import MINUTES_PER_DAY, iso_offset
from frontdoor.synth.errors import NHS_PRESENT
from frontdoor.synth.events import EventMaker
from frontdoor.synth.extracts.csc import CscExtract
from frontdoor.synth.extracts.earlyhelp import EarlyHelpExtract
from frontdoor.synth.extracts.education import EducationExtract
from frontdoor.synth.extracts.health import HealthExtract
from frontdoor.synth.extracts.police import PoliceExtract
from frontdoor.synth.extracts.truth import write_people, write_reference
from frontdoor.synth.families import FamilyBuilder
from frontdoor.synth.options import SynthOptions
from frontdoor.synth.schooling import Schooling
from frontdoor.synth.world import World
from frontdoor.synth.writers import Files

Progress = Callable[[int, int], None]  # (children so far, person records so far)


@dataclass
class SynthResult:
    out: Path
    children: int
    people: dict[str, int]
    households: int
    records: dict[str, int]
    files: dict[str, int]
    resources: dict[str, int]
    seconds: float = field(default=0.0)

    @property
    def person_records(self) -> int:
        return sum(self.records.values())


def generate(options: SynthOptions, out: Path | str, progress: Progress | None = None) -> SynthResult:
    """Write the county described by ``options`` under ``out``; the same options always give the same bytes."""
    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for stale in sorted((out / "health").glob("bundle-*.json")):
        stale.unlink()  # left by an earlier, larger run into the same directory
    world = World(options)
    files = Files(out)
    mistakes = RecordedNames(world.errors_rng, world.names, options.error_scale)
    moment = iso_offset((world.end + 1) * MINUTES_PER_DAY - 1)
    health = HealthExtract(world, files, mistakes, moment)
    extracts = [
        CscExtract(world, files, mistakes),
        PoliceExtract(world, files, mistakes),
        health,
        EducationExtract(world, files, mistakes),
        EarlyHelpExtract(world, files, mistakes),
    ]
    builder, schooling, events = FamilyBuilder(world), Schooling(world), EventMaker(world)
    write_reference(files, world)
    children, clusters = 0, 0
    people = {"child": 0, "adult": 0, "unborn": 0}
    try:
        while True:
            records = sum(extract.records for extract in extracts)
            if options.linkage_records is not None:
                if records >= options.linkage_records:
                    break
                budget = None
            elif children >= options.children:
                break
            else:
                budget = options.children - children
            cluster = builder.cluster(budget)
            schooling.cluster(cluster)
            timeline = events.timeline(cluster)
            for extract in extracts:
                extract.cluster(cluster, timeline)
            write_people(files, cluster)
            for person in cluster.people:
                people[person.kind] += 1
            children = people["child"]
            clusters += 1
            if progress is not None and clusters % 500 == 0:
                progress(children, records)
        health.flush()
    finally:
        files.close()
    result = SynthResult(
        out=out,
        children=children,
        people=people,
        households=world.registry.households,
        records={extract.system: extract.records for extract in extracts},
        files=files.counts(),
        resources=dict(health.resource_counts),
    )
    manifest = {
        "generator": "frontdoor synth",
        "specification": "docs/synthetic-county.md",
        "seed": options.seed,
        "arguments": options.as_manifest(),
        "window_start": options.window_start.isoformat(),
        "extract_date": options.extract_date.isoformat(),
        "extract_time": moment,
        "census": world.census_label,
        "error_rates": dict(mistakes.rates),
        "nhs_number_present": dict(NHS_PRESENT),
        "households": result.households,
        "people": people,
        "person_records": result.records,
        "health_resources": result.resources,
        "files": result.files,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    result.seconds = time.perf_counter() - started
    return result
