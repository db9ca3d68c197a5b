"""A record of each linkage run: what it did and the model it used, so a person's links can be explained later."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


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


class LinkEvidence(models.Model):
    """Why a source record is its person's: its score against the person's principal record (the most
    authoritative system's), computed when the record was linked (by a run, the worker or a person's decision) so
    that showing the child's page scores nothing. Kept for records that are not their person's principal."""

    record = models.OneToOneField(
        "people.SourceRecord", primary_key=True, on_delete=models.CASCADE, related_name="link_evidence"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    principal = models.ForeignKey("people.SourceRecord", on_delete=models.CASCADE, related_name="+")
    grade = models.CharField(max_length=8, blank=True, help_text="certain, probable, possible, or empty below them")
    probability = models.FloatField()
    match_weight = models.FloatField()
    evidence = models.JSONField(default=list, help_text="[comparison, level, contribution to the match weight]")
    run = models.ForeignKey(LinkageRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Link evidence for record {self.record_id}"


class LinkKind(models.TextChoices):
    MUST_LINK = "must_link", "Same person"
    CANNOT_LINK = "cannot_link", "Different people"


class ReviewAction(models.TextChoices):
    CONFIRM = "confirm", "Confirmed a match"
    REJECT = "reject", "Rejected a match"
    MERGE = "merge", "Merged two people"
    SPLIT = "split", "Split records out of a person"


class LinkDecision(models.Model):
    """A person's word that two source records are (must-link) or are not (cannot-link) one person.

    Linkage runs apply the live decisions before anything else, so a re-run never undoes one. Rows are never
    edited except to mark them superseded: a later decision about the same pair replaces an earlier one, and the
    history stays. The pair is stored in id order (left < right).
    """

    left = models.ForeignKey("people.SourceRecord", on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey("people.SourceRecord", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=LinkKind.choices)
    action = models.CharField(max_length=8, choices=ReviewAction.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_role = models.CharField(max_length=40)
    decided_at = models.DateTimeField(default=timezone.now)
    review_item = models.ForeignKey(
        "linkage.ReviewItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    superseded_at = models.DateTimeField(null=True, blank=True, help_text="When a later decision replaced this one")

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(left__lt=models.F("right")), name="link_decision_pair_ordered"),
            models.UniqueConstraint(
                fields=["left", "right"], condition=models.Q(superseded_at__isnull=True), name="one_live_decision"
            ),
        ]
        indexes = [models.Index(fields=["right"], name="link_decision_right")]

    def __str__(self) -> str:
        return f"{self.kind} {self.left_id}/{self.right_id}"


class ReviewReason(models.TextChoices):
    UNCERTAIN = "uncertain", "Uncertain match"
    REFUSED = "refused", "Strong match kept apart"
    LINKED = "linked", "Uncertain match, already one person"


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Waiting for review"
    SETTLED = "settled", "Settled by the run"
    DECIDED = "decided", "Decided"
    CLOSED = "closed", "Closed by a later run"


class RefusalRule(models.TextChoices):
    """The rule that kept a pair's two people apart (guards.Rule), in words (refusals.py says it with the values); or,
    for a pair joined as one person registered twice under two NHS numbers, that note."""

    NHS_NUMBERS = "nhs_numbers", "Two different NHS numbers"
    ONE_RECORD_SYSTEM = "one_record_system", "Two records of a system that holds each person once"
    SYSTEM_NAMES = "system_names", "One system holds two records on one date of birth under different names"
    BIRTH_DATES = "birth_dates", "Dates of birth that no typo explains"
    FIRST_NAMES = "first_names", "Clearly different first names on one date of birth"
    MIDDLE_NAMES = "middle_names", "Clearly different middle names on one date of birth"
    DECISION = "decision", "People decided they are different people"
    AMBIGUOUS = "ambiguous", "A record that fits two people who cannot be one"
    # Not a refusal: a join people should see (ADR 0010).
    REGISTERED_TWICE = "registered_twice", "Two NHS numbers held for one person: ask health to merge the registrations"


class ReviewItem(models.Model):
    """A pair of source records a linkage run (or the worker) left for people: each pair of people once.

    Uncertain: the match probability fell within the review band. Refused: the pair scored as a match, but the
    clustering kept the two records in different people; `refusal` says by which rule and `refusal_detail` holds the
    values behind it. Linked: uncertain, but the records are one person through stronger matches with their other
    records. A pair is open (waiting for someone to decide) unless the run settled it: identifiers or people's
    decisions say the two are different people, or they are already one person (review_pairs.py).
    """

    run = models.ForeignKey(LinkageRun, on_delete=models.CASCADE, related_name="review_items")
    left = models.ForeignKey("people.SourceRecord", on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey("people.SourceRecord", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=10, choices=ReviewReason.choices)
    match_weight = models.FloatField()
    match_probability = models.FloatField()
    status = models.CharField(max_length=8, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    refusal = models.CharField(
        max_length=20,
        choices=RefusalRule.choices,
        blank=True,
        default="",
        help_text="Why the two were kept apart (or, for two joined, that one person holds two NHS numbers)",
    )
    refusal_detail = models.JSONField(
        default=dict, blank=True, help_text="The values behind the refusal: NHS numbers, dates, names, a system"
    )
    others_agree = models.BooleanField(
        default=False, help_text="Every field the model compares agrees, but for the one the refusal is about"
    )

    class Meta:
        ordering = ["-match_weight", "id"]
        indexes = [models.Index(fields=["status", "match_weight"], name="review_open_best_first")]

    def __str__(self) -> str:
        return f"Review item {self.pk}"


class MergeRequest(models.Model):
    """Two people a reviewer says are one, where the records say otherwise (two NHS numbers, dates of birth years
    apart, an adult and a child): the merge waits for a second reviewer, so one person alone can never join two
    records and read both through either."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    why_checked = models.TextField(help_text="What in the records says they may be two people, in words")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_role = models.CharField(max_length=40)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved = models.BooleanField(null=True)

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"Merge request {self.pk}"
