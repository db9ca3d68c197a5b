"""What to generate: the arguments of ``frontdoor synth`` as one value."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from frontdoor.synth.dates import add_years

DEFAULT_EXTRACT_DATE = date(2026, 10, 31)


@dataclass(frozen=True)
class SynthOptions:
    """The county to invent. Equal options give byte-identical output.

    ``children`` is the number of children (aged 0-17 on the extract date) unless ``linkage_records`` is set, in
    which case households keep being added until the extracts hold at least that many person records.
    """

    children: int = 1000
    seed: int = 1
    years: int = 5
    extract_date: date = DEFAULT_EXTRACT_DATE
    start_date: date | None = None
    linkage_records: int | None = None
    error_scale: float = 1.0
    bundle_size: int = field(default=1000, repr=False)

    def __post_init__(self) -> None:
        if self.children < 0:
            raise ValueError("children must not be negative")
        if self.years < 1:
            raise ValueError("years must be at least 1")
        if self.error_scale < 0:
            raise ValueError("error_scale must not be negative")
        if self.linkage_records is not None and self.linkage_records < 1:
            raise ValueError("linkage_records must be positive")
        if self.start_date is not None and self.start_date >= self.extract_date:
            raise ValueError("start_date must be before extract_date")
        if not 1 <= self.bundle_size <= 1000:
            raise ValueError("a bundle holds 1 to 1,000 patients")

    @property
    def window_start(self) -> date:
        """The first day of the span: ``start_date``, or ``years`` years before the extract date (the day after)."""
        if self.start_date is not None:
            return self.start_date
        return add_years(self.extract_date, -self.years) + timedelta(days=1)

    @property
    def expected_children(self) -> int:
        """Children to plan reference data for (schools, practices, id widths) before the count is known."""
        if self.linkage_records is not None:
            return max(self.children, self.linkage_records * 2 // 5)
        return self.children

    def as_manifest(self) -> dict[str, object]:
        return {
            "children": self.children,
            "seed": self.seed,
            "years": self.years,
            "start_date": self.window_start.isoformat(),
            "extract_date": self.extract_date.isoformat(),
            "linkage_records": self.linkage_records,
            "error_scale": self.error_scale,
        }
