"""A person's iCal feed: a secret address made, regenerated and revoked on "My calendar";
valid RFC 5545 (checked with the icalendar package) holding only that person's pending
tasks and meetings; unknown or revoked addresses answer 404 with no detail."""

import datetime as dt

import icalendar
import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.meetings.special_support import SHANGHAI, step
from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Assignment, CalendarFeed
from vanguard.campaigns.services import feeds
from vanguard.campaigns.services.feeds import escape_text, fold
from vanguard.meetings import services as meetings


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def feed_path(token):
    return f"/campaigns/calendar/feed/{token}.ics"


def make_address(client, user) -> str:
    client.force_login(user)
    client.post("/campaigns/calendar/mine/feed/", {"action": "create"})
    page = client.get("/campaigns/calendar/mine/").content.decode()
    start = page.index("/campaigns/calendar/feed/")
    return page[start:page.index(".ics", start) + 4]


@pytest.fixture
def meeting(launched, district):
    plan = launched.plans.get(organization=district.schools[0].committee)
    activity = step(plan, "mobilization_meeting")
    return meetings.schedule_meeting(
        actor=district.users["office"], activity=activity, title="动员大会; 全体, 党员",
        place="报告厅\\二楼",
        held_at=dt.datetime.combine(activity.starts_on, dt.time(15), tzinfo=SHANGHAI))


def test_the_address_is_shown_once_and_only_its_hash_is_kept(client, district):
    path = make_address(client, district.users["member"])
    token = path.rsplit("/", 1)[1][:-4]
    feed = CalendarFeed.objects.get()
    assert feed.token_hash == feeds.token_hash(token) and token not in feed.token_hash
    again = client.get("/campaigns/calendar/mine/").content.decode()
    assert "/campaigns/calendar/feed/" not in again  # shown once only
    assert AuditEntry.objects.filter(action="campaigns.calendar_feed.created").count() == 1


def test_the_feed_is_valid_icalendar_with_the_persons_tasks_and_meetings(client, district,
                                                                         meeting):
    member = district.users["member"]
    path = make_address(client, member)
    client.logout()
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(body)
    assert str(parsed["VERSION"]) == "2.0" and parsed["PRODID"]
    events = parsed.walk("VEVENT")
    assert all(e.get("UID") and e.get("DTSTAMP") for e in events)
    uids = {str(e["UID"]) for e in events}
    pending = Assignment.objects.filter(person=member.person, status="pending")
    assert uids == {f"task-{a.pk}@vanguard" for a in pending} | {f"meeting-{meeting.pk}@vanguard"}
    event = next(e for e in events if str(e["UID"]).startswith("meeting-"))
    assert str(event["SUMMARY"]) == "动员大会; 全体, 党员"  # escaped in the text, read back
    assert str(event["LOCATION"]) == "报告厅\\二楼"
    assert event.decoded("DTSTART") == meeting.held_at
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=120)
    task = next(e for e in events if str(e["UID"]).startswith("task-"))
    assert isinstance(task.decoded("DTSTART"), dt.date)


def test_the_feed_holds_nobody_elses_tasks_or_meetings(client, district, meeting):
    other = district.schools[1].members[0]
    path = make_address(client, district.users["member"])
    body = client.get(path).content.decode()
    for task in Assignment.objects.filter(person=other)[:5]:
        assert f"task-{task.pk}@" not in body
    done = Assignment.objects.filter(person=district.users["member"].person).first()
    done.status = "done"
    done.save()
    assert f"task-{done.pk}@" not in client.get(path).content.decode()


def test_a_revoked_or_regenerated_address_answers_404_without_detail(client, district,
                                                                     launched):
    member = district.users["member"]
    first = make_address(client, member)
    assert client.get(first).status_code == 200
    second = make_address(client, member)  # "regenerate" is the same POST once one exists
    assert second != first
    gone = client.get(first)
    assert gone.status_code == 404 and gone.content == b""
    client.post("/campaigns/calendar/mine/feed/", {"action": "revoke"})
    assert client.get(second).status_code == 404
    assert not CalendarFeed.objects.exists()
    assert client.get(feed_path("not-a-token")).status_code == 404
    response = client.post("/campaigns/calendar/mine/feed/", {"action": "revoke"}, follow=True)
    assert "no calendar address to revoke" in response.content.decode()


def test_the_feed_is_read_only_and_rate_limited(client, district, launched):
    path = make_address(client, district.users["member"])
    assert client.post(path).status_code == 405
    with override_settings(VANGUARD_CALENDAR_FEED_LIMIT=2):
        cache.clear()
        assert [client.get(path).status_code for _ in range(3)] == [200, 200, 429]


def test_a_user_without_a_person_has_no_calendar(client, district):
    client.force_login(district.users["office"])
    assert client.get("/campaigns/calendar/mine/").status_code == 403
    assert client.post("/campaigns/calendar/mine/feed/", {"action": "create"}).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_text_is_escaped_and_long_lines_fold_at_75_octets():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "党员" * 40
    folded = fold(line).encode()
    parts = folded.split(b"\r\n")
    assert all(len(p) <= 75 for p in parts) and all(p.startswith(b" ") for p in parts[1:])
    assert b"".join(p[1:] if i else p for i, p in enumerate(parts)).decode() == line
