"""Generating, editing, refreshing, sending, acknowledging and returning a summary report;
each refused action changes nothing."""

import pytest

from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Notification
from vanguard.rectification.models import Item
from vanguard.reports import services
from vanguard.reports.errors import ReportError
from vanguard.reports.models import SummaryReport


@pytest.fixture
def report(rectify_open, district):
    return services.generate_report(actor=district.users["office"],
                                    campaign=rectify_open.campaign,
                                    organization=district.schools[0].committee)


def _edit(report, actor, **changes):
    sections = {**report.sections, **changes.pop("sections", {})}
    return services.edit_report(actor=actor, report=report, version=report.version,
                                title=changes.pop("title", report.title), sections=sections)


def test_generated_report_has_a_title_and_a_first_section_written_from_its_figures(
        report, district):
    assert report.title == "S1学校党委关于开展保持共产党员先进性教育活动（学校）的总结报告"
    assert report.status == SummaryReport.Status.DRAFT
    assert "S1学校党委按照上级党组织的部署" in report.sections["how_run"]
    assert report.sections["practices"] == ""
    assert AuditEntry.objects.filter(action="reports.report.generated",
                                     target_id=str(report.pk)).exists()


@pytest.mark.parametrize("who", ["other_office", "secretary", "leader", "supervisor"])
def test_only_an_office_above_or_at_the_organization_generates_its_report(
        rectify_open, district, who):
    with pytest.raises(ReportError) as refused:
        services.generate_report(actor=district.users[who], campaign=rectify_open.campaign,
                                 organization=district.schools[0].committee)
    assert refused.value.code == "forbidden"
    assert not SummaryReport.objects.exists()


def test_a_branch_writes_no_report_and_a_second_report_is_refused(report, district):
    with pytest.raises(ReportError) as branch:
        services.generate_report(actor=district.users["office"], campaign=report.campaign,
                                 organization=district.schools[0].branches[0])
    with pytest.raises(ReportError) as twice:
        services.generate_report(actor=district.users["office"], campaign=report.campaign,
                                 organization=report.organization)
    assert (branch.value.code, twice.value.code) == ("level", "exists")
    assert SummaryReport.objects.count() == 1


def test_a_save_from_a_stale_version_is_refused_and_changes_nothing(report, district):
    office = district.users["office"]
    _edit(report, office, sections={"practices": "第一稿"})
    with pytest.raises(ReportError) as stale:
        services.edit_report(actor=office, report=report, version=report.version,
                             title=report.title, sections={"practices": "过时的一稿"})
    report.refresh_from_db()
    assert stale.value.code == "stale"
    assert report.sections["practices"] == "第一稿" and report.version == 2


def test_a_section_over_its_bound_or_an_empty_title_is_refused(report, district):
    office = district.users["office"]
    for changes, code in (({"sections": {"problems": "问" * 20_001}}, "too_long"),
                          ({"title": "  "}, "title"), ({"title": "题" * 151}, "title")):
        with pytest.raises(ReportError) as refused:
            _edit(report, office, **changes)
        assert refused.value.code == code
    report.refresh_from_db()
    assert report.version == 1 and report.sections["problems"] == ""


def test_refresh_recomputes_and_audits_the_values_that_changed(report, district):
    plan_activity = report.campaign.plans.get(organization=report.organization) \
        .activities.get(key="rectification_plan")
    from vanguard.rectification.models import Owner, RectificationPlan

    plan = RectificationPlan.objects.create(campaign=report.campaign, activity=plan_activity,
                                            owner_kind=Owner.TEAM,
                                            organization=report.organization)
    Item.objects.create(plan=plan, campaign=report.campaign, organization=report.organization,
                        problem="问题", responsible_name="张三", item_class="later",
                        explanation="说明")
    report = services.refresh_figures(actor=district.users["office"], report=report,
                                      version=report.version)
    entry = AuditEntry.objects.get(action="reports.figures.refreshed")
    assert entry.changes["rectification.items"] == [0, 1]
    assert entry.changes["rectification.plans.team"] == [0, 1]
    assert "study.members" not in entry.changes  # unchanged values are not listed
    assert "整改事项1项" in report.sections["how_run"]  # untouched: written again


def test_refresh_keeps_a_first_section_the_office_has_edited(report, district):
    office = district.users["office"]
    report = _edit(report, office, sections={"how_run": "办公室自己写的开展情况。"})
    report = services.refresh_figures(actor=office, report=report, version=report.version)
    assert report.sections["how_run"] == "办公室自己写的开展情况。"


def test_sent_report_goes_to_the_parent_office_and_is_frozen(report, district):
    office = district.users["office"]
    report = services.submit_report(actor=office, report=report, version=report.version)
    assert report.status == SummaryReport.Status.SUBMITTED
    assert report.superior == district.root
    with pytest.raises(ReportError) as frozen:
        _edit(report, office, sections={"results": "改"})
    assert frozen.value.code == "not_editable"


def test_superior_returns_with_a_reason_then_the_office_edits_and_sends_again(report, district):
    office, superior = district.users["office"], district.users["district_office"]
    report = services.submit_report(actor=office, report=report, version=report.version)
    with pytest.raises(ReportError) as short:
        services.return_report(actor=superior, report=report, reason="太短")
    assert short.value.code == "reason"
    report = services.return_report(actor=superior, report=report,
                                    reason="请补充存在的问题和下一步打算。")
    assert report.status == SummaryReport.Status.RETURNED
    report = _edit(report, office, sections={"problems": "个别党员学习不够深入。"})
    report = services.submit_report(actor=office, report=report, version=report.version)
    report = services.acknowledge_report(actor=superior, report=report)
    assert report.status == SummaryReport.Status.ACKNOWLEDGED
    assert report.decided_by == superior
    assert [e.action for e in AuditEntry.objects.filter(
        target_id=str(report.pk), target_type="reports.summaryreport").order_by("pk")] == [
        "reports.report.generated", "reports.report.submitted", "reports.report.returned",
        "reports.report.edited", "reports.report.submitted", "reports.report.acknowledged"]


@pytest.mark.parametrize("who", ["office", "other_office", "leader", "supervisor"])
def test_wrong_office_cannot_acknowledge_or_return(report, district, who):
    report = services.submit_report(actor=district.users["office"], report=report,
                                    version=report.version)
    with pytest.raises(ReportError):
        services.acknowledge_report(actor=district.users[who], report=report)
    with pytest.raises(ReportError):
        services.return_report(actor=district.users[who], report=report,
                               reason="理由足够长的退回理由。")
    report.refresh_from_db()
    assert report.status == SummaryReport.Status.SUBMITTED and report.decided_at is None


def test_a_draft_cannot_be_acknowledged_nor_a_decided_report_decided_again(report, district):
    superior = district.users["district_office"]
    with pytest.raises(ReportError) as draft:
        services.acknowledge_report(actor=superior, report=report)
    report = services.submit_report(actor=district.users["office"], report=report,
                                    version=report.version)
    services.acknowledge_report(actor=superior, report=report)
    with pytest.raises(ReportError) as again:
        services.return_report(actor=superior, report=report, reason="已经确认后又想退回。")
    assert (draft.value.code, again.value.code) == ("not_submitted", "not_submitted")


def test_the_root_has_no_superior_to_send_to(rectify_open, district):
    report = services.generate_report(actor=district.users["district_office"],
                                      campaign=rectify_open.campaign, organization=district.root)
    with pytest.raises(ReportError) as refused:
        services.submit_report(actor=district.users["district_office"], report=report,
                               version=report.version)
    assert refused.value.code == "no_superior"


def test_sending_notifies_the_superior_office_staff_who_have_a_person(report, district):
    from tests.builders import make_member, make_user
    from vanguard.access.models import Role

    person = make_member("区办公室干部", district.schools[-1].branches[0])
    make_user("district_clerk", person=person, roles=[(Role.Kind.OFFICE, district.root)])
    services.submit_report(actor=district.users["office"], report=report,
                           version=report.version)
    assert Notification.objects.filter(person=person, url="/reports/received/").count() == 1


def test_four_eyes_an_office_above_that_sent_the_report_cannot_acknowledge_it(report, district):
    """The district office may write and send a school's report (it holds office above it);
    receiving its own report is refused, so another person of that office must."""
    boss = district.users["district_office"]
    services.submit_report(actor=boss, report=report, version=report.version)
    with pytest.raises(ReportError) as refused:
        services.acknowledge_report(actor=boss, report=report)
    assert refused.value.code == "own_report"
    assert SummaryReport.objects.get(pk=report.pk).status == SummaryReport.Status.SUBMITTED
    services.acknowledge_report(actor=district.users["admin"], report=report)
    assert SummaryReport.objects.get(pk=report.pk).status == SummaryReport.Status.ACKNOWLEDGED
