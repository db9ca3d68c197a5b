"""frontdoor: a safeguarding partnership's multi-agency front door."""
