"""The big discussion (大讨论), its posts, and the requirements (先进性具体要求) it distils."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Campaign
from vanguard.core.models import TimeStamped
from vanguard.people.models import Organization, Person


class Discussion(TimeStamped):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="discussions")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="discussions")
    question = models.CharField(_("question"), max_length=300)
    is_open = models.BooleanField(_("open for posts"), default=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("discussion")

    def __str__(self) -> str:
        return self.question


class Post(TimeStamped):
    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="replies")
    text = models.TextField(_("text"), max_length=2000)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=200, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["discussion", "author"])]
        verbose_name = _("post")

    def __str__(self) -> str:
        return self.text[:40]


class Requirement(TimeStamped):
    """One concrete standard of advanced nature the office distilled from the discussion."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE,
                                 related_name="requirement_list")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("requirement"), max_length=300)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("requirement")

    def __str__(self) -> str:
        return self.text
