"""Settings for the benchmark: the project's own, against the bench database, plus one bare view.

The database is BENCH_DATABASE_URL (a PostgreSQL database of its own, never the test
database or DATABASE_URL's); DEBUG is off, as in production.
"""

import copy
import os
from pathlib import Path

import dj_database_url

from vanguard.settings import *  # noqa: F403
from vanguard.settings import TEMPLATES as PROJECT_TEMPLATES

BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vanguard_bench")
DATABASES = {"default": dj_database_url.parse(BENCH_DATABASE_URL, conn_max_age=600)}
ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
TEMPLATES = copy.deepcopy(PROJECT_TEMPLATES)
TEMPLATES[0]["DIRS"] = [Path(__file__).resolve().parent / "templates"]
# The benchmark asks for members' iCal feeds from one address (127.0.0.1) hundreds of times:
# the per-address limit (its cache hit is still measured) must not turn them into 429s.
VANGUARD_CALENDAR_FEED_LIMIT = 1_000_000
