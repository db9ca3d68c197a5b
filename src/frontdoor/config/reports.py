"""Reports: the scorecard's small-number threshold and its red/amber/green targets."""

from __future__ import annotations

import os

from frontdoor.config.environment import PRODUCTION, whole
from frontdoor.config.keys import _key

# Small numbers: on an aggregate-only view (the independent scrutineer), a count from 1 to this number less one is
# shown as "fewer than N", and a share or statistic resting on so few records is withheld. 5 is the threshold most
# often used for tables from administrative data (Government Statistical Service, "Disclosure control guidance for
# tables produced from administrative sources", 2014); the partnership may choose a higher one.
FRONTDOOR_REPORTS_SMALL_NUMBER = whole("FRONTDOOR_REPORTS_SMALL_NUMBER", 5, 2, 100)

# MASH checks answered within the agreed response time (each check's own due time, by its priority): an agency at or
# above the green share is green, at or above the amber share amber, below it red. Percentages.
FRONTDOOR_REPORTS_CHECKS_GREEN = whole("FRONTDOOR_REPORTS_CHECKS_GREEN", 90, 1, 100)
FRONTDOOR_REPORTS_CHECKS_AMBER = whole("FRONTDOOR_REPORTS_CHECKS_AMBER", 75, 1, 100)

# The disproportionality view for a share names, in words, the groups whose share is this many percent or more below
# all children's (20: at most four-fifths of it, the "four-fifths rule" long used to flag adverse impact), and those
# whose share is as far above (all children's at most four-fifths of the group's).
FRONTDOOR_REPORTS_FAIRNESS_MARGIN = whole("FRONTDOOR_REPORTS_FAIRNESS_MARGIN", 20, 1, 90)

# The analyst exports' pseudonyms are keyed hashes (HMAC-SHA256) with this project key: the same child has the same
# pseudonym in every export and every run, and nobody without the key can work back from a pseudonym to the child
# (nor try every NHS number to find one). One key per project: a second project given its own key gets pseudonyms
# that cannot be joined to the first's. The tests use a fixed key and the demo keeps a generated one under var/.
# Production reads it from the environment and does not refuse to start without it (a front door that never exports
# need not hold one); an export refuses to run while it is missing, a placeholder, weak, or another key's value
# (`reports.exports.key_problem`).
if PRODUCTION:
    FRONTDOOR_PSEUDONYM_KEY = os.environ.get("FRONTDOOR_PSEUDONYM_KEY", "")
else:
    FRONTDOOR_PSEUDONYM_KEY = _key(
        "FRONTDOOR_PSEUDONYM_KEY",
        weak=lambda key: len(key) < 32,
        refusal="",
        test_key="test-only-pseudonym-key-" + "z" * 40,
        kept_as="pseudonym-key",
        size=48,
    )
