"""Democratic evaluation (民主评议) of a branch's members: self-evaluation, anonymous ballots
(mutual evaluation by members, assessment by non-members), paper tallies keyed in twice,
and the branch committee's grade and evaluation opinion (评议意见).

Ballots are anonymous by schema. Who voted lives in `Participation`, apart from the ballots;
a `Ballot` has a random key, no voter, session or address, and only its evaluation's closing
day for a date. A voter's token is stored hashed on their participation row and spent in the
same transaction as the ballot is written: `SpentToken`'s unique constraint lets one token
write exactly one ballot, however many submissions race.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Activity, Campaign
from vanguard.core.models import TimeStamped
from vanguard.people.models import Organization, Person

MAX_OPINION = 2000


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    QUALIFIED = "qualified", "合格"
    BASIC = "basic", "基本合格"
    UNQUALIFIED = "unqualified", "不合格"


class Round(models.TextChoices):
    MUTUAL = "mutual", _("mutual evaluation by members")
    NON_MEMBER = "non_member", _("assessment by non-members")


class Evaluation(TimeStamped):
    """One branch's evaluation in one campaign."""

    class Stage(models.TextChoices):
        SELF = "self", _("self-evaluation")
        VOTING = "voting", _("ballots open")
        CLOSED = "closed", _("ballots closed")
        GRADED = "graded", _("grades set")
        PUBLISHED = "published", _("counts published")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="evaluations")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="evaluations")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="evaluations", verbose_name=_("branch"))
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices,
                             default=Stage.SELF)
    non_member_round = models.BooleanField(_("non-members assess too"), default=False)
    closes_on = models.DateField(_("ballots close on"), null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("democratic evaluation")
        constraints = [models.UniqueConstraint(fields=["activity", "organization"],
                                               name="evaluation_one_per_branch")]

    def __str__(self) -> str:
        return f"{self.organization} · {self.campaign}"


class SelfEvaluation(TimeStamped):
    """A member's own grade and words (自我评价): named, seen by the branch committee."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE,
                                   related_name="self_evaluations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices)
    text = models.TextField(_("self-evaluation"), max_length=MAX_OPINION, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "person"],
                                               name="self_evaluation_unique")]


class Participation(models.Model):
    """Who may vote in a round and whether they have: never linked to a ballot."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE,
                                   related_name="participation")
    round = models.CharField(max_length=10, choices=Round.choices)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    voted = models.BooleanField(default=False)
    # Marked by the secretary when the person handed in a paper ballot instead.
    on_paper = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "round", "person"],
                                               name="participation_unique")]

    def __str__(self) -> str:
        return f"{self.person} · {self.round}"


class SpentToken(models.Model):
    """A token used up; its uniqueness is what makes one token one ballot."""

    token_hash = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.token_hash[:8]


class Ballot(models.Model):
    """One anonymous ballot: grades for the branch's members, nothing about the voter."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ballots")
    round = models.CharField(max_length=10, choices=Round.choices)
    # The evaluation's closing day, never the moment of voting.
    day = models.DateField()

    class Meta:
        verbose_name = _("ballot")

    def __str__(self) -> str:
        return str(self.pk)


class BallotGrade(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="grades")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    grade = models.CharField(max_length=12, choices=Grade.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "person"],
                                               name="ballot_grade_unique")]

    def __str__(self) -> str:
        return f"{self.person} · {self.grade}"


class PaperTally(TimeStamped):
    """Paper ballots of one round counted by one person: {person id: {grade: count}} and the
    number of ballots. Two people key in independently; they count only when both agree and
    the number matches the participation marked on paper."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE,
                                   related_name="paper_tallies")
    round = models.CharField(max_length=10, choices=Round.choices)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    ballots = models.PositiveIntegerField(_("paper ballots"))
    counts = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "round", "entered_by"],
                                               name="paper_tally_one_per_person")]


class MemberGrade(TimeStamped):
    """The branch committee's grade and evaluation opinion for one member, which the member
    reads and acknowledges."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="grades")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices)
    achievements = models.TextField(_("achievements"), max_length=MAX_OPINION)
    shortcomings = models.TextField(_("shortcomings"), max_length=MAX_OPINION)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation opinion")
        constraints = [models.UniqueConstraint(fields=["evaluation", "person"],
                                               name="member_grade_unique")]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_grade_display()}"
