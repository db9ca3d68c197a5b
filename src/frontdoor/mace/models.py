"""The MACE workspace's own records: the persons of concern, places, vehicles and phones it knows by name
(`Entity`), intelligence a cleared user records linking children with them (graded 3x5x2), disruption actions with
their owners and clocks, and the monthly MACE meeting with an item per listed child.

Children are `people.Person` rows; their MACE listing is exploitation screening's `MaceListing`. What missing
children's episodes, return home interview findings and trigger plans say about places and people is read from
those records as it stands (`network.py`), not copied here.
"""

from __future__ import annotations

from django.db import models

from frontdoor.access.models import User
from frontdoor.exploitation.models import Level, MaceListing
from frontdoor.people.models import Person

ACTION_SUBJECT = "mace.action"


class EntityKind(models.TextChoices):
    ADULT = "adult", "Person of concern"
    PLACE = "place", "Place"
    VEHICLE = "vehicle", "Vehicle"
    PHONE = "phone", "Phone"


class Entity(models.Model):
    """A person of concern, place, vehicle or phone, named once: `key` is its name made comparable
    (`entities.key_for`), so "Mill Street flat" in a finding and in intelligence are one node."""

    kind = models.CharField(max_length=8, choices=EntityKind.choices)
    label = models.CharField(max_length=200)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "label", "id"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_mace_entity_per_key")]
        verbose_name_plural = "entities"

    def __str__(self) -> str:
        return self.label


class SourceEvaluation(models.TextChoices):
    """The 3x5x2 intelligence grading: how far the source is to be relied on."""

    RELIABLE = "1", "1: reliable"
    UNTESTED = "2", "2: untested"
    NOT_RELIABLE = "3", "3: not reliable"


class IntelligenceAssessment(models.TextChoices):
    KNOWN_DIRECTLY = "A", "A: known directly"
    CORROBORATED = "B", "B: known indirectly, corroborated"
    INDIRECT = "C", "C: known indirectly"
    NOT_KNOWN = "D", "D: not known"
    SUSPECTED_FALSE = "E", "E: suspected to be false"


class HandlingCode(models.TextChoices):
    SHARE = "P", "P: may be shared for a policing purpose"
    CONDITIONS = "C", "C: may be shared only with the conditions given"


class Intelligence(models.Model):
    """A piece of intelligence, graded, linking children with persons of concern, places, vehicles or phones."""

    received_on = models.DateField(help_text="When the intelligence was received")
    summary = models.TextField()
    source_evaluation = models.CharField(max_length=1, choices=SourceEvaluation.choices)
    assessment = models.CharField(max_length=1, choices=IntelligenceAssessment.choices)
    handling = models.CharField(max_length=1, choices=HandlingCode.choices)
    handling_conditions = models.TextField(blank=True)
    children = models.ManyToManyField(Person, related_name="+")
    entities = models.ManyToManyField(Entity, related_name="intelligence")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_as = models.CharField(max_length=40)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name_plural = "intelligence"

    def __str__(self) -> str:
        return f"Intelligence {self.pk}"

    @property
    def grading(self) -> str:
        return f"{self.source_evaluation}{self.assessment}{self.handling}"


class Meeting(models.Model):
    """One monthly MACE meeting: its agenda built once from the children listed, who attended, and its minutes."""

    held_on = models.DateField(unique=True)
    built_at = models.DateTimeField()
    built_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    chair = models.CharField(max_length=200, blank=True)
    attendees = models.TextField(blank=True, help_text="One a line: name and agency")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"MACE meeting {self.held_on}"

    @property
    def attendee_lines(self) -> list[str]:
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]


class AgendaReason(models.TextChoices):
    NEW = "new", "Newly listed"
    RAISED = "raised", "Risk raised"
    OVERDUE = "overdue", "Rescreen overdue"
    REVIEW = "review", "Review"


class MeetingItem(models.Model):
    """A listed child on a meeting's agenda, why they are on it, and the meeting's decision about them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    listing = models.ForeignKey(MaceListing, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=8, choices=Level.choices)
    reasons = models.JSONField(default=list)
    position = models.PositiveSmallIntegerField()
    decision = models.TextField(blank=True)
    close_listing = models.BooleanField(default=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_mace_item_per_child")]

    def __str__(self) -> str:
        return f"Item {self.position} of {self.meeting_id}"


class DisruptionAction(models.Model):
    """Something a partner will do to disrupt exploitation, with its owner and clock, completed with an outcome."""

    what = models.TextField()
    entity = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.PROTECT, related_name="actions")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(MeetingItem, null=True, blank=True, on_delete=models.PROTECT, related_name="actions")
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    agreed_at = models.DateTimeField()
    agreed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True)

    class Meta:
        ordering = ["completed_at", "due_at", "id"]

    def __str__(self) -> str:
        return f"Disruption action {self.pk}"
