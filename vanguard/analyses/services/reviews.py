"""The reviewer's decision on a handed-in analysis: approve, or return with comments per
section (the analysis goes back to the member's tasks)."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.analyses.errors import AnalysisError
from vanguard.analyses.models import MAX_COMMENT, Review, SelfAnalysis
from vanguard.analyses.services.sections import sections_of
from vanguard.analyses.services.writing import locked, notify, refresh_task
from vanguard.core import clock

S = SelfAnalysis.Status
DECISIONS = {"approve": Review.Decision.APPROVED, "approved": Review.Decision.APPROVED,
             "return": Review.Decision.RETURNED, "returned": Review.Decision.RETURNED}


def _clean_comments(analysis: SelfAnalysis, comments: dict, comment: str) -> tuple[dict, str]:
    """Comments on the analysis's own sections only, each within the bound; blanks dropped."""
    labels = {s.key: s.label for s in sections_of(analysis.activity)}
    cleaned, long = {}, []
    for key, text in (comments or {}).items():
        text = (text or "").strip()
        if key not in labels or not text:
            continue
        if len(text) > MAX_COMMENT:
            long.append(labels[key])
        cleaned[key] = text
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        long.append(_("overall comment"))
    if long:
        raise AnalysisError(_("A comment may be at most %(max)d characters: %(where)s.")
                            % {"max": MAX_COMMENT, "where": "; ".join(long)},
                            code="long_comment")
    return cleaned, comment


def _may_review(actor, analysis: SelfAnalysis) -> None:
    if not actor.has_perm("analyses.review_analysis", analysis):
        raise AnalysisError(_("You do not review this analysis: it goes to the reviewer fixed "
                              "when it was handed in."), code="not_reviewer")


@transaction.atomic
def review_analysis(*, actor, analysis: SelfAnalysis, version: int, decision: str,
                    comments: dict | None = None, comment: str = "") -> Review:
    """Decide on version number `version` (the one the reviewer read). Only the reviewer
    fixed at submission, or an office of `reviewer_office` when no person reviews, may;
    a decision on an older version than the one waiting is refused."""
    analysis = locked(analysis, None)
    _may_review(actor, analysis)
    if analysis.status != S.SUBMITTED:
        raise AnalysisError(_("This analysis is not waiting for review (it was decided "
                              "already, or returned and not handed in again)."),
                            code="not_submitted")
    latest = analysis.versions.order_by("-number").first()
    if latest is None or latest.number != version:
        raise AnalysisError(_("You read version %(read)s, but version %(latest)s is the one "
                              "waiting: reload the page and read it first.")
                            % {"read": version, "latest": latest.number if latest else "—"},
                            code="stale")
    if decision not in DECISIONS:
        raise AnalysisError(_("Approve it or return it."), code="decision")
    decision = DECISIONS[decision]
    comments, comment = _clean_comments(analysis, comments or {}, comment)
    if decision == Review.Decision.RETURNED and not (comments or comment):
        raise AnalysisError(_("Say what should change: returning needs at least one comment, "
                              "on a section or overall."), code="no_comment")
    review = Review.objects.create(analysis=analysis, version=latest, reviewer=actor,
                                   decision=decision, comments=comments, comment=comment)
    before = analysis.status
    fields = ["status", "version", "updated_at"]
    if decision == Review.Decision.RETURNED:
        analysis.status = S.RETURNED
        analysis.times_returned += 1
        fields.append("times_returned")
    else:
        analysis.status, analysis.approved_at = S.APPROVED, clock.now()
        fields.append("approved_at")
    analysis.version += 1
    analysis.save(update_fields=fields)
    audit.record(actor=actor, action=f"analyses.analysis.{analysis.status}", target=analysis,
                 changes={"status": [before, analysis.status], "number": [None, latest.number],
                          "commented_sections": [None, sorted(comments)]})
    refresh_task(analysis)
    notify(analysis.person_id, lambda: (
        _("Your self-analysis was returned with comments: revise it and hand it in again.")
        if analysis.status == S.RETURNED else
        _("Your self-analysis was reviewed. Revise it after your special meeting.")),
        reverse("analyses:mine", args=[analysis.campaign_id]))
    return review
