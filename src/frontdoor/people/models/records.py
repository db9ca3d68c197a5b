"""What agencies' own systems hold: each system's record of a person, its events, who took part, each ingest."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from frontdoor.people.models.persons import Person, Sex


class SourceSystem(models.TextChoices):
    CSC = "csc", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    EARLY_HELP = "earlyhelp", "Early help"


class SourceRecord(models.Model):
    """What one agency's own system holds about one person, as last extracted, with its provenance.

    Fields every system shares are normalised into columns (for matching); the rest stays in `attributes`.
    `person` is set by record linkage.
    """

    system = models.CharField(max_length=16, choices=SourceSystem.choices)
    source_id = models.CharField(max_length=64)
    extracted_at = models.DateTimeField()
    kind = models.CharField(max_length=8, blank=True, help_text="child, adult, unborn, or empty if not known")
    first_name = models.CharField(max_length=100, blank=True)
    middle_names = models.CharField(max_length=200, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    age_years = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Given instead of a birth date")
    age_given_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the age held, where the system says (police: the day of the incident it was given at)",
    )
    expected_date_of_delivery = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    postcode = models.CharField(max_length=10, blank=True)
    address = models.CharField(max_length=300, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True)
    upn = models.CharField(max_length=13, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    # Phonetic keys of the names (people.phonetic), for search: Smyth finds Smith, Katherine finds Catherine.
    first_name_key = models.CharField(max_length=4, blank=True)
    last_name_key = models.CharField(max_length=4, blank=True)
    content_hash = models.CharField(max_length=64)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="source_records")
    # Set by ingest when the record arrives or what linkage reads of it changes; cleared once it is linked (the
    # worker's link_pending_records, or a linkage run). Indexed only where set, so finding the pending is cheap.
    link_pending_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["system", "source_id"]
        constraints = [models.UniqueConstraint(fields=["system", "source_id"], name="one_record_per_source_id")]
        indexes = [
            models.Index(
                fields=["link_pending_since", "id"],
                name="source_link_pending",
                condition=Q(link_pending_since__isnull=False),
            ),
            models.Index(fields=["nhs_number"], name="source_nhs"),
            models.Index(fields=["last_name", "date_of_birth"], name="source_name_dob"),
            models.Index(fields=["upn"], name="source_upn"),
            # Real-time candidates (surname changed; no date of birth) and the household on the child's page.
            models.Index(fields=["first_name", "date_of_birth"], name="source_first_dob"),
            models.Index(fields=["postcode", "last_name"], name="source_postcode_name"),
            # Search by name, sounds-like; the date of birth in the index, so that a search near a date reads only
            # the records born near it.
            models.Index(fields=["last_name_key", "first_name_key", "date_of_birth"], name="source_name_keys_dob"),
            # ... by the surname's sound near a date of birth ...
            models.Index(fields=["last_name_key", "date_of_birth"], name="source_name_key_dob"),
            # ... and by the surname's sound and the first name's first letters (a range of first_name), near a date
            # of birth or not (linkage.candidates).
            models.Index(fields=["last_name_key", "first_name", "date_of_birth"], name="source_name_key_first"),
        ]

    def __str__(self) -> str:
        return f"{self.system} record {self.source_id}"


class SourceEvent(models.Model):
    """Something an agency's system recorded happening (a contact, an incident, an attendance), with provenance."""

    system = models.CharField(max_length=16, choices=SourceSystem.choices)
    source_id = models.CharField(max_length=64)
    extracted_at = models.DateTimeField()
    kind = models.CharField(max_length=40)
    occurred_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["system", "occurred_at", "source_id"]
        constraints = [models.UniqueConstraint(fields=["system", "source_id"], name="one_event_per_source_id")]
        indexes = [models.Index(fields=["kind", "occurred_at"], name="source_event_kind")]

    def __str__(self) -> str:
        return f"{self.system} {self.kind} {self.source_id}"


class SourceParticipation(models.Model):
    """A person's part in an event, by the source system's own ids, so files can arrive in any order."""

    system = models.CharField(max_length=16, choices=SourceSystem.choices)
    event_source_id = models.CharField(max_length=64)
    record_source_id = models.CharField(max_length=64)
    role = models.CharField(max_length=40)
    extracted_at = models.DateTimeField()

    class Meta:
        ordering = ["system", "event_source_id", "record_source_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "event_source_id", "record_source_id", "role"], name="one_participation"
            )
        ]
        indexes = [models.Index(fields=["system", "record_source_id"], name="participation_by_record")]

    def __str__(self) -> str:
        return f"{self.record_source_id} {self.role} in {self.event_source_id}"


class IngestRun(models.Model):
    """One import of one extract file: when, what it contained and what was rejected, line by line."""

    system = models.CharField(max_length=16, choices=SourceSystem.choices)
    file_kind = models.CharField(max_length=40)
    source_name = models.CharField(max_length=300)
    extracted_at = models.DateTimeField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict)
    errors = models.JSONField(default=list, help_text="The first rejected rows: line and reason")
    rejected = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.system} {self.file_kind} at {self.started_at:%Y-%m-%d %H:%M}"
