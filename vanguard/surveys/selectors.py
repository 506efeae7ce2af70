"""Reads of the preparation survey, scoped to the viewer; results grouped, small groups kept
together; the hot issues that feed the plan and the rectification items. Each page a fixed
number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _

from vanguard.access import scope
from vanguard.campaigns.models import Campaign
from vanguard.people.models import Organization
from vanguard.surveys.models import OTHER, Choice, Group, Invitee, Response, Survey
from vanguard.surveys.services.surveys import school_top, survey_organizations

# Below this many answers a group's counts are not shown on their own: a handful of answers
# could be told apart (the office knows which members have answered).
MIN_GROUP = 5
VIEW = "surveys.view_results"
RUN = "surveys.run_survey"


def reads_anything(viewer) -> bool:
    return scope.is_admin(viewer) or bool(scope.role_paths(viewer, scope.READERS))


def campaign_rows(viewer, campaign: Campaign) -> list[tuple[Organization, Survey | None, bool]]:
    """Each organization of the campaign where a survey may be held and the viewer reads
    results: (organization, its survey or None, whether the viewer runs it). Three queries."""
    rows = [o for o in survey_organizations(campaign) if viewer.has_perm(VIEW, o)]
    surveys = {s.organization_id: s for s in Survey.objects.filter(
        campaign=campaign, organization__in=rows)}
    return [(o, surveys.get(o.pk), viewer.has_perm(RUN, o)) for o in rows]


def get_organization_for(viewer, campaign: Campaign, pk) -> Organization:
    organization = next((o for o in survey_organizations(campaign) if str(o.pk) == str(pk)),
                        None)
    if organization is None or not viewer.has_perm(VIEW, organization):
        raise Http404
    return organization


def get_survey_for(viewer, pk) -> Survey:
    """The survey if its organization is in the viewer's reading scope; 404 otherwise."""
    survey = Survey.objects.select_related("campaign", "organization").filter(pk=pk).first()
    if survey is None or not viewer.has_perm(VIEW, survey.organization):
        raise Http404
    return survey


def get_public_survey(key: str) -> Survey:
    survey = (Survey.objects.select_related("campaign", "organization")
              .filter(public_key=key or "").first())
    if survey is None or survey.state == Survey.State.DRAFT:
        raise Http404
    return survey


def invitee_counts(survey: Survey) -> dict:
    """{invited, answered, with_account}: one query."""
    return Invitee.objects.filter(survey=survey).aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(answered=True)),
        with_account=Count("pk", filter=Q(person__user__isnull=False)))


def group_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Group.choices}


@dataclass
class TopicCount:
    key: str
    label: str
    count: int
    share: float


@dataclass
class GroupRow:
    label: str
    answers: int
    counts: dict = field(default_factory=dict)  # {topic key: n}
    groups: list = field(default_factory=list)  # the groups kept together in this row


@dataclass
class Results:
    survey: Survey
    total: int
    shown: bool
    topics: list[TopicCount] = field(default_factory=list)  # ranked, the hot issues first
    rows: list[GroupRow] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    expectations: list[str] = field(default_factory=list)
    hidden_groups: list[str] = field(default_factory=list)


def topic_labels(survey: Survey) -> dict[str, str]:
    return {**survey.topic_labels(), OTHER: _("Other")}


def ranked(survey: Survey, counts: dict[str, int], total: int) -> list[TopicCount]:
    """The topics by count, most first; ties in the survey's own order, "other" last."""
    labels = topic_labels(survey)
    order = {key: n for n, key in enumerate(labels)}
    return sorted((TopicCount(key, label, counts.get(key, 0),
                              counts.get(key, 0) / total if total else 0.0)
                   for key, label in labels.items()),
                  key=lambda t: (-t.count, order[t.key]))


def kept_together(sizes: dict[str, int]) -> tuple[list[str], list[str]]:
    """(groups shown on their own, groups kept together). A group under MIN_GROUP answers is
    not shown on its own; when what is kept together is itself under MIN_GROUP (and so could
    be worked out from the total), the smallest shown groups join it until it is not, or
    nothing is broken down."""
    shown = sorted((g for g, n in sizes.items() if n >= MIN_GROUP), key=lambda g: sizes[g])
    hidden = [g for g, n in sizes.items() if 0 < n < MIN_GROUP]
    while hidden and sum(sizes[g] for g in hidden) < MIN_GROUP and shown:
        hidden.append(shown.pop(0))
    order = list(Group.values)
    return sorted(shown, key=order.index), sorted(hidden, key=order.index)


def results(survey: Survey) -> Results:
    """Counts per topic, overall and per respondent group (small groups kept together), and
    the texts written, in a random order (by their random keys), nothing about when beyond
    the survey's day. Nothing is shown below MIN_GROUP answers. Three queries."""
    sizes = {row["group"]: row["n"] for row in Response.objects.filter(survey=survey)
             .values("group").annotate(n=Count("pk")).order_by()}
    total = sum(sizes.values())
    result = Results(survey, total, total >= MIN_GROUP)
    if not result.shown:
        return result  # no count and no text leaves this function below the threshold
    by_group: dict[str, dict[str, int]] = {}
    for row in (Choice.objects.filter(response__survey=survey)
                .values("response__group", "topic").annotate(n=Count("pk")).order_by()):
        by_group.setdefault(row["response__group"], {})[row["topic"]] = row["n"]
    overall: dict[str, int] = {}
    for counts in by_group.values():
        for key, n in counts.items():
            overall[key] = overall.get(key, 0) + n
    result.topics = ranked(survey, overall, total)
    labels = group_labels()
    shown, hidden = kept_together(sizes)
    result.rows = [GroupRow(labels[g], sizes[g], by_group.get(g, {}), [g]) for g in shown]
    if hidden and len(hidden) < len([g for g in sizes if sizes[g]]):
        together: dict[str, int] = {}
        for g in hidden:
            for key, n in by_group.get(g, {}).items():
                together[key] = together.get(key, 0) + n
        result.rows.append(GroupRow(_("Other groups together"), sum(sizes[g] for g in hidden),
                                    together, hidden))
    result.hidden_groups = [labels[g] for g in hidden]
    for other, expectation in (Response.objects.filter(survey=survey)
                               .exclude(other_topic="", expectation="")
                               .order_by("pk").values_list("other_topic", "expectation")):
        if other:
            result.others.append(other)
        if expectation:
            result.expectations.append(expectation)
    return result


@dataclass
class HotIssues:
    survey: Survey | None
    total: int = 0
    topics: list[TopicCount] = field(default_factory=list)
    link: str = ""

    @property
    def shown(self) -> bool:
        return self.total >= MIN_GROUP


def survey_of(campaign: Campaign, organization: Organization) -> Survey | None:
    """The survey that speaks for `organization`: its own (the campaign's root or a school's
    top organization), else its school's top organization's."""
    survey = Survey.objects.filter(campaign=campaign, organization=organization).first()
    if survey is None and organization.school_id:
        top = school_top(organization)
        if top is not None and top.pk != organization.pk:
            survey = Survey.objects.filter(campaign=campaign, organization=top).first()
    return survey


def hot_issues(campaign: Campaign, organization: Organization) -> HotIssues:
    """The ranked topics with their counts, for the plan and the rectification items; empty
    below MIN_GROUP answers. At most four queries."""
    survey = survey_of(campaign, organization)
    if survey is None:
        return HotIssues(None)
    total = Response.objects.filter(survey=survey).count()
    if total < MIN_GROUP:
        return HotIssues(survey, total)
    counts = dict(Choice.objects.filter(response__survey=survey).values("topic")
                  .annotate(n=Count("pk")).order_by().values_list("topic", "n"))
    return HotIssues(survey, total, [t for t in ranked(survey, counts, total) if t.count])
