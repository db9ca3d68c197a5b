"""Operation Encompass: the incidents it took, the notices each child's establishment is sent, and the listed
children nobody could match (a task for MASH education).

A notice holds what the statutory guidance says a school is told, and nothing beyond: the child's name and date of
birth, the police reference, when and where, whether the child was present and where, the child's voice, the
circumstances and other relevant safeguarding information; and each moment of its journey, so its timeliness can
be shown (incident, VIST, created, delivered, opened, acknowledged).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.people.models import Person, School

# What a clock about a notice names as its subject (`core.Clock.subject_type`).
NOTICE_SUBJECT = "encompass.notice"


class ArrivalKind(models.TextChoices):
    INCIDENT = "incident", "Domestic-abuse incident"
    VIST = "vist", "VIST marked domestic abuse"


class EncompassIncident(models.Model):
    """One domestic-abuse incident, by its police reference, however many feeds told of it (the incident feed, a
    VIST): the notices of one incident are one set, one per child per establishment."""

    police_reference = models.CharField(max_length=64, unique=True)
    occurred_at = models.DateTimeField()
    location = models.CharField(max_length=300, blank=True)
    circumstances = models.TextField(blank=True)
    child_voice = models.TextField(blank=True)
    vist_at = models.DateTimeField(null=True, blank=True, help_text="When the first VIST about it arrived")
    started_at = models.DateTimeField(help_text="When Operation Encompass took it")

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"Encompass incident {self.pk}"


class Arrival(models.Model):
    """An incident or VIST Operation Encompass has routed: each is routed once, whichever worker takes it."""

    kind = models.CharField(max_length=16, choices=ArrivalKind.choices)
    arrival_id = models.PositiveBigIntegerField()
    incident = models.ForeignKey(EncompassIncident, on_delete=models.CASCADE, related_name="arrivals")
    routed_at = models.DateTimeField()
    route_ms = models.FloatField(default=0, help_text="How long routing it took, in milliseconds")
    rerouted_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was last routed again, its people's identities settled after routing"
    )

    class Meta:
        ordering = ["routed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["kind", "arrival_id"], name="encompass_route_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.arrival_id}"


class RouteReason(models.TextChoices):
    ESTABLISHMENT = "establishment", "Sent to the child's school or college"
    HOME_EDUCATED = "home_educated", "Electively home educated: sent to the council"
    NO_ESTABLISHMENT = "no_establishment", "No school or college on record: sent to the council"
    OUTSIDE = "outside", "At a school or college outside the partnership: sent to the council"


class NoticeStatus(models.TextChoices):
    AWAITING_REVIEW = "awaiting_review", "Awaiting police review"
    SENT = "sent", "Sent: not yet acknowledged"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"


class Support(models.TextChoices):
    OVERT = "overt", "Overt support: the child knows the school is aware"
    SILENT = "silent", "Silent support: watched over without the child being told"


class Notice(models.Model):
    """An Operation Encompass notification about one child to one establishment (or, for a child with none or
    electively home educated, to the council's education safeguarding officer)."""

    reference = models.CharField(max_length=20, unique=True)
    incident = models.ForeignKey(EncompassIncident, on_delete=models.CASCADE, related_name="notices")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    routed = models.CharField(max_length=20, choices=RouteReason.choices)
    status = models.CharField(max_length=20, choices=NoticeStatus.choices)
    # What the guidance says the establishment is told.
    child_name = models.CharField(max_length=200)
    child_date_of_birth = models.DateField(null=True, blank=True)
    child_present = models.BooleanField(null=True, help_text="Empty: the officer did not say")
    child_whereabouts = models.CharField("where the child was", max_length=300, blank=True)
    child_voice = models.TextField("what the child said", blank=True)
    circumstances = models.TextField(blank=True)
    other_information = models.TextField("other relevant safeguarding information", blank=True)
    # Its journey.
    incident_at = models.DateTimeField()
    vist_at = models.DateTimeField(null=True, blank=True)
    found_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When identity resolution found the child, after the incident was first routed (due from then)",
    )
    created_at = models.DateTimeField()
    due_at = models.DateTimeField(help_text="Before the start of the establishment's next school day")
    delivered_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_by_system = models.CharField(max_length=200, blank=True, help_text="The API client, if by API")
    support = models.CharField(max_length=8, choices=Support.choices, blank=True)
    support_notes = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "child", "school"], name="one_notice_per_child_per_establishment"
            ),
            models.UniqueConstraint(
                fields=["incident", "child"], condition=Q(school__isnull=True), name="one_council_notice_per_child"
            ),
            models.CheckConstraint(
                condition=Q(school__isnull=False, routed="establishment")
                | (Q(school__isnull=True) & ~Q(routed="establishment")),
                name="notice_routed_with_its_school",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "status"], name="notice_by_school"),
            models.Index(fields=["status", "due_at"], name="notice_by_status"),
        ]

    def __str__(self) -> str:
        return self.reference


class UnmatchedChild(models.Model):
    """A child the officer listed whom identity resolution could not match to one person: a task for MASH
    education, so that no listed child is dropped in silence."""

    incident = models.ForeignKey(EncompassIncident, on_delete=models.CASCADE, related_name="unmatched")
    kind = models.CharField(max_length=16, choices=ArrivalKind.choices)
    listed_id = models.PositiveBigIntegerField(help_text="The IncidentPerson or VistPerson")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    school_named = models.CharField(max_length=200, blank=True)
    present = models.BooleanField(null=True)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    matched_to = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["kind", "listed_id"], name="one_task_per_listed_child")]

    def __str__(self) -> str:
        return f"Unmatched child {self.pk}"
