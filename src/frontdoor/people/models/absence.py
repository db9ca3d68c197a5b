"""Why a person's NHS number is not on their record: the Children's Wellbeing and Schools Act 2026 (s16LC) makes the
NHS number part of every safeguarding record where known, with exceptions a worker records in words."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from frontdoor.people.models.persons import Person


class NhsNumberAbsenceReason(models.TextChoices):
    UNDUE_DELAY = "undue_delay", "Not known, and finding it would cause undue delay"
    RISK_OF_HARM = "risk_of_harm", "Including it would put the child at risk of harm"
    TRACING = "tracing", "Not yet known: tracing requested"


class NhsNumberAbsence(models.Model):
    """A worker's recorded reason that a person's NHS number is absent. The latest one stands; earlier ones are kept
    as the record's history."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="nhs_number_absences")
    reason = models.CharField(max_length=16, choices=NhsNumberAbsenceReason.choices)
    note = models.TextField(blank=True, max_length=1000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["person", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["person", "recorded_at"], name="nhs_absence_person")]

    def __str__(self) -> str:
        return f"NHS number absence {self.pk} for person {self.person_id}"
