"""Rectification (整改提高): plans for members, primary organizations and leadership teams,
their items on the ledger (整改台账), evidence, the disclosures to the public (公布整改) and the
lasting rules (长效机制) the organization adopts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Activity, Campaign
from vanguard.core.models import TimeStamped, Versioned
from vanguard.evaluations.models import MemberGrade
from vanguard.opinions.models import Opinion
from vanguard.people.models import Organization, Person

MAX_PROBLEM = 1000
MAX_MEASURES = 2000
MAX_STANDARD = 500
MAX_EXPLANATION = 1000
MAX_EVIDENCE_TEXT = 2000


class Owner(models.TextChoices):
    """Whose plan it is, as the plan says: each member, each primary organization, and each
    school's leadership team."""

    MEMBER = "member", _("a member")
    ORGANIZATION = "organization", _("a primary organization")
    TEAM = "team", _("the school's leadership team")


class RectificationPlan(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE,
                                 related_name="rectification_plans")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE,
                                 related_name="rectification_plans")
    owner_kind = models.CharField(_("owner"), max_length=12, choices=Owner.choices)
    # The member, for a member's plan.
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="rectification_plans")
    # The member's branch; the organization itself; the school's top organization for a team.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    return_reason = models.CharField(_("reason for return"), max_length=1000, blank=True)
    # Set when a re-rectification (重新整改) is ordered after an assessment most are not
    # satisfied with: the plan is open for new items again.
    reopened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rectification plan")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"],
                                    condition=Q(owner_kind="member"),
                                    name="rectification_plan_one_per_member"),
            models.UniqueConstraint(fields=["campaign", "owner_kind", "organization"],
                                    condition=~Q(owner_kind="member"),
                                    name="rectification_plan_one_per_unit"),
            models.CheckConstraint(
                condition=(Q(owner_kind="member") & Q(person__isnull=False))
                | (~Q(owner_kind="member") & Q(person__isnull=True)),
                name="rectification_plan_owner_shape"),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.organization} · {self.get_owner_kind_display()}"


class Item(TimeStamped):
    """One line of the ledger, with the "five clear" of common practice: the problem, the
    responsible person, the standard, the measures, the deadline."""

    class Class(models.TextChoices):
        NOW = "now", _("can be solved now")
        HARD = "hard", _("hard, but must be solved")
        LATER = "later", _("cannot be solved yet")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        VERIFIED = "verified", _("Verified")

    plan = models.ForeignKey(RectificationPlan, on_delete=models.CASCADE, related_name="items")
    # Denormalized from the plan, for the ledger's filters and scope in one query.
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    problem = models.TextField(_("problem"), max_length=MAX_PROBLEM)
    opinions = models.ManyToManyField(Opinion, blank=True, related_name="rectification_items",
                                      verbose_name=_("opinions it answers"))
    evaluation = models.ForeignKey(MemberGrade, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("evaluation finding it answers"))
    responsible = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="rectification_items")
    responsible_name = models.CharField(_("responsible person"), max_length=50)
    standard = models.CharField(_("standard to reach"), max_length=MAX_STANDARD, blank=True)
    measures = models.TextField(_("measures"), max_length=MAX_MEASURES, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    item_class = models.CharField(_("class"), max_length=6, choices=Class.choices,
                                  default=Class.NOW)
    # For "cannot be solved yet": what the public is told instead of a deadline.
    explanation = models.TextField(_("explanation to the public"), max_length=MAX_EXPLANATION,
                                   blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    # A member's item is public only where the template says so.
    public = models.BooleanField(_("shown in the disclosure"), default=True)

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("rectification item")
        indexes = [models.Index(fields=["campaign", "status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(item_class="later") | Q(deadline__isnull=False),
                name="item_has_deadline_unless_later"),
            models.CheckConstraint(
                condition=~Q(item_class="later") | ~Q(explanation=""),
                name="item_later_has_explanation"),
        ]

    def __str__(self) -> str:
        return self.problem[:40]


class Evidence(TimeStamped):
    """What shows an item done: a text, a file, or both. Files live under MEDIA_ROOT with
    their digest; the type and size are checked on upload."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="evidence")
    text = models.TextField(_("evidence"), max_length=MAX_EVIDENCE_TEXT, blank=True)
    file = models.FileField(_("file"), upload_to="rectification/%Y/%m/", blank=True,
                            max_length=200)
    file_name = models.CharField(max_length=120, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("evidence")

    def __str__(self) -> str:
        return self.file_name or self.text[:40]


class Disclosure(models.Model):
    """A frozen snapshot of what a school published (plans, measures, results, lasting
    rules), with the digest of its content. A correction is a new snapshot; the old one
    stays visible, marked superseded. Never edited after publication."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="disclosures")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="disclosures")
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=120)
    content = models.JSONField()
    sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    superseded_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="supersedes")
    correction_note = models.CharField(_("what was corrected"), max_length=500, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("disclosure")
        constraints = [models.UniqueConstraint(fields=["campaign", "organization", "number"],
                                               name="disclosure_number_unique")]

    def __str__(self) -> str:
        return f"{self.title} #{self.number}"

    def save(self, *args, **kwargs):
        """A published snapshot is frozen: only `superseded_by` may ever change."""
        if self.pk is not None and kwargs.get("update_fields") != ["superseded_by"]:
            raise ValueError("A published disclosure is never edited; publish a correction.")
        super().save(*args, **kwargs)


class LastingRule(TimeStamped):
    """A rule the organization adopts to keep the results (长效机制), published with the
    disclosure."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="lasting_rules")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), max_length=10_000)
    adopted_on = models.DateField(_("adopted on"))
    owner = models.CharField(_("responsible department or person"), max_length=60)

    class Meta:
        ordering = ["adopted_on", "id"]
        verbose_name = _("lasting rule")

    def __str__(self) -> str:
        return self.title
