"""The progress roll-up always agrees with the tasks it counts."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from vanguard.campaigns import services
from vanguard.campaigns.models import Assignment, ProgressCount
from vanguard.campaigns.services import rollup
from vanguard.meetings import services as meetings


def test_counters_follow_attendance(launched, district):
    plan = launched.plans.get(organization=district.schools[0].committee)
    activity = plan.activities.get(key="mobilization_meeting")
    meeting = meetings.schedule_meeting(
        actor=district.users["office"], activity=activity, title="动员大会",
        held_at=dt.datetime.combine(activity.starts_on, dt.time(9),
                                    tzinfo=dt.timezone(dt.timedelta(hours=8))))
    for person in district.schools[0].members[:3]:
        meetings.record_attendance(actor=district.users["office"], meeting=meeting,
                                   person_id=person.pk, status="present")
    assert rollup.differences(launched) == []
    assert sum(c.done for c in ProgressCount.objects.filter(activity=activity)) == 3


def test_counters_follow_tasks(review_open, plain_task_step, launched, district):
    task = Assignment.objects.get(activity__key="self_analysis",
                                  person=district.users["member"].person)
    services.complete_task(actor=district.users["member"], assignment=task)
    assert rollup.differences(launched) == []
    counter = ProgressCount.objects.get(activity=task.activity,
                                        organization=task.organization)
    assert counter.done == 1


def test_check_rollups_finds_and_fixes_a_wrong_counter(launched):
    ProgressCount.objects.filter(pk=ProgressCount.objects.first().pk).update(done=99)
    with pytest.raises(CommandError, match="differ"):
        call_command("check-rollups")
    call_command("check-rollups", "--fix")
    call_command("check-rollups")
    assert rollup.differences(launched) == []


def test_moving_many_tasks_at_once_keeps_the_counters_right(launched, district):
    tasks = list(Assignment.objects.filter(activity__key="organized_study"))
    assert rollup.set_statuses(tasks, Assignment.Status.DONE) == len(tasks)
    assert rollup.differences(launched) == []
    assert rollup.set_statuses(tasks[:3], Assignment.Status.PENDING) == 3
    assert rollup.differences(launched) == []
