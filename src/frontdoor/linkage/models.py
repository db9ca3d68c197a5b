"""A record of each linkage run: what it did and the model it used, so a person's links can be explained later."""

from __future__ import annotations

from django.db import models


class LinkageRun(models.Model):
    """One batch linkage over all source records, with the trained Splink model and its training report."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    records = models.PositiveIntegerField()
    people_created = models.PositiveIntegerField()
    people_kept = models.PositiveIntegerField()
    records_relinked = models.PositiveIntegerField(help_text="Source records whose person changed in this run")
    threshold = models.FloatField(help_text="Match probability at or above which two records are linked")
    model = models.JSONField(help_text="The Splink model as JSON (settings and trained parameters)")
    training_report = models.JSONField(default=dict, blank=True)
    seconds = models.JSONField(default=dict, blank=True, help_text="Wall time of each stage")
    term_frequencies = models.JSONField(
        default=dict, blank=True, help_text="Each term-frequency column's value -> share of records, as linked"
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        return f"Linkage run {self.pk}"
