"""Today and now in the campaign's time zone (Asia/Shanghai), in one place so tests can pin them."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

# The moment a replayed day has reached (see `replaying`); empty in normal running.
_replay: list[dt.datetime] = []


def now() -> dt.datetime:
    if _replay:
        _replay[-1] += dt.timedelta(seconds=1)
        return _replay[-1]
    return timezone.localtime()


def today() -> dt.date:
    if _replay:
        return localdate_of(_replay[-1])
    return timezone.localdate()


def day_start(day: dt.date) -> dt.datetime:
    """The aware datetime at which `day` begins locally."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def localdate_of(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


@contextmanager
def replaying(day: dt.date, hour: int = 10) -> Iterator[dt.date]:
    """Run a block as if it were `day` from `hour` o'clock: the demo replays a campaign's
    past days so that the dates the services stamp tell the story a school lived. Each call
    of `now()` is a second after the one before, so what is done in order is stamped in
    order. Single-threaded use only (a management command)."""
    _replay.append(day_start(day) + dt.timedelta(hours=hour))
    try:
        yield day
    finally:
        _replay.pop()
