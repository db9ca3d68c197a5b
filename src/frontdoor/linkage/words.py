"""Match evidence in words: each field a comparison covers, and how two records compared on it, as a person reads
them ("Date of birth: the same"), whatever labels the stored model gives its levels. Pure: no Django."""

from __future__ import annotations

FIELDS = {
    "first_name": "First name",
    "middle_names": "Middle names",
    "last_name": "Last name",
    "dob": "Date of birth",
    "birth_year": "Age given instead of a date of birth",
    "sex": "Sex",
    "postcode": "Postcode",
    "nhs_number": "NHS number",
    "upn": "Unique pupil number",
    "household": "Household",  # recorded with a child on the same referral (linkage.households)
}
LEVELS = {
    "exact": "the same",
    "another spelling of the name": "the same name spelt another way",
    "nickname or anglicised form": "a nickname or another form of the same name",
    "jaro-winkler >= 0.92": "spelt almost the same",
    "middle name or prefix": "one is the other's middle name, or starts it",
    "jaro-winkler >= 0.8": "spelt alike",
    "typo or cut short": "spelt almost the same, or one is cut short",
    "one contains the other": "one contains the other (a double-barrelled or changed name)",
    "day and month transposed": "the day and month swapped",
    "one digit off": "one digit different",
    "same month": "the same month and year",
    "within a year": "within a year of each other",
    "birth years overlap": "the age fits the date of birth",
    "both dates of birth known, or no age": "not needed: both dates of birth are known, or no age is given",
    "same sector": "in the same postcode sector",
    "same district": "in the same postcode district",
    "different, both women, neither a child": "different (both are women, neither known to be a child, whose "
    "surname may change with a marriage)",
    # One of them a girl where the model has the level above; any two women where it has not (no dates of birth).
    "different, both women": "different (both are female: a woman's surname may change with a marriage, a girl's "
    "with her family's)",
    "all other": "different",
}


def field_words(comparison: str) -> str:
    return FIELDS.get(comparison, comparison.replace("_", " ").capitalize())


def level_words(comparison: str, level: str) -> str:
    """How two records compared on a field: "the same", "different", "not recorded on one of them"."""
    key = level.strip().lower()
    if key.endswith(" missing") or key.endswith("is null"):
        return "not recorded in one of them"
    return LEVELS.get(key, key.replace("_", " "))


def evidence_words(evidence: list[tuple[str, str, float]] | list[list]) -> list[tuple[str, str, float]]:
    """(comparison, level, weight) rows as (field in words, how they compared in words, weight)."""
    return [(field_words(c), level_words(c, level), weight) for c, level, weight in evidence]
