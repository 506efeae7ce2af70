"""Reads of the analyses app, scoped to the viewer: the author's own analysis, the reviewer's
queue, and readers' progress (names and figures, never the text)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.http import Http404

from vanguard.access import scope
from vanguard.access.models import Role
from vanguard.analyses.activities import ANALYSIS_KIND
from vanguard.analyses.models import AnalysisVersion, Review, SelfAnalysis
from vanguard.analyses.services.sections import fed_back_opinions
from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.models import Assignment, Campaign

REVIEWED = (SelfAnalysis.Status.APPROVED, SelfAnalysis.Status.REVISING,
            SelfAnalysis.Status.FINAL)


def reviewed_count(activity, scope) -> tuple[int, int]:
    """(people in scope whose analysis passed review, people with the task). Two queries."""
    campaign_id = activity.plan.campaign_id
    required = Assignment.objects.filter(
        activity__plan__campaign_id=campaign_id, activity__key=activity.key,
        organization__path__startswith=scope.path).exclude(
        status=Assignment.Status.EXCUSED).count()
    reviewed = SelfAnalysis.objects.filter(
        campaign_id=campaign_id, status__in=REVIEWED,
        organization__path__startswith=scope.path).count()
    return reviewed, required


def person_of(viewer):
    """The viewer's person; one's own analysis needs one (403 without)."""
    person = getattr(viewer, "person", None) if viewer.is_authenticated else None
    if person is None:
        raise PermissionDenied
    return person


def get_member_campaign_for(viewer, pk) -> Campaign:
    """A campaign in which the viewer has the self-analysis task; 404 otherwise."""
    person = person_of(viewer)
    mine = Assignment.objects.filter(person=person, activity__kind=ANALYSIS_KIND,
                                     activity__plan__campaign=OuterRef("pk"))
    campaign = Campaign.objects.filter(Exists(mine), pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def _rows():
    return SelfAnalysis.objects.select_related(
        "campaign", "activity__phase", "person", "organization", "reviewer__person",
        "reviewer_office")


def own_analysis(person, campaign) -> SelfAnalysis | None:
    return _rows().filter(person=person, campaign=campaign).first()


def get_own_analysis_for(viewer, pk) -> SelfAnalysis:
    """The analysis if the viewer wrote it; 404 for missing and for not theirs alike."""
    analysis = _rows().filter(pk=pk).first()
    if analysis is None or not viewer.has_perm("analyses.write_analysis", analysis):
        raise Http404
    return analysis


def get_reviewed_analysis_for(viewer, pk) -> SelfAnalysis:
    """The analysis if the viewer is its reviewer (never its author); 404 otherwise."""
    analysis = _rows().filter(pk=pk).first()
    if analysis is None or not viewer.has_perm("analyses.review_analysis", analysis):
        raise Http404
    return analysis


def get_document_analysis_for(viewer, pk) -> SelfAnalysis:
    """Its author and its reviewer read the text; nobody else (404)."""
    analysis = _rows().filter(pk=pk).first()
    if analysis is None or not (viewer.has_perm("analyses.write_analysis", analysis)
                                or viewer.has_perm("analyses.review_analysis", analysis)):
        raise Http404
    return analysis


def reviews_filter(viewer) -> Q:
    """Analyses the viewer reviews: named as reviewer, or an office at (or above) the
    reviewing office when no person reviews. Never one's own."""
    offices = scope.role_paths(viewer, (Role.Kind.OFFICE,))
    q = Q(reviewer=viewer)
    for path in offices:
        q |= Q(reviewer__isnull=True, reviewer_office__path__startswith=path)
    person = getattr(viewer, "person", None)
    return q & ~Q(person=person) if person is not None else q


def get_queue_campaign_for(viewer, pk) -> Campaign:
    """A campaign the viewer reads, has tasks in, or reviews in; 404 otherwise."""
    campaign = campaign_selectors.campaigns_for(viewer).filter(pk=pk).first()
    if campaign is not None:
        return campaign
    person = getattr(viewer, "person", None)
    where = Exists(SelfAnalysis.objects.filter(reviews_filter(viewer),
                                               campaign=OuterRef("pk")))
    if person is not None:
        where = where | Exists(Assignment.objects.filter(
            person=person, activity__plan__campaign=OuterRef("pk")))
    campaign = Campaign.objects.filter(where, pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


QUEUE_FILTERS = ("submitted", "returned", "reviewed", "all")


def review_queue(viewer, campaign, *, status: str = "submitted"):
    """The analyses the viewer reviews, waiting first: one query for a page."""
    rows = SelfAnalysis.objects.filter(reviews_filter(viewer), campaign=campaign).exclude(
        status=SelfAnalysis.Status.DRAFT)
    if status == "reviewed":
        rows = rows.filter(status__in=REVIEWED)
    elif status in ("submitted", "returned"):
        rows = rows.filter(status=status)
    return rows.annotate(characters=_latest("characters"), number=_latest("number")).values(
        "pk", "status", "submitted_at", "times_returned", "person__name", "organization__name",
        "characters", "number").order_by("-submitted_at", "pk")


def queue_counts(viewer, campaign) -> dict[str, int]:
    got = SelfAnalysis.objects.filter(reviews_filter(viewer), campaign=campaign).aggregate(
        submitted=Count("id", filter=Q(status=SelfAnalysis.Status.SUBMITTED)),
        returned=Count("id", filter=Q(status=SelfAnalysis.Status.RETURNED)),
        reviewed=Count("id", filter=Q(status__in=REVIEWED)),
        all=Count("id", filter=~Q(status=SelfAnalysis.Status.DRAFT)))
    return got


def _latest(field: str):
    return Subquery(AnalysisVersion.objects.filter(analysis=OuterRef("pk"))
                    .order_by("-number").values(field)[:1], output_field=IntegerField())


def progress_rows(campaign, node):
    """Everyone in `node`'s subtree with the task, with their analysis's status, length and
    returns (never the text): one query for a page."""
    analysis = SelfAnalysis.objects.filter(campaign=campaign, person=OuterRef("person"))
    return (Assignment.objects.filter(activity__plan__campaign=campaign,
                                      activity__kind=ANALYSIS_KIND,
                                      organization__path__startswith=node.path)
            .annotate(analysis_status=Subquery(analysis.values("status")[:1]),
                      times_returned=Subquery(analysis.values("times_returned")[:1]),
                      characters=Subquery(AnalysisVersion.objects.filter(
                          analysis__campaign=campaign, analysis__person=OuterRef("person"))
                          .order_by("-number").values("characters")[:1]))
            .values("pk", "status", "person__name", "organization__name", "analysis_status",
                    "times_returned", "characters")
            .order_by("organization__path", "person__name", "pk"))


def progress_counts(campaign, node) -> dict[str, int]:
    """How many analyses in the subtree stand at each status: one query."""
    rows = SelfAnalysis.objects.filter(campaign=campaign,
                                       organization__path__startswith=node.path)
    return {s: n for s, n in rows.values_list("status").annotate(n=Count("id")).order_by()}


def versions(analysis: SelfAnalysis) -> list[AnalysisVersion]:
    return list(analysis.versions.order_by("number"))


def reviews(analysis: SelfAnalysis) -> list[Review]:
    return list(analysis.reviews.select_related("version", "reviewer__person"))


def opinions_panel(analysis: SelfAnalysis | None, person, campaign) -> list[dict]:
    """The opinions fed back to the member, each with the sections that answer it. One
    query; the summary is what the feedback page shows the member."""
    links = (analysis.opinion_links if analysis is not None else {}) or {}
    rows = fed_back_opinions(person, campaign).only("id", "summary", "category").order_by(
        "category", "id")
    return [{"opinion": o, "sections": [k for k, ids in links.items() if str(o.pk) in ids]}
            for o in rows]
