"""The plan pages: a member starts and fills their plan, the secretary sees it waiting for
their decision and decides; a runner starts the plan of a member without an account."""

import pytest

from tests.rectification.plans_support import a_deadline, member_user
from vanguard.rectification.models import RectificationPlan

pytestmark = pytest.mark.django_db


def test_member_writes_submits_and_secretary_approves_through_the_pages(rectify_open,
                                                                      district, client):
    campaign = rectify_open.campaign_id
    client.force_login(member_user(district))
    response = client.post(f"/rectification/plans/{campaign}/start/", {"owner": "member"})
    plan = RectificationPlan.objects.get()
    assert response["Location"] == f"/rectification/plan/{plan.pk}/"
    client.post(f"/rectification/plan/{plan.pk}/items/add/", {
        "problem": "作业批改不及时", "item_class": "now", "responsible_name": "张老师",
        "standard": "48小时内批改", "measures": "每周自查",
        "deadline": a_deadline(rectify_open).isoformat()})
    client.post(f"/rectification/plan/{plan.pk}/submit/")
    assert RectificationPlan.objects.get().status == "submitted"
    client.force_login(district.users["secretary"])
    listing = client.get(f"/rectification/plans/{campaign}/").content.decode()
    assert 'data-testid="to-decide"' in listing
    client.post(f"/rectification/plan/{plan.pk}/decide/", {"decision": "approve",
                                                            "reason": ""})
    assert RectificationPlan.objects.get().status == "approved"


def test_returning_without_a_reason_on_the_page_shows_the_message(rectify_open, district,
                                                                 client):
    from tests.rectification.plans_support import item, start_member_plan
    from vanguard.rectification.services import plans as services

    plan = start_member_plan(rectify_open, district)
    services.add_item(actor=member_user(district), plan=plan, data=item(plan))
    services.submit_plan(actor=member_user(district), plan=plan)
    client.force_login(district.users["secretary"])
    response = client.post(f"/rectification/plan/{plan.pk}/decide/", {"decision": "return",
                                                                       "reason": ""})
    assert "Give the reason for returning the plan." in response.content.decode()
    assert RectificationPlan.objects.get().status == "submitted"


def test_office_starts_the_plan_of_a_member_without_an_account(rectify_open, district,
                                                               client):
    without_account = district.schools[0].members[4]
    client.force_login(district.users["office"])
    client.post(f"/rectification/plans/{rectify_open.campaign_id}/start/",
                {"owner": "member", "person": without_account.pk})
    assert RectificationPlan.objects.get().person == without_account


def test_unit_plans_offered_to_the_secretary_are_their_branch_only(rectify_open, district,
                                                                 client):
    client.force_login(district.users["secretary"])
    page = client.get(f"/rectification/plans/{rectify_open.campaign_id}/").content.decode()
    units = page.split('data-testid="unit-plans"')[1].split("</section>")[0]
    assert district.schools[0].branches[-1].name in units
    assert district.schools[0].branches[0].name not in units
    assert "Leadership team" not in units
