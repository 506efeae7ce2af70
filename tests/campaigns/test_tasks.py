"""A member's tasks: marked done by the person, refused when the phase is not open."""

import pytest

from vanguard.campaigns import audience, services
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Activity, Assignment


@pytest.fixture
def study_task(review_open, plain_task_step, district):
    return Assignment.objects.get(activity__key="self_analysis",
                                  person=district.users["member"].person)


def test_member_marks_their_own_task_done(study_task, district):
    services.complete_task(actor=district.users["member"], assignment=study_task, note="已学完")
    study_task.refresh_from_db()
    assert study_task.status == "done" and study_task.done_at is not None


def test_done_twice_is_refused(study_task, district):
    services.complete_task(actor=district.users["member"], assignment=study_task)
    with pytest.raises(CampaignError, match="already done"):
        services.complete_task(actor=district.users["member"], assignment=study_task)


def test_another_member_cannot_tick_my_task(study_task, district):
    with pytest.raises(CampaignError, match="not allowed"):
        services.complete_task(actor=district.users["leader"], assignment=study_task)
    assert Assignment.objects.get(pk=study_task.pk).status == "pending"


def test_a_task_of_a_later_phase_cannot_be_done_yet(launched, plain_task_step, district):
    later = Assignment.objects.get(activity__key="self_analysis",
                                   person=district.users["member"].person)
    with pytest.raises(CampaignError, match="not open"):
        services.complete_task(actor=district.users["member"], assignment=later)


def test_a_meeting_task_is_not_ticked_by_hand(launched, district):
    meeting_task = Assignment.objects.get(activity__key="mobilization_meeting",
                                          person=district.users["member"].person)
    with pytest.raises(CampaignError, match="own page"):
        services.complete_task(actor=district.users["member"], assignment=meeting_task)


def test_leaders_and_secretaries_get_their_own_tasks(launched, district):
    leader_tasks = Assignment.objects.filter(activity__key="democratic_life_meeting",
                                             activity__plan__organization=district.schools[0]
                                             .committee)
    assert leader_tasks.count() == 2  # the principal and the deputy
    # Every seed step now names its own audience; the generic `who: secretaries` setting is
    # read the same way for any step that sets it.
    step = Activity.objects.get(key="self_analysis",
                                plan__organization=district.schools[0].committee)
    step.settings = {"who": "secretaries"}
    people = {person_id for person_id, _org in audience.for_activity(step)}
    assert people == {district.users["secretary"].person.pk}
