"""The supervision group's work at its schools: visits planned and held, findings recorded,
answered by the school and closed by the group, good practices recorded and shared. The
group itself (sending, changing, recalling, its roles) is in `supervision.py`."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.access.models import Role
from vanguard.campaigns.models import Notification, Plan
from vanguard.core import clock
from vanguard.oversight.models import Finding, GoodPractice, SupervisionGroup, Visit
from vanguard.oversight.services.supervision import (
    MAX_CLOSING_NOTE,
    MAX_NOTES,
    MAX_PRACTICE,
    MAX_PURPOSE,
    MAX_TEXT,
    MAX_TITLE,
    SupervisionError,
    _require,
    _text,
)
from vanguard.people.models import Person, School

# --- visits ----------------------------------------------------------------------------------

def _working(actor, group: SupervisionGroup) -> None:
    _require(actor, "oversight.record_finding", group,
             _("Only a member of this group, while it is at work, records its visits, findings "
               "and good practices."))
    if group.ends_on < clock.today():
        raise SupervisionError(_("The group's period has ended: nothing more can be recorded "
                                 "for it."), code="period_ended")


def _covered(group: SupervisionGroup, school: School | None) -> School:
    if school is None or not group.schools.filter(pk=school.pk).exists():
        raise SupervisionError(_("%(school)s is not one of the schools this group covers: "
                                 "nothing was recorded.")
                               % {"school": getattr(school, "name", _("This school"))},
                               code="school_outside_group")
    return school


@transaction.atomic
def plan_visit(*, actor, group: SupervisionGroup, school: School, planned_on: dt.date,
               purpose: str) -> Visit:
    _working(actor, group)
    _covered(group, school)
    purpose = _text(purpose, _("the purpose"), MAX_PURPOSE)
    if planned_on is None or not group.starts_on <= planned_on <= group.ends_on:
        raise SupervisionError(_("Plan the visit inside the group's period (%(start)s to "
                                 "%(end)s).") % {"start": group.starts_on, "end": group.ends_on},
                               code="visit_date")
    visit = Visit.objects.create(group=group, school=school, planned_on=planned_on,
                                 purpose=purpose)
    audit.record(actor=actor, action="oversight.visit.planned", target=visit, changes={
        "school": [None, school.code], "planned_on": [None, str(planned_on)]})
    return visit


@transaction.atomic
def mark_visit_held(*, actor, visit: Visit, held_on: dt.date, notes: str) -> Visit:
    visit = Visit.objects.select_for_update(of=("self",)).select_related("group").get(
        pk=visit.pk)
    _working(actor, visit.group)
    notes = _text(notes, _("the notes"), MAX_NOTES, required=False)
    if held_on is None or held_on > clock.today():
        raise SupervisionError(_("A visit is marked held on a day that has come."),
                               code="visit_date")
    if held_on < visit.group.starts_on:
        raise SupervisionError(_("The visit cannot have been held before the group's period."),
                               code="visit_date")
    before = {"held_on": str(visit.held_on) if visit.held_on else None, "notes": visit.notes}
    visit.held_on, visit.notes = held_on, notes
    visit.save(update_fields=["held_on", "notes", "updated_at"])
    audit.record(actor=actor, action="oversight.visit.held", target=visit,
                 changes=audit.field_diff(before, {"held_on": str(held_on), "notes": notes}))
    return visit


# --- findings --------------------------------------------------------------------------------

def school_office_people(school_ids):
    """People (with an account) holding the office role at an organization of these schools."""
    return Person.objects.filter(user__roles__kind=Role.Kind.OFFICE,
                                 user__roles__organization__school_id__in=list(school_ids)
                                 ).distinct()


def _notify_offices(school_ids, text: str, url: str, key: str) -> None:
    def send():
        Notification.objects.bulk_create(
            [Notification(person=p, text=text[:300], url=url, key=key)
             for p in school_office_people(school_ids)], ignore_conflicts=True)

    transaction.on_commit(send)


@transaction.atomic
def record_finding(*, actor, group: SupervisionGroup, school: School, problem: str,
                   severity: str, recommendation: str, due_on: dt.date,
                   visit: Visit | None = None) -> Finding:
    """A problem found at a school the group covers; the school's office hears of it."""
    _working(actor, group)
    _covered(group, school)
    problem = _text(problem, _("the problem"), MAX_TEXT)
    recommendation = _text(recommendation, _("the recommendation"), MAX_TEXT)
    if severity not in Finding.Severity.values:
        raise SupervisionError(_("Choose the severity."), code="severity")
    if due_on is None or due_on < clock.today():
        raise SupervisionError(_("The answer's due date must be today or later."),
                               code="due_on")
    if visit is not None and (visit.group_id != group.pk or visit.school_id != school.pk):
        raise SupervisionError(_("That visit is not this group's visit to this school."),
                               code="visit")
    finding = Finding.objects.create(group=group, school=school, visit=visit, problem=problem,
                                     severity=severity, recommendation=recommendation,
                                     due_on=due_on, recorded_by=actor)
    audit.record(actor=actor, action="oversight.finding.recorded", target=finding, changes={
        "school": [None, school.code], "severity": [None, severity],
        "due_on": [None, str(due_on)], "visit": [None, visit.pk if visit else None]})
    with translation.override(settings.LANGUAGE_CODE):
        text = _("The supervision group %(group)s recorded a finding at %(school)s: answer it "
                 "by %(day)s.") % {"group": group.name, "school": school.name, "day": due_on}
    _notify_offices([school.pk], text, reverse("oversight:supervision_finding",
                                               args=[finding.pk]), f"finding:{finding.pk}")
    return finding


def _locked_finding(finding: Finding) -> Finding:
    return Finding.objects.select_for_update(of=("self",)).select_related(
        "group", "school").get(pk=finding.pk)


@transaction.atomic
def answer_finding(*, actor, finding: Finding, answer: str) -> Finding:
    """The school's office or secretary answers (again, until the group closes it)."""
    finding = _locked_finding(finding)
    _require(actor, "oversight.answer_finding", finding,
             _("Only the office or a secretary of the school answers its findings."))
    if finding.status == Finding.Status.CLOSED:
        raise SupervisionError(_("This finding is closed."), code="closed")
    answer = _text(answer, _("the answer"), MAX_TEXT)
    before = {"status": finding.status, "answer": finding.answer}
    finding.answer, finding.status = answer, Finding.Status.ANSWERED
    finding.answered_at, finding.answered_by = clock.now(), actor
    finding.save(update_fields=["answer", "status", "answered_at", "answered_by", "updated_at"])
    audit.record(actor=actor, action="oversight.finding.answered", target=finding,
                 changes=audit.field_diff(before, {"status": finding.status, "answer": answer}))
    return finding


@transaction.atomic
def close_finding(*, actor, finding: Finding, note: str = "") -> Finding:
    """The group closes a finding: once the school has answered, or with a note saying why
    it closes unanswered."""
    finding = _locked_finding(finding)
    _require(actor, "oversight.close_finding", finding,
             _("Only a member of the group that recorded the finding closes it."))
    if finding.status == Finding.Status.CLOSED:
        raise SupervisionError(_("This finding is already closed."), code="closed")
    note = _text(note, _("the closing note"), MAX_CLOSING_NOTE, required=False)
    if finding.status != Finding.Status.ANSWERED and not note:
        raise SupervisionError(_("The school has not answered yet: write a note saying why the "
                                 "finding closes without an answer."), code="unanswered")
    before = finding.status
    finding.status, finding.closing_note = Finding.Status.CLOSED, note
    finding.closed_at, finding.closed_by = clock.now(), actor
    finding.save(update_fields=["status", "closing_note", "closed_at", "closed_by",
                                "updated_at"])
    audit.record(actor=actor, action="oversight.finding.closed", target=finding,
                 changes={"status": [before, finding.status], "closing_note": [None, note]})
    return finding


# --- good practices --------------------------------------------------------------------------

@transaction.atomic
def record_good_practice(*, actor, group: SupervisionGroup, school: School, title: str,
                         text: str) -> GoodPractice:
    _working(actor, group)
    _covered(group, school)
    title = _text(title, _("the title"), MAX_TITLE)
    text = _text(text, _("the text"), MAX_PRACTICE)
    practice = GoodPractice.objects.create(group=group, school=school, title=title, text=text,
                                           recorded_by=actor)
    audit.record(actor=actor, action="oversight.good_practice.recorded", target=practice,
                 changes={"school": [None, school.code], "title": [None, title]})
    return practice


@transaction.atomic
def share_good_practice(*, actor, practice: GoodPractice) -> GoodPractice:
    """Share a good practice with every school of the campaign below the sending level: their
    offices get a notification (推广经验)."""
    practice = GoodPractice.objects.select_for_update(of=("self",)).select_related(
        "group__organization", "group__campaign", "school").get(pk=practice.pk)
    group = practice.group
    if not (actor.has_perm("oversight.record_finding", group)
            or actor.has_perm("oversight.send_supervision_group", group.organization)):
        raise SupervisionError(_("Only a member of the group or the office that sent it shares "
                                 "its good practices."), code="forbidden")
    if practice.shared_at is not None:
        raise SupervisionError(_("This good practice has already been shared."),
                               code="shared")
    practice.shared_at = clock.now()
    practice.save(update_fields=["shared_at", "updated_at"])
    school_ids = set(Plan.objects.filter(
        campaign=group.campaign, organization__school__isnull=False,
        organization__path__startswith=group.organization.path,
    ).values_list("organization__school_id", flat=True))
    audit.record(actor=actor, action="oversight.good_practice.shared", target=practice,
                 changes={"shared_at": [None, str(practice.shared_at)],
                          "schools": [None, len(school_ids)]})
    with translation.override(settings.LANGUAGE_CODE):
        text = _("A good practice to learn from (%(school)s): %(title)s") % {
            "school": practice.school.name, "title": practice.title}
    _notify_offices(school_ids, text, reverse("oversight:supervision_practice",
                                              args=[practice.pk]), f"practice:{practice.pk}")
    return practice
