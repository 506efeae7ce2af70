"""The register of lasting rules: added, edited and removed by the office, audited; bad input
refused with nothing written; a rule already published is not removed."""

import datetime as dt

import pytest

from tests.rectification.disclosure_support import add_rule, team_plan_with_items
from vanguard.access.models import AuditEntry
from vanguard.core import clock
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import LastingRule
from vanguard.rectification.services import disclosure
from vanguard.rectification.services import rules as services

YESTERDAY = dt.timedelta(days=1)


def add(district, campaign, *, user="office", **overrides):
    values = {"title": "集体备课制度", "text": "每周三下午集体备课。",
              "adopted_on": clock.today() - YESTERDAY, "owner": "教务处"}
    values.update(overrides)
    return services.add_rule(actor=district.users[user], campaign=campaign,
                             organization=district.schools[0].committee, **values)


def refused(call, code):
    before = (list(LastingRule.objects.values_list("pk", "title", "text", "adopted_on",
                                                   "owner")), AuditEntry.objects.count())
    with pytest.raises(RectificationError) as error:
        call()
    assert error.value.code == code
    after = (list(LastingRule.objects.values_list("pk", "title", "text", "adopted_on",
                                                  "owner")), AuditEntry.objects.count())
    assert after == before
    return error.value


def test_the_office_adds_a_rule_and_it_is_audited(rectify_open, district):
    rule = add(district, rectify_open.campaign)
    assert (rule.title, rule.owner, rule.organization) == ("集体备课制度", "教务处",
                                                           district.schools[0].committee)
    entry = AuditEntry.objects.get(action="rectification.rule.added")
    assert entry.target_id == str(rule.pk) and entry.changes["title"] == [None, "集体备课制度"]


def test_a_rule_adopted_today_is_accepted(rectify_open, district):
    assert add(district, rectify_open.campaign, adopted_on=clock.today()).pk


def test_the_office_edits_a_rule_and_the_change_is_audited(rectify_open, district):
    rule = add(district, rectify_open.campaign)
    services.update_rule(actor=district.users["office"], rule=rule, title="集体备课制度",
                         text="每周四下午集体备课。", adopted_on=rule.adopted_on, owner="教研组")
    rule.refresh_from_db()
    assert (rule.text, rule.owner) == ("每周四下午集体备课。", "教研组")
    entry = AuditEntry.objects.get(action="rectification.rule.updated")
    assert entry.changes["owner"] == ["教务处", "教研组"] and "title" not in entry.changes


def test_an_unpublished_rule_is_removed_with_an_audit_entry(rectify_open, district):
    rule = add(district, rectify_open.campaign)
    services.remove_rule(actor=district.users["office"], rule=rule)
    assert not LastingRule.objects.exists()
    assert AuditEntry.objects.filter(action="rectification.rule.removed",
                                     target_id=str(rule.pk)).exists()


def test_a_published_rule_is_not_removed(rectify_open, district):
    team_plan_with_items(rectify_open, district)
    rule = add_rule(rectify_open, district)
    disclosure.publish_disclosure(actor=district.users["office"], campaign=rectify_open.campaign,
                                  organization=district.schools[0].committee, title="公布")
    error = refused(lambda: services.remove_rule(actor=district.users["office"], rule=rule),
                    "published")
    assert "correction" in error.text


def test_a_published_rule_is_still_edited_and_the_snapshot_keeps_the_old_text(rectify_open,
                                                                              district):
    team_plan_with_items(rectify_open, district)
    rule = add_rule(rectify_open, district)
    d = disclosure.publish_disclosure(actor=district.users["office"],
                                      campaign=rectify_open.campaign,
                                      organization=district.schools[0].committee, title="公布")
    services.update_rule(actor=district.users["office"], rule=rule, title=rule.title,
                         text="已废止（自本月起）。", adopted_on=rule.adopted_on, owner="教务处")
    d.refresh_from_db()
    assert d.content["rules"][0]["text"] == "每周三下午集体备课。"


@pytest.mark.parametrize(("field", "value", "code"), [
    ("title", "", "title"),
    ("title", "   ", "title"),
    ("title", "规" * (services.MAX_TITLE + 1), "title"),
    ("text", "", "text"),
    ("text", "<p></p>", "text"),
    ("text", "文" * (services.MAX_TEXT + 1), "text"),
    ("owner", "", "owner"),
    ("owner", "处" * (services.MAX_OWNER + 1), "owner"),
    ("adopted_on", None, "adopted_on"),
])
def test_bad_input_to_a_new_rule_is_refused(rectify_open, district, field, value, code):
    refused(lambda: add(district, rectify_open.campaign, **{field: value}), code)


def test_a_date_in_the_future_is_refused(rectify_open, district):
    error = refused(lambda: add(district, rectify_open.campaign,
                                adopted_on=clock.today() + YESTERDAY), "adopted_on")
    assert "future" in error.text


def test_a_bad_edit_changes_nothing(rectify_open, district):
    rule = add(district, rectify_open.campaign)
    refused(lambda: services.update_rule(actor=district.users["office"], rule=rule, title="",
                                         text="x", adopted_on=rule.adopted_on, owner="x"),
            "title")
    refused(lambda: services.update_rule(actor=district.users["office"], rule=rule,
                                         title="t", text="x", owner="x",
                                         adopted_on=clock.today() + YESTERDAY), "adopted_on")


@pytest.mark.parametrize("user", ["other_office", "secretary", "leader", "supervisor",
                                  "member"])
def test_only_the_schools_office_keeps_the_register(rectify_open, district, user):
    refused(lambda: add(district, rectify_open.campaign, user=user), "forbidden")
    rule = add(district, rectify_open.campaign)
    refused(lambda: services.remove_rule(actor=district.users[user], rule=rule), "forbidden")


def test_the_rules_are_registered_for_the_school_not_a_branch(rectify_open, district):
    refused(lambda: services.add_rule(
        actor=district.users["office"], campaign=rectify_open.campaign,
        organization=district.schools[0].branches[0], title="t", text="x",
        adopted_on=clock.today(), owner="x"), "not_school")


def test_the_text_is_kept_as_plain_text(rectify_open, district):
    rule = add(district, rectify_open.campaign, text="<script>alert(1)</script>第一条\n第二条")
    assert rule.text == "第一条\n第二条"
