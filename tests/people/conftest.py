"""Fixtures of the people tests: English messages, a private media folder, a school roster."""

import pytest
from django.utils import translation

from tests.people import rosters


@pytest.fixture(autouse=True)
def english():
    # Messages are asserted in their English source form, whatever catalogue is compiled.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def ids():
    """ID numbers of the school roster's people; 张三's ends in X."""
    return {"zhang": rosters.id_number_ending_in_x("19800506"),
            "li": rosters.id_number("19900701", 12),
            "zhao": rosters.id_number("19900506", 21)}


@pytest.fixture
def school_roster(ids) -> bytes:
    return rosters.workbook_bytes(rosters.school_rows(ids["zhang"], ids["li"], ids["zhao"]),
                                  preamble=True)
