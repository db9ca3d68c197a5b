"""What axe reports that the GOV.UK Design System does on purpose, let through by every browser test that meets it,
and nothing else."""

from __future__ import annotations


def _known_govuk_issue(violation: dict, node: dict) -> bool:
    """GOV.UK Frontend puts aria-expanded on radios that reveal a follow-up question. ARIA does not allow it on a
    radio, so axe reports aria-allowed-attr; the Design System keeps it on purpose, because screen readers announce
    it and research found it helps (alphagov/govuk-frontend#979, listed in its known issues). Only that is let
    through: the rule, on a GOV.UK conditional radio, about aria-expanded and nothing else."""
    return (
        violation["id"] == "aria-allowed-attr"
        and 'class="govuk-radios__input"' in node["html"]
        and 'aria-controls="conditional-' in node["html"]
        and [line.strip() for line in node["summary"].splitlines()[1:] if line.strip()]
        in (
            ['ARIA attribute is not allowed: aria-expanded="true"'],
            ['ARIA attribute is not allowed: aria-expanded="false"'],
        )
    )


def without_known_govuk_issue(violations: list[dict]) -> list[dict]:
    kept = []
    for violation in violations:
        nodes = [node for node in violation["nodes"] if not _known_govuk_issue(violation, node)]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept
