"""Every summary-report figure checked against the records: counted again independently
(tests/reports/recount.py) and, for school S1, read off the tiny district by hand."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.reports import recount
from vanguard.reports import figures
from vanguard.reports.services import generate_report


def values(report) -> dict:
    return {f["key"]: f["value"] for f in report.figures}


def test_every_school_figure_equals_the_records_counted_again(report_world, district):
    s1 = district.schools[0].committee
    report = generate_report(actor=district.users["office"], campaign=report_world.campaign,
                             organization=s1)
    assert values(report) == recount.every_figure(report_world.campaign, s1)


def test_every_district_figure_equals_the_records_counted_again(report_world, district):
    report = generate_report(actor=district.users["district_office"],
                             campaign=report_world.campaign, organization=district.root)
    assert values(report) == recount.every_figure(report_world.campaign, district.root)


S1_BY_HAND = {
    # Mobilization: 6 members listed, 4 present (the activist is not counted).
    "meetings.mobilization.held": 1, "meetings.mobilization.expected": 6,
    "meetings.mobilization.present": 4, "meetings.mobilization.rate": "66.7",
    # Org-life: B1 has minutes (held), B2 not; attendance counts both lists.
    "meetings.org_life.held": 1, "meetings.org_life.expected": 6,
    "meetings.org_life.present": 5, "meetings.org_life.rate": "83.3",
    "meetings.democratic_life.held": 1, "meetings.democratic_life.rate": "100.0",
    "meetings.follow_up.held": 0, "meetings.follow_up.rate": "—",
    # 40, 45, 12, —, 40.5, 8 hours: three reach 40; 145.5 / 6 members = 24.25 → 24.3.
    "study.members": 6, "study.met": 3, "study.exempt": 1, "study.hours_total": "145.5",
    "study.hours_average": "24.3", "study.notes.handed_in": 2, "study.notes.accepted": 1,
    "study.reflections.handed_in": 1, "discussion.posts": 3, "discussion.requirements": 2,
    # Box 1 + web 3 (merged weight) + talk 1; merged, unconfirmed, set aside left out.
    "opinions.total": 5, "opinions.channel.web": 3, "opinions.channel.box": 1,
    "opinions.channel.hotline": 0, "opinions.group.student": 3, "opinions.group.retired": 0,
    "feedback.released": 2, "feedback.read": 1,
    "talks.recorded": 3, "talks.settled": 1,
    "analyses.handed_in": 3, "analyses.reviewed": 2, "analyses.revised": 1,
    "evaluations.branches": 2, "evaluations.published": 1, "evaluations.graded": 5,
    "evaluations.grade.qualified": 2, "evaluations.grade.unqualified": 1,
    "rectification.items": 5, "rectification.class.later": 1, "rectification.solved": 2,
    "rectification.verified": 1, "rectification.overdue": 1,
    "rectification.plans.member": 2, "rectification.plans.member.approved": 1,
    "disclosure.published": 2, "disclosure.current": 1, "disclosure.number": 2,
    "disclosure.sha256": "b" * 64,
    # 8 answers, 5 not "not satisfied": 62.5 %, Wilson 95 % interval 30.6 %–86.3 %.
    "satisfaction.invited": 5, "satisfaction.answered": 4,
    "satisfaction.response_rate": "80.0", "satisfaction.rating.not": 3,
    "satisfaction.share": "62.5", "satisfaction.low": "30.6", "satisfaction.high": "86.3",
    # Four answers from staff, four from students: too few to show apart.
    "satisfaction.staff.share": "—", "satisfaction.student.low": "—",
    "remedial.remedial": 0,
}


def test_school_figures_read_off_the_district_by_hand(report_world, district):
    report = generate_report(actor=district.users["office"], campaign=report_world.campaign,
                             organization=district.schools[0].committee)
    got = values(report)
    assert {key: got[key] for key in S1_BY_HAND} == S1_BY_HAND


def test_district_figures_add_the_schools_and_only_the_latest_closed_assessment(
        report_world, district):
    report = generate_report(actor=district.users["district_office"],
                             campaign=report_world.campaign, organization=district.root)
    got = values(report)
    # S2's mobilization meeting is still ahead: its six members are expected, none present.
    assert got["meetings.mobilization.expected"] == 12
    assert got["meetings.mobilization.rate"] == "33.3"
    # S1's 8 answers and S2's second round (satisfied, basic): 7 of 10; S2's first round
    # (not satisfied) was replaced by the round after its remedial round.
    assert got["satisfaction.share"] == "70.0"
    # Staff: S1's 4 answers (3 satisfied) and S2's one (satisfied): 4 of 5 now shown.
    assert got["satisfaction.staff.share"] == "80.0"
    assert got["satisfaction.parent.share"] == "—"
    assert got["remedial.remedial"] == 1 and got["remedial.closed"] == 1
    assert "disclosure.sha256" not in got  # one digest per school, not a district's


def test_phase_dates_and_the_override_reason_are_figures(report_world, district):
    report = generate_report(actor=district.users["office"], campaign=report_world.campaign,
                             organization=district.schools[0].committee)
    got = values(report)
    assert got["phase.mobilize.override"] == "测试：提前结束学习动员阶段"
    assert got["phase.rectify.closed"] == "—"
    assert got["phase.rectify.opened"].endswith("日")


def test_every_figure_says_where_it_comes_from(report_world, district):
    report = generate_report(actor=district.users["office"], campaign=report_world.campaign,
                             organization=district.schools[0].committee)
    for row in report.figures:
        assert set(row) == {"key", "label", "value", "unit", "source", "url"}
        assert "." in row["source"].split("：")[0], row  # names the model it counts
        assert row["url"].startswith("/"), row


def test_wilson_interval_matches_a_hand_computation():
    # p = 5/8, z = 1.96: centre (0.625 + 0.2401) / 1.4802 = 0.5845,
    # half-width 1.96 × √(0.0293 + 0.0150) / 1.4802 = 0.2787.
    assert figures.wilson_interval(5, 8) == (Decimal("30.6"), Decimal("86.3"))
    assert figures.wilson_interval(10, 10)[1] == Decimal("100.0")
    assert figures.wilson_interval(0, 0) is None


def test_figures_cost_the_same_queries_however_many_records(rectify_open, district):
    s1 = district.schools[0].committee
    with CaptureQueriesContext(connection) as empty:
        figures.compute(rectify_open.campaign, s1)
    from tests.reports import world

    world.build(rectify_open.campaign, district)
    with CaptureQueriesContext(connection) as full:
        figures.compute(rectify_open.campaign, s1)
    assert len(full.captured_queries) == len(empty.captured_queries)


@pytest.mark.parametrize("part,whole,text", [(2, 3, "66.7"), (1, 8, "12.5"), (0, 0, "—")])
def test_shares_are_rounded_half_up_to_one_place(part, whole, text):
    assert figures.share(part, whole) == text
