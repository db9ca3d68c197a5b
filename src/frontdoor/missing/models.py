"""Missing children: the force's categories, each episode with every transition in time, the return home interview
offered after every return (its request, its outcome and its findings as a structure police can use), each child's
care placement and Philomena protocol profile, and their versioned trigger plans."""

from __future__ import annotations

from django.db import models

from frontdoor.access.models import ApiClient, User
from frontdoor.intake.models import Vist
from frontdoor.people.models import Person, SourceEvent

# What a return home interview's clock (and its escalation) names as its subject (`core.Clock.subject_type`).
INTERVIEW_SUBJECT = "missing.interview"


class Category(models.Model):
    """One of the force's categories for a child not where they should be, configurable on the admin site. The
    defaults (a data migration): missing at high, medium or low risk, absent, and the local "concern for safety"."""

    code = models.SlugField(max_length=40, unique=True, help_text="What the police feed sends")
    label = models.CharField(max_length=100)
    risk = models.CharField(
        max_length=8,
        choices=[("high", "High"), ("medium", "Medium"), ("low", "Low"), ("none", "No apparent risk")],
        default="none",
        help_text="Sets the grade of the VIST made on return: high red, medium amber, otherwise green",
    )
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    # How the children looked-after return (SSDA903) counts an episode in this category. The police categories
    # are all about a child whose whereabouts are not known (M); a local category for a child whose whereabouts are
    # known but who is not where they should be is A.
    ssda903_code = models.CharField(
        "children looked after return code",
        max_length=1,
        choices=[
            ("M", "M: missing from care (whereabouts not known)"),
            ("A", "A: away from placement without authorisation (whereabouts known)"),
        ],
        default="M",
    )

    class Meta:
        ordering = ["order", "label"]
        verbose_name_plural = "missing categories"

    def __str__(self) -> str:
        return self.label


class EpisodeStatus(models.TextChoices):
    OPEN = "open", "Open"
    RETURNED = "returned", "Returned or found"
    CLOSED = "closed", "Closed"


class EndedHow(models.TextChoices):
    RETURNED = "returned", "Returned"
    FOUND = "found", "Found"


class Episode(models.Model):
    """One episode: a child not where they should be, from the police feed (its client and reference) or recorded by
    hand, until they return or are found and the episode is closed."""

    reference = models.CharField(max_length=20, unique=True)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    api_client = models.ForeignKey(ApiClient, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    police_reference = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=8, choices=EpisodeStatus.choices, default=EpisodeStatus.OPEN)
    went_missing_at = models.DateTimeField()
    reported_at = models.DateTimeField()
    circumstances = models.TextField(blank=True)
    # The return or the find.
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_how = models.CharField(max_length=8, choices=EndedHow.choices, blank=True)
    found_where = models.CharField(max_length=300, blank=True)
    found_by = models.CharField(max_length=200, blank=True)
    harm_disclosed = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    vist = models.ForeignKey(Vist, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The police extract's incident this episode was taken from (`feed.take_police_episodes`), if it came that way.
    source_event = models.OneToOneField(SourceEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-went_missing_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["api_client", "police_reference"],
                condition=~models.Q(police_reference=""),
                name="one_missing_episode_per_police_reference",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class TransitionKind(models.TextChoices):
    OPENED = "opened", "Reported"
    CATEGORY = "category", "Category changed"
    RETURNED = "returned", "Returned"
    FOUND = "found", "Found"
    CLOSED = "closed", "Episode closed"


class Transition(models.Model):
    """Every step of an episode, with the time it happened (not the time it was typed)."""

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="transitions")
    kind = models.CharField(max_length=10, choices=TransitionKind.choices)
    at = models.DateTimeField()
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.episode_id} {self.kind}"


class InterviewStatus(models.TextChoices):
    REQUESTED = "requested", "Waiting to be offered"
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    COMPLETED = "completed", "Completed"


class InterviewRequest(models.Model):
    """A return home interview asked of the independent service after a return or a find: offered within 72 hours
    of the return (its clock), accepted or declined with the child's reason, completed with its findings."""

    episode = models.OneToOneField(Episode, on_delete=models.PROTECT, related_name="interview")
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=InterviewStatus.choices, default=InterviewStatus.REQUESTED)
    offered_at = models.DateTimeField(null=True, blank=True)
    offered_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    declined_reason = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    interviewer = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"Return home interview for {self.episode_id}"


class Indicator(models.TextChoices):
    """Exploitation indicators a return home interview may find (domain reference §7), shared with police."""

    OLDER_ASSOCIATES = "older_associates", "Associating with older people or unknown adults"
    GIFTS_MONEY = "gifts_money", "Unexplained money, phones, clothes or gifts"
    TRAVEL = "travel", "Travelling to places with no reason to be there"
    DRUGS = "drugs", "Carrying or dealing drugs, or drug debt"
    WEAPONS = "weapons", "Carrying a weapon"
    SEXUAL = "sexual", "Sexual activity with adults, or sexual images shared"
    INJURIES = "injuries", "Unexplained injuries"
    SUBSTANCES = "substances", "Given alcohol or drugs"
    HOTELS = "hotels", "Taken to hotels, parties or addresses of adults"
    SECOND_PHONE = "second_phone", "A second phone, or many new contacts"


class InterviewFindings(models.Model):
    """What the interview found, as a structure police can act on (not a summary)."""

    request = models.OneToOneField(InterviewRequest, on_delete=models.PROTECT, related_name="findings")
    held_at = models.DateTimeField()
    push_factors = models.TextField(help_text="What made the child leave")
    pull_factors = models.TextField(help_text="What drew the child away")
    where = models.TextField(help_text="Where the child was")
    with_whom = models.TextField(help_text="Who the child was with")
    indicators = models.JSONField(default=list, blank=True)
    indicators_detail = models.TextField(blank=True)
    child_account = models.TextField(blank=True, help_text="The child's account in their own words")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Findings for {self.request_id}"


class CareProfile(models.Model):
    """A child's care placement and Philomena protocol profile (part 1, completed by carers before any episode),
    kept current: each change replaces it, and who changed it and when is kept."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="+")
    in_care = models.BooleanField(default=False)
    placement = models.CharField(max_length=300, blank=True)
    placement_since = models.DateField(null=True, blank=True)
    description = models.TextField("physical description", blank=True)
    associates = models.TextField("friends and associates", blank=True)
    places = models.TextField("places and addresses they go to", blank=True)
    vulnerabilities = models.TextField("vulnerabilities and medical needs", blank=True)
    phone_and_social_media = models.TextField(blank=True)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Care profile of {self.person_id}"


class TriggerPlan(models.Model):
    """One version of a child's trigger plan: what officers check and do, and who they tell, when the child is
    missing. The current plan is the highest version; earlier ones are kept."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()
    places = models.TextField(blank=True)
    associates = models.TextField(blank=True)
    vehicles = models.TextField(blank=True)
    phones = models.TextField(blank=True)
    officer_actions = models.TextField()
    who_to_tell = models.TextField()
    why_changed = models.TextField(blank=True)
    made_at = models.DateTimeField()
    made_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["person", "-version"]
        constraints = [models.UniqueConstraint(fields=["person", "version"], name="one_trigger_plan_version")]

    def __str__(self) -> str:
        return f"Trigger plan {self.version} of {self.person_id}"


class PromptKind(models.TextChoices):
    TRIGGER_PLAN = "trigger_plan", "Update the trigger plan"
    STRATEGY = "strategy", "Consider a strategy discussion"


class Prompt(models.Model):
    """Something the work asks of someone: review a child's trigger plan (after an interview completes or an episode
    closes), or consider a strategy discussion (repeat episodes, told to the MASH manager). Done when acted on."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="prompts")
    kind = models.CharField(max_length=12, choices=PromptKind.choices)
    reason = models.CharField(max_length=300)
    raised_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["episode", "kind", "reason"], name="one_missing_prompt_per_reason")
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.person_id}"
