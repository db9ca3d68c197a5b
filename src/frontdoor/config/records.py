"""Where the records' safeguards live: the audit chain's signed checkpoints, backups, and how long each record type
is kept."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from frontdoor.config.environment import VAR_DIR

# Where the worker appends a signed checkpoint of the chain's head, and how often (outside the database, so that a
# truncated or rewritten chain no longer matches it). Put it on storage the database's owner cannot write.
FRONTDOOR_AUDIT_CHECKPOINTS = Path(
    os.environ.get("FRONTDOOR_AUDIT_CHECKPOINTS", VAR_DIR / "audit-checkpoints.jsonl")
).resolve()
FRONTDOOR_AUDIT_CHECKPOINT_SECONDS = int(os.environ.get("FRONTDOOR_AUDIT_CHECKPOINT_SECONDS", "300"))
if not 10 <= FRONTDOOR_AUDIT_CHECKPOINT_SECONDS <= 24 * 3600:
    raise ImproperlyConfigured("FRONTDOOR_AUDIT_CHECKPOINT_SECONDS must be between 10 and 86400")

# --- Backups and retention ----------------------------------------------------------------------------------------
# Where `frontdoor backup` writes (a backup file and its manifest, side by side).
FRONTDOOR_BACKUP_DIR = Path(os.environ.get("FRONTDOOR_BACKUP_DIR", VAR_DIR / "backups")).resolve()
# How long each record type is kept, in days, as "type=days,...": a type not named keeps its default, "keep" or 0
# keeps it for good. The defaults are placeholders for the partnership to set (ADR 0006, `frontdoor retention`).
FRONTDOOR_RETENTION_DAYS = os.environ.get("FRONTDOOR_RETENTION_DAYS", "")
