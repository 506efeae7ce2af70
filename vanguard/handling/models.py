"""The handling register (组织处理 / 纪律处分): per member, the education and help given, and,
when it comes to that, the organizational handling or disciplinary case with its steps and
documents. Kept by the leading group's office head and the principal leader only; every look
at it is audited; elsewhere it appears only as a count (`selectors.open_case_count`).

Nothing here names a member outside the register: a case's and a document's `str()` (which
the audit log copies as its target label) carry only their number."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Campaign
from vanguard.core.models import TimeStamped
from vanguard.people.models import Member, Organization

MAX_TEXT = 4000
MAX_OUTCOME = 4000


class Case(TimeStamped):
    """One member's case, kept at the school's top organization (or, for a member above the
    schools, at the level whose leading group runs the campaign there)."""

    class Kind(models.TextChoices):
        EDUCATION = "education", _("Education and help")
        ORGANIZATIONAL = "organizational", _("Organizational handling")
        DISCIPLINARY = "disciplinary", _("Disciplinary case")

    class Measure(models.TextChoices):
        # 组织处置 (《中国共产党章程》 art. 9 and the rules on members who fall short)
        CORRECT = "correct", _("Correction within a set time (限期改正)")
        PERSUADE = "persuade", _("Persuaded to withdraw (劝退)")
        REMOVE = "remove", _("Removed from the party rolls (除名)")
        # 纪律处分 (《中国共产党纪律处分条例》)
        WARNING = "warning", _("Warning (警告)")
        SERIOUS_WARNING = "serious_warning", _("Serious warning (严重警告)")
        REMOVAL_FROM_POST = "post_removal", _("Removal from party posts (撤销党内职务)")
        PROBATION = "probation", _("Probation within the party (留党察看)")
        EXPULSION = "expulsion", _("Expulsion from the party (开除党籍)")

    # Which measures a kind of case may end with (none at all is always possible).
    MEASURES = {
        Kind.EDUCATION: (),
        Kind.ORGANIZATIONAL: (Measure.CORRECT, Measure.PERSUADE, Measure.REMOVE),
        Kind.DISCIPLINARY: (Measure.WARNING, Measure.SERIOUS_WARNING, Measure.REMOVAL_FROM_POST,
                            Measure.PROBATION, Measure.EXPULSION),
    }

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT,
                               related_name="handling_cases")
    organization = models.ForeignKey(Organization, verbose_name=_("kept at"),
                                     on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    grounds = models.TextField(_("grounds"), max_length=MAX_TEXT)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.OPEN)
    opened_on = models.DateField(_("opened on"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    measure = models.CharField(_("measure decided"), max_length=16, blank=True,
                               choices=Measure.choices)
    outcome = models.TextField(_("outcome"), max_length=MAX_OUTCOME, blank=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["organization", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(status="open") | Q(closed_on__isnull=False),
                                   name="handling_case_closed_on"),
        ]
        verbose_name = _("handling case")

    def __str__(self) -> str:
        return f"case {self.pk}"


class Step(TimeStamped):
    """One step of a case: a talk or help record, the branch's discussion, the decision, the
    higher committee's approval, the notification to the member, an appeal."""

    class Kind(models.TextChoices):
        TALK = "talk", _("Talk or help record")
        DISCUSSION = "discussion", _("Branch discussion")
        DECISION = "decision", _("Decision")
        APPROVAL = "approval", _("Approval by the higher committee")
        NOTIFICATION = "notification", _("Notification to the member")
        APPEAL = "appeal", _("Appeal")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=12, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    text = models.TextField(_("record"), max_length=MAX_TEXT)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["happened_on", "id"]
        verbose_name = _("step")

    def __str__(self) -> str:
        return f"step {self.pk}"


def document_path(instance, filename: str) -> str:
    """A random name under the case's folder: the file's own name (which may name the member)
    is kept only in the database, never on disk."""
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"handling/{instance.step.case_id}/{secrets.token_hex(12)}.{suffix}"


class Document(TimeStamped):
    """A file of a step (a talk record, a decision, an approval …): a private file, checked
    by its bytes on upload, served only through the register's permission-checked view."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    file_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                 on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("document")

    def __str__(self) -> str:
        return f"document {self.pk}"
