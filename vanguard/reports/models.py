"""The summary report (总结报告) an organization sends upward: generated from the records,
every figure with where it came from, edited by the office, received by the superior."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Campaign
from vanguard.core.models import Versioned
from vanguard.people.models import Organization

MAX_SECTION = 20_000


class SummaryReport(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Sent to the superior")
        RETURNED = "returned", _("Returned")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reports")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=150)
    # [{key, label, value, unit, source, url}] as computed from the records when generated
    # (or refreshed); the text refers to them, the appendix lists them with their sources.
    figures = models.JSONField(default=list)
    figures_computed_at = models.DateTimeField(null=True, blank=True)
    # {section key: text}: how it was run, main practices, results, problems, next steps.
    sections = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.DRAFT)
    superior = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("sent to"))
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    return_reason = models.CharField(_("reason for return"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("summary report")
        constraints = [models.UniqueConstraint(fields=["campaign", "organization"],
                                               name="report_one_per_organization")]

    def __str__(self) -> str:
        return self.title
