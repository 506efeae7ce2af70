"""Abstract base models shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Versioned(TimeStamped):
    """A record two people may edit at once: saves carry the version they started from."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
