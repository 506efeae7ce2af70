"""The report pages: the campaign's reports and generating one, the web version with each
figure linked to its source page, editing (a stale save keeps the text), the Word download,
sending, and the superior's list with acknowledge and return."""

import pytest
from django.urls import reverse

from vanguard.reports import services
from vanguard.reports.models import SummaryReport


@pytest.fixture
def report(rectify_open, district):
    return services.generate_report(actor=district.users["office"],
                                    campaign=rectify_open.campaign,
                                    organization=district.schools[0].committee)


def test_office_generates_its_report_from_the_campaign_page(rectify_open, district, client):
    client.force_login(district.users["office"])
    url = reverse("reports:campaign", args=[rectify_open.campaign.pk])
    page = client.get(url)
    assert 'data-testid="generate"' in page.content.decode()
    response = client.post(reverse("reports:generate", args=[rectify_open.campaign.pk]),
                           {"org": "S1-C"})
    report = SummaryReport.objects.get()
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    assert 'data-testid="generate"' not in client.get(url).content.decode()


def test_generating_for_an_organization_out_of_scope_writes_nothing(rectify_open, district,
                                                                    client):
    client.force_login(district.users["other_office"])
    client.post(reverse("reports:generate", args=[rectify_open.campaign.pk]), {"org": "S1-C"})
    assert not SummaryReport.objects.exists()


def test_web_version_links_every_figure_to_its_source_page(report, district, client):
    client.force_login(district.users["supervisor"])
    html = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    for figure in report.figures:
        assert f'data-figure="{figure["key"]}"' in html
        assert f'href="{figure["url"]}"'.replace("&", "&amp;") in html
        assert figure["source"] in html
    assert reverse("reports:edit", args=[report.pk]) not in html  # readers do not edit


def test_other_school_office_gets_404(report, district, client):
    client.force_login(district.users["other_office"])
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:word", args=[report.pk])).status_code == 404


def test_readers_download_the_word_document(report, district, client):
    client.force_login(district.users["leader"])
    response = client.get(reverse("reports:word", args=[report.pk]))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert "wordprocessingml" in response["Content-Type"]


def test_a_stale_save_is_refused_and_the_form_keeps_the_text(report, district, client):
    client.force_login(district.users["office"])
    url = reverse("reports:edit", args=[report.pk])
    form = {"version": report.version, "title": report.title, **report.sections}
    assert client.post(url, {**form, "practices": "第一稿"}).status_code == 302
    page = client.post(url, {**form, "practices": "在另一个窗口写的"})
    assert page.status_code == 200
    assert "在另一个窗口写的" in page.content.decode()
    report.refresh_from_db()
    assert report.sections["practices"] == "第一稿"


def test_a_too_long_section_is_refused_with_a_message(report, district, client):
    client.force_login(district.users["office"])
    form = {"version": report.version, "title": report.title, **report.sections,
            "results": "果" * 20_001}
    page = client.post(reverse("reports:edit", args=[report.pk]), form)
    assert "At most 20000 characters" in page.content.decode()
    report.refresh_from_db()
    assert report.version == 1


def test_sending_acknowledging_and_returning_through_the_pages(report, district, client):
    client.force_login(district.users["office"])
    client.post(reverse("reports:submit", args=[report.pk]), {"version": report.version})
    report.refresh_from_db()
    assert report.status == SummaryReport.Status.SUBMITTED
    client.force_login(district.users["district_office"])
    received = client.get(reverse("reports:received")).content.decode()
    assert f'data-report="{report.pk}"' in received
    decide = reverse("reports:decide", args=[report.pk])
    client.post(decide, {"decision": "return", "reason": "短"})
    report.refresh_from_db()
    assert report.status == SummaryReport.Status.SUBMITTED  # too short: nothing changed
    client.post(decide, {"decision": "return", "reason": "请补充存在的问题和不足。"})
    report.refresh_from_db()
    assert report.status == SummaryReport.Status.RETURNED
    client.force_login(district.users["office"])
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "请补充存在的问题和不足。" in page


def test_wrong_office_posting_a_decision_changes_nothing(report, district, client):
    report = services.submit_report(actor=district.users["office"], report=report,
                                    version=report.version)
    client.force_login(district.users["office"])
    client.post(reverse("reports:decide", args=[report.pk]), {"decision": "acknowledge"})
    report.refresh_from_db()
    assert report.status == SummaryReport.Status.SUBMITTED


def test_received_list_shows_nothing_to_another_office(report, district, client):
    services.submit_report(actor=district.users["office"], report=report,
                           version=report.version)
    client.force_login(district.users["other_office"])
    page = client.get(reverse("reports:received")).content.decode()
    assert f'data-report="{report.pk}"' not in page
