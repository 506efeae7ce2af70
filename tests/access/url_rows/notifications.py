"""URL rows: a person's notifications."""

from tests.access.url_table import NO_PERSON, POST_ONLY, row

ROWS = [
    row("campaigns:notifications", None, NO_PERSON),
    row("campaigns:notifications_read", None, POST_ONLY),
]
