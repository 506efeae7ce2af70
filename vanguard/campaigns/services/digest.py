"""The daily notification digest: every notification not yet digested goes, in one message
per person and day, to the channels the person chose (email unless turned off). In-app
notifications are always on; the digest never sends one notification twice."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns import channels as delivery
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Digest, Notification, NotificationPreference
from vanguard.core import clock
from vanguard.people.models import Person

CHUNK = 500


def chosen(person_prefs: dict[str, bool], channel) -> bool:
    """Whether the person wants `channel`: their own choice, else the channel's default."""
    return person_prefs.get(channel.key, channel.default_on)


def preferences_of(person: Person) -> list[tuple[object, bool, str]]:
    """(channel, on, address) for each configured channel, for the preferences page."""
    prefs = dict(NotificationPreference.objects.filter(person=person)
                 .values_list("channel", "enabled"))
    return [(c, chosen(prefs, c), c.address(person)) for c in delivery.channels()]


@transaction.atomic
def set_preferences(*, actor, enabled: dict[str, bool]) -> None:
    """The actor's own choice per channel; unknown channel keys are refused."""
    person = getattr(actor, "person", None)
    if person is None:
        raise CampaignError(_("Only a person receives notifications."), code="no_person")
    known = {c.key: c for c in delivery.channels()}
    unknown = set(enabled) - set(known)
    if unknown:
        raise CampaignError(_("Unknown notification channel."), code="unknown_channel")
    before = dict(NotificationPreference.objects.filter(person=person)
                  .values_list("channel", "enabled"))
    for key, on in enabled.items():
        NotificationPreference.objects.update_or_create(
            person=person, channel=key, defaults={"enabled": bool(on)})
    changes = {key: [chosen(before, known[key]), bool(on)] for key, on in enabled.items()
               if chosen(before, known[key]) != bool(on)}
    if changes:
        audit.record(actor=actor, action="campaigns.notification_preferences.set",
                     target=person, changes=changes)


def _absolute(url: str) -> str:
    base = getattr(settings, "VANGUARD_SITE_URL", "").rstrip("/")
    return f"{base}{url}" if url.startswith("/") and base else url


def digest_text(notes: list[Notification], day: dt.date) -> tuple[str, str]:
    subject = _("Vanguard: %(n)d notifications, %(day)s") % {"n": len(notes),
                                                               "day": day.isoformat()}
    lines = [_("Your notifications in Vanguard since the last digest:"), ""]
    for note in notes:
        lines.append(f"- {note.text}")
        if note.url:
            lines.append(f"  {_absolute(note.url)}")
    lines += ["", _("You can choose how you are notified on the notification preferences "
                    "page.")]
    return subject, "\n".join(lines)


@transaction.atomic
def send_digests(*, today: dt.date | None = None) -> int:
    """One digest per person who has notifications not yet digested and had no digest today.

    The notifications are marked digested and a Digest row (unique per person and day) is
    written in this transaction; the messages go out after it commits. A fixed number of
    queries whatever the number of people. Returns the number of digests."""
    today = today or clock.today()
    now = clock.now()
    done_today = set(Digest.objects.filter(day=today).values_list("person_id", flat=True))
    # Locked: a second run at the same time waits, then finds them digested.
    pending = list(Notification.objects.select_for_update()
                   .filter(digested_at__isnull=True, created_at__lte=now)
                   .exclude(person_id__in=list(done_today))
                   .order_by("person_id", "created_at", "id"))
    if not pending:
        return 0
    by_person: dict[int, list[Notification]] = defaultdict(list)
    for note in pending:
        by_person[note.person_id].append(note)
    people = Person.objects.select_related("user").in_bulk(list(by_person))
    prefs: dict[int, dict[str, bool]] = defaultdict(dict)
    for person_id, key, on in NotificationPreference.objects.filter(
            person_id__in=list(by_person)).values_list("person_id", "channel", "enabled"):
        prefs[person_id][key] = on
    outgoing, digests = [], []
    with translation.override(settings.LANGUAGE_CODE):
        for person_id, notes in by_person.items():
            person = people[person_id]
            subject, body = digest_text(notes, today)
            used = []
            for channel in delivery.channels():
                address = channel.address(person)
                if address and chosen(prefs[person_id], channel):
                    outgoing.append((channel, person, address, subject, body))
                    used.append(channel.key)
            digests.append(Digest(person_id=person_id, day=today, notification_count=len(notes),
                                  channels=",".join(used)[:200], sent_at=now))
    Digest.objects.bulk_create(digests)
    ids = [note.pk for note in pending]
    for start in range(0, len(ids), CHUNK):
        Notification.objects.filter(pk__in=ids[start:start + CHUNK]).update(digested_at=now)
    if outgoing:
        transaction.on_commit(lambda: _deliver(outgoing))
    return len(digests)


def _deliver(outgoing) -> None:
    for channel, person, address, subject, body in outgoing:
        channel.send(person, address, subject, body)
