"""The demo's calendar: services run "on" a past day of the campaign, so the dates they stamp
(released on, handed in at, closed at …) tell the story a school would have lived.

Every service reads the day and the moment from `vanguard.core.clock`, whose `replaying`
block is made for this; nothing is written behind the services' back. Rows' own
`created_at` and the audit log keep the real moment the demo was loaded, which is the truth
about them. A day that is today or later is not replayed: the real clock already says it,
with the real hour.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from vanguard.core import clock


@contextmanager
def on_day(day: dt.date, hour: int = 10) -> Iterator[dt.date]:
    """Run the block as if it were `day`, from `hour` o'clock (`clock.replaying`); today or a
    later day runs on the real clock, with the real hour."""
    real_today = clock.today()
    if day >= real_today:
        yield real_today
        return
    with clock.replaying(day, hour):
        yield day
