"""Today and now in the campaign's time zone (Asia/Shanghai), in one place so tests can pin them."""

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    return timezone.localtime()


def today() -> dt.date:
    return timezone.localdate()


def day_start(day: dt.date) -> dt.datetime:
    """The aware datetime at which `day` begins locally."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def localdate_of(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()
