"""Models of publicity: themed practice activities, exemplars, news and the public campaign page.

Nothing here is public by itself: a news item is public once someone other than its writer
published it (and until it is withdrawn); an exemplar once approved by someone other than its
nominator and published; a photo only when it was marked for publication and its activity is
linked from a published news item.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Campaign
from vanguard.core.models import TimeStamped
from vanguard.people.models import Organization, Person

MAX_TITLE = 150
MAX_PLACE = 120
MAX_DESCRIPTION = 4000
MAX_DEEDS = 4000
MAX_BODY = 20000
MAX_CAPTION = 200
MAX_REASON = 1000


class PracticeActivity(TimeStamped):
    """A themed practice activity (主题实践活动) an organization held under one of the
    campaign template's themes."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE,
                                 related_name="practice_activities")
    organization = models.ForeignKey(Organization, verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="+")
    # A key of the campaign's template themes (checked by the service against the frozen
    # template the campaign was launched with).
    theme = models.CharField(_("theme"), max_length=40)
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=MAX_PLACE, blank=True)
    description = models.TextField(_("description"), max_length=MAX_DESCRIPTION, blank=True)
    participants = models.ManyToManyField(Person, verbose_name=_("participants"), blank=True,
                                          related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["campaign", "theme"])]
        verbose_name = _("practice activity")

    def __str__(self) -> str:
        return self.title


class Photo(TimeStamped):
    """A photo of an activity: a JPEG or PNG (by its bytes), kept privately under MEDIA_ROOT
    and served only through views that check scope (or that it is public)."""

    activity = models.ForeignKey(PracticeActivity, on_delete=models.CASCADE,
                                 related_name="photos")
    file = models.FileField(upload_to="publicity/%Y/%m/", max_length=200)
    content_type = models.CharField(max_length=20)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    caption = models.CharField(_("caption"), max_length=MAX_CAPTION, blank=True)
    # Chosen at upload: may this photo be shown with a published news item about the activity?
    # (Photos of students, for instance, may stay internal.)
    for_publication = models.BooleanField(_("may be shown publicly"), default=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                 on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("photo")

    def __str__(self) -> str:
        return self.caption or f"photo {self.pk}"


class Exemplar(TimeStamped):
    """A member held up as an example (先进典型): nominated, decided by someone else, and
    then published on the public page (or not)."""

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="exemplars")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="+")
    organization = models.ForeignKey(Organization, verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="+")
    deeds = models.TextField(_("deeds"), max_length=MAX_DEEDS)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.NOMINATED)
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(max_length=MAX_REASON, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="exemplar_once_per_person"),
            models.CheckConstraint(condition=models.Q(published_at__isnull=True)
                                   | models.Q(status="approved"),
                                   name="exemplar_published_only_approved"),
        ]
        verbose_name = _("exemplar")

    def __str__(self) -> str:
        return str(self.person)


class NewsItem(TimeStamped):
    """A piece of news about the campaign (宣传): written, submitted, published by a reviewer
    who is not the writer, and possibly withdrawn again."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="news")
    organization = models.ForeignKey(Organization, verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    # Plain text: pasted markup is reduced to text by the service; shown with line breaks.
    body = models.TextField(_("text"), max_length=MAX_BODY)
    activity = models.ForeignKey(PracticeActivity, verbose_name=_("about the activity"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="news")
    exemplar = models.ForeignKey(Exemplar, verbose_name=_("about the exemplar"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="news")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    review_note = models.TextField(max_length=MAX_REASON, blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["campaign", "status", "published_at"])]
        verbose_name = _("news item")

    def __str__(self) -> str:
        return self.title
