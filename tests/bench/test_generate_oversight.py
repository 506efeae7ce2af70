"""`bench.oversight.ensure` on school-scale data: issue 9's records are added once (a second
call adds nothing), keys point at rows, the leading groups' roles follow their seats, the
graduates are reached as stated, and the pages the benchmark measures read them."""

import pytest
from django.db import connection, transaction
from django.test import override_settings

from bench import oversight
from bench.generate import generate
from vanguard.access.models import Role
from vanguard.campaigns.models import CalendarPeriod, Campaign
from vanguard.oversight import flags
from vanguard.oversight.models import Finding, LeadingGroup, Seat, SupervisionGroup
from vanguard.oversight.selectors.coverage import reached_counts
from vanguard.oversight.services.leading import wanted_roles
from vanguard.publicity.models import NewsItem
from vanguard.surveys.models import Response, Survey

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def added(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), \
            transaction.atomic():
        generate("school", seed=13, fast=False)
        campaign = Campaign.objects.select_related("organization").get()
        rows = oversight.ensure(campaign, seed=13, log=lambda _text: None)
        yield campaign, rows
        transaction.set_rollback(True)


@pytest.fixture
def generated(added, db):
    return added


def test_the_records_are_added_once_and_point_at_rows(generated):
    campaign, rows = generated
    connection.check_constraints()
    assert rows["oversight.LeadingGroup"] == 2  # the district's and the school's
    assert oversight.ensure(campaign, log=lambda _text: None) is None
    assert LeadingGroup.objects.count() == 2


def test_leading_groups_are_headed_and_their_roles_follow_the_seats(generated):
    for group in LeadingGroup.objects.all():
        assert group.seats.filter(post=Seat.Post.HEAD).count() == 1
        held = set(Role.objects.filter(organization=group.organization)
                   .values_list("user_id", "kind"))
        assert wanted_roles(group) <= held


def test_a_supervision_group_at_work_with_findings(generated):
    campaign, _rows = generated
    group = SupervisionGroup.objects.get()
    assert group.members.count() == oversight.GROUP_STAFF
    assert Role.objects.filter(source=f"supervision:{group.pk}").exists()
    assert Finding.objects.filter(group=group).exists()
    assert group.good_practices.filter(shared_at__isnull=False).count() == 1


def test_graduates_two_reached_of_three_and_the_rest(generated):
    campaign, _rows = generated
    reached, total = reached_counts(campaign.pk, campaign.organization)
    assert (reached, total) == (2, 3)
    assert CalendarPeriod.objects.filter(organization=campaign.organization).count() == 5
    assert NewsItem.objects.filter(status="published").count() == 7  # 5 + 2
    survey = Survey.objects.get()
    assert survey.state == Survey.State.CLOSED
    assert Response.objects.filter(survey=survey).count() == oversight.SURVEY_ANSWERS


def test_the_red_flags_read_the_generated_school(generated):
    campaign, _rows = generated
    rows = flags.red_flags(campaign, campaign.organization)
    assert len(rows) == 1
