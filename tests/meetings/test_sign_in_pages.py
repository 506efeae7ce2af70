"""The sign-in pages: the office's QR code, the member's phone, logging in on the way, the
rate limit. The meeting starts now, so the real clock is inside its window."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.builders import PASSWORD
from tests.meetings.conftest import SHANGHAI, code_at
from vanguard.core import clock
from vanguard.meetings import services
from vanguard.meetings.models import Attendance, Meeting

MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def meeting_now(activity, district):
    return services.schedule_meeting(actor=district.users["office"], activity=activity,
                                     title="动员大会", held_at=clock.now())


def sign_in_url(meeting, code) -> str:
    return reverse("meetings:sign_in", args=[meeting.pk]) + f"?code={code}"


def status_of(meeting, user) -> str:
    return Attendance.objects.get(meeting=meeting, person=user.person).status


def test_the_office_page_shows_the_qr_code_and_the_address(meeting_now, district, client):
    client.force_login(district.users["office"])
    page = client.get(reverse("meetings:detail", args=[meeting_now.pk])).content.decode()
    fragment = reverse("meetings:sign_in_code", args=[meeting_now.pk])
    assert f'hx-get="{fragment}"' in page
    assert 'hx-trigger="every 15s"' in page
    assert "<svg" in page and "<script" not in page.split("<main")[1].split("</main>")[0]
    code = re.search(r'data-testid="sign-in-code">(\d{8})<', page).group(1)
    now = clock.now()
    assert code in {code_at(meeting_now, now), code_at(meeting_now, now - MINUTE)}
    assert f"http://testserver/meetings/{meeting_now.pk}/sign-in/?code={code}" in page


def test_the_polled_fragment_is_the_code_alone(meeting_now, district, client):
    client.force_login(district.users["office"])
    response = client.get(reverse("meetings:sign_in_code", args=[meeting_now.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and "<html" not in body
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("role, status", [("supervisor", 403), ("leader", 403),
                                          ("secretary", 403), ("other_office", 404),
                                          ("member", 404)])
def test_only_those_running_the_meeting_get_the_code(role, status, meeting_now, district,
                                                      client):
    client.force_login(district.users[role])
    assert client.get(reverse("meetings:sign_in_code",
                              args=[meeting_now.pk])).status_code == status


def test_readers_see_the_meeting_without_the_code(meeting_now, district, client):
    client.force_login(district.users["supervisor"])
    page = client.get(reverse("meetings:detail", args=[meeting_now.pk])).content.decode()
    assert "sign-in-qr" not in page and "<svg" not in page


def test_outside_the_window_the_screen_says_when_sign_in_opens(activity, district, client):
    later = services.schedule_meeting(
        actor=district.users["office"], activity=activity, title="动员大会",
        held_at=dt.datetime.combine(activity.due_on, dt.time(15), tzinfo=SHANGHAI))
    client.force_login(district.users["office"])
    page = client.get(reverse("meetings:detail", args=[later.pk])).content.decode()
    assert 'data-testid="sign-in-closed"' in page and "<svg" not in page
    assert "14:30" in page


def test_a_meeting_scheduled_before_sign_in_existed_gets_a_secret(meeting_now, district,
                                                                  client):
    Meeting.objects.filter(pk=meeting_now.pk).update(sign_in_secret="")
    client.force_login(district.users["office"])
    assert client.get(reverse("meetings:detail", args=[meeting_now.pk])).status_code == 200
    assert len(Meeting.objects.get(pk=meeting_now.pk).sign_in_secret) == 64


def test_the_member_opens_the_address_and_is_signed_in(meeting_now, district, client):
    member = district.users["member"]
    client.force_login(member)
    response = client.get(sign_in_url(meeting_now, code_at(meeting_now, clock.now())))
    assert response.status_code == 200
    assert 'data-outcome="signed_in"' in response.content.decode()
    assert status_of(meeting_now, member) == "present"
    again = client.get(sign_in_url(meeting_now, code_at(meeting_now, clock.now())))
    assert again.status_code == 200 and 'data-outcome="already"' in again.content.decode()


def test_logged_out_the_member_logs_in_and_comes_back_to_the_code(meeting_now, district,
                                                                  client):
    url = sign_in_url(meeting_now, code_at(meeting_now, clock.now()))
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    login = client.post(response["Location"], {"username": "member", "password": PASSWORD})
    assert login.status_code == 302 and login["Location"] == url
    assert 'data-outcome="signed_in"' in client.get(login["Location"]).content.decode()
    assert status_of(meeting_now, district.users["member"]) == "present"


def test_refusals_answer_with_a_clear_page(meeting_now, district, client):
    client.force_login(district.users["member"])
    wrong = client.get(sign_in_url(meeting_now, "00000000"))
    assert wrong.status_code == 400
    assert 'data-outcome="refused"' in wrong.content.decode()
    client.force_login(district.users["office"])
    stranger = client.get(sign_in_url(meeting_now, code_at(meeting_now, clock.now())))
    assert stranger.status_code == 403
    # Someone not on the list is not told which meeting it is.
    assert meeting_now.title not in stranger.content.decode()


def test_a_missing_meeting_is_not_found(district, client):
    client.force_login(district.users["member"])
    assert client.get(reverse("meetings:sign_in", args=[999999])).status_code == 404


def test_sign_in_attempts_are_rate_limited_per_user(meeting_now, district, client, settings):
    settings.MEETING_SIGN_IN_RATE_LIMIT = 3
    client.force_login(district.users["member"])
    for _ in range(3):
        assert client.get(sign_in_url(meeting_now, "00000000")).status_code == 400
    good = sign_in_url(meeting_now, code_at(meeting_now, clock.now()))
    assert client.get(good).status_code == 429
    assert status_of(meeting_now, district.users["member"]) == "expected"
    # The limit is the user's: another member at the same address is not held back.
    client.force_login(district.users["secretary"])
    assert client.get(good).status_code == 200
