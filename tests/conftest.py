"""Fixtures shared by the whole suite."""

import datetime as dt

import pytest

from tests.builders import build_district


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Strong hashing costs ~0.3 s a user; the tests check the policy, not the hash's cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.RECEIPT_HASH_ITERATIONS = 1000


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploads (rosters, evidence) go to a folder of the test's own, never var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages in English so tests read plainly; pages still default to zh-hans."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client():
    """A test client that has chosen English, so tests read pages in their source language;
    tests of the zh-hans default (tests/web/test_language.py) use a client without it."""
    from django.conf import settings
    from django.test import Client

    browser = Client()
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return browser


@pytest.fixture
def district(db):
    return build_district()


@pytest.fixture
def launched(district):
    """The seed campaign launched today by the district office, every school plan approved."""
    from vanguard.campaigns import services
    from vanguard.core import clock

    office = district.users["district_office"]
    campaign = services.launch_campaign(actor=office, template_key="advanced-nature-2005",
                                        organization=district.root, starts_on=clock.today())
    for plan in campaign.plans.exclude(organization=district.root):
        school_office = next(u for u in district.users.values()
                             if u.roles.filter(organization=plan.organization, kind="office")
                             .exists())
        services.submit_plan(actor=school_office, plan=plan)
        services.approve_plan(actor=office, plan=plan)
    return campaign


@pytest.fixture
def review_open(launched, district):
    """School S1 past its first phase (closed by the office with a reason): 分析评议 is open,
    whose steps are still plain tasks each person marks done."""
    from vanguard.campaigns import services

    plan = launched.plans.get(organization=district.schools[0].committee)
    services.close_phase(actor=district.users["office"], phase=plan.phases.get(key="mobilize"),
                         override_reason="测试：提前结束学习动员阶段")
    review = plan.phases.get(key="review")
    services.advance_phases(today=review.starts_on)
    return plan


@pytest.fixture
def rectify_open(review_open, district):
    """School S1 past its second phase too (closed with a reason): 整改提高 is open."""
    from vanguard.campaigns import services

    plan = review_open
    services.close_phase(actor=district.users["office"], phase=plan.phases.get(key="review"),
                         override_reason="测试：提前结束分析评议阶段")
    rectify = plan.phases.get(key="rectify")
    services.advance_phases(today=rectify.starts_on)
    rectify.refresh_from_db()
    assert rectify.state == "open"
    return plan


@pytest.fixture
def plain_task_step(launched):
    """The seed's self-analysis step turned into a generic ticked task (`campaigns.task`):
    every seed step has its own pages now, so the generic kind's tests borrow one."""
    from vanguard.campaigns.models import Activity

    Activity.objects.filter(plan__campaign=launched, key="self_analysis").update(
        kind="campaigns.task")


@pytest.fixture
def log_records():
    """Every log record written while the test runs (the anonymity tests read them)."""
    from tests.anonymity_support import recording_logs

    yield from recording_logs()


@pytest.fixture
def a_date():
    return dt.date(2026, 9, 1)
