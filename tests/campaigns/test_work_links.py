"""The campaign's page lists the work pages of its steps' kinds that the viewer may open."""

from django.urls import reverse


def links_of(client, user, campaign) -> list[str]:
    client.force_login(user)
    page = client.get(reverse("campaigns:detail", args=[campaign.pk]))
    assert page.status_code == 200
    return [url for _label, url in page.context["work_links"]]


def test_office_gets_sorting_and_release(client, launched, district):
    urls = links_of(client, district.users["office"], launched)
    assert reverse("opinions:sorting", args=[launched.pk]) in urls
    assert reverse("opinions:release", args=[launched.pk]) in urls
    assert reverse("talks:coverage", args=[launched.pk]) in urls


def test_secretary_types_in_but_does_not_sort(client, launched, district):
    urls = links_of(client, district.users["secretary"], launched)
    assert reverse("opinions:intake_index", args=[launched.pk]) in urls
    assert reverse("opinions:sorting", args=[launched.pk]) not in urls
    assert reverse("opinions:my_feedback", args=[launched.pk]) in urls
    assert reverse("analyses:mine", args=[launched.pk]) in urls


def test_supervisor_reads_coverage_only(client, launched, district):
    urls = links_of(client, district.users["supervisor"], launched)
    assert reverse("talks:coverage", args=[launched.pk]) in urls
    assert reverse("analyses:progress", args=[launched.pk]) in urls
    assert not [u for u in urls if "/opinions/" in u]
