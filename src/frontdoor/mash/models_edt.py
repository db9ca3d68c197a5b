"""The emergency duty team's contacts out of hours, and their hand-over to the MASH the next working day.

A contact is handed over as it is recorded: it waits, unseen by the MASH's queue, until `handover_at` (the opening of
the next working day, from the working-hours calendar) and then stands in the triage queue with its clock until a
MASH worker picks it up (`mash.edt_services`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.intake.models import RiskGrade


class EdtContact(models.Model):
    """One out-of-hours contact about a child: what happened, what the EDT did, and how urgently the MASH should
    follow it up."""

    reference = models.CharField(max_length=20, unique=True)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    what_happened = models.TextField()
    action_taken = models.TextField()
    priority = models.CharField(max_length=8, choices=RiskGrade.choices)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    handover_at = models.DateTimeField(help_text="When it reaches the MASH's queue: the next working day's opening")
    picked_up_at = models.DateTimeField(null=True, blank=True)
    picked_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mash_note = models.TextField(blank=True, help_text="What the MASH will do")

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [
            models.Index(fields=["handover_at"], condition=Q(picked_up_at__isnull=True), name="edt_waiting_handover")
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def child_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
