"""Bad input to publishing and correcting: each refused with a clear message, nothing written."""

import pytest

from tests.rectification.disclosure_support import add_item, make_plan, team_plan_with_items
from vanguard.access.models import AuditEntry
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import Disclosure, Owner, RectificationPlan
from vanguard.rectification.services import disclosure as services


def refused(call, code):
    before = (Disclosure.objects.count(), AuditEntry.objects.count())
    with pytest.raises(RectificationError) as error:
        call()
    assert error.value.code == code
    assert (Disclosure.objects.count(), AuditEntry.objects.count()) == before
    return error.value


def publish(district, campaign, *, title="整改情况公布", user="office", organization=None):
    return lambda: services.publish_disclosure(
        actor=district.users[user], campaign=campaign, title=title,
        organization=organization or district.schools[0].committee)


def test_nothing_to_publish_without_an_approved_plan(rectify_open, district):
    draft = make_plan(rectify_open, Owner.TEAM, district.schools[0].committee,
                      status=RectificationPlan.Status.SUBMITTED)
    add_item(draft, "还在审核中的事项")
    error = refused(publish(district, rectify_open.campaign), "nothing")
    assert "no approved rectification plan" in error.text


def test_nothing_to_publish_when_only_members_private_plans_are_approved(rectify_open, district):
    s1 = district.schools[0]
    plan = make_plan(rectify_open, Owner.MEMBER, s1.branches[-1], person=s1.members[-1])
    add_item(plan)
    refused(publish(district, rectify_open.campaign), "nothing")


def test_an_approved_plan_without_items_is_nothing_to_publish(rectify_open, district):
    make_plan(rectify_open, Owner.TEAM, district.schools[0].committee)
    refused(publish(district, rectify_open.campaign), "nothing")


def test_a_title_over_the_bound_is_refused(rectify_open, district):
    team_plan_with_items(rectify_open, district)
    error = refused(publish(district, rectify_open.campaign,
                            title="标" * (services.MAX_TITLE + 1)), "title")
    assert "at most 120 characters" in error.text


def test_an_empty_title_is_refused(rectify_open, district):
    team_plan_with_items(rectify_open, district)
    refused(publish(district, rectify_open.campaign, title="   "), "title")


def test_another_schools_office_may_not_publish(rectify_open, district):
    team_plan_with_items(rectify_open, district)
    refused(publish(district, rectify_open.campaign, user="other_office"), "forbidden")


def test_a_branch_is_not_published_on_its_own(rectify_open, district):
    team_plan_with_items(rectify_open, district)
    refused(publish(district, rectify_open.campaign,
                    organization=district.schools[0].branches[0]), "not_school")


@pytest.fixture
def published(rectify_open, district):
    team_plan_with_items(rectify_open, district)
    return publish(district, rectify_open.campaign)()


@pytest.mark.parametrize("note", ["", "   \n  "])
def test_correcting_with_an_empty_note_is_refused(published, district, note):
    refused(lambda: services.correct_disclosure(actor=district.users["office"],
                                                disclosure=published, note=note), "note")
    published.refresh_from_db()
    assert published.superseded_by is None


def test_correcting_with_a_note_over_the_bound_is_refused(published, district):
    refused(lambda: services.correct_disclosure(
        actor=district.users["office"], disclosure=published,
        note="改" * (services.MAX_NOTE + 1)), "note")


def test_a_superseded_snapshot_is_not_corrected_again(published, district):
    services.correct_disclosure(actor=district.users["office"], disclosure=published,
                                note="第一次更正")
    refused(lambda: services.correct_disclosure(actor=district.users["office"],
                                                disclosure=published, note="再次更正"),
            "superseded")


def test_another_schools_office_may_not_correct(published, district):
    refused(lambda: services.correct_disclosure(actor=district.users["other_office"],
                                                disclosure=published, note="更正"),
            "forbidden")
