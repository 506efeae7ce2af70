"""Models of surveys: the preparation survey (充分做好准备工作) of members and the public before
launch, on their expectations and the hot and hard issues they want solved.

Answers are anonymous the way the satisfaction assessment's are: `Invitee` (which member may
answer with a token, and whether they did) is kept apart from `Response` (random key, the
respondent group, the survey's closing day, no person, account, address or session), and a
member's token is spent under a unique constraint in the response's own transaction. A public
answer (no login) has no token at all: it is limited per keyed hash of the address, in the
cache only.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Campaign
from vanguard.core.models import TimeStamped
from vanguard.people.models import Organization, Person

# Bounds of what an office types and a respondent writes.
MAX_TOPICS = 12
MAX_TOPIC_LABEL = 40
MAX_INTRO = 1000
MAX_QUESTION = 200
MAX_OTHER = 200
MAX_EXPECTATION = 1000
# The "other" topic every survey ends with, written in by the respondent.
OTHER = "other"


class Group(models.TextChoices):
    """Whom an answer counts for: members answer with their token; the public chooses."""

    MEMBER = "member", _("party members")
    STAFF = "staff", _("staff and teachers")
    STUDENT = "student", _("students")
    PARENT = "parent", _("parents")
    OTHER = "other", _("others")


PUBLIC_GROUPS = (Group.STAFF, Group.STUDENT, Group.PARENT, Group.OTHER)


class Survey(TimeStamped):
    """One preparation survey of a campaign at one organization: a school's top organization
    or the campaign's root."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="surveys")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    intro = models.TextField(_("introduction"), max_length=MAX_INTRO, blank=True)
    # [{key, label}] from the built-in default, editable by the office until it opens; the
    # "other" topic is not in the list (every survey has it).
    topics = models.JSONField(default=list)
    max_choices = models.PositiveSmallIntegerField(_("topics one may choose at most"), default=3)
    expectation_question = models.CharField(_("question on expectations"),
                                            max_length=MAX_QUESTION)
    # The public link's random key (no login); the public link can be switched off.
    public_key = models.CharField(max_length=32, unique=True)
    public_enabled = models.BooleanField(_("public link open"), default=True)
    state = models.CharField(_("state"), max_length=6, choices=State.choices,
                             default=State.DRAFT)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("preparation survey")
        constraints = [models.UniqueConstraint(fields=["campaign", "organization"],
                                               name="survey_unique_per_organization")]

    def __str__(self) -> str:
        return f"{self.organization} · {self.campaign}"

    def topic_labels(self) -> dict[str, str]:
        return {t["key"]: t["label"] for t in self.topics}


class Invitee(models.Model):
    """A member of the survey's scope who may answer once: never linked to a response. The
    token is stored hashed."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitees")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    answered = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "person"],
                                               name="survey_invitee_unique")]

    def __str__(self) -> str:
        return str(self.person)


class SpentToken(models.Model):
    # Random ids (vanguard.core.tokens.random_id): their order cannot be lined up with the
    # responses'.
    id = models.BigIntegerField(primary_key=True)
    token_hash = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.token_hash[:8]


class Response(models.Model):
    """One anonymous answer: the group it counts in, the survey's closing day, what was
    written. Nothing about who, from where or when (beyond that day)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(max_length=8, choices=Group.choices)
    day = models.DateField()
    other_topic = models.CharField(max_length=MAX_OTHER, blank=True)
    expectation = models.TextField(max_length=MAX_EXPECTATION, blank=True)

    def __str__(self) -> str:
        return str(self.pk)


class Choice(models.Model):
    """A topic chosen in one response."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="choices")
    topic = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "topic"],
                                               name="survey_choice_unique")]

    def __str__(self) -> str:
        return self.topic
