"""The reading list the office sets, and what each member has read."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Campaign
from vanguard.core.models import TimeStamped
from vanguard.people.models import Person


class ReadingItem(TimeStamped):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="readings")
    title = models.CharField(_("title"), max_length=200)
    source = models.CharField(_("source"), max_length=200, blank=True)
    required = models.BooleanField(_("required reading"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-required", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "title"],
                                               name="reading_unique_title")]
        verbose_name = _("reading")

    def __str__(self) -> str:
        return self.title


class ReadingMark(models.Model):
    item = models.ForeignKey(ReadingItem, on_delete=models.CASCADE, related_name="marks")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="readings_done")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "person"], name="read_once")]

    def __str__(self) -> str:
        return f"{self.person}: {self.item}"
