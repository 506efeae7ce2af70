"""A member's self-analysis: drafted as they type, handed in to the reviewer the chain names
(every hand-in frozen as a version), and revised after the special meeting (修改完善).

Drafts are not audited (private and frequent); every hand-in is, with lengths and the
reviewer but never the text.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.analyses import chain
from vanguard.analyses.activities import ANALYSIS_KIND
from vanguard.analyses.errors import AnalysisError
from vanguard.analyses.models import AnalysisVersion, SelfAnalysis
from vanguard.analyses.services.sections import (
    clean_links,
    clean_sections,
    sections_of,
    short_sections,
)
from vanguard.campaigns.models import Assignment, Campaign, Notification, Phase
from vanguard.campaigns.services import rollup
from vanguard.core import clock
from vanguard.people.models import Person

S = SelfAnalysis.Status
EDITABLE = (S.DRAFT, S.RETURNED, S.REVISING)


def require(actor, perm: str, obj=None) -> None:
    if not actor.has_perm(perm, obj):
        raise AnalysisError(_("You are not allowed to do this here."), code="forbidden")


def assignment_for(person: Person, campaign: Campaign) -> Assignment | None:
    return (Assignment.objects.filter(person=person, activity__kind=ANALYSIS_KIND,
                                      activity__plan__campaign=campaign)
            .select_related("activity__phase").first())


def _running(campaign: Campaign) -> None:
    if campaign.state != Campaign.State.RUNNING:
        raise AnalysisError(_("The campaign is closed; its records can be read, not changed."),
                            code="closed")


@transaction.atomic
def start_analysis(*, actor, campaign: Campaign) -> SelfAnalysis:
    """The member's analysis, created empty the first time (one per person and campaign)."""
    person = getattr(actor, "person", None)
    assignment = assignment_for(person, campaign) if person is not None else None
    if assignment is None:
        raise AnalysisError(_("A self-analysis is not among your tasks in this campaign."),
                            code="not_assigned")
    existing = SelfAnalysis.objects.filter(campaign=campaign, person=person).first()
    if existing is not None:
        return existing
    _running(campaign)
    analysis = SelfAnalysis.objects.create(
        campaign=campaign, activity=assignment.activity, person=person,
        organization_id=assignment.organization_id)
    audit.record(actor=actor, action="analyses.analysis.started", target=analysis,
                 changes={"status": [None, analysis.status]})
    return analysis


def locked(analysis: SelfAnalysis, version: int | None) -> SelfAnalysis:
    """The row, locked; refused if saved since `version` was read (another tab or device)."""
    current = SelfAnalysis.objects.select_for_update(of=("self",)).select_related(
        "campaign", "activity__phase", "person", "organization").get(pk=analysis.pk)
    if version is not None and current.version != version:
        raise AnalysisError(
            _("This analysis was saved from another window or device after you opened it. "
              "Your text was not saved here, but it is kept on this page and in this browser: "
              "copy it, reload the page, and merge the two."), code="stale")
    return current


def _own_and_editable(actor, analysis: SelfAnalysis) -> None:
    require(actor, "analyses.write_analysis", analysis)
    _running(analysis.campaign)
    if analysis.status not in EDITABLE:
        raise AnalysisError(_("This analysis is with its reviewer or already reviewed; it can "
                              "be changed only when it is returned or after the meeting."),
                            code="not_editable")


@transaction.atomic
def save_draft(*, actor, analysis: SelfAnalysis, version: int | None,
               sections: dict | None = None, opinion_links: dict | None = None
               ) -> SelfAnalysis:
    """Keep what the member has typed (`sections`) and the opinions each section answers
    (`opinion_links`); None leaves that part as it is. A draft may be short, never over its
    bound. Only a change of text moves `version`: ticking a link in one tab must not make
    the other tab's text stale."""
    analysis = locked(analysis, version if sections is not None else None)
    _own_and_editable(actor, analysis)
    specs = sections_of(analysis.activity)
    fields = ["updated_at"]
    if sections is not None:
        analysis.sections, _counts = clean_sections(specs, sections)
        analysis.version += 1
        fields += ["sections", "version"]
    if opinion_links is not None:
        analysis.opinion_links = clean_links(specs, opinion_links, analysis.person,
                                             analysis.campaign)
        fields.append("opinion_links")
    analysis.save(update_fields=fields)
    return analysis


def _phase_open(analysis: SelfAnalysis) -> None:
    if analysis.activity.phase.state != Phase.State.OPEN:
        raise AnalysisError(_("This step's phase is not open, so the analysis cannot be "
                              "handed in now. It stays saved as it is."), code="phase_not_open")


def _ready(analysis: SelfAnalysis, sections: dict, opinion_links: dict | None):
    """The cleaned text, its counts and links, refused with every short section named."""
    specs = sections_of(analysis.activity)
    cleaned, counts = clean_sections(specs, sections)
    links = analysis.opinion_links if opinion_links is None else opinion_links
    links = clean_links(specs, links, analysis.person, analysis.campaign)
    short = short_sections(specs, counts)
    if short:
        raise AnalysisError(_("Not long enough yet: %(sections)s. What you wrote is kept; "
                              "hand it in when each section is complete.")
                            % {"sections": "; ".join(short)}, code="too_short")
    return cleaned, counts, links


def _freeze(analysis: SelfAnalysis, cleaned: dict, counts: dict, links: dict, *,
            is_revision: bool) -> AnalysisVersion:
    last = analysis.versions.order_by("-number").values_list("number", flat=True).first()
    return AnalysisVersion.objects.create(
        analysis=analysis, number=(last or 0) + 1, sections=cleaned, opinion_links=links,
        characters=sum(counts.values()), is_revision=is_revision, submitted_at=clock.now())


@transaction.atomic
def submit_analysis(*, actor, analysis: SelfAnalysis, version: int | None, sections: dict,
                    opinion_links: dict | None = None) -> SelfAnalysis:
    """Hand the analysis in. The reviewer is computed here from the chain and fixed on the
    row; nothing the member sends can choose it."""
    analysis = locked(analysis, version)
    _own_and_editable(actor, analysis)
    if analysis.status == S.REVISING:
        raise AnalysisError(_("Hand in the revised version with “Hand in the final "
                              "version”."), code="revising")
    _phase_open(analysis)
    cleaned, counts, links = _ready(analysis, sections, opinion_links)
    reviewer, office = chain.reviewer_for(analysis.person, analysis.campaign)
    if reviewer is None and office is None:
        raise AnalysisError(_("Nobody can review this analysis: your organization has no "
                              "office. Ask the campaign office."), code="no_reviewer")
    frozen = _freeze(analysis, cleaned, counts, links, is_revision=False)
    before = analysis.status
    analysis.sections, analysis.opinion_links = cleaned, links
    analysis.status, analysis.submitted_at = S.SUBMITTED, frozen.submitted_at
    analysis.reviewer, analysis.reviewer_office = reviewer, office
    analysis.version += 1
    analysis.save(update_fields=["sections", "opinion_links", "status", "submitted_at",
                                 "reviewer", "reviewer_office", "version", "updated_at"])
    audit.record(actor=actor, action="analyses.analysis.submitted", target=analysis, changes={
        "status": [before, analysis.status], "number": [None, frozen.number],
        "characters": [None, frozen.characters],
        "reviewer": [None, reviewer.get_username() if reviewer else None],
        "reviewer_office": [None, office.code if office else None]})
    if reviewer is not None and hasattr(reviewer, "person"):
        notify(reviewer.person.pk, lambda: _("%(name)s handed in a self-analysis for your "
                                             "review.") % {"name": analysis.person.name},
               reverse("analyses:review", args=[analysis.pk]))
    return analysis


def meeting_held(analysis: SelfAnalysis) -> bool:
    """The special meeting where the member criticised themselves is over: the org-life
    meeting of their branch (or, for a team member, the democratic-life meeting of their
    school) has minutes. Minutes, not the scheduled hour, say a meeting really took place."""
    from vanguard.meetings.models import Meeting

    meetings = Meeting.objects.filter(activity__plan__campaign_id=analysis.campaign_id).exclude(
        minutes="")
    if meetings.filter(kind=Meeting.Kind.ORG_LIFE, organization_id=analysis.organization_id
                       ).exists():
        return True
    school_id = analysis.person.school_id
    return school_id is not None and analysis.person.leader_posts.exists() and meetings.filter(
        kind=Meeting.Kind.DEMOCRATIC_LIFE, organization__school_id=school_id).exists()


@transaction.atomic
def start_revision(*, actor, analysis: SelfAnalysis) -> SelfAnalysis:
    """After the meeting, the reviewed text opens again for 修改完善."""
    analysis = locked(analysis, None)
    require(actor, "analyses.write_analysis", analysis)
    _running(analysis.campaign)
    if analysis.status != S.APPROVED:
        raise AnalysisError(_("Only a reviewed analysis is revised after the meeting."),
                            code="not_approved")
    if not meeting_held(analysis):
        raise AnalysisError(_("Revise it after your special meeting: its minutes are not "
                              "recorded yet."), code="meeting_not_held")
    analysis.status = S.REVISING
    analysis.version += 1
    analysis.save(update_fields=["status", "version", "updated_at"])
    audit.record(actor=actor, action="analyses.analysis.revision_started", target=analysis,
                 changes={"status": [S.APPROVED, S.REVISING]})
    return analysis


@transaction.atomic
def submit_revision(*, actor, analysis: SelfAnalysis, version: int | None, sections: dict,
                    opinion_links: dict | None = None) -> SelfAnalysis:
    """The revised text becomes the final version: no second review, since the reviewer
    approved the substance and the meeting has discussed it; the change is visible in the
    version diff. The member's task is done."""
    analysis = locked(analysis, version)
    _own_and_editable(actor, analysis)
    if analysis.status != S.REVISING:
        raise AnalysisError(_("Only an analysis being revised after the meeting can be handed "
                              "in as final."), code="not_revising")
    _phase_open(analysis)
    cleaned, counts, links = _ready(analysis, sections, opinion_links)
    frozen = _freeze(analysis, cleaned, counts, links, is_revision=True)
    analysis.sections, analysis.opinion_links = cleaned, links
    analysis.status, analysis.revised_at = S.FINAL, frozen.submitted_at
    analysis.version += 1
    analysis.save(update_fields=["sections", "opinion_links", "status", "revised_at",
                                 "version", "updated_at"])
    audit.record(actor=actor, action="analyses.analysis.finalized", target=analysis, changes={
        "status": [S.REVISING, S.FINAL], "number": [None, frozen.number],
        "characters": [None, frozen.characters]})
    refresh_task(analysis)
    return analysis


def refresh_task(analysis: SelfAnalysis) -> None:
    """The member's task is done exactly when the analysis is final; excused stays excused."""
    assignment = assignment_for(analysis.person, analysis.campaign)
    if assignment is None or assignment.status == Assignment.Status.EXCUSED:
        return
    done = analysis.status == S.FINAL
    rollup.set_status(assignment, Assignment.Status.DONE if done else Assignment.Status.PENDING)


def notify(person_id: int, text, url: str) -> None:
    """An in-app message in the site's language; `text` is called under it."""
    with translation.override(settings.LANGUAGE_CODE):
        Notification.objects.create(person_id=person_id, text=str(text())[:300], url=url)
