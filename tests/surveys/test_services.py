"""The office's work on a survey: make it from the default set, edit it before it opens, open
it (a token and a notification per member), print slips, invite late members, close it; each
refused to the roles that may not and on bad input, with nothing changed."""

import datetime as dt

import pytest

from tests.builders import make_member
from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Campaign, Notification
from vanguard.core import clock
from vanguard.surveys import defaults
from vanguard.surveys.errors import SurveyError
from vanguard.surveys.models import Invitee, SpentToken, Survey
from vanguard.surveys.services import answers, surveys

pytestmark = pytest.mark.django_db


def snapshot():
    return (Survey.objects.count(), Invitee.objects.count(), Notification.objects.count(),
            AuditEntry.objects.count(), list(Survey.objects.values().order_by("pk")))


def test_a_survey_starts_from_the_default_question_set_and_is_audited(survey, school):
    assert survey.state == Survey.State.DRAFT
    assert survey.topics == defaults.DEFAULT_TOPICS
    assert survey.max_choices == 3 and survey.expectation_question
    assert len(survey.public_key) >= 20
    assert AuditEntry.objects.filter(action="surveys.survey.created").count() == 1


def test_the_district_office_holds_a_survey_at_the_campaigns_root(launched, district):
    survey = surveys.create_survey(actor=district.users["district_office"], campaign=launched,
                                   organization=district.root)
    assert survey.organization == district.root


@pytest.mark.parametrize("role", ["other_office", "secretary", "other_secretary", "leader",
                                  "supervisor", "member"])
def test_only_the_office_or_admin_makes_a_survey(role, launched, district, school):
    before = snapshot()
    with pytest.raises(SurveyError) as exc:
        surveys.create_survey(actor=district.users[role], campaign=launched,
                              organization=school.committee)
    assert exc.value.code == "forbidden"
    assert snapshot() == before


def test_a_survey_is_held_at_a_schools_top_not_at_a_branch(launched, office, school):
    before = snapshot()
    with pytest.raises(SurveyError) as exc:
        surveys.create_survey(actor=office, campaign=launched, organization=school.branches[0])
    assert exc.value.code == "organization" and snapshot() == before


def test_one_survey_per_campaign_and_organization(survey, launched, office, school):
    before = snapshot()
    with pytest.raises(SurveyError) as exc:
        surveys.create_survey(actor=office, campaign=launched, organization=school.committee)
    assert exc.value.code == "exists" and snapshot() == before


def test_a_closed_campaign_takes_no_survey(launched, office, school):
    Campaign.objects.filter(pk=launched.pk).update(state=Campaign.State.CLOSED)
    launched.refresh_from_db()
    with pytest.raises(SurveyError) as exc:
        surveys.create_survey(actor=office, campaign=launched, organization=school.committee)
    assert exc.value.code == "campaign_closed" and Survey.objects.count() == 0


def edit(survey, office, **kwargs):
    values = {"intro": "说明", "topic_lines": ["校园安全", "食堂管理", "教育乱收费"],
              "max_choices": 2, "expectation_question": "您的期望？", "public_enabled": True}
    values.update(kwargs)
    return surveys.edit_survey(actor=office, survey=survey, **values)


def test_editing_keeps_the_default_keys_and_gives_new_topics_their_own(survey, office):
    survey = edit(survey, office)
    assert survey.topics == [{"key": "safety", "label": "校园安全"},
                             {"key": "custom1", "label": "食堂管理"},
                             {"key": "fees", "label": "教育乱收费"}]
    assert (survey.max_choices, survey.expectation_question, survey.intro) == (2, "您的期望？",
                                                                               "说明")
    assert AuditEntry.objects.filter(action="surveys.survey.edited").count() == 1


@pytest.mark.parametrize("kwargs, code", [
    ({"topic_lines": ["校园安全"]}, "topics"),
    ({"topic_lines": [f"议题{n}" for n in range(13)]}, "topics"),
    ({"topic_lines": ["Safety", " safety ", "x"]}, "topics"),
    ({"topic_lines": ["校园安全", "长" * 41]}, "topics"),
    ({"max_choices": 5}, "max_choices"),
    ({"max_choices": 0}, "max_choices"),
    ({"expectation_question": "   "}, "question"),
    ({"expectation_question": "问" * 201}, "question"),
    ({"intro": "说" * 1001}, "intro"),
])
def test_bad_edits_are_refused_and_change_nothing(kwargs, code, survey, office):
    before = snapshot()
    with pytest.raises(SurveyError) as exc:
        edit(survey, office, **kwargs)
    assert exc.value.code == code and exc.value.text
    assert snapshot() == before


def test_the_questions_are_fixed_once_open(opened, survey, office):
    before = snapshot()
    with pytest.raises(SurveyError) as exc:
        edit(survey, office)
    assert exc.value.code == "not_draft" and snapshot() == before


def test_a_supervisor_or_leader_cannot_edit(survey, district):
    for role in ("supervisor", "leader", "other_office"):
        with pytest.raises(SurveyError):
            edit(survey, district.users[role])


def test_opening_gives_every_member_a_token_and_those_with_an_account_their_link(
        survey, office, school, closes_on):
    surveys.open_survey(actor=office, survey=survey, closes_on=closes_on)
    survey.refresh_from_db()
    assert survey.state == Survey.State.OPEN and survey.closes_on == closes_on
    assert set(Invitee.objects.values_list("person_id", flat=True)) == {
        p.pk for p in school.members}
    notes = Notification.objects.filter(key=f"survey:{survey.pk}")
    # The leader, the secretary and the member have accounts among S1's members.
    assert {n.person_id for n in notes} == {school.members[1].pk, school.members[3].pk,
                                           school.members[-1].pk}
    for note in notes:
        assert note.url.startswith("/surveys/answer/#")
        token = note.url.split("#", 1)[1]
        assert answers.invitee_for(token).person_id == note.person_id
    assert AuditEntry.objects.filter(action="surveys.survey.opened").count() == 1


@pytest.mark.parametrize("days, code", [(-1, "closes_on"), (121, "closes_on")])
def test_opening_needs_a_sensible_closing_day(days, code, survey, office):
    before = snapshot()
    with pytest.raises(SurveyError) as exc:
        surveys.open_survey(actor=office, survey=survey,
                            closes_on=clock.today() + dt.timedelta(days=days))
    assert exc.value.code == code and snapshot() == before


def test_opening_twice_is_refused(opened, survey, office, closes_on):
    before = snapshot()
    with pytest.raises(SurveyError) as exc:
        surveys.open_survey(actor=office, survey=survey, closes_on=closes_on)
    assert exc.value.code == "not_draft" and snapshot() == before


def test_printing_slips_replaces_the_codes_and_the_in_app_links(opened, survey, office,
                                                                  school):
    member = school.members[-1]
    old_token = opened[member.pk]
    fresh = dict((i.person_id, t) for i, t in surveys.reissue_slips(actor=office,
                                                                     survey=survey))
    assert answers.invitee_for(old_token) is None
    assert answers.invitee_for(fresh[member.pk]).person_id == member.pk
    note = Notification.objects.get(person=member, key=f"survey:{survey.pk}")
    assert note.url.endswith("#" + fresh[member.pk])
    # Whoever answered gets no slip any more.
    answers.submit_member_answer(token=fresh[member.pk], topics=["fees"])
    again = surveys.reissue_slips(actor=office, survey=survey)
    assert member.pk not in {i.person_id for i, _t in again} and len(again) == 5


def test_slips_only_while_open_and_only_for_the_office(survey, office, district):
    with pytest.raises(SurveyError) as exc:
        surveys.reissue_slips(actor=office, survey=survey)
    assert exc.value.code == "not_open"
    with pytest.raises(SurveyError) as exc:
        surveys.reissue_slips(actor=district.users["supervisor"], survey=survey)
    assert exc.value.code == "forbidden"


def test_members_added_after_opening_are_invited(opened, survey, office, school):
    newcomer = make_member("新党员", school.branches[0])
    assert surveys.invite_new_members(actor=office, survey=survey) == 1
    assert Invitee.objects.filter(survey=survey, person=newcomer).exists()
    assert surveys.invite_new_members(actor=office, survey=survey) == 0


def test_closing_ends_answers(opened, survey, office):
    surveys.close_survey(actor=office, survey=survey)
    survey.refresh_from_db()
    assert survey.state == Survey.State.CLOSED and survey.closed_at
    with pytest.raises(SurveyError) as exc:
        answers.submit_member_answer(token=next(iter(opened.values())), topics=["fees"])
    assert exc.value.code == "closed" and SpentToken.objects.count() == 0
    with pytest.raises(SurveyError) as exc:
        surveys.close_survey(actor=office, survey=survey)
    assert exc.value.code == "not_open"
