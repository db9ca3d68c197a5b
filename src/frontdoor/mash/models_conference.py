"""The initial child protection conference a section 47 enquiry leads to, as the MASH records it: when it was held,
who chaired it, which agencies attended, the child's own views and the family's, and for each child the outcome
(a child protection plan or not; if a plan, the category of abuse and the plan's start date).

Modelled for the children in need census (issue 17): a child's outcome row carries the census's items directly
(`DateOfInitialCPC` N00110 is the conference's `held_at` date, `CPPstartDate` N00105 is `plan_start`,
`InitialCategoryOfAbuse` N00113 is `category`, stored as the census code and always shown in words). The conference
is about the children on the strategy discussion that started the enquiry, and is recorded once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.mash.models_strategy import Attending, StrategyDiscussion, StrategyPerson


class CategoryOfAbuse(models.TextChoices):
    """The CIN census's category of abuse codes (`domain.md` §5.1), in words."""

    NEGLECT = "NEG", "Neglect"
    PHYSICAL = "PHY", "Physical abuse"
    EMOTIONAL = "EMO", "Emotional abuse"
    SEXUAL = "SAB", "Sexual abuse"
    MULTIPLE = "MUL", "Multiple categories"


class ChildProtectionConference(models.Model):
    """An initial child protection conference, held after the strategy discussion that started the enquiry."""

    discussion = models.OneToOneField(StrategyDiscussion, on_delete=models.PROTECT, related_name="conference")
    held_at = models.DateTimeField()
    chair = models.CharField(max_length=200, help_text="Who chaired it, as they are named")
    child_views = models.TextField(help_text="The child's own views, or why they could not be given")
    family_views = models.TextField(help_text="The family's views")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_at", "-id"]

    def __str__(self) -> str:
        return f"Initial child protection conference {self.pk}"


class ConferenceAttendance(models.Model):
    """An agency that attended the conference."""

    conference = models.ForeignKey(ChildProtectionConference, on_delete=models.CASCADE, related_name="attendance")
    attending_for = models.CharField(max_length=16, choices=Attending.choices)

    class Meta:
        ordering = ["conference", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "attending_for"], name="conference_agency_once"),
        ]

    def __str__(self) -> str:
        return f"Agency {self.attending_for} at conference {self.conference_id}"


class ConferenceOutcome(models.Model):
    """One child's outcome: a child protection plan (with its category of abuse and start date) or not."""

    conference = models.ForeignKey(ChildProtectionConference, on_delete=models.CASCADE, related_name="outcomes")
    child = models.ForeignKey(StrategyPerson, on_delete=models.PROTECT, related_name="conference_outcomes")
    plan = models.BooleanField(help_text="Made the subject of a child protection plan")
    category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices, blank=True)
    plan_start = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["conference", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "child"], name="conference_outcome_per_child"),
            models.CheckConstraint(
                condition=(Q(plan=True) & ~Q(category="") & Q(plan_start__isnull=False))
                | (Q(plan=False) & Q(category="") & Q(plan_start__isnull=True)),
                name="conference_plan_has_category_and_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Outcome {self.pk} of conference {self.conference_id}"
