"""The progress page, the review queue and the member's page cost the same queries with one
analysis as with many (versions, returns and reviews included)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.analyses.conftest import full_text, hand_in
from tests.builders import make_user
from vanguard.analyses import services


def count(client, url) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_analysis_pages_do_not_grow_with_the_analyses(client, review_open, district,
                                                      django_assert_max_num_queries):
    campaign = review_open.campaign
    office, member = district.users["office"], district.users["member"]
    school = district.schools[0]
    # S1-B1's member (its secretary has no person: the office reviews), the principal (the
    # district office reviews), S1-B2's other member (its secretary reviews).
    authors = [make_user(f"a{i}", person=school.members[i]) for i in (2, 0, 4)]
    mine = hand_in(member, services.start_analysis(actor=member, campaign=campaign))
    first = hand_in(authors[0], services.start_analysis(actor=authors[0], campaign=campaign))
    pages = {
        "progress": (office, reverse("analyses:progress", args=[campaign.pk]) + "?org=S1-C"),
        "queue": (office, reverse("analyses:queue", args=[campaign.pk]) + "?status=all"),
        "mine": (member, reverse("analyses:mine", args=[campaign.pk])),
    }
    before = {}
    for name, (viewer, url) in pages.items():
        client.force_login(viewer)
        before[name] = count(client, url)
    # More analyses, a return and a second version of the member's own.
    for author in authors[1:]:
        hand_in(author, services.start_analysis(actor=author, campaign=campaign))
    services.review_analysis(actor=office, analysis=first,
                             version=1, decision="return", comment="再深入些")
    services.review_analysis(actor=district.users["secretary"], analysis=mine, version=1,
                             decision="return", comments={"study": "具体些"})
    hand_in(member, mine, sections=full_text(mine, extra="补充"))
    for name, (viewer, url) in pages.items():
        client.force_login(viewer)
        with django_assert_max_num_queries(before[name]):
            assert client.get(url).status_code == 200, name
        assert count(client, url) == before[name], name
