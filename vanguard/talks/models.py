"""Heart-to-heart talks (谈心): the pairs the plan requires, read from the tree and the
leadership team, and the talks recorded by one party and confirmed by the other."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns.models import Activity, Campaign
from vanguard.core.models import TimeStamped
from vanguard.people.models import Organization, Person

MAX_PLACE = 100
MAX_SUMMARY = 1000


class Rule(models.TextChoices):
    """Why two people should talk. The first four are required by the plan; the others are
    recommended: they count in the figures but no gate waits for them."""

    PRINCIPAL_TEAM = "principal_team", _("principal leader with a team member")
    TEAM_TEAM = "team_team", _("team members with each other")
    TEAM_DEPARTMENT = "team_dept", _("team member with a head of a department they oversee")
    SECRETARY_MEMBER = "secretary", _("branch secretary with a branch member")
    PRINCIPAL_OTHERS = "principal", _("principal leader with members and non-members")
    MEMBER_MEMBER = "member_member", _("member with member")
    MEMBER_OTHERS = "member_other", _("member with a non-member")


REQUIRED_RULES = (Rule.PRINCIPAL_TEAM, Rule.TEAM_TEAM, Rule.TEAM_DEPARTMENT,
                  Rule.SECRETARY_MEMBER)


class Talk(TimeStamped):
    """One talk, recorded by either party (or by a secretary or office for them) and
    confirmed by the other. A partner without an account cannot confirm: the talk counts
    once recorded, and the page says so."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="talks")
    # Where the talk is counted: the pair's organization, or the recorder's branch.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    person_a = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(_("kind of talk"), max_length=16, choices=Rule.choices)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=MAX_PLACE)
    summary = models.TextField(_("short summary"), max_length=MAX_SUMMARY)
    problem_settled = models.BooleanField(_("a concrete problem was settled"), default=False)
    recorded_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("heart-to-heart talk")
        indexes = [models.Index(fields=["campaign", "person_a", "person_b"])]
        constraints = [
            # The pair is kept in one order, so (a, b) and (b, a) are the same pair.
            models.CheckConstraint(condition=Q(person_a__lt=F("person_b")),
                                   name="talk_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a} · {self.person_b} {self.held_on}"


class TalkPair(models.Model):
    """A pair the plan asks to talk, made when the plan's talks step gets its tasks (and
    again when the office refreshes it after roster changes). `state` is kept with the
    talks so that coverage is one aggregate query."""

    class State(models.TextChoices):
        MISSING = "missing", _("missing")
        WAITING = "waiting", _("waiting for confirmation")
        DONE = "done", _("done")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="talk_pairs")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="talk_pairs")
    # The branch for a secretary and a member; the school's top organization otherwise.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(max_length=16, choices=Rule.choices)
    state = models.CharField(max_length=8, choices=State.choices, default=State.MISSING)
    talk = models.ForeignKey(Talk, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="pairs")

    class Meta:
        ordering = ["organization_id", "rule", "person_a_id", "person_b_id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person_a", "person_b"],
                                    name="talkpair_unique"),
            models.CheckConstraint(condition=Q(person_a__lt=F("person_b")),
                                   name="talkpair_ordered"),
        ]
        indexes = [models.Index(fields=["campaign", "state"])]

    def __str__(self) -> str:
        return f"{self.person_a} · {self.person_b}"
