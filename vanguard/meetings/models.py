"""A meeting held by one organization for one activity, and who was expected, present or absent."""

from django.conf import settings
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
        FOLLOW_UP = "follow_up", _("Organizational life meeting on rectification")

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
    # Special meetings (专题组织生活会, 民主生活会): what was said and decided.
    minutes = models.TextField(_("minutes"), max_length=20_000, blank=True)
    minutes_recorded_at = models.DateTimeField(null=True, blank=True)

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
    # At a special meeting, each participant criticises themselves (自我批评) first.
    self_criticism_done = models.BooleanField(_("self-criticism made"), default=False)
    # At the follow-up meeting on rectification, what the member reported of their items.
    progress_note = models.CharField(_("rectification progress"), max_length=500, blank=True)

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


class Criticism(TimeStamped):
    """A criticism given at a special meeting (相互批评): who to whom, a short summary, and
    whether the one criticised accepted it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="criticisms")
    critic = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("given by"))
    target = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("given to"))
    summary = models.CharField(_("summary"), max_length=500)
    accepted = models.BooleanField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("criticism")
        constraints = [models.CheckConstraint(condition=~models.Q(critic=models.F("target")),
                                              name="criticism_not_self")]

    def __str__(self) -> str:
        return f"{self.critic} → {self.target}"


class MaterialPackage(TimeStamped):
    """The democratic-life meeting's materials (minutes, each member's analysis, the
    criticisms), sent to the superior by cadre-management authority, who acknowledges them."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="package")
    superior = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("sent to"))
    sha256 = models.CharField(max_length=64)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField()
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("material package")

    def __str__(self) -> str:
        return f"{self.meeting} → {self.superior}"
