"""The clock's replay: the demo runs services on a campaign's past days."""

import datetime as dt

from django.utils import timezone

from vanguard.core import clock


def test_replaying_a_day_moves_today_and_now_in_order():
    day = dt.date(2026, 9, 1)
    with clock.replaying(day, hour=9):
        first, second = clock.now(), clock.now()
        assert clock.today() == day
        assert first < second and clock.localdate_of(first) == day and first.hour == 9
    # Outside the block the real clock is back.
    assert clock.today() == timezone.localdate()
