"""The office's work on a preparation survey: make it from the built-in question set, edit it
before it opens, open it (a token per member, delivered as a notification), print slips,
close it. Every write is audited; answers are not (services/answers.py says why)."""

import secrets

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Campaign, Notification
from vanguard.core import clock
from vanguard.core import tokens as one_time
from vanguard.people.models import Member, Organization
from vanguard.surveys import defaults
from vanguard.surveys.errors import SurveyError
from vanguard.surveys.models import (
    MAX_INTRO,
    MAX_QUESTION,
    MAX_TOPIC_LABEL,
    MAX_TOPICS,
    OTHER,
    Invitee,
    Survey,
)

RUN = "surveys.run_survey"
MIN_TOPICS = 2
MAX_CHOICES = 5
# How far ahead answers may close: a preparation survey is a matter of days or weeks.
MAX_DAYS_OPEN = 120


def require(actor, perm: str, obj) -> None:
    if not actor.has_perm(perm, obj):
        raise SurveyError(_("You are not allowed to do this here."), code="forbidden")


def running(campaign: Campaign) -> None:
    if campaign.state != Campaign.State.RUNNING:
        raise SurveyError(_("The campaign is closed; its records can be read, not changed."),
                          code="campaign_closed")


def locked(survey: Survey) -> Survey:
    return (Survey.objects.select_for_update(of=("self",))
            .select_related("campaign", "organization").get(pk=survey.pk))


def school_top(organization: Organization) -> Organization | None:
    if organization.school_id is None:
        return None
    return (Organization.objects.filter(school_id=organization.school_id)
            .order_by("depth", "path").first())


def survey_organizations(campaign: Campaign) -> list[Organization]:
    """Where a survey of this campaign may be held: the campaign's root, and the top
    organization of each school in its tree (two queries)."""
    root = campaign.organization
    tops: dict[int, Organization] = {}
    for org in (Organization.objects.filter(path__startswith=root.path, school__isnull=False)
                .order_by("depth", "path")):
        tops.setdefault(org.school_id, org)
    return [root, *sorted((o for o in tops.values() if o.pk != root.pk), key=lambda o: o.path)]


def answer_link(token: str) -> str:
    """The member's answer page with the token after "#": the fragment never reaches the
    server (nor its logs); the page's script copies it into the form."""
    return f"{reverse('surveys:answer')}#{token}"


@transaction.atomic
def create_survey(*, actor, campaign: Campaign, organization: Organization) -> Survey:
    """A survey at the campaign's root or at a school's top organization, from the default
    question set; one per campaign and organization."""
    require(actor, RUN, organization)
    running(campaign)
    if organization.pk not in {o.pk for o in survey_organizations(campaign)}:
        raise SurveyError(_("A preparation survey is held at the campaign's own level or at a "
                            "school's top organization within it."), code="organization")
    if Survey.objects.filter(campaign=campaign, organization=organization).exists():
        raise SurveyError(_("This organization already has a preparation survey in this "
                            "campaign."), code="exists")
    survey = Survey.objects.create(
        campaign=campaign, organization=organization, intro=defaults.DEFAULT_INTRO,
        topics=[dict(t) for t in defaults.DEFAULT_TOPICS],
        max_choices=defaults.DEFAULT_MAX_CHOICES,
        expectation_question=defaults.DEFAULT_EXPECTATION,
        public_key=secrets.token_urlsafe(16)[:22])
    audit.record(actor=actor, action="surveys.survey.created", target=survey,
                 changes={"organization": [None, organization.code]})
    return survey


def checked_topics(lines: list[str], before: list[dict]) -> list[dict]:
    """[{key, label}] from the labels as typed, one a line: a default topic keeps its key (so
    schools' answers can be read side by side), a new one gets its own."""
    labels = [" ".join(line.split()) for line in lines if line.strip()]
    if len(labels) < MIN_TOPICS or len(labels) > MAX_TOPICS:
        raise SurveyError(_("List between %(min)d and %(max)d topics, one a line (“other” is "
                            "always added).") % {"min": MIN_TOPICS, "max": MAX_TOPICS},
                          code="topics")
    too_long = [label for label in labels if len(label) > MAX_TOPIC_LABEL]
    if too_long:
        raise SurveyError(_("A topic may be at most %(max)d characters: %(topic)s")
                          % {"max": MAX_TOPIC_LABEL, "topic": too_long[0][:60]}, code="topics")
    if len({label.casefold() for label in labels}) != len(labels):
        raise SurveyError(_("A topic is listed twice."), code="topics")
    known = {t["label"]: t["key"] for t in [*defaults.DEFAULT_TOPICS, *before]}
    topics, used = [], set()
    for label in labels:
        key = known.get(label)
        if key is None or key in used or key == OTHER:
            n = 1
            while f"custom{n}" in used or f"custom{n}" in known.values():
                n += 1
            key = f"custom{n}"
        used.add(key)
        topics.append({"key": key, "label": label})
    return topics


@transaction.atomic
def edit_survey(*, actor, survey: Survey, intro: str, topic_lines: list[str],
                max_choices: int, expectation_question: str, public_enabled: bool) -> Survey:
    """Change the question set while the survey is being prepared."""
    survey = locked(survey)
    require(actor, RUN, survey.organization)
    running(survey.campaign)
    if survey.state != Survey.State.DRAFT:
        raise SurveyError(_("The questions can be changed only before the survey opens."),
                          code="not_draft")
    topics = checked_topics(topic_lines, survey.topics)
    if len((intro or "").strip()) > MAX_INTRO:
        raise SurveyError(_("The introduction may be at most %(max)d characters.")
                          % {"max": MAX_INTRO}, code="intro")
    if not 1 <= int(max_choices) <= min(MAX_CHOICES, len(topics) + 1):
        raise SurveyError(_("One may choose between 1 and %(max)d topics.")
                          % {"max": min(MAX_CHOICES, len(topics) + 1)}, code="max_choices")
    question = " ".join((expectation_question or "").split())
    if not question or len(question) > MAX_QUESTION:
        raise SurveyError(_("Write the question on expectations (at most %(max)d characters).")
                          % {"max": MAX_QUESTION}, code="question")
    before = {"intro": survey.intro, "topics": survey.topics, "max_choices": survey.max_choices,
              "expectation_question": survey.expectation_question,
              "public_enabled": survey.public_enabled}
    survey.intro, survey.topics = (intro or "").strip(), topics
    survey.max_choices, survey.expectation_question = int(max_choices), question
    survey.public_enabled = bool(public_enabled)
    survey.save()
    audit.record(actor=actor, action="surveys.survey.edited", target=survey,
                 changes=audit.field_diff(before, {k: getattr(survey, k) for k in before}))
    return survey


def _invite(survey: Survey) -> int:
    """A fresh token for every member of the survey's scope not yet invited; those with an
    account get it as a notification with the link. Bulk: three queries whatever the size."""
    invited = set(Invitee.objects.filter(survey=survey).values_list("person_id", flat=True))
    members = (Member.objects.filter(organization__path__startswith=survey.organization.path)
               .exclude(person_id__in=invited).select_related("person").order_by("person_id"))
    rows, notes = [], []
    text = _("Preparation survey of %(org)s: your expectations of the campaign and the issues "
             "you want solved. Anonymous; open until %(day)s.") % {
        "org": survey.organization.name, "day": survey.closes_on}
    for member in members:
        token = one_time.new_token()
        rows.append(Invitee(survey=survey, person_id=member.person_id,
                            token_hash=one_time.hash_token(token)))
        if member.person.user_id:
            notes.append(Notification(person_id=member.person_id, text=text[:300],
                                      url=answer_link(token), key=f"survey:{survey.pk}"))
    Invitee.objects.bulk_create(rows, batch_size=500)
    Notification.objects.bulk_create(notes, batch_size=500, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def open_survey(*, actor, survey: Survey, closes_on) -> Survey:
    """Open for answers until `closes_on`: every member of the scope gets a token."""
    survey = locked(survey)
    require(actor, RUN, survey.organization)
    running(survey.campaign)
    if survey.state != Survey.State.DRAFT:
        raise SurveyError(_("This survey has already been opened."), code="not_draft")
    today = clock.today()
    if closes_on is None or closes_on < today:
        raise SurveyError(_("Answers must close today or later."), code="closes_on")
    if (closes_on - today).days > MAX_DAYS_OPEN:
        raise SurveyError(_("A preparation survey stays open at most %(days)d days.")
                          % {"days": MAX_DAYS_OPEN}, code="closes_on")
    survey.state, survey.closes_on, survey.opened_at = Survey.State.OPEN, closes_on, clock.now()
    survey.save(update_fields=["state", "closes_on", "opened_at", "updated_at"])
    invited = _invite(survey)
    audit.record(actor=actor, action="surveys.survey.opened", target=survey,
                 changes={"state": [Survey.State.DRAFT, survey.state],
                          "closes_on": [None, str(closes_on)], "invited": [None, invited]})
    return survey


@transaction.atomic
def invite_new_members(*, actor, survey: Survey) -> int:
    """Members who joined the scope since the survey opened get their token too."""
    survey = locked(survey)
    require(actor, RUN, survey.organization)
    running(survey.campaign)
    if survey.state != Survey.State.OPEN:
        raise SurveyError(_("Members are invited while the survey is open."), code="not_open")
    invited = _invite(survey)
    if invited:
        audit.record(actor=actor, action="surveys.invitees.added", target=survey,
                     changes={"invited": [None, invited]})
    return invited


@transaction.atomic
def close_survey(*, actor, survey: Survey) -> Survey:
    survey = locked(survey)
    require(actor, RUN, survey.organization)
    if survey.state != Survey.State.OPEN:
        raise SurveyError(_("Only an open survey can be closed."), code="not_open")
    survey.state, survey.closed_at = Survey.State.CLOSED, clock.now()
    survey.save(update_fields=["state", "closed_at", "updated_at"])
    audit.record(actor=actor, action="surveys.survey.closed", target=survey,
                 changes={"state": [Survey.State.OPEN, survey.state]})
    return survey


@transaction.atomic
def reissue_slips(*, actor, survey: Survey) -> list[tuple[Invitee, str]]:
    """Fresh tokens for every invitee who has not answered, to be printed once: only the
    hashes are stored; an older slip stops working, and the in-app link of a member with an
    account is changed to the new token (the same person holds both)."""
    survey = locked(survey)
    require(actor, RUN, survey.organization)
    running(survey.campaign)
    if survey.state != Survey.State.OPEN:
        raise SurveyError(_("Slips are printed while the survey is open for answers."),
                          code="not_open")
    slips, invitees, links = [], [], {}
    for invitee in (Invitee.objects.filter(survey=survey, answered=False)
                    .select_related("person").order_by("person__name", "pk")
                    .select_for_update(of=("self",))):
        token = one_time.new_token()
        invitee.token_hash = one_time.hash_token(token)
        invitees.append(invitee)
        slips.append((invitee, token))
        links[invitee.person_id] = answer_link(token)
    Invitee.objects.bulk_update(invitees, ["token_hash"], batch_size=500)
    notes = list(Notification.objects.filter(key=f"survey:{survey.pk}",
                                             person_id__in=list(links)))
    for note in notes:
        note.url = links[note.person_id]
    Notification.objects.bulk_update(notes, ["url"], batch_size=500)
    audit.record(actor=actor, action="surveys.slips.printed", target=survey,
                 changes={"slips": [None, len(slips)]})
    return slips
