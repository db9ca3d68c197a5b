"""The synthetic county (Esterbury) and each agency's extract about its people: ``frontdoor synth``.

Pure Python, no Django. ``generate(SynthOptions(children=1000, seed=1), out_dir)`` writes the layout described in
docs/synthetic-county.md and returns the counts; equal options give byte-identical files.
"""

from frontdoor.synth.errors import DEFAULT_RATES
from frontdoor.synth.generate import SynthResult, generate
from frontdoor.synth.options import DEFAULT_EXTRACT_DATE, SynthOptions
from frontdoor.synth.writers import HEADERS

__all__ = ["DEFAULT_EXTRACT_DATE", "DEFAULT_RATES", "HEADERS", "SynthOptions", "SynthResult", "generate"]
