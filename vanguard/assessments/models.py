"""Satisfaction assessment (满意度测评) at the end of the concentrated phase, and the remedial
round (补课) when most are not satisfied.

Two parts, as the plan says: named representatives of staff and students, and a random
sample drawn from the school's public roster, stratified by group. The sample is reproducible:
its seed and a digest of the roster it was drawn from are recorded. Answers are anonymous the
way ballots are: `Respondent` (who may answer, whether they did) is kept apart from
`Response` (random key, group, the closing day, no person), and a token is spent under a
unique constraint in the response's own transaction.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Activity, Campaign
from vanguard.core.models import TimeStamped
from vanguard.people.models import Organization, Person


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    FAIRLY = "fairly", "比较满意"
    BASIC = "basic", "基本满意"
    NOT = "not", "不满意"


class Part(models.TextChoices):
    REPRESENTATIVE = "representative", _("representatives")
    SAMPLE = "sample", _("random sample")


class Assessment(TimeStamped):
    class State(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assessments")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="assessments")
    # The school's top organization.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    # 1 for the assessment the plan asks for; 2, 3 … for the ones of remedial rounds.
    round = models.PositiveSmallIntegerField(default=1)
    remedial = models.ForeignKey("RemedialRound", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="assessments")
    # [{key, text}] from the template, frozen when the assessment is made.
    questions = models.JSONField(default=list)
    state = models.CharField(_("state"), max_length=6, choices=State.choices,
                             default=State.DRAFT)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    # The sample: margin of error and confidence asked for, the seed and the roster's digest.
    margin = models.DecimalField(_("margin of error"), max_digits=4, decimal_places=3,
                                 null=True, blank=True)
    confidence = models.DecimalField(_("confidence level"), max_digits=4, decimal_places=3,
                                     default="0.950")
    seed = models.CharField(max_length=64, blank=True)
    roster_sha256 = models.CharField(max_length=64, blank=True)
    # {group: people in the stratum} when the sample was drawn: the finite population
    # correction of the results must use the roster the sample came from, not today's.
    roster_sizes = models.JSONField(default=dict, blank=True)
    # {group: [person ids, ascending]}: the frame itself, whose digest is `roster_sha256`, so
    # the draw can be checked again after the roster changes (imports, people leaving).
    roster_listing = models.JSONField(default=dict, blank=True)
    sample_drawn_at = models.DateTimeField(null=True, blank=True)
    sample_drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("satisfaction assessment")
        constraints = [models.UniqueConstraint(fields=["campaign", "organization", "round"],
                                               name="assessment_round_unique")]

    def __str__(self) -> str:
        return f"{self.organization} · {self.round}"


class Respondent(models.Model):
    """Who may answer, in which part and group, and whether they have: never linked to a
    response. The token is stored hashed."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE,
                                   related_name="respondents")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    part = models.CharField(max_length=16, choices=Part.choices)
    group = models.CharField(max_length=10)  # a stratum: staff, student, parent …
    token_hash = models.CharField(max_length=64, unique=True)
    answered = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "person"],
                                               name="respondent_unique")]

    def __str__(self) -> str:
        return f"{self.person} · {self.part}"


class SpentToken(models.Model):
    token_hash = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.token_hash[:8]


class Response(models.Model):
    """One anonymous response: the part and group it counts in, the closing day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE,
                                   related_name="responses")
    part = models.CharField(max_length=16, choices=Part.choices)
    group = models.CharField(max_length=10)
    day = models.DateField()

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=40)
    rating = models.CharField(max_length=10, choices=Rating.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"],
                                               name="answer_unique")]

    def __str__(self) -> str:
        return f"{self.question} · {self.rating}"


class RemedialRound(TimeStamped):
    """补课 (after an assessment most are not satisfied with) or 重新整改 (after a
    rectification whose result most are not satisfied with), under the superior's
    supervision, with its own tasks and a new assessment."""

    class Kind(models.TextChoices):
        REMEDIAL = "remedial", _("remedial round (补课)")
        RE_RECTIFICATION = "re_rectify", _("re-rectification (重新整改)")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE,
                                 related_name="remedial_rounds")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    triggered_by = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="+")
    # What the rule saw: the share not satisfied and the threshold it was held against.
    dissatisfied_share = models.DecimalField(max_digits=5, decimal_places=4)
    threshold = models.CharField(max_length=20)
    supervisor = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("supervised by"))
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("remedial round")

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_kind_display()}"
