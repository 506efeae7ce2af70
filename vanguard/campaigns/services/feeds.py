"""A person's iCal feed: the secret address (made, regenerated, revoked; only its hash is
kept) and the RFC 5545 text of their pending tasks and their meetings."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Assignment, CalendarFeed
from vanguard.core import clock
from vanguard.people.models import Person

TOKEN_BYTES = 32
# Meetings ended longer ago than this are left out: the feed is for what is coming.
PAST_DAYS = 60


def token_hash(token: str) -> str:
    # The token carries 256 random bits, so a plain SHA-256 cannot be reversed by guessing.
    return hashlib.sha256(token.encode()).hexdigest()


def _person_of(actor) -> Person:
    person = getattr(actor, "person", None)
    if person is None:
        raise CampaignError(_("Only a person with tasks has a calendar feed."), code="no_person")
    return person


@transaction.atomic
def create_feed(*, actor) -> str:
    """Make (or regenerate) the actor's secret feed address; returns the token, shown once.
    A regenerated address replaces the old one, which answers 404 from then on."""
    person = _person_of(actor)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    existed = CalendarFeed.objects.filter(person=person).delete()[0] > 0
    feed = CalendarFeed.objects.create(person=person, token_hash=token_hash(token))
    audit.record(actor=actor, action="campaigns.calendar_feed.regenerated" if existed
                 else "campaigns.calendar_feed.created", target=feed)
    return token


@transaction.atomic
def revoke_feed(*, actor) -> None:
    person = _person_of(actor)
    feed = CalendarFeed.objects.filter(person=person).first()
    if feed is None:
        raise CampaignError(_("You have no calendar address to revoke."), code="no_feed")
    audit.record(actor=actor, action="campaigns.calendar_feed.revoked", target=feed)
    feed.delete()


def person_for_token(token: str) -> Person | None:
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("person").filter(
        token_hash=token_hash(token)).first()
    return feed.person if feed else None


# --- what the feed holds -----------------------------------------------------------------------

@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    start: dt.datetime | dt.date | None = None
    end: dt.datetime | dt.date | None = None


def events_of(person: Person, *, link) -> list[Event]:
    """The person's pending tasks (all day, on the due date) and the meetings they are on
    the list of. Two queries. `link(name, *args)` makes an absolute address."""
    from vanguard.meetings.models import Attendance

    events = []
    tasks = (Assignment.objects.filter(person=person, status=Assignment.Status.PENDING)
             .select_related("activity__plan__campaign").order_by("due_on", "id"))
    for task in tasks:
        activity = task.activity
        events.append(Event(
            uid=f"task-{task.pk}@vanguard", start=task.due_on,
            end=task.due_on + dt.timedelta(days=1),
            summary=_("Due: %(name)s") % {"name": activity.name},
            description=f"{activity.plan.campaign.name}\n{activity.description}".strip(),
            url=link("campaigns:my_tasks")))
    since = clock.now() - dt.timedelta(days=PAST_DAYS)
    rows = (Attendance.objects.filter(person=person, meeting__held_at__gte=since)
            .select_related("meeting__organization").order_by("meeting__held_at"))
    for row in rows:
        meeting = row.meeting
        events.append(Event(
            uid=f"meeting-{meeting.pk}@vanguard", start=meeting.held_at,
            end=meeting.held_at + dt.timedelta(minutes=meeting.duration_minutes),
            summary=meeting.title, location=meeting.place,
            description=f"{meeting.get_kind_display()} · {meeting.organization.name}"))
    return events


# --- RFC 5545 text -----------------------------------------------------------------------------

def escape_text(value: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped, newlines as \\n (RFC 5545 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets are folded (CRLF and a space), never inside a UTF-8
    character (RFC 5545 3.1)."""
    out, current, size = [], [], 0
    for char in line:
        width = len(char.encode())
        limit = 75 if not out else 74  # a continuation line starts with the space
        if size + width > limit:
            out.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _when(name: str, value) -> str:
    if isinstance(value, dt.datetime):
        return f"{name}:{_stamp(value)}"
    return f"{name};VALUE=DATE:{value.strftime('%Y%m%d')}"


def render_calendar(events: list[Event], *, name: str, now: dt.datetime | None = None) -> bytes:
    stamp = _stamp(now or timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Vanguard//Campaign calendar//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}",
             "REFRESH-INTERVAL;VALUE=DURATION:PT6H", "X-PUBLISHED-TTL:PT6H"]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}",
                  _when("DTSTART", event.start), _when("DTEND", event.end),
                  f"SUMMARY:{escape_text(event.summary)}"]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
