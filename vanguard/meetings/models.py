"""A meeting held by one organization for one activity, and who was expected, present or absent."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Activity, Assignment
from vanguard.core.models import TimeStamped
from vanguard.people.models import Organization, Person


class Meeting(TimeStamped):
    class Kind(models.TextChoices):
        MOBILIZATION = "mobilization", _("Mobilization meeting")
        ORG_LIFE = "org_life", _("Organizational life meeting")
        DEMOCRATIC_LIFE = "democratic_life", _("Democratic life meeting")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="meetings")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="meetings")
    title = models.CharField(_("title"), max_length=120)
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    speaker = models.CharField(_("speaker"), max_length=60, blank=True,
                               help_text=_("The plan asks the first responsible comrade to speak."))
    duration_minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=120)
    # Signs the QR codes that change every minute; never shown.
    sign_in_secret = models.CharField(max_length=64, blank=True, editable=False)
    makeup_material = models.TextField(
        _("make-up material"), max_length=20_000, blank=True,
        help_text=_("The speech or the recording's link that absentees study to make up."))

    class Meta:
        ordering = ["held_at", "id"]
        constraints = [models.UniqueConstraint(fields=["activity", "organization"],
                                               name="meeting_one_per_activity_and_org")]
        verbose_name = _("meeting")

    def __str__(self) -> str:
        return self.title


class Attendance(TimeStamped):
    class Status(models.TextChoices):
        EXPECTED = "expected", _("Expected")
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attendance")
    # Members must attend; activists are invited and counted apart.
    invited_only = models.BooleanField(_("invited (activist)"), default=False)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.EXPECTED)
    absence_reason = models.CharField(_("reason for absence"), max_length=200, blank=True)
    assignment = models.OneToOneField(Assignment, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="attendance")
    signed_in_at = models.DateTimeField(null=True, blank=True)
    makeup_done_at = models.DateTimeField(_("make-up done at"), null=True, blank=True)

    class Meta:
        ordering = ["invited_only", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="absent") | ~models.Q(absence_reason=""),
                name="absence_has_reason"),
        ]
        verbose_name = _("attendance")

    def __str__(self) -> str:
        return f"{self.meeting} — {self.person}"
