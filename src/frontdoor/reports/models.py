"""What reports keeps: the record of each analyst export (who ran it, when, in which format, which tables and how
many rows of each), beside the access-audit entry written in the same transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    PARQUET = "parquet", "Parquet"


class AnalystExport(models.Model):
    """One pseudonymised export of the Standard Safeguarding Dataset's tables."""

    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="Blank: run with the command on the server",
    )  # fmt: skip
    role = models.CharField(max_length=40, blank=True)
    file_format = models.CharField(max_length=8, choices=ExportFormat.choices)
    tables = models.JSONField(help_text="Each table written, with how many rows")
    rows = models.PositiveIntegerField()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Analyst export {self.pk}"
