"""The daily multi-agency vulnerability meeting: each working day's meeting, who attended for each agency, the items
on its agenda (VISTs and high-risk referrals, carried forward until closed), what was said and decided about each
item at each meeting, and the next steps agreed, each with its owner and its clock (`mash.meeting_clocks`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.intake.models import Referral, Vist


class Meeting(models.Model):
    """One working day's meeting. Its agenda was built once (`mash.meeting_services.build_meeting`) from what arrived
    between the previous meeting's `cut_off` and its own."""

    held_on = models.DateField(unique=True)
    cut_off = models.DateTimeField(help_text="What arrived before this moment is on this meeting's agenda or earlier")
    built_at = models.DateTimeField()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Daily meeting {self.held_on}"


class Attendance(models.Model):
    """Someone at a meeting, for their agency."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("people.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["meeting", "agency__name", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="one_attendance_per_user")]

    def __str__(self) -> str:
        return f"Attendance {self.pk} at meeting {self.meeting_id}"


class AgendaItem(models.Model):
    """A VIST or high-risk referral on the meeting's agenda: first at `first_meeting`, then carried forward to each
    meeting until it is closed."""

    referral = models.OneToOneField(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="meeting_item"
    )
    vist = models.OneToOneField(Vist, null=True, blank=True, on_delete=models.PROTECT, related_name="meeting_item")
    first_meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="new_items")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="closed_items"
    )

    class Meta:
        ordering = ["first_meeting__held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(referral__isnull=False, vist__isnull=True) | Q(referral__isnull=True, vist__isnull=False),
                name="agenda_item_of_one_arrival",
            ),
        ]

    def __str__(self) -> str:
        return f"Agenda item {self.pk}"

    @property
    def arrival(self) -> Referral | Vist:
        return self.referral if self.referral_id else self.vist  # type: ignore[return-value]

    @property
    def reference(self) -> str:
        return self.arrival.reference


class ItemDecision(models.TextChoices):
    CARRY_FORWARD = "carry_forward", "Keep it on the agenda until its next steps are done"
    CLOSE = "close", "Close it: nothing more for the meeting"


class Discussion(models.Model):
    """What the meeting said and decided about an item, once per meeting (recorded again, the latest stands)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="discussions")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="discussions")
    note = models.TextField()
    decision = models.TextField()
    outcome = models.CharField(max_length=16, choices=ItemDecision.choices)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["item", "-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"Discussion of item {self.item_id} at meeting {self.meeting_id}"


class NextStep(models.Model):
    """A next step the meeting agreed on an item: what, who owns it, by when (its clock), and when it was done."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="next_steps")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="next_steps")
    action = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_steps")
    rule = models.CharField(max_length=40)
    agreed_at = models.DateTimeField()
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["item", "agreed_at", "id"]
        indexes = [models.Index(fields=["owner"], condition=Q(done_at__isnull=True), name="open_meeting_step_owner")]

    def __str__(self) -> str:
        return f"Next step {self.pk} on item {self.item_id}"
