"""What the anonymity tests (opinions, ballots, assessment answers) share: every row of every
table, the cache's entries, what a request wrote, and every log record while a test runs."""

import logging
import pickle

from django.apps import apps
from django.core.cache import cache


def table_rows() -> dict[tuple[str, object], dict]:
    """Every row of every table, keyed by (model, primary key)."""
    rows = {}
    for model in apps.get_models():
        for row in model._base_manager.values():
            rows[(model._meta.label_lower, row[model._meta.pk.attname])] = row
    return rows


def cache_entries() -> dict[str, object]:
    return {key: pickle.loads(value) for key, value in cache._cache.items()}


def written(before: dict, after: dict) -> dict:
    return {key: value for key, value in after.items() if before.get(key) != value}


class Recorder(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def recording_logs():
    """Every record of every logger while the block runs (runserver's too, which does not
    propagate to the root): a generator for the `log_records` fixture."""
    recorder = Recorder()
    loggers = [logging.getLogger(), logging.getLogger("django.server")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(recorder)
        lg.setLevel(logging.DEBUG)
    yield recorder.records
    for lg, level in zip(loggers, levels, strict=True):
        lg.removeHandler(recorder)
        lg.setLevel(level)
