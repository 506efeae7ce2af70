"""Answering: a slip's code or the logged-in respondent's own row, once, while open, every
question with a rating from the scale; each refusal writes nothing."""

import datetime as dt

import pytest

from tests.assessments.conftest import all_ratings
from vanguard.assessments.errors import AssessmentError
from vanguard.assessments.models import (
    Answer,
    Assessment,
    Rating,
    Respondent,
    Response,
    SpentToken,
)
from vanguard.assessments.services import answers, assessments, tokens
from vanguard.core import clock

pytestmark = pytest.mark.django_db


def written() -> tuple[int, int, int, int]:
    return (Response.objects.count(), Answer.objects.count(), SpentToken.objects.count(),
            Respondent.objects.filter(answered=True).count())


def test_a_slips_code_answers_every_question_once(assessment, opened):
    respondent_id, token = next(iter(opened.items()))
    response = answers.submit_answers(token=token, ratings=all_ratings(assessment))
    respondent = Respondent.objects.get(pk=respondent_id)
    assessment.refresh_from_db()
    assert respondent.answered
    assert (response.part, response.group, response.day) == (
        respondent.part, respondent.group, assessment.closes_on)
    assert Answer.objects.filter(response=response).count() == len(assessment.questions) == 5


def test_a_respondent_with_an_account_answers_without_a_slip(assessment, opened, district):
    member = district.users["member"]
    answers.submit_own_answers(actor=member, assessment=assessment,
                               ratings=all_ratings(assessment))
    assert Respondent.objects.get(assessment=assessment, person=member.person).answered
    # The slip printed for them is spent with it.
    own = Respondent.objects.get(assessment=assessment, person=member.person)
    with pytest.raises(AssessmentError, match="already used"):
        answers.submit_answers(token=opened[own.pk], ratings=all_ratings(assessment))


def test_someone_not_asked_cannot_answer(assessment, opened, district):
    with pytest.raises(AssessmentError) as refused:
        answers.submit_own_answers(actor=district.users["leader"], assessment=assessment,
                                   ratings=all_ratings(assessment))
    assert refused.value.code == "not_respondent" and written() == (0, 0, 0, 0)


def test_a_token_used_twice_is_refused(assessment, opened):
    token = next(iter(opened.values()))
    answers.submit_answers(token=token, ratings=all_ratings(assessment))
    before = written()
    with pytest.raises(AssessmentError, match="already used") as refused:
        answers.submit_answers(token=token, ratings=all_ratings(assessment, Rating.NOT))
    assert refused.value.code == "spent" and written() == before


def test_a_token_after_the_assessment_closed_is_refused(assessment, opened, office):
    assessments.close_assessment(actor=office, assessment=assessment)
    with pytest.raises(AssessmentError, match="closed") as refused:
        answers.submit_answers(token=next(iter(opened.values())),
                               ratings=all_ratings(assessment))
    assert refused.value.code == "closed" and written() == (0, 0, 0, 0)


def test_a_token_after_the_closing_day_is_refused(assessment, opened, monkeypatch):
    assessment.refresh_from_db()
    later = assessment.closes_on + dt.timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: later)
    with pytest.raises(AssessmentError) as refused:
        answers.submit_answers(token=next(iter(opened.values())),
                               ratings=all_ratings(assessment))
    assert refused.value.code == "closed" and written() == (0, 0, 0, 0)


def test_missing_answers_are_refused_naming_the_questions(assessment, opened):
    ratings = all_ratings(assessment)
    del ratings["rectification"]
    with pytest.raises(AssessmentError, match="整改措施的落实和成效") as refused:
        answers.submit_answers(token=next(iter(opened.values())), ratings=ratings)
    assert refused.value.code == "missing" and written() == (0, 0, 0, 0)


def test_a_rating_not_on_the_scale_is_refused(assessment, opened):
    with pytest.raises(AssessmentError, match="满意, 比较满意, 基本满意, 不满意") as refused:
        answers.submit_answers(token=next(iter(opened.values())),
                               ratings=all_ratings(assessment, overall="excellent"))
    assert refused.value.code == "rating" and written() == (0, 0, 0, 0)


def test_a_question_not_asked_is_refused(assessment, opened):
    with pytest.raises(AssessmentError) as refused:
        answers.submit_answers(token=next(iter(opened.values())),
                               ratings={**all_ratings(assessment), "canteen": "not"})
    assert refused.value.code == "unknown_question" and written() == (0, 0, 0, 0)


@pytest.mark.parametrize("token", ["", "no-such-code", "x" * 101])
def test_an_unknown_code_is_refused(assessment, opened, token):
    with pytest.raises(AssessmentError) as refused:
        answers.submit_answers(token=token, ratings=all_ratings(assessment))
    assert refused.value.code == "bad_token" and written() == (0, 0, 0, 0)


def test_printing_slips_again_makes_the_older_slip_stop_working(assessment, opened, office):
    old = next(iter(opened.values()))
    tokens.reissue_slips(actor=office, assessment=assessment)
    with pytest.raises(AssessmentError) as refused:
        answers.submit_answers(token=old, ratings=all_ratings(assessment))
    assert refused.value.code == "bad_token"


def test_slips_are_printed_only_for_those_who_have_not_answered(assessment, opened, office):
    answers.submit_answers(token=next(iter(opened.values())), ratings=all_ratings(assessment))
    again = tokens.reissue_slips(actor=office, assessment=assessment)
    assert len(again) == len(opened) - 1
    # Everyone else's code changed; the one who answered keeps their spent hash.
    assert Respondent.objects.filter(token_hash__in=[tokens.hash_token(t)
                                                     for t in opened.values()]).get().answered


def test_slips_are_not_printed_before_the_assessment_opens(assessment, drawn, office):
    with pytest.raises(AssessmentError) as refused:
        tokens.reissue_slips(actor=office, assessment=assessment)
    assert refused.value.code == "not_open"


def test_opening_needs_both_parts_and_a_closing_day_not_past(assessment, office, roster):
    tomorrow = clock.today() + dt.timedelta(days=1)
    with pytest.raises(AssessmentError, match="representatives"):
        assessments.open_assessment(actor=office, assessment=assessment, closes_on=tomorrow)
    assessments.add_representatives(actor=office, assessment=assessment,
                                    people=roster["student"][:1])
    with pytest.raises(AssessmentError, match="sample"):
        assessments.open_assessment(actor=office, assessment=assessment, closes_on=tomorrow)
    with pytest.raises(AssessmentError) as refused:
        assessments.open_assessment(actor=office, assessment=assessment,
                                    closes_on=clock.today() - dt.timedelta(days=1))
    assert refused.value.code == "closes_on"
    assert Assessment.objects.get(pk=assessment.pk).state == Assessment.State.DRAFT


def test_closing_twice_is_refused(assessment, opened, office):
    assessments.close_assessment(actor=office, assessment=assessment)
    with pytest.raises(AssessmentError, match="already closed") as refused:
        assessments.close_assessment(actor=office, assessment=assessment)
    assert refused.value.code == "closed"


def test_the_questions_are_frozen_from_the_template(assessment, activity):
    activity.settings["questions"] = [{"key": "changed", "text": "改过的问题"}]
    activity.save()
    assessment.refresh_from_db()
    assert [q["key"] for q in assessment.questions] == [
        "overall", "study", "problems", "rectification", "example"]


def test_one_assessment_per_school(assessment, activity, office):
    with pytest.raises(AssessmentError) as refused:
        assessments.create_assessment(actor=office, activity=activity)
    assert refused.value.code == "exists"


def test_representatives_must_be_the_schools_staff_students_or_parents(assessment, office,
                                                                      district):
    stranger = district.schools[1].members[0]
    with pytest.raises(AssessmentError, match=stranger.name):
        assessments.add_representatives(actor=office, assessment=assessment, people=[stranger])
    with pytest.raises(AssessmentError, match="NO-SUCH"):
        assessments.representatives_by_number(assessment, ["NO-SUCH"])
    assert not Respondent.objects.exists()
