"""A school's assessment from preparation to closing: create it with the template's questions
frozen, name the representatives, open it for answers, close it (which applies the remedial
rule: `remedial.apply_rules`)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.assessments.activities import ASSESSMENT_KIND
from vanguard.assessments.errors import AssessmentError
from vanguard.assessments.models import Assessment, Part, Respondent
from vanguard.assessments.services import tokens
from vanguard.assessments.services.common import GROUP_OF, locked, require, running
from vanguard.campaigns.models import Activity, Campaign, Phase
from vanguard.core import clock
from vanguard.people.models import Organization, Person

MAX_QUESTIONS = 30
MAX_QUESTION_KEY = 40
MAX_QUESTION_TEXT = 200
MAX_REPRESENTATIVES = 500


def frozen_questions(activity: Activity) -> list[dict]:
    """[{key, text}] from the template's settings, checked: what the assessment keeps."""
    raw = (activity.settings or {}).get("questions") or []
    questions, keys = [], set()
    for entry in raw if isinstance(raw, list) else []:
        key = str((entry or {}).get("key", "")).strip() if isinstance(entry, dict) else ""
        text = str(entry.get("text", "")).strip() if key else ""
        if not key or not text or key in keys or len(key) > MAX_QUESTION_KEY:
            raise AssessmentError(_("The template's questions are not usable: each needs a "
                                    "unique key of at most 40 characters and a text."),
                                  code="questions")
        keys.add(key)
        questions.append({"key": key, "text": text[:MAX_QUESTION_TEXT]})
    if not questions or len(questions) > MAX_QUESTIONS:
        raise AssessmentError(_("The template gives this assessment no questions (or more "
                                "than 30)."), code="questions")
    return questions


def _check_creatable(activity: Activity, organization: Organization) -> None:
    if activity.kind != ASSESSMENT_KIND:
        raise AssessmentError(_("This step is not a satisfaction assessment."), code="kind")
    if organization.school_id is None or activity.plan.organization_id != organization.pk:
        raise AssessmentError(_("The assessment belongs to a school's own plan."),
                              code="not_school")
    if activity.plan.campaign.state != Campaign.State.RUNNING:
        raise AssessmentError(_("The campaign is closed."), code="campaign_closed")
    if activity.phase.state != Phase.State.OPEN:
        raise AssessmentError(_("This step's phase is not open, so the assessment cannot be "
                                "prepared now."), code="phase_not_open")


@transaction.atomic
def create_assessment(*, actor, activity: Activity) -> Assessment:
    """The school's first assessment (round 1), in preparation, its questions frozen."""
    activity = (Activity.objects.select_related("plan__organization", "plan__campaign", "phase")
                .get(pk=activity.pk))
    organization = activity.plan.organization
    require(actor, "assessments.run_assessment", organization)
    _check_creatable(activity, organization)
    if Assessment.objects.filter(campaign_id=activity.plan.campaign_id,
                                 organization=organization).exists():
        raise AssessmentError(_("This school's assessment already exists."), code="exists")
    assessment = Assessment.objects.create(
        campaign_id=activity.plan.campaign_id, activity=activity, organization=organization,
        questions=frozen_questions(activity))
    audit.record(actor=actor, action="assessments.assessment.created", target=assessment,
                 changes={"round": [None, 1], "questions": [None, len(assessment.questions)]})
    return assessment


def _check_preparing(assessment: Assessment) -> None:
    if assessment.state != Assessment.State.DRAFT:
        raise AssessmentError(_("The representatives are named while the assessment is being "
                                "prepared."), code="not_draft")
    if assessment.sample_drawn_at is not None:
        raise AssessmentError(_("The sample is drawn: the list of representatives is closed, "
                                "since the sample's roster left them out."), code="drawn")


def representatives_by_number(assessment: Assessment, numbers: list[str]) -> list[Person]:
    """The school's people with these staff or student numbers; refused, naming them, if a
    number matches nobody."""
    numbers = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    if not numbers:
        raise AssessmentError(_("Give at least one staff or student number."), code="none")
    if len(numbers) > MAX_REPRESENTATIVES:
        raise AssessmentError(_("At most 500 representatives at a time."), code="too_many")
    people = {p.staff_no: p for p in Person.objects.filter(
        school_id=assessment.organization.school_id, staff_no__in=numbers)}
    unknown = [n for n in numbers if n not in people]
    if unknown:
        raise AssessmentError(_("Nobody at this school has these numbers: %(numbers)s.")
                              % {"numbers": ", ".join(unknown[:20])}, code="unknown")
    return [people[n] for n in numbers]


@transaction.atomic
def add_representatives(*, actor, assessment: Assessment, people: list[Person]) -> int:
    """Name staff, students or parents of the school as representatives (代表评议): all or
    none. Returns how many were added."""
    assessment = locked(assessment)
    require(actor, "assessments.run_assessment", assessment)
    running(assessment)
    _check_preparing(assessment)
    strangers = [p.name for p in people if p.school_id != assessment.organization.school_id]
    no_group = [p.name for p in people if p.category not in GROUP_OF]
    if strangers or no_group:
        raise AssessmentError(_("Representatives are the school's staff, students or parents; "
                                "not so: %(names)s.") % {"names": ", ".join(strangers + no_group)},
                              code="not_eligible")
    named = set(Respondent.objects.filter(assessment=assessment,
                                          person__in=people).values_list("person_id", flat=True))
    rows = [Respondent(assessment=assessment, person=p, part=Part.REPRESENTATIVE,
                       group=GROUP_OF[p.category],
                       token_hash=tokens.hash_token(tokens.new_token()))
            for p in dict.fromkeys(people) if p.pk not in named]
    Respondent.objects.bulk_create(rows)
    audit.record(actor=actor, action="assessments.representatives.added", target=assessment,
                 changes={"representatives": [None, [r.person_id for r in rows]]})
    return len(rows)


@transaction.atomic
def remove_representative(*, actor, assessment: Assessment, respondent: Respondent) -> None:
    assessment = locked(assessment)
    require(actor, "assessments.run_assessment", assessment)
    running(assessment)
    _check_preparing(assessment)
    if respondent.assessment_id != assessment.pk or respondent.part != Part.REPRESENTATIVE:
        raise AssessmentError(_("That person is not a representative here."), code="not_named")
    audit.record(actor=actor, action="assessments.representatives.removed", target=assessment,
                 changes={"representative": [respondent.person_id, None]})
    respondent.delete()


@transaction.atomic
def open_assessment(*, actor, assessment: Assessment, closes_on: dt.date) -> Assessment:
    """Open for answers until `closes_on`: both parts must be ready (named representatives,
    the sample drawn)."""
    assessment = locked(assessment)
    require(actor, "assessments.run_assessment", assessment)
    running(assessment)
    if assessment.state != Assessment.State.DRAFT:
        raise AssessmentError(_("Only an assessment being prepared can be opened."),
                              code="not_draft")
    if closes_on is None or closes_on < clock.today():
        raise AssessmentError(_("The assessment must close today or later."), code="closes_on")
    if closes_on > assessment.campaign.ends_on + dt.timedelta(days=366):
        raise AssessmentError(_("The closing day is too far away."), code="closes_on")
    parts = set(Respondent.objects.filter(assessment=assessment).values_list("part", flat=True))
    if Part.REPRESENTATIVE not in parts:
        raise AssessmentError(_("Name the representatives of staff and students first."),
                              code="no_representatives")
    if assessment.sample_drawn_at is None:
        raise AssessmentError(_("Draw the random sample first."), code="not_drawn")
    assessment.state, assessment.closes_on = Assessment.State.OPEN, closes_on
    assessment.save(update_fields=["state", "closes_on", "updated_at"])
    audit.record(actor=actor, action="assessments.assessment.opened", target=assessment,
                 changes={"state": [Assessment.State.DRAFT, Assessment.State.OPEN],
                          "closes_on": [None, str(closes_on)]})
    return assessment


@transaction.atomic
def close_assessment(*, actor, assessment: Assessment) -> Assessment:
    """Close the answers, then apply the template's remedial rule: a remedial round (补课)
    and a re-rectification (重新整改) open here when their results call for them."""
    from vanguard.assessments.services import remedial

    assessment = locked(assessment)
    require(actor, "assessments.run_assessment", assessment)
    running(assessment)
    if assessment.state == Assessment.State.CLOSED:
        raise AssessmentError(_("This assessment is already closed."), code="closed")
    if assessment.state != Assessment.State.OPEN:
        raise AssessmentError(_("Only an assessment open for answers can be closed."),
                              code="not_open")
    # closes_on stays as announced even on an early close: it is the one day every response
    # already carries.
    assessment.state, assessment.closed_at = Assessment.State.CLOSED, clock.now()
    assessment.save(update_fields=["state", "closed_at", "updated_at"])
    audit.record(actor=actor, action="assessments.assessment.closed", target=assessment,
                 changes={"state": [Assessment.State.OPEN, Assessment.State.CLOSED]})
    remedial.apply_rules(actor=actor, assessment=assessment)
    return assessment
