"""Who leads a campaign and answers for it (leading groups and their offices), who checks it
from above (supervision groups, their visits, findings and good practices), and whether every
member is reached (contact attempts with graduates, where each member takes part)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Campaign
from vanguard.core.models import TimeStamped
from vanguard.people.models import Member, Organization, Person, School


class LeadingGroup(TimeStamped):
    """领导小组 of one level (the district's committee, a school's committee) for a campaign,
    with its office (办公室). Roles follow from its seats (`services.leading.sync_roles`)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE,
                                 related_name="leading_groups")
    organization = models.ForeignKey(Organization, verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="leading_groups")
    name = models.CharField(_("name"), max_length=100)
    office_name = models.CharField(_("office"), max_length=100, blank=True)
    duties = models.TextField(_("duties of the office"), max_length=4000, blank=True)

    class Meta:
        ordering = ["organization__path"]
        constraints = [models.UniqueConstraint(fields=["campaign", "organization"],
                                               name="leading_group_unique_org")]
        verbose_name = _("leading group")

    def __str__(self) -> str:
        return self.name


class Seat(TimeStamped):
    """One person's place in a leading group or its office, with their duty."""

    class Post(models.TextChoices):
        HEAD = "head", _("Head (first responsible person)")
        DEPUTY = "deputy", _("Deputy head")
        MEMBER = "member", _("Group member")
        OFFICE_HEAD = "office_head", _("Head of the office")
        OFFICE_STAFF = "office_staff", _("Office staff")

    # Seats of the group itself make leaders; seats of the office make office staff.
    GROUP_POSTS = (Post.HEAD, Post.DEPUTY, Post.MEMBER)
    OFFICE_POSTS = (Post.OFFICE_HEAD, Post.OFFICE_STAFF)

    group = models.ForeignKey(LeadingGroup, on_delete=models.CASCADE, related_name="seats")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="leading_group_seats")
    post = models.CharField(_("post"), max_length=12, choices=Post.choices)
    duty = models.CharField(_("duty"), max_length=200, blank=True)

    class Meta:
        ordering = ["group", "post", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "person", "post"], name="seat_unique"),
            models.UniqueConstraint(fields=["group"], condition=Q(post="head"),
                                    name="seat_one_head"),
            models.UniqueConstraint(fields=["group"], condition=Q(post="office_head"),
                                    name="seat_one_office_head"),
        ]
        verbose_name = _("seat")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_post_display()})"


class SupervisionGroup(TimeStamped):
    """督导组 sent by a superior organization to a set of schools for a period."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE,
                                 related_name="supervision_groups")
    organization = models.ForeignKey(Organization, verbose_name=_("sent by"),
                                     on_delete=models.PROTECT, related_name="supervision_groups")
    name = models.CharField(_("name"), max_length=100)
    leader = models.ForeignKey(Person, verbose_name=_("group leader"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField(Person, verbose_name=_("members"),
                                     related_name="supervision_groups")
    schools = models.ManyToManyField(School, verbose_name=_("schools covered"),
                                     related_name="supervision_groups")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    closed_at = models.DateTimeField(_("recalled at"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "name"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="supervision_group_period")]
        verbose_name = _("supervision group")

    def __str__(self) -> str:
        return self.name


class Visit(TimeStamped):
    """A planned visit of a group to one school; `held_on` once it took place."""

    group = models.ForeignKey(SupervisionGroup, on_delete=models.CASCADE, related_name="visits")
    school = models.ForeignKey(School, verbose_name=_("school"), on_delete=models.PROTECT,
                               related_name="+")
    planned_on = models.DateField(_("planned on"))
    purpose = models.TextField(_("purpose"), max_length=2000)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=8000, blank=True)

    class Meta:
        ordering = ["planned_on", "id"]
        verbose_name = _("visit")

    def __str__(self) -> str:
        return f"{self.school} {self.planned_on}"


class Finding(TimeStamped):
    """A problem the group found at a school: the school answers, the group closes it."""

    class Severity(models.TextChoices):
        MINOR = "minor", _("Minor")
        SERIOUS = "serious", _("Serious")
        GRAVE = "grave", _("Grave")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    group = models.ForeignKey(SupervisionGroup, on_delete=models.CASCADE,
                              related_name="findings")
    school = models.ForeignKey(School, verbose_name=_("school"), on_delete=models.PROTECT,
                               related_name="supervision_findings")
    visit = models.ForeignKey(Visit, verbose_name=_("visit"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="findings")
    problem = models.TextField(_("problem"), max_length=4000)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    recommendation = models.TextField(_("recommendation"), max_length=4000)
    due_on = models.DateField(_("answer due on"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.OPEN)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    answer = models.TextField(_("the school's answer"), max_length=4000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    closing_note = models.TextField(_("closing note"), max_length=2000, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["school", "status"])]
        verbose_name = _("finding")

    def __str__(self) -> str:
        return self.problem[:40]


class GoodPractice(TimeStamped):
    """A good practice a group saw at a school, to spread (推广经验)."""

    group = models.ForeignKey(SupervisionGroup, on_delete=models.CASCADE,
                              related_name="good_practices")
    school = models.ForeignKey(School, verbose_name=_("school"), on_delete=models.PROTECT,
                               related_name="+")
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), max_length=8000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    shared_at = models.DateTimeField(_("shared with all schools at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("good practice")

    def __str__(self) -> str:
        return self.title


class ContactAttempt(TimeStamped):
    """组织找党员: one attempt to reach a member (a graduate whose relation stays here)."""

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        MESSAGE = "message", _("Text or WeChat message")
        EMAIL = "email", _("Email")
        LETTER = "letter", _("Letter")
        VISIT = "visit", _("Visit")
        THROUGH_OTHERS = "others", _("Through family, classmates or employer")

    class Result(models.TextChoices):
        REACHED = "reached", _("Reached")
        NO_ANSWER = "no_answer", _("No answer")
        WRONG_CONTACT = "wrong", _("Contact details out of date")
        MESSAGE_LEFT = "left", _("Message left")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.CASCADE,
                               related_name="contact_attempts")
    made_on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-made_on", "-id"]
        indexes = [models.Index(fields=["campaign", "member", "result"])]
        verbose_name = _("contact attempt")

    def __str__(self) -> str:
        return f"{self.member} {self.made_on} {self.result}"


def participation_report_path(instance, filename: str) -> str:
    # Private media: served only through a scope-checked view; the stored name is not the
    # uploaded one (which may carry a person's name).
    import secrets
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"oversight/reports/{instance.campaign_id}/{secrets.token_hex(12)}.{suffix}"


class Participation(TimeStamped):
    """Where one member takes part in a campaign when not simply with their branch: a graduate
    back at the school or where they live (reporting to the school), or a member elsewhere for
    a reason (long sick leave, abroad)."""

    class Mode(models.TextChoices):
        AT_SCHOOL = "school", _("Back at the school")
        WHERE_LIVING = "local", _("Where they live, reporting to the school")
        ELSEWHERE = "elsewhere", _("Elsewhere, for a reason")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="participations")
    mode = models.CharField(_("takes part"), max_length=9, choices=Mode.choices)
    place = models.CharField(_("where"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    report_file = models.FileField(_("report"), upload_to=participation_report_path,
                                   blank=True)
    report_name = models.CharField(max_length=200, blank=True)
    report_received_on = models.DateField(_("report received on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "member"],
                                               name="participation_unique_member")]
        verbose_name = _("participation")

    def __str__(self) -> str:
        return f"{self.member} {self.mode}"
