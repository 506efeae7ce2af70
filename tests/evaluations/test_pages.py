"""The evaluation pages: the secretary runs the branch's evaluation from its page, voters
vote on one phone-sized form, the member evaluates themselves and acknowledges; service
errors show as messages; the list and results pages cost a fixed number of queries; the Word
table is the branch committee's."""

import io

import pytest
from django.urls import reverse
from docx import Document

from tests.builders import make_member
from tests.evaluations.conftest import all_grades, vote_with
from vanguard.evaluations.models import Ballot, Evaluation, MemberGrade, SelfEvaluation
from vanguard.evaluations.services import grades, stages

pytestmark = pytest.mark.django_db


def branch_url(evaluation):
    return reverse("evaluations:branch", args=[evaluation.campaign_id,
                                               evaluation.organization.code])


def test_the_secretary_opens_the_evaluation_from_the_branch_page(review_open, branch,
                                                                 secretary, client):
    client.force_login(secretary)
    url = reverse("evaluations:branch", args=[review_open.campaign_id, branch.code])
    assert b'data-testid="open-form"' in client.get(url).content
    client.post(reverse("evaluations:open", args=[review_open.campaign_id, branch.code]),
                {"closes_on": review_open.phases.get(key="review").ends_on.isoformat()})
    assert Evaluation.objects.get().stage == "self"


def test_a_bad_closing_day_is_a_message_not_an_error(review_open, branch, secretary, client):
    client.force_login(secretary)
    response = client.post(reverse("evaluations:open", args=[review_open.campaign_id,
                                                             branch.code]),
                           {"closes_on": "2000-01-01"}, follow=True)
    assert "today or later" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_the_member_evaluates_themselves_then_votes_on_one_form(evaluation, secretary,
                                                                district, client):
    member = district.users["member"]
    client.force_login(member)
    mine = reverse("evaluations:mine", args=[evaluation.campaign_id])
    assert b'data-testid="self-form"' in client.get(mine).content
    client.post(reverse("evaluations:self_evaluation", args=[evaluation.campaign_id]),
                {"grade": "qualified", "text": "按时参加学习"})
    assert SelfEvaluation.objects.get(person=member.person).grade == "qualified"
    stages.issue_tokens(actor=secretary, evaluation=evaluation)
    page = client.get(reverse("evaluations:vote")).content.decode()
    assert page.count('data-testid="own-ballot"') == 1
    for person in evaluation.organization.members.all():
        assert person.person.name in page
    participation = evaluation.participation.get(person=member.person)
    data = {"participation": participation.pk,
            **{f"g{pk}": g for pk, g in all_grades(evaluation).items()}}
    assert b"vote-done" in client.post(reverse("evaluations:vote"), data).content
    again = client.post(reverse("evaluations:vote"), data).content.decode()
    assert "already used" in again
    assert Ballot.objects.count() == 1


def test_a_ballot_missing_a_grade_keeps_the_form_with_the_error(voting, evaluation, district,
                                                                client):
    member = district.users["member"]
    client.force_login(member)
    participation = evaluation.participation.get(person=member.person)
    grades_ = all_grades(evaluation)
    missing = grades_.popitem()[0]
    response = client.post(reverse("evaluations:vote"), {
        "participation": participation.pk, **{f"g{pk}": g for pk, g in grades_.items()}})
    name = evaluation.organization.members.get(person_id=missing).person.name
    assert f"Give {name} a grade." in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_slip_holder_votes_with_the_code_without_logging_in(voting_six, evaluation, client):
    token = next(t for pk, t in voting_six.items()
                 if evaluation.participation.get(pk=pk).person.user_id is None)
    opened = client.post(reverse("evaluations:vote"), {"token": token}).content.decode()
    assert 'data-testid="ballot"' in opened
    data = {"token": token, "cast": "1",
            **{f"g{pk}": g for pk, g in all_grades(evaluation).items()}}
    assert b"vote-done" in client.post(reverse("evaluations:vote"), data).content
    used = client.post(reverse("evaluations:vote"), {"token": token}).content.decode()
    assert 'data-testid="token-error"' in used
    assert Ballot.objects.count() == 1


def test_printed_slips_show_fresh_codes_once(voting_six, evaluation, secretary, client):
    client.force_login(secretary)
    response = client.post(reverse("evaluations:slips", args=[evaluation.pk]))
    assert response.content.decode().count('data-testid="slip-code"') == 4
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_results_say_too_few_with_four_ballots(voting_six, evaluation, secretary, client):
    vote_with(voting_six, evaluation, 4)
    stages.close_evaluation(actor=secretary, evaluation=evaluation)
    client.force_login(secretary)
    page = client.get(branch_url(evaluation)).content.decode()
    assert 'data-testid="too-few"' in page


def test_results_before_closing_say_so(voting, evaluation, secretary, client):
    client.force_login(secretary)
    page = client.get(branch_url(evaluation)).content.decode()
    assert "only after the ballots close" in page


def test_a_grade_over_the_cap_is_shown_on_the_form(voting, evaluation, secretary, client):
    closed = stages.close_evaluation(actor=secretary, evaluation=evaluation)
    people = closed.organization.members.order_by("person__name")
    client.force_login(secretary)
    form = {"grade": "excellent", "achievements": "成绩", "shortcomings": "不足"}
    client.post(reverse("evaluations:grade", args=[closed.pk, people[0].person_id]), form)
    response = client.post(reverse("evaluations:grade", args=[closed.pk, people[1].person_id]),
                           form)
    assert "At most 1 of the branch&#x27;s 3 members" in response.content.decode()
    assert MemberGrade.objects.count() == 1


def test_the_member_reads_the_opinion_and_acknowledges(voting, evaluation, secretary,
                                                       district, client):
    closed = stages.close_evaluation(actor=secretary, evaluation=evaluation)
    member = district.users["member"]
    grades.set_grade(actor=secretary, evaluation=closed, person=member.person,
                     grade="qualified", achievements="带头学习", shortcomings="<b>联系群众</b>")
    client.force_login(member)
    page = client.get(reverse("evaluations:mine", args=[closed.campaign_id])).content.decode()
    assert "带头学习" in page and "&lt;b&gt;联系群众" in page
    client.post(reverse("evaluations:acknowledge", args=[closed.campaign_id]))
    assert MemberGrade.objects.get().acknowledged_on is not None


def test_the_word_table_lists_name_grade_and_opinion(voting, evaluation, secretary, district,
                                                     client):
    closed = stages.close_evaluation(actor=secretary, evaluation=evaluation)
    member = district.users["member"].person
    grades.set_grade(actor=secretary, evaluation=closed, person=member, grade="basic",
                     achievements="按时学习", shortcomings="发言不多")
    client.force_login(secretary)
    response = client.get(reverse("evaluations:table_word", args=[closed.pk]))
    doc = Document(io.BytesIO(response.content))
    assert doc.paragraphs[0].text == f"{closed.organization.name}民主评议党员情况登记表"
    cells = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert cells[0] == ["序号", "姓名", "评定等次", "评议意见", "本人确认"]
    row = next(r for r in cells if r[1] == member.name)
    assert row[2] == "基本合格" and "按时学习" in row[3] and "发言不多" in row[3]
    assert sum(1 for r in cells[1:] if r[2] == "未评定") == 2


def test_the_word_table_is_not_for_the_leader(voting, evaluation, district, client):
    client.force_login(district.users["leader"])
    assert client.get(reverse("evaluations:table_word", args=[evaluation.pk])).status_code == 403


# --- query guards -------------------------------------------------------------------------

def test_the_branches_list_costs_the_same_for_more_branches(evaluation, district, client,
                                                            django_assert_max_num_queries):
    client.force_login(district.users["office"])
    url = reverse("evaluations:branches", args=[evaluation.campaign_id])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.content.decode().count("list-group-item-action") == 2


def test_the_results_page_costs_a_fixed_number_of_queries(voting_six, evaluation, secretary,
                                                          branch, client,
                                                          django_assert_max_num_queries):
    vote_with(voting_six, evaluation, 5)
    closed = stages.close_evaluation(actor=secretary, evaluation=evaluation)
    client.force_login(secretary)
    with django_assert_max_num_queries(40) as few:
        client.get(branch_url(closed))
    for i in range(10):
        make_member(f"S1党员3{i}", branch)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(branch_url(closed)).content.decode()
    assert "S1党员39" in page


def test_my_tasks_shows_the_evaluation_panel_with_the_ballot_waiting(voting, district,
                                                                     client):
    client.force_login(district.users["member"])
    page = client.get(reverse("campaigns:my_tasks")).content.decode()
    assert "your ballot is waiting" in page
    assert reverse("evaluations:vote") in page
