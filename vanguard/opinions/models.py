"""Opinions (意见) about members, leaders and organizations, from every channel the plan
names, and the feedback (反馈) the office releases to each subject.

An anonymous opinion is anonymous by schema: its key is random (no sequence to line up with
a log), it has no account, address, session or time finer than the day, and its receipt is
kept only as a slow hash. Named opinions keep the giver for the office alone.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vanguard.campaigns.models import Activity, Campaign
from vanguard.core.models import TimeStamped
from vanguard.people.models import Organization, Person

MAX_TEXT = 2000
MAX_RESPONSE = 1000


class Subject(models.TextChoices):
    """Whom an opinion is about. A member or leader is a person; the others are an
    organization: the branch, or the school's top organization for its team and itself."""

    MEMBER = "member", _("a member")
    LEADER = "leader", _("a leader")
    BRANCH = "branch", _("a branch")
    TEAM = "team", _("the school's leadership team")
    PARTY_ORG = "party_org", _("the school's party organization")


PERSON_SUBJECTS = (Subject.MEMBER, Subject.LEADER)


class Category(models.TextChoices):
    THOUGHT = "thought", _("thinking")
    WORK = "work", _("work")
    STYLE = "style", _("style of conduct")
    OTHER = "other", _("other")


class Channel(models.TextChoices):
    SYMPOSIUM = "symposium", _("symposium")
    TALK = "talk", _("individual talk")
    BOX = "box", _("opinion box")
    FORM = "form", _("opinion form")
    HOTLINE = "hotline", _("hotline")
    WEB = "web", _("web form")


# Channels whose opinions a staff member types in (paper slips, calls, what was said).
STAFF_CHANNELS = (Channel.SYMPOSIUM, Channel.TALK, Channel.BOX, Channel.FORM, Channel.HOTLINE)


class SourceGroup(models.TextChoices):
    MEMBER = "member", _("party member")
    STAFF = "staff", _("non-member staff")
    STUDENT = "student", _("student")
    PARENT = "parent", _("parent")
    RETIRED = "retired", _("retired cadre")
    DEMOCRATIC = "democratic", _("democratic parties")


class Intake(TimeStamped):
    """One plan's opinion intake (a school's, usually): the public form's link and the
    office's rule on typed-in slips. Created with the plan's `opinions.intake` activity."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="intake")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="intakes")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    # The random part of the public form's address (link and printed QR code).
    form_key = models.CharField(max_length=32, unique=True)
    is_open = models.BooleanField(_("open for opinions"), default=True)
    second_check = models.BooleanField(
        _("typed-in opinions count only after a second person confirms them"), default=False)

    class Meta:
        verbose_name = _("opinion intake")

    def __str__(self) -> str:
        return f"{self.organization} · {self.activity.name}"


class Symposium(TimeStamped):
    """A symposium (座谈会): what was said is entered as opinions, not who said it."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="symposia")
    organization = models.ForeignKey(Organization, verbose_name=_("held by"),
                                     on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("held on"))
    attendance = models.PositiveIntegerField(_("number attending"))
    attendees = models.CharField(_("who attended"), max_length=300,
                                 help_text=_("Groups and numbers, not names: “12 teachers, "
                                             "3 retired cadres”."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("symposium")

    def __str__(self) -> str:
        return f"{self.organization} {self.held_on}"


class Feedback(TimeStamped):
    """What the office released to one subject (如实反馈): the sorted opinions about them,
    possibly none. A member's feedback is read when they have marked every opinion read."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="feedback")
    subject_kind = models.CharField(_("subject"), max_length=10, choices=Subject.choices)
    subject_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE,
                                       related_name="feedback")
    # The member's branch; the school's top organization for a leader, the team and itself.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    released_on = models.DateField(_("released on"), null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    read_on = models.DateField(_("read on"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "subject_kind", "subject_person"],
                                    condition=Q(subject_person__isnull=False),
                                    name="feedback_unique_person"),
            models.UniqueConstraint(fields=["campaign", "subject_kind", "organization"],
                                    condition=Q(subject_person__isnull=True),
                                    name="feedback_unique_organization"),
        ]
        indexes = [models.Index(fields=["campaign", "subject_kind", "released_on"])]

    def __str__(self) -> str:
        return str(self.subject_person or self.organization)


class Opinion(models.Model):
    """One opinion. No `created_at`: an anonymous one may not carry a time finer than the day.
    The office's changes (summary, routing, merging, release) are in the audit log."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("waiting for a second person's check")
        RECEIVED = "received", _("received")
        SORTED = "sorted", _("sorted")
        MERGED = "merged", _("merged into another")
        SET_ASIDE = "set_aside", _("set aside")
        RELEASED = "released", _("fed back")
        ANSWERED = "answered", _("answered in rectification")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="opinions")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="opinions")
    subject_kind = models.CharField(_("about"), max_length=10, choices=Subject.choices)
    subject_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="opinions_about")
    # Where the opinion belongs for scope: as on Feedback.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    source_group = models.CharField(_("source group"), max_length=10,
                                    choices=SourceGroup.choices)
    text = models.TextField(_("opinion"), max_length=MAX_TEXT)
    summary = models.TextField(_("neutral summary"), max_length=MAX_TEXT, blank=True)
    received_on = models.DateField(_("received on"))
    anonymous = models.BooleanField(_("anonymous"), default=True)
    # Named opinions only; shown to the office, never to the subject.
    giver = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="opinions_given")
    giver_name = models.CharField(_("giver's name"), max_length=50, blank=True)
    symposium = models.ForeignKey(Symposium, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="opinions")
    on_paper = models.BooleanField(_("typed in from paper or a call"), default=False)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.RECEIVED)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged")
    # How many opinions this one stands for after merging (itself included).
    weight = models.PositiveIntegerField(default=1)
    set_aside_reason = models.CharField(_("reason for setting aside"), max_length=200,
                                        blank=True)
    feedback = models.ForeignKey(Feedback, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="opinions")
    read_on = models.DateField(_("read on"), null=True, blank=True)
    response = models.TextField(_("response"), max_length=MAX_RESPONSE, blank=True)
    # Anonymous opinions given on the web: the slow hash of the receipt code, nothing else.
    receipt_hash = models.CharField(max_length=128, null=True, blank=True, unique=True,
                                    editable=False)

    class Meta:
        ordering = ["-received_on", "id"]
        verbose_name = pgettext_lazy("an opinion given", "opinion")
        indexes = [
            models.Index(fields=["campaign", "status"]),
            models.Index(fields=["campaign", "subject_kind", "subject_person"]),
            models.Index(fields=["campaign", "channel", "source_group"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject_kind__in=PERSON_SUBJECTS, subject_person__isnull=False)
                | (~Q(subject_kind__in=PERSON_SUBJECTS) & Q(subject_person__isnull=True)),
                name="opinion_subject_shape"),
            models.CheckConstraint(
                condition=Q(anonymous=False) | (Q(giver__isnull=True) & Q(giver_name="")),
                name="opinion_anonymous_has_no_giver"),
        ]

    def __str__(self) -> str:
        # Neutral on purpose: the audit log copies this label, and it must carry no words
        # of the opinion (which could identify the giver) into a table kept for a year.
        return f"{self.get_subject_kind_display()} · {str(self.pk)[:8]}"

    @property
    def counts(self) -> bool:
        """Whether it is part of the figures: confirmed, and not folded into another."""
        return self.status not in (self.Status.UNCONFIRMED, self.Status.MERGED,
                                   self.Status.SET_ASIDE)
