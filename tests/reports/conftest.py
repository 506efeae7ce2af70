"""Fixtures of the summary report's tests: the small campaign state of world.py."""

import pytest

from tests.reports import world


@pytest.fixture
def report_world(rectify_open, district):
    return world.build(rectify_open.campaign, district)
