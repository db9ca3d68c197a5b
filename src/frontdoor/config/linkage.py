"""Identity resolution: which pairs a linkage run leaves for people to review."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

# Pairs whose match probability is at least LOW and below HIGH go to the review queue, with strong matches the
# clustering refused to join; every such pair is kept, each pair of people once (ADR 0005).
FRONTDOOR_REVIEW_BAND_LOW = float(os.environ.get("FRONTDOOR_REVIEW_BAND_LOW", "0.5"))
FRONTDOOR_REVIEW_BAND_HIGH = float(os.environ.get("FRONTDOOR_REVIEW_BAND_HIGH", "0.99"))
if not 0.0 < FRONTDOOR_REVIEW_BAND_LOW < FRONTDOOR_REVIEW_BAND_HIGH <= 1.0:
    raise ImproperlyConfigured("FRONTDOOR_REVIEW_BAND_LOW and _HIGH must satisfy 0 < LOW < HIGH <= 1")
