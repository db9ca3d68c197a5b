"""Reports: the scorecard's small-number threshold and its red/amber/green targets."""

from __future__ import annotations

from frontdoor.config.environment import whole

# Small numbers: on an aggregate-only view (the independent scrutineer), a count from 1 to this number less one is
# shown as "fewer than N", and a share or statistic resting on so few records is withheld. 5 is the threshold most
# often used for tables from administrative data (Government Statistical Service, "Disclosure control guidance for
# tables produced from administrative sources", 2014); the partnership may choose a higher one.
FRONTDOOR_REPORTS_SMALL_NUMBER = whole("FRONTDOOR_REPORTS_SMALL_NUMBER", 5, 2, 100)

# MASH checks answered within the agreed response time (each check's own due time, by its priority): an agency at or
# above the green share is green, at or above the amber share amber, below it red. Percentages.
FRONTDOOR_REPORTS_CHECKS_GREEN = whole("FRONTDOOR_REPORTS_CHECKS_GREEN", 90, 1, 100)
FRONTDOOR_REPORTS_CHECKS_AMBER = whole("FRONTDOOR_REPORTS_CHECKS_AMBER", 75, 1, 100)
