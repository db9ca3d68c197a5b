"""Each system's extract, written in that system's own shape (docs/synthetic-county.md)."""
