"""What members write: reading notes and reflections, drafted, submitted, returned, accepted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Campaign
from vanguard.core.models import Versioned
from vanguard.people.models import Organization, Person
from vanguard.study.models.reading import ReadingItem

MAX_BODY_CHARACTERS = 20_000


class Writing(Versioned):
    """The shared shape; `body` is sanitized HTML (nh3), `characters` its visible length."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), blank=True)
    characters = models.PositiveIntegerField(default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.CharField(_("comment"), max_length=1000, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ReadingNote(Writing):
    item = models.ForeignKey(ReadingItem, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="notes", verbose_name=_("reading"))

    class Meta(Writing.Meta):
        indexes = [models.Index(fields=["campaign", "person", "status"])]
        verbose_name = _("reading note")


class Reflection(Writing):
    class Meta(Writing.Meta):
        indexes = [models.Index(fields=["campaign", "person", "status"])]
        verbose_name = _("reflection")
