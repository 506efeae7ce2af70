"""Bad items are refused with a clear message and nothing written: no responsible person,
no measures or deadline (unless "cannot be solved yet" with an explanation), a deadline
outside the campaign, links to opinions or findings that are not the owner's."""

import datetime as dt

import pytest

from tests.rectification.plans_support import (
    item,
    member_user,
    released_opinions,
    start_member_plan,
    step,
)
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import Item
from vanguard.rectification.services import plans as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(rectify_open, district):
    return start_member_plan(rectify_open, district)


def refused(district, plan, data) -> RectificationError:
    with pytest.raises(RectificationError) as error:
        services.add_item(actor=member_user(district), plan=plan, data=data)
    assert Item.objects.count() == 0
    return error.value


@pytest.mark.parametrize(("overrides", "code", "words"), [
    ({"responsible_name": "  "}, "responsible", "responsible"),
    ({"measures": ""}, "no_measures", "measures"),
    ({"deadline": None}, "no_deadline", "deadline"),
    ({"problem": ""}, "problem", "problem"),
    ({"item_class": "later", "deadline": None, "explanation": ""}, "no_explanation",
     "explanation"),
    ({"item_class": "later", "explanation": "经费需上级统筹，明年解决。"}, "later_deadline",
     "no deadline"),
    ({"item_class": "never"}, "class", "class"),
    ({"problem": "问" * 1001}, "problem", "1000"),
    ({"measures": "措" * 2001}, "measures", "2000"),
    ({"responsible_name": "名" * 51}, "responsible", "50"),
])
def test_incomplete_item_is_refused_with_a_clear_message(district, plan, overrides, code,
                                                         words):
    error = refused(district, plan, item(plan, **overrides))
    assert error.code == code
    assert words in error.text


def test_cannot_solve_yet_needs_no_deadline_or_measures_with_an_explanation(district, plan):
    saved = services.add_item(actor=member_user(district), plan=plan, data=item(
        plan, item_class="later", deadline=None, measures="",
        explanation="涉及校舍改造，需区里统一安排，先向师生说明。"))
    assert (saved.deadline, saved.measures) == (None, "")


def test_deadline_before_the_campaign_is_refused(district, plan):
    error = refused(district, plan, item(
        plan, deadline=plan.campaign.starts_on - dt.timedelta(days=1)))
    assert error.code == "deadline_outside"
    assert str(plan.campaign.starts_on) in error.text


def test_deadline_after_the_consolidation_end_is_refused_and_on_it_accepted(district, plan):
    end = plan.campaign.ends_on + dt.timedelta(days=75)  # the seed's consolidation_days
    assert services.consolidation_end(plan.campaign) == end
    error = refused(district, plan, item(plan, deadline=end + dt.timedelta(days=1)))
    assert error.code == "deadline_outside" and str(end) in error.text
    assert services.add_item(actor=member_user(district), plan=plan,
                             data=item(plan, deadline=end)).deadline == end


def test_responsible_person_from_another_school_is_refused(district, plan):
    outsider = district.schools[-1].members[0]
    assert refused(district, plan, item(plan, responsible_id=outsider.pk)).code == \
        "responsible"


def test_opinion_not_fed_back_to_the_owner_is_refused(rectify_open, district, plan):
    about_someone_else = released_opinions(rectify_open.campaign, district,
                                           district.schools[0].members[4], n=1)[0]
    error = refused(district, plan, item(plan, opinion_ids=[str(about_someone_else.pk)]))
    assert error.code == "opinions"


def test_evaluation_of_another_member_is_refused(rectify_open, district, plan):
    from vanguard.evaluations.models import Evaluation, MemberGrade

    evaluation = Evaluation.objects.create(
        campaign=rectify_open.campaign, activity=step(rectify_open, "rectification_plan"),
        organization=district.schools[0].branches[-1])
    other = MemberGrade.objects.create(evaluation=evaluation,
                                       person=district.schools[0].members[4], grade="qualified",
                                       achievements="好", shortcomings="不足")
    assert refused(district, plan, item(plan, evaluation_id=other.pk)).code == "evaluation"


def test_bad_item_on_the_page_shows_the_message_and_keeps_nothing(district, plan, client):
    client.force_login(member_user(district))
    response = client.post(f"/rectification/plan/{plan.pk}/items/add/", {
        "problem": "作业批改不及时", "item_class": "now", "responsible_name": "张老师",
        "measures": "每周自查", "deadline": "1999-01-01"})
    assert response.status_code == 200
    assert "The deadline must fall inside the campaign" in response.content.decode()
    assert Item.objects.count() == 0


def test_overlong_text_on_the_page_gets_the_field_bound_message(district, plan, client):
    client.force_login(member_user(district))
    response = client.post(f"/rectification/plan/{plan.pk}/items/add/", {
        "problem": "问" * 1001, "item_class": "now", "responsible_name": "张老师"})
    assert "At most 1000 characters (it has 1001)." in response.content.decode()
    assert Item.objects.count() == 0
