"""Self-analyses (党性分析材料): sections from the template, kept version by version, and
the reviews up the chain the tree gives (审阅)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Activity, Campaign
from vanguard.core.models import TimeStamped, Versioned
from vanguard.people.models import Organization, Person

MAX_SECTION_CHARACTERS = 10_000
MAX_COMMENT = 1000


class SelfAnalysis(Versioned):
    """One person's analysis in one campaign. `sections` is the working text (the draft, as
    typed); each submission freezes it into an `AnalysisVersion`. `version` (from Versioned)
    guards against two tabs saving over each other."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Reviewed")
        REVISING = "revising", _("Being revised after the meeting")
        FINAL = "final", _("Revised (final)")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="analyses")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="analyses")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="analyses")
    # The member's branch (the school's top organization for a leader who is not a member).
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    # {section key: sanitized HTML}; the draft between submissions.
    sections = models.JSONField(default=dict, blank=True)
    # {section key: [opinion ids]}: the fed-back opinions each section answers.
    opinion_links = models.JSONField(default=dict, blank=True)
    # Who reviews it, fixed at submission from the chain: a person with an account, or any
    # office of `reviewer_office` (the level above a school's principal leader).
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    reviewer_office = models.ForeignKey(Organization, null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    revised_at = models.DateTimeField(null=True, blank=True)
    times_returned = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("self-analysis")
        constraints = [models.UniqueConstraint(fields=["campaign", "person"],
                                               name="analysis_one_per_person")]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.campaign}"


class AnalysisVersion(models.Model):
    """A submitted text, never changed afterwards. A revision after the meetings (修改完善)
    is a later version marked `is_revision`; the page shows the differences."""

    analysis = models.ForeignKey(SelfAnalysis, on_delete=models.CASCADE,
                                 related_name="versions")
    number = models.PositiveSmallIntegerField()
    sections = models.JSONField(default=dict)
    opinion_links = models.JSONField(default=dict, blank=True)
    characters = models.PositiveIntegerField(default=0)
    is_revision = models.BooleanField(default=False)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["analysis", "number"]
        constraints = [models.UniqueConstraint(fields=["analysis", "number"],
                                               name="analysis_version_unique")]

    def __str__(self) -> str:
        return f"{self.analysis} v{self.number}"


class Review(TimeStamped):
    """A reviewer's decision on one version, with comments per section."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    analysis = models.ForeignKey(SelfAnalysis, on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey(AnalysisVersion, on_delete=models.CASCADE,
                                related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    # {section key: comment}
    comments = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("overall comment"), max_length=MAX_COMMENT, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("review")

    def __str__(self) -> str:
        return f"{self.analysis} · {self.decision}"
