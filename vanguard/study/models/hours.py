"""Study sessions, the hours ledger, each member's running totals, and exemptions."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Activity, Campaign
from vanguard.core.models import TimeStamped
from vanguard.people.models import Organization, Person

MAX_HOURS_A_DAY = Decimal(24)


class StudyKind(models.TextChoices):
    """The forms of study the seed plan lists; `self` is self-study, counted apart."""

    CONCENTRATED = "concentrated", _("Concentrated study of the texts")
    TUTORING = "tutoring", _("Tutoring on a topic")
    PARTY_LECTURE = "party_lecture", _("Party lecture")
    SITUATION_REPORT = "situation_report", _("Situation report")
    EXEMPLARY_DEEDS = "exemplary_deeds", _("Report on exemplary deeds")
    WARNING_EDUCATION = "warning_education", _("Warning education")
    VISIT = "visit", _("Visit")
    DISCUSSION = "discussion", _("Discussion and exchange")
    SELF = "self", _("Self-study")


class StudySession(TimeStamped):
    """One organized study session of an organization, for the plan's study activity."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="sessions")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="study_sessions")
    kind = models.CharField(_("kind"), max_length=20,
                            choices=[c for c in StudyKind.choices if c[0] != "self"])
    title = models.CharField(_("title"), max_length=120)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    place = models.CharField(_("place"), max_length=120, blank=True)
    speaker = models.CharField(_("speaker"), max_length=60, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [models.CheckConstraint(
            condition=Q(hours__gt=0) & Q(hours__lte=MAX_HOURS_A_DAY), name="session_hours_range")]
        verbose_name = _("study session")

    def __str__(self) -> str:
        return self.title


class HoursEntry(TimeStamped):
    """One line of a member's hours ledger: attendance at a session, self-study, or an import."""

    class Source(models.TextChoices):
        SESSION = "session", _("Session attendance")
        SELF = "self", _("Self-study log")
        IMPORT = "import", _("Imported from Excel")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="hours")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="hours")
    # The person's branch when the hours were recorded: roll-ups group by its path.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(StudySession, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="entries")
    kind = models.CharField(_("kind"), max_length=20, choices=StudyKind.choices)
    title = models.CharField(_("activity"), max_length=120)
    studied_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    source = models.CharField(max_length=8, choices=Source.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-studied_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=MAX_HOURS_A_DAY),
                                   name="entry_hours_range"),
            models.UniqueConstraint(fields=["session", "person"],
                                    condition=Q(session__isnull=False),
                                    name="entry_once_per_session"),
        ]
        indexes = [models.Index(fields=["campaign", "person", "studied_on"])]
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")

    def __str__(self) -> str:
        return f"{self.person} {self.studied_on} {self.hours}"

    @property
    def organized(self) -> bool:
        return self.kind != StudyKind.SELF


class HoursTotal(models.Model):
    """A member's running totals for a campaign, kept in step by the services that write the
    ledger, so that "who is behind" is one indexed query even with millions of entries."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="hour_totals")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="hour_totals")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    organized = models.DecimalField(max_digits=6, decimal_places=1, default=Decimal(0))
    self_study = models.DecimalField(max_digits=6, decimal_places=1, default=Decimal(0))
    # Organized hours per kind, for templates that set minimums for some kinds.
    by_kind = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "person"],
                                               name="hours_total_unique")]
        indexes = [models.Index(fields=["campaign", "organized"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.organized}"


class HoursExemption(TimeStamped):
    """A member excused from the hours minimum, with the reason on record."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="exemptions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="exemptions")
    reason = models.CharField(_("reason"), max_length=300)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "person"],
                                               name="exemption_unique")]
        verbose_name = _("hours exemption")

    def __str__(self) -> str:
        return f"{self.person}: {self.reason}"
