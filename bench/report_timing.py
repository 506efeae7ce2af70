"""Timed: the summary report (总结报告), generated from the records (every figure's aggregate
queries and the row) and laid out as the Word document, for one school and for the campaign's
root. Each run is rolled back, so the bench database stays as generated."""

import time

from django.db import transaction

from vanguard.campaigns.models import Campaign, Plan

RUNS = 3


def _once(campaign: Campaign, organization, actor) -> tuple[float, int, int]:
    from vanguard.reports.document import report_document
    from vanguard.reports.services import generate_report

    with transaction.atomic():
        started = time.perf_counter()
        report = generate_report(actor=actor, campaign=campaign, organization=organization)
        size = len(report_document(report))
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds, size, len(report.figures)


def time_summary_reports(campaign: Campaign, timed_class, office_of) -> list:
    """Two rows for the bench table (`timed_class` is bench.imports.Timed, `office_of` its
    helper): the median of RUNS runs of generate_report + report_document each."""
    school = Plan.objects.filter(campaign=campaign, derived_from__isnull=False) \
        .select_related("organization").order_by("organization__path").first().organization
    actor = office_of(campaign.organization)  # the root's office may write any level's report
    rows = []
    for key, label, organization in (
            ("summary_school", "Word summary (总结报告) of one school", school),
            ("summary_district", "Word summary (总结报告) of one district",
             campaign.organization)):
        runs = sorted(_once(campaign, organization, actor) for _ in range(RUNS))
        seconds, size, figures = runs[len(runs) // 2]
        rows.append(timed_class(key, label, seconds,
                                f"generate_report + Word, median of {RUNS}, {figures} figures, "
                                f"{size // 1024} KB; {organization.name}"))
    return rows
