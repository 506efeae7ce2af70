"""The school calendar (terms, exam periods, holidays, teaching hours) and each person's
secret iCal feed address."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vanguard.core.models import TimeStamped
from vanguard.people.models import Organization, Person


class CalendarPeriod(TimeStamped):
    """A term, an exam period or a holiday of a school's calendar (or of a district's, which
    then applies to every school below it). Scheduling reads them: nothing is planned in an
    exam period without an override, and meetings in term time warn of teaching hours."""

    class Kind(models.TextChoices):
        TERM = "term", _("Term")
        EXAM = "exam", _("Exam period")
        HOLIDAY = "holiday", _("Holiday")

    # A school's top organization, or an organization above the schools (the district).
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="calendar_periods")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=60)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["starts_on", "kind", "id"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="calendar_period_ends_after_start")]
        indexes = [models.Index(fields=["organization", "starts_on"])]
        verbose_name = _("calendar period")

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on} – {self.ends_on})"


class TeachingHours(models.Model):
    """When teaching happens on a weekday in term time at one school (or district); without a
    row the settings' default (VANGUARD_TEACHING_HOURS, 08:00–17:00) applies."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE,
                                        related_name="teaching_hours")
    starts_at = models.TimeField(_("teaching starts at"))
    ends_at = models.TimeField(_("teaching ends at"))

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="teaching_hours_end_after_start")]
        verbose_name = _("teaching hours")

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class CalendarFeed(models.Model):
    """A person's secret iCal address. Only the token's SHA-256 is kept: the address is shown
    once, when it is made; revoking deletes the row, so the old address answers 404."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")

    def __str__(self) -> str:
        return f"feed of {self.person_id}"
