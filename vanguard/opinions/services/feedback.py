"""Honest feedback (如实反馈): the office releases the sorted opinions about a subject, the
subject marks each read and may respond; when all are read the member's task is done.

A member with no opinions still gets feedback (it says none were received), because the
gate waits for every member's feedback to be released.
"""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Assignment, Campaign
from vanguard.campaigns.services import rollup
from vanguard.core import clock
from vanguard.opinions import selectors, subjects
from vanguard.opinions.activities import INTAKE_KIND
from vanguard.opinions.errors import OpinionError
from vanguard.opinions.models import MAX_RESPONSE, PERSON_SUBJECTS, Feedback, Opinion, Subject
from vanguard.opinions.services.sorting import require, running
from vanguard.opinions.subjects import ResolvedSubject
from vanguard.people.models import Member, Organization

RELEASED = (Opinion.Status.RELEASED, Opinion.Status.ANSWERED)


def _resolve(actor, campaign: Campaign, subject, top: Organization | None) -> ResolvedSubject:
    """A subject from a token, resolved in `top`'s school or, without one, in the one school
    of the actor's scope that knows it (a person or a branch is known to one school only)."""
    if isinstance(subject, ResolvedSubject):
        return subject
    tops = [top] if top is not None else [i.organization
                                          for i in selectors.schools_for(actor, campaign)]
    kind = (subject or "").partition(":")[0]
    if len(tops) > 1 and kind in (Subject.TEAM, Subject.PARTY_ORG):
        raise OpinionError(_("Choose the school first."), code="school")
    for candidate in tops:
        try:
            return subjects.resolve(subject, candidate)
        except OpinionError:
            continue
    raise OpinionError(_("Choose the subject from this school's list."), code="subject")


def subject_opinions(campaign: Campaign, subject: ResolvedSubject):
    rows = Opinion.objects.filter(campaign=campaign, subject_kind=subject.kind)
    if subject.kind in PERSON_SUBJECTS:
        return rows.filter(subject_person=subject.person)
    return rows.filter(subject_person__isnull=True, organization=subject.organization)


def _feedback_row(campaign: Campaign, subject: ResolvedSubject) -> Feedback:
    lookup = {"campaign": campaign, "subject_kind": subject.kind}
    if subject.kind in PERSON_SUBJECTS:
        lookup["subject_person"] = subject.person
    else:
        lookup |= {"subject_person__isnull": True, "organization": subject.organization}
    feedback = Feedback.objects.select_for_update().filter(**lookup).first()
    if feedback is None:
        feedback = Feedback.objects.create(campaign=campaign, subject_kind=subject.kind,
                                           subject_person=subject.person,
                                           organization=subject.organization)
    return feedback


def sorting_link(campaign: Campaign, **query) -> str:
    from urllib.parse import urlencode

    return reverse("opinions:sorting", args=[campaign.pk]) + "?" + urlencode(query)


@transaction.atomic
def release_feedback(*, actor, campaign: Campaign, subject_token_or_resolved,
                     top: Organization | None = None) -> Feedback:
    """Release the subject's sorted opinions to them (or an empty feedback). Releasing again
    adds what was sorted since, and the subject has to read the new ones."""
    subject = _resolve(actor, campaign, subject_token_or_resolved, top)
    require(actor, "opinions.sort_opinion", subject.organization)
    running(campaign)
    opinions = subject_opinions(campaign, subject)
    unsorted = opinions.filter(status=Opinion.Status.RECEIVED).count()
    if unsorted:
        raise OpinionError(
            _("%(n)d opinion(s) about this subject are not sorted yet: write their summaries "
              "(or set them aside) first, then release. The list: %(link)s")
            % {"n": unsorted, "link": sorting_link(campaign, status="received",
                                                    kind=subject.kind,
                                                    org=subject.organization.pk)},
            code="unsorted")
    feedback = _feedback_row(campaign, subject)
    before = {"released_on": feedback.released_on, "read_on": feedback.read_on,
              "opinions": feedback.opinions.count()}
    added = opinions.filter(status=Opinion.Status.SORTED).update(
        status=Opinion.Status.RELEASED, feedback=feedback)
    feedback.released_on, feedback.released_by = clock.today(), actor
    if added:
        feedback.read_on = None  # new opinions to read
    feedback.save(update_fields=["released_on", "released_by", "read_on", "updated_at"])
    audit.record(actor=actor, action="opinions.feedback.released", target=feedback,
                 changes=audit.field_diff(before, {"released_on": feedback.released_on,
                                                   "read_on": feedback.read_on,
                                                   "opinions": before["opinions"] + added}))
    refresh_task(feedback)
    return feedback


@transaction.atomic
def release_feedback_for_branch(*, actor, campaign: Campaign,
                                branch: Organization) -> list[Feedback]:
    """Release the feedback of every member of a branch; refused, with nothing released, if
    any opinion about one of them still waits for sorting."""
    require(actor, "opinions.sort_opinion", branch)
    running(campaign)
    if branch.kind != Organization.Kind.BRANCH:
        raise OpinionError(_("Choose a branch."), code="not_branch")
    members = list(Member.objects.filter(organization=branch).select_related("person"))
    unsorted = Opinion.objects.filter(campaign=campaign, subject_kind=Subject.MEMBER,
                                      subject_person__in=[m.person for m in members],
                                      status=Opinion.Status.RECEIVED).count()
    if unsorted:
        raise OpinionError(
            _("%(n)d opinion(s) about members of %(branch)s are not sorted yet, so nothing was "
              "released. Sort them first: %(link)s")
            % {"n": unsorted, "branch": branch.name,
               "link": sorting_link(campaign, status="received", kind=Subject.MEMBER,
                                    org=branch.pk)}, code="unsorted")
    return [release_feedback(actor=actor, campaign=campaign,
                             subject_token_or_resolved=ResolvedSubject(
                                 Subject.MEMBER, m.person, branch))
            for m in members]


def _readable(actor, opinion: Opinion) -> Opinion:
    opinion = (Opinion.objects.select_for_update(of=("self",))
               .select_related("feedback__organization", "feedback__campaign")
               .filter(pk=opinion.pk).first())
    feedback = opinion.feedback if opinion is not None else None
    if feedback is None or feedback.released_on is None or opinion.status not in RELEASED:
        raise OpinionError(_("This opinion has not been fed back to you."), code="not_released")
    require(actor, "opinions.answer_feedback", feedback)
    running(feedback.campaign)
    return opinion


@transaction.atomic
def mark_read(*, actor, opinion: Opinion) -> Opinion:
    """The subject has read this opinion; when all are read, so is the feedback."""
    opinion = _readable(actor, opinion)
    if opinion.read_on is not None:
        raise OpinionError(_("You already marked this opinion read on %(day)s.")
                           % {"day": opinion.read_on}, code="already_read")
    opinion.read_on = clock.today()
    opinion.save(update_fields=["read_on"])
    audit.record(actor=actor, action="opinions.opinion.read", target=opinion,
                 changes={"read_on": [None, str(opinion.read_on)]})
    _settle_read(actor, opinion.feedback)
    return opinion


@transaction.atomic
def respond(*, actor, opinion: Opinion, response: str) -> Opinion:
    """The subject's note on an opinion (the office reads it); writing one means it was read."""
    response = (response or "").strip()
    if not response:
        raise OpinionError(_("Write your response first."), code="response")
    if len(response) > MAX_RESPONSE:
        raise OpinionError(_("The response may be at most %(max)d characters; it has %(n)d.")
                           % {"max": MAX_RESPONSE, "n": len(response)}, code="response")
    opinion = _readable(actor, opinion)
    before = len(opinion.response)
    opinion.response = response
    fields = ["response"]
    if opinion.read_on is None:
        opinion.read_on = clock.today()
        fields.append("read_on")
    opinion.save(update_fields=fields)
    audit.record(actor=actor, action="opinions.opinion.responded", target=opinion,
                 changes={"response_length": [before, len(response)]})
    _settle_read(actor, opinion.feedback)
    return opinion


@transaction.atomic
def acknowledge_feedback(*, actor, feedback: Feedback) -> Feedback:
    """One click for a feedback that has no opinions: the subject has seen that none came."""
    feedback = Feedback.objects.select_for_update().select_related(
        "organization", "campaign").get(pk=feedback.pk)
    if feedback.released_on is None:
        raise OpinionError(_("This feedback has not been released yet."), code="not_released")
    require(actor, "opinions.answer_feedback", feedback)
    running(feedback.campaign)
    if feedback.read_on is not None:
        raise OpinionError(_("You already marked this feedback read on %(day)s.")
                           % {"day": feedback.read_on}, code="already_read")
    if feedback.opinions.exists():
        raise OpinionError(_("Mark each opinion read; the feedback is read when all are."),
                           code="has_opinions")
    return _set_read(actor, feedback)


def _settle_read(actor, feedback: Feedback) -> None:
    if feedback.read_on is None and not feedback.opinions.filter(read_on__isnull=True).exists():
        _set_read(actor, feedback)


def _set_read(actor, feedback: Feedback) -> Feedback:
    feedback.read_on = clock.today()
    feedback.save(update_fields=["read_on", "updated_at"])
    audit.record(actor=actor, action="opinions.feedback.read", target=feedback,
                 changes={"read_on": [None, str(feedback.read_on)]})
    refresh_task(feedback)
    return feedback


def refresh_task(feedback: Feedback) -> None:
    """Keep the person's `opinions.intake` task in step: done when they have released
    feedback (as a member, and as a leader if they are one) and have read all of it."""
    if feedback.subject_person_id is None:
        return
    assignment = (Assignment.objects.select_for_update()
                  .filter(person_id=feedback.subject_person_id, activity__kind=INTAKE_KIND,
                          activity__plan__campaign_id=feedback.campaign_id).first())
    if assignment is None or assignment.status == Assignment.Status.EXCUSED:
        return
    own = Feedback.objects.filter(campaign_id=feedback.campaign_id,
                                  subject_person_id=feedback.subject_person_id,
                                  released_on__isnull=False)
    done = own.exists() and not own.filter(read_on__isnull=True).exists()
    rollup.set_status(assignment, Assignment.Status.DONE if done else Assignment.Status.PENDING)
