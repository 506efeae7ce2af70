"""The bench's summary-report rows: both measured, and the runs leave no report behind."""

from bench.imports import Timed, office_of
from bench.report_timing import time_summary_reports
from vanguard.reports.models import SummaryReport


def test_bench_times_the_school_and_root_reports_and_rolls_them_back(report_world):
    rows = time_summary_reports(report_world.campaign, Timed, office_of)
    assert [r.key for r in rows] == ["summary_school", "summary_district"]
    assert all(r.seconds is not None and r.seconds > 0 for r in rows)
    assert "S1学校党委" in rows[0].note and "区教育工委" in rows[1].note
    assert not SummaryReport.objects.exists()
