"""The already-known check made on every person who arrives on a referral, VIST or incident, and its graded
candidates: written with the arrival, answered by the worker's `match_arrivals` job."""

from __future__ import annotations

from django.db import models

from frontdoor.people.models import Person


class ArrivalKind(models.TextChoices):
    REFERRAL_CHILD = "referral_child", "Child on a referral"
    REFERRAL_ADULT = "referral_adult", "Adult on a referral"
    VIST_PERSON = "vist_person", "Person on a VIST"
    INCIDENT_PERSON = "incident_person", "Person in a domestic-abuse incident"


class IdentityCheck(models.Model):
    """Is this arriving child or adult already known? Written pending in the transaction that stores the arrival,
    answered by the worker within seconds (so no arrival is ever left unchecked, and intake never waits for it).

    `matches` holds the graded candidates found, best first: person, source record, grade, probability, match
    weight and the evidence per field, as scored by the linkage run named.
    """

    kind = models.CharField(max_length=16, choices=ArrivalKind.choices)
    subject_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField()
    checked_at = models.DateTimeField(null=True, blank=True)
    linkage_run = models.ForeignKey(
        "linkage.LinkageRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    matches = models.JSONField(default=list, blank=True)
    best_grade = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["kind", "subject_id"], name="one_check_per_arrival")]
        indexes = [
            models.Index(
                fields=["created_at"], condition=models.Q(checked_at__isnull=True), name="identity_check_pending"
            )
        ]

    def __str__(self) -> str:
        return f"Identity check of {self.kind} {self.subject_id}"


class CheckCandidate(models.Model):
    """A person the already-known check offered as a match for an arrival, kept so that the people working the
    arrival may open that person's record as part of the work (see `mash.relationships`)."""

    identity_check = models.ForeignKey(IdentityCheck, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    grade = models.CharField(max_length=8)

    class Meta:
        ordering = ["identity_check", "id"]
        constraints = [
            models.UniqueConstraint(fields=["identity_check", "person"], name="one_candidate_per_check_and_person")
        ]
        indexes = [models.Index(fields=["person"], name="candidate_by_person")]

    def __str__(self) -> str:
        return f"Candidate {self.person_id} for check {self.identity_check_id}"
