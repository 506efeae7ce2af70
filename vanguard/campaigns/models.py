"""Campaigns, their plans, phases and tracks, batches, activities and assignments."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vanguard.core import clock
from vanguard.core.models import TimeStamped, Versioned
from vanguard.people.models import Organization, Person


class CampaignTemplate(TimeStamped):
    """A declarative campaign description (YAML); the built-in ones are synced from files."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    source = models.TextField(_("YAML source"))
    builtin = models.BooleanField(default=False)

    class Meta:
        ordering = ["key"]
        verbose_name = _("campaign template")

    def __str__(self) -> str:
        return self.name


class Campaign(TimeStamped):
    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=120)
    template = models.ForeignKey(CampaignTemplate, on_delete=models.PROTECT,
                                 related_name="campaigns")
    # The template as it was at launch: a later edit of the template never rewrites a campaign.
    template_source = models.TextField()
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="campaigns")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.RUNNING)
    # The template's figures (minimum hours …) by key, read by the activity apps.
    figures = models.JSONField(default=dict, blank=True)
    launched_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("campaign")

    def __str__(self) -> str:
        return self.name


class Batch(models.Model):
    """A group of units that run the campaign in the same window (第一批, 第二批)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="batches")
    key = models.SlugField(max_length=40)
    name = models.CharField(_("name"), max_length=60)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["starts_on", "key"]
        constraints = [models.UniqueConstraint(fields=["campaign", "key"], name="batch_unique")]
        verbose_name = _("batch")

    def __str__(self) -> str:
        return self.name


class Plan(Versioned):
    """The implementation plan one level issues; a lower level derives its own from it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="plans")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="plans")
    derived_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="derived")
    batch = models.ForeignKey(Batch, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="plans")
    title = models.CharField(_("title"), max_length=150)
    preamble = models.TextField(_("preamble"), max_length=4000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    return_reason = models.TextField(_("reason for return"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organization"], name="plan_unique_org")
        ]
        verbose_name = _("plan")

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class PhaseQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state=Phase.State.OPEN)

    def finishing_within(self, *, days: int):
        today = clock.today()
        return self.active().filter(ends_on__lte=today + dt.timedelta(days=days))


class Phase(TimeStamped):
    """A phase in sequence (学习动员 …) or a track running through the whole period (学习教育)."""

    class Kind(models.TextChoices):
        PHASE = "phase", _("Phase")
        TRACK = "track", _("Track")

    class State(models.TextChoices):
        PENDING = "pending", _("Not started")
        OPEN = "open", pgettext_lazy("phase state", "Open")
        CLOSED = "closed", _("Closed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="phases")
    key = models.SlugField(max_length=40)
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.PHASE)
    order = models.PositiveSmallIntegerField(default=0)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices,
                             default=State.PENDING)
    # The gate's checks as the template states them: [{"activity": key, "min_share": "1"}]
    gate = models.JSONField(default=list, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    override_reason = models.TextField(_("reason for closing without the gate"),
                                       max_length=2000, blank=True)

    objects = PhaseQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "kind", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="phase_unique_key"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="phase_ends_after_start"),
        ]
        verbose_name = _("phase")

    def __str__(self) -> str:
        return self.name


class Activity(TimeStamped):
    """One step inside a phase or a track; its kind comes from the registry."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="activities")
    key = models.SlugField(max_length=60)
    kind = models.CharField(_("kind"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    required = models.BooleanField(_("required by the plan above"), default=False)
    starts_on = models.DateField(_("starts on"))
    due_on = models.DateField(_("due on"))
    settings = models.JSONField(default=dict, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["phase__kind", "phase__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="activity_unique_key"),
            models.CheckConstraint(condition=Q(due_on__gte=models.F("starts_on")),
                                   name="activity_due_after_start"),
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from vanguard.campaigns import registry

        if self.kind not in registry.keys():
            raise ValidationError({"kind": _("Unknown activity kind.")})


class Assignment(TimeStamped):
    """What one person must do for one activity."""

    class Status(models.TextChoices):
        PENDING = "pending", _("To do")
        DONE = "done", _("Done")
        EXCUSED = "excused", _("Excused")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    # The person's branch when the assignment was made: roll-ups group by its path.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="assignments")
    required = models.BooleanField(default=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.PENDING)
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="assignment_unique")
        ]
        indexes = [models.Index(fields=["person", "status"])]
        verbose_name = _("assignment")

    def __str__(self) -> str:
        return f"{self.activity} — {self.person}"


class Notification(models.Model):
    """An in-app message to one person (a reminder, a returned piece of work …)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(_("text"), max_length=300)
    url = models.CharField(max_length=200, blank=True)
    # Reminders of one kind go out at most once a day per person.
    key = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when the daily digest took it (whether or not a channel was on): never sent twice.
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "read_at"]),
                   models.Index(fields=["digested_at", "person"])]
        constraints = [models.UniqueConstraint(fields=["person", "key"], condition=~Q(key=""),
                                               name="notification_once_per_key")]
        verbose_name = _("notification")

    def __str__(self) -> str:
        return self.text


class ProgressCount(models.Model):
    """Tasks required and done per activity and branch: the roll-up every progress page and
    gate reads, so a city's dashboard sums thousands of rows, not a million tasks.

    Kept in step by `services.rollup` in the same transaction as every status change;
    `vanguard check-rollups` recounts from the tasks and reports any difference."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="counts")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    activity_key = models.SlugField(max_length=60)
    phase_key = models.SlugField(max_length=40)
    required = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "organization"],
                                               name="progress_count_unique")]
        indexes = [
            models.Index(fields=["campaign", "activity_key"]),
            # A dashboard below the root sums the counters of its branches: found by
            # organization and read from the index alone (PostgreSQL), whatever the city's size.
            models.Index(fields=["campaign", "organization"],
                         include=["phase_key", "done", "required"],
                         name="progress_count_by_org"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_key}@{self.organization_id}: {self.done}/{self.required}"


class Notice(TimeStamped):
    """A notice to an organization's public (通报): how a democratic-life meeting went, a
    branch's evaluation counts … Published notices are shown, newest first, on the school's
    public page without login; a withdrawn one stays in the record but leaves the page."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="notices")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="notices")
    # What it reports on, as "app.model:pk", so each source publishes once.
    source = models.CharField(max_length=80)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=5000)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("public notice")
        constraints = [models.UniqueConstraint(fields=["campaign", "source"],
                                               name="notice_one_per_source")]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """One person's choice for one delivery channel (email, or a gateway a deployment adds);
    without a row the channel's default applies. In-app notifications are always on."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE,
                               related_name="notification_preferences")
    channel = models.CharField(max_length=40)
    enabled = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "channel"],
                                               name="notification_preference_unique")]
        verbose_name = _("notification preference")

    def __str__(self) -> str:
        return f"{self.person_id}:{self.channel}={self.enabled}"


class Digest(models.Model):
    """The one daily digest a person was sent: the unique day makes a second run of the
    task on the same day send nothing."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="digests")
    day = models.DateField()
    notification_count = models.PositiveIntegerField(default=0)
    channels = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-day", "-id"]
        constraints = [models.UniqueConstraint(fields=["person", "day"],
                                               name="digest_once_a_day")]
        verbose_name = _("notification digest")

    def __str__(self) -> str:
        return f"{self.person_id}@{self.day}"


# The school calendar and the iCal feeds live in their own module; imported here so that
# Django finds them and `campaigns.models` stays the one place to import models from.
from vanguard.campaigns.models_calendar import (  # noqa: E402, F401
    CalendarFeed,
    CalendarPeriod,
    TeachingHours,
)
