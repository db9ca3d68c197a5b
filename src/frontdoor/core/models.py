"""The shared kernel's tables: calendars, the one table of clocks, escalations and the transactional outbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ClosureDay(models.Model):
    """A day the partnership's services count as non-working, beyond the England and Wales bank holidays."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d %B %Y}: {self.reason}"


class SchoolCalendar(models.Model):
    """Term dates and INSET days shared by one or more educational settings."""

    name = models.CharField(max_length=200, unique=True)
    is_default = models.BooleanField(default=False, help_text="Used for settings that have no calendar of their own.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_calendar")
        ]

    def __str__(self) -> str:
        return self.name


class TermPeriod(models.Model):
    """A stretch of days (inclusive) when the setting is open: a half term's worth of teaching."""

    calendar = models.ForeignKey(SchoolCalendar, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(max_length=100)
    first_day = models.DateField()
    last_day = models.DateField()

    class Meta:
        ordering = ["calendar", "first_day"]
        constraints = [
            models.CheckConstraint(condition=Q(last_day__gte=models.F("first_day")), name="term_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.first_day:%d/%m/%Y} to {self.last_day:%d/%m/%Y})"


class InsetDay(models.Model):
    calendar = models.ForeignKey(SchoolCalendar, on_delete=models.CASCADE, related_name="inset_days")
    date = models.DateField()

    class Meta:
        ordering = ["calendar", "date"]
        constraints = [models.UniqueConstraint(fields=["calendar", "date"], name="one_inset_per_day")]

    def __str__(self) -> str:
        return f"INSET {self.date:%d/%m/%Y}"


class ClockState(models.TextChoices):
    RUNNING = "running", "Running"
    MET = "met", "Met"
    BREACHED = "breached", "Breached"
    CANCELLED = "cancelled", "Cancelled"


class Clock(models.Model):
    """One deadline: what it is about, the rule that set it, when it is due and whether it was met.

    Every deadline in the system is a row here, so one worker can sweep them all and a missed one always escalates.
    A breached clock stays open (closed_at empty) until the work is done: it is then met late.
    """

    subject_type = models.CharField(max_length=100, help_text="app_label.model of the thing the clock is about")
    subject_id = models.CharField(max_length=64)
    rule = models.CharField(max_length=100, help_text="The rule in frontdoor.core.clocks.RULES that set it")
    started_at = models.DateTimeField()
    due_at = models.DateTimeField()
    state = models.CharField(max_length=16, choices=ClockState.choices, default=ClockState.RUNNING)
    breached_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    met_late = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["state", "due_at"], name="clock_sweep"),
            models.Index(fields=["subject_type", "subject_id"], name="clock_subject"),
            # The scorecard counts the clocks of one rule started in a period.
            models.Index(fields=["rule", "started_at"], name="clock_rule_started"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} for {self.subject_type}#{self.subject_id} due {self.due_at:%Y-%m-%d %H:%M}"


class Escalation(models.Model):
    """Raised when a clock is breached; the outbox tells the people who can act."""

    clock = models.ForeignKey(Clock, on_delete=models.PROTECT, related_name="escalations")
    raised_at = models.DateTimeField()
    notify_role = models.CharField(max_length=50)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-raised_at", "id"]

    def __str__(self) -> str:
        return f"Escalation of clock {self.clock_id} to {self.notify_role}"


class OutboxChannel(models.TextChoices):
    IN_APP = "in_app", "In the application"
    EMAIL = "email", "E-mail"


class OutboxState(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    DEAD = "dead", "Dead letter"


class OutboxMessage(models.Model):
    """A notification written in the same transaction as the change it announces, and delivered afterwards.

    E-mails carry no personal data: they say there is something to see and link to it behind the sign-in.
    """

    dedupe_key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=100)
    channel = models.CharField(max_length=16, choices=OutboxChannel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_email = models.EmailField(blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link_path = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=16, choices=OutboxState.choices, default=OutboxState.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(recipient_email=""), name="outbox_has_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} via {self.channel} ({self.state})"


class Notification(models.Model):
    """An in-app notification in a user's inbox, written by the outbox delivery job."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    message = models.OneToOneField(OutboxMessage, on_delete=models.PROTECT, related_name="notification")
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link_path = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class Heartbeat(models.Model):
    """One row the health check writes, so that "healthy" means a write can be stored, not only that the database
    answers (a full disk or a read-only file fails here before it fails a referral)."""

    at = models.DateTimeField()

    def __str__(self) -> str:
        return "Heartbeat"
