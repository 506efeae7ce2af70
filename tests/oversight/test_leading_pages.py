"""Leading-group pages: the list, one group, forming it, seats added and removed through the
pages, the refused sides, the Word list, and a fixed number of queries."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from tests.builders import make_user
from vanguard.access.models import Role
from vanguard.campaigns.registry import campaign_pages
from vanguard.oversight.models import LeadingGroup, Seat
from vanguard.oversight.services import leading as services

P = Seat.Post


@pytest.fixture
def s1_group(launched, district):
    s1, office = district.schools[0], district.users["office"]
    group = services.create_leading_group(actor=office, campaign=launched,
                                          organization=s1.committee, name="S1领导小组",
                                          office_name="S1办公室", duties="负责日常工作")
    services.add_seat(actor=office, group=group, person=s1.members[0], post=P.HEAD,
                      duty="全面负责")
    services.add_seat(actor=office, group=group, person=s1.members[3], post=P.OFFICE_HEAD)
    return group


def login(client, district, role):
    client.force_login(district.users[role])
    return client


def test_the_list_shows_the_groups_the_viewer_reads(s1_group, launched, district, client):
    page = login(client, district, "other_secretary").get(
        reverse("oversight:leading_groups", kwargs={"campaign": launched.pk}))
    assert page.status_code == 200
    assert "S1领导小组" in page.content.decode()
    page = login(client, district, "other_office").get(
        reverse("oversight:leading_groups", kwargs={"campaign": launched.pk}))
    assert "S1领导小组" not in page.content.decode()


def test_office_forms_its_group_through_the_page(launched, district, client):
    login(client, district, "office")
    url = reverse("oversight:leading_groups", kwargs={"campaign": launched.pk})
    assert 'data-level="S1-C"' in client.get(url).content.decode()
    response = client.post(reverse("oversight:leading_group_create",
                                   kwargs={"campaign": launched.pk}),
                           {"org": "S1-C", "name": "", "office_name": "办公室", "duties": ""})
    group = LeadingGroup.objects.get()
    assert response["Location"] == reverse("oversight:leading_group", kwargs={"pk": group.pk})
    assert 'data-level="S1-C"' not in client.get(url).content.decode()


def test_a_school_office_cannot_form_the_district_group(launched, district, client):
    response = login(client, district, "office").post(
        reverse("oversight:leading_group_create", kwargs={"campaign": launched.pk}),
        {"org": "D", "name": "x"})
    assert response.status_code == 403
    assert not LeadingGroup.objects.exists()


def test_group_page_shows_seats_roles_and_who_has_no_account(s1_group, district, client):
    page = login(client, district, "office").get(
        reverse("oversight:leading_group", kwargs={"pk": s1_group.pk})).content.decode()
    assert "全面负责" in page and "S1办公室" in page and "负责日常工作" in page
    assert "no account yet" in page
    no_account = page.split('data-testid="no-account"')[1].split("</p>")[0]
    assert district.schools[0].members[0].name in no_account  # the principal has no account
    roles = page.split('data-testid="roles"')[1].split("</table>")[0]
    assert district.schools[0].members[3].name in roles and "Office" in roles
    assert 'data-testid="seat-form"' in page


def test_a_reader_sees_the_group_without_the_forms(s1_group, district, client):
    # (the secretary heads the office in this fixture: the office role follows, and forms)
    for role in ("leader", "supervisor", "other_secretary"):
        page = login(client, district, role).get(
            reverse("oversight:leading_group", kwargs={"pk": s1_group.pk}))
        assert page.status_code == 200
        assert 'data-testid="seat-form"' not in page.content.decode()


@pytest.mark.parametrize("role,status", [("member", 404), ("other_office", 404),
                                         ("other_secretary", 403), ("supervisor", 403),
                                         ("leader", 403)])
def test_refused_sides_cannot_add_a_seat(role, status, s1_group, district, client):
    before = (Seat.objects.count(), Role.objects.count())
    response = login(client, district, role).post(
        reverse("oversight:seat_add", kwargs={"pk": s1_group.pk}),
        {"person": district.schools[0].members[2].pk, "post": P.MEMBER})
    assert response.status_code == status
    assert (Seat.objects.count(), Role.objects.count()) == before


@pytest.mark.parametrize("role,status", [("member", 404), ("other_office", 404),
                                         ("other_secretary", 403), ("supervisor", 403)])
def test_refused_sides_cannot_remove_a_seat(role, status, s1_group, district, client):
    seat = s1_group.seats.get(post=P.OFFICE_HEAD)
    response = login(client, district, role).post(
        reverse("oversight:seat_remove", kwargs={"pk": seat.pk}))
    assert response.status_code == status
    assert Seat.objects.filter(pk=seat.pk).exists()


def test_office_adds_and_removes_a_seat_and_the_role_follows(s1_group, district, client):
    login(client, district, "office")
    person = district.schools[0].members[5]  # the member's person, with an account
    client.post(reverse("oversight:seat_add", kwargs={"pk": s1_group.pk}),
                {"person": person.pk, "post": P.MEMBER, "duty": "联系第二支部"})
    seat = s1_group.seats.get(person=person)
    assert Role.objects.filter(user__username="member", kind="leader",
                               organization=s1_group.organization,
                               source=f"leading_group:{s1_group.pk}").exists()
    client.post(reverse("oversight:seat_remove", kwargs={"pk": seat.pk}))
    assert not Role.objects.filter(user__username="member", kind="leader").exists()


def test_a_refused_seat_shows_the_message_and_changes_nothing(s1_group, district, client):
    login(client, district, "office")
    before = (Seat.objects.count(), Role.objects.count())
    response = client.post(reverse("oversight:seat_add", kwargs={"pk": s1_group.pk}),
                           {"person": district.schools[0].members[1].pk, "post": P.HEAD},
                           follow=True)
    assert "is held by" in response.content.decode()
    response = client.post(reverse("oversight:seat_add", kwargs={"pk": s1_group.pk}),
                           {"person": district.schools[-1].members[1].pk, "post": P.MEMBER})
    assert response.status_code == 400
    assert "Choose one of the people of this level." in response.content.decode()
    assert (Seat.objects.count(), Role.objects.count()) == before


def test_edit_page_is_the_office_s(s1_group, district, client):
    url = reverse("oversight:leading_group_edit", kwargs={"pk": s1_group.pk})
    assert login(client, district, "leader").get(url).status_code == 403
    login(client, district, "office")
    response = client.post(url, {"name": "", "office_name": "", "duties": ""})
    assert "This field is required." in response.content.decode()
    client.post(url, {"name": "改名", "office_name": "办", "duties": ""})
    s1_group.refresh_from_db()
    assert s1_group.name == "改名"


def test_word_list_names_the_head_and_the_office(s1_group, launched, district, client):
    response = login(client, district, "district_office").get(
        reverse("oversight:leading_groups_word", kwargs={"campaign": launched.pk}))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert f"组长：{district.schools[0].members[0].name}（全面负责）" in text
    assert "领导小组下设办公室：S1办公室" in text


def test_campaign_page_links(launched, district):
    labels = {role: [label for label, _url in campaign_pages(launched, district.users[role])]
              for role in ("office", "leader", "member", "secretary")}
    assert "Leading groups" in labels["office"]
    assert "My figures and my departments" not in labels["office"]
    assert "My figures and my departments" in labels["leader"]
    assert "Leading groups" not in labels["member"]
    assert "My figures and my departments" not in labels["secretary"]


def test_list_page_costs_the_same_with_more_groups(s1_group, launched, district, client):
    login(client, district, "district_office")
    url = reverse("oversight:leading_groups", kwargs={"campaign": launched.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    office = district.users["district_office"]
    group = services.create_leading_group(actor=office, campaign=launched,
                                          organization=district.root)
    services.add_seat(actor=office, group=group, person=district.schools[1].members[0],
                      post=P.HEAD)
    s2 = services.create_leading_group(actor=office, campaign=launched,
                                       organization=district.schools[1].committee)
    for person in district.schools[1].members[2:5]:
        services.add_seat(actor=office, group=s2, person=person, post=P.MEMBER)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)


def test_group_page_costs_the_same_with_more_seats(s1_group, district, client):
    login(client, district, "office")
    url = reverse("oversight:leading_group", kwargs={"pk": s1_group.pk})
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    make_user("extra", person=district.schools[0].members[4])
    for person in district.schools[0].members[1:3] + district.schools[0].members[4:6]:
        services.add_seat(actor=district.users["office"], group=s1_group, person=person,
                          post=P.MEMBER)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)
