"""The reading list: the campaign office sets it or loads the seed plan's; members mark what
they have read; the reading task is done exactly when the list and the notes are."""

import pytest

from tests.builders import make_user
from vanguard.access.models import AuditEntry, Role
from vanguard.campaigns.models import Assignment
from vanguard.study.errors import StudyError
from vanguard.study.models import ReadingItem, ReadingMark
from vanguard.study.services import reading, writing

pytestmark = pytest.mark.django_db


def text(n: int) -> str:
    return "<p>" + "学" * n + "</p>"


def reading_task(person):
    return Assignment.objects.get(person=person, activity__kind="study.reading")


@pytest.fixture
def seeded(launched, district):
    reading.load_seed_readings(actor=district.users["district_office"], campaign=launched)
    return list(launched.readings.all())


def hand_in_note(user, campaign, n=300):
    note = writing.start_writing(actor=user, campaign=campaign, kind="note")
    return writing.submit_writing(actor=user, writing=note, version=note.version,
                                  title="笔记", body=text(n))


def test_office_loads_the_seed_list_once(launched, district):
    office = district.users["district_office"]
    assert reading.load_seed_readings(actor=office, campaign=launched) == 4
    assert reading.load_seed_readings(actor=office, campaign=launched) == 0
    items = list(launched.readings.all())
    assert [i.title for i in items if i.required] == [
        "《保持共产党员先进性教育读本》", "《中国共产党章程》",
        "胡锦涛《在新时期保持共产党员先进性专题报告会上的重要讲话》"]
    assert [i.title for i in items if not i.required] == ["中央、省委和市委领导有关讲话"]
    assert AuditEntry.objects.filter(action="study.reading.seeded").count() == 2


def test_seed_keeps_a_reading_already_on_the_list(launched, district):
    office = district.users["district_office"]
    reading.add_reading(actor=office, campaign=launched, title="《中国共产党章程》",
                        source="2002年版", required=False)
    assert reading.load_seed_readings(actor=office, campaign=launched) == 3
    kept = launched.readings.get(title="《中国共产党章程》")
    assert kept.source == "2002年版" and not kept.required


@pytest.mark.parametrize("who", ["office", "secretary", "supervisor", "member", "leader"])
def test_only_the_campaign_office_edits_the_list(launched, district, who):
    with pytest.raises(StudyError, match="not allowed"):
        reading.add_reading(actor=district.users[who], campaign=launched, title="校本读物")
    assert not ReadingItem.objects.exists()


def test_a_title_twice_is_refused_with_a_message(launched, district, seeded):
    with pytest.raises(StudyError, match="already has a reading"):
        reading.add_reading(actor=district.users["district_office"], campaign=launched,
                            title="《中国共产党章程》")


def test_title_and_source_are_bounded(launched, district):
    office = district.users["district_office"]
    with pytest.raises(StudyError, match="at most 200"):
        reading.add_reading(actor=office, campaign=launched, title="读" * 201)
    with pytest.raises(StudyError, match="at most 200"):
        reading.add_reading(actor=office, campaign=launched, title="读本", source="源" * 201)


def test_marking_twice_changes_nothing_and_unmarking_is_allowed(launched, district, seeded):
    member = district.users["member"]
    item = seeded[0]
    assert reading.mark_read(actor=member, item=item) is True
    assert reading.mark_read(actor=member, item=item) is False
    assert ReadingMark.objects.filter(item=item).count() == 1
    assert reading.mark_read(actor=member, item=item, read=False) is True
    assert reading.mark_read(actor=member, item=item, read=False) is False
    assert not ReadingMark.objects.filter(item=item).exists()
    assert list(AuditEntry.objects.filter(action__startswith="study.reading.")
                .exclude(action="study.reading.seeded").values_list("action", flat=True)
                .order_by("id")) == ["study.reading.marked", "study.reading.unmarked"]


def test_someone_without_a_reading_task_cannot_mark(launched, district, seeded):
    with pytest.raises(StudyError, match="not allowed"):
        reading.mark_read(actor=district.users["district_office"], item=seeded[0])
    outsider = make_user("outsider", roles=[(Role.Kind.OFFICE, district.root)])
    with pytest.raises(StudyError):
        reading.mark_read(actor=outsider, item=seeded[0])


def test_reading_task_done_only_with_every_required_reading_and_enough_notes(
        launched, district, seeded):
    member = district.users["member"]
    person = member.person
    for item in seeded:
        if item.required:
            reading.mark_read(actor=member, item=item)
    assert reading_task(person).status == "pending"  # no notes yet
    hand_in_note(member, launched)
    assert reading_task(person).status == "pending"  # the plan asks for two
    hand_in_note(member, launched)
    assert reading_task(person).status == "done"
    reading.mark_read(actor=member, item=seeded[0], read=False)
    assert reading_task(person).status == "pending"
    reading.mark_read(actor=member, item=seeded[0])
    assert reading_task(person).status == "done"


def test_optional_readings_are_not_needed(launched, district, seeded):
    member = district.users["member"]
    for item in seeded:
        if item.required:
            reading.mark_read(actor=member, item=item)
    hand_in_note(member, launched)
    hand_in_note(member, launched)
    optional = next(i for i in seeded if not i.required)
    assert not ReadingMark.objects.filter(item=optional).exists()
    assert reading_task(member.person).status == "done"


def test_a_new_required_reading_reopens_done_tasks_and_removing_it_closes_them(
        launched, district, seeded):
    member, office = district.users["member"], district.users["district_office"]
    for item in seeded:
        reading.mark_read(actor=member, item=item)
    hand_in_note(member, launched)
    hand_in_note(member, launched)
    assert reading_task(member.person).status == "done"
    added = reading.add_reading(actor=office, campaign=launched, title="《中国共产党纪律处分条例》")
    assert reading_task(member.person).status == "pending"
    # Another member's task was pending all along and stays so.
    other = district.schools[0].members[0]
    assert reading_task(other).status == "pending"
    reading.update_reading(actor=office, item=added, title=added.title, source="",
                           required=False, order=added.order)
    assert reading_task(member.person).status == "done"
    reading.update_reading(actor=office, item=added, title=added.title, source="",
                           required=True, order=added.order)
    assert reading_task(member.person).status == "pending"
    reading.remove_reading(actor=office, item=added)
    assert reading_task(member.person).status == "done"


def test_refreshing_the_whole_campaign_does_not_loop_over_members(
        launched, seeded, django_assert_max_num_queries):
    # One count, the plans' reading steps, two set-wise updates per plan, and the roll-up's
    # recount (a savepoint, a delete, one aggregate, one insert, the release): nothing per
    # member (the district has 3 plans and 12 members with a reading task).
    assert Assignment.objects.filter(activity__kind="study.reading").count() == 12
    with django_assert_max_num_queries(1 + 1 + 2 * launched.plans.count() + 5):
        reading.refresh_reading_for_campaign(launched)


def test_an_excused_task_stays_excused(launched, district, seeded):
    member = district.users["member"]
    task = reading_task(member.person)
    task.status = Assignment.Status.EXCUSED
    task.save()
    reading.mark_read(actor=member, item=seeded[0])
    reading.add_reading(actor=district.users["district_office"], campaign=launched,
                        title="新增必读")
    assert reading_task(member.person).status == "excused"


def test_a_person_without_a_reading_task_is_told_so(launched, district, seeded):
    activist = make_user("activist", person=district.schools[0].activists[0])
    with pytest.raises(StudyError, match="not among your tasks"):
        reading.mark_read(actor=activist, item=seeded[0])
    with pytest.raises(StudyError, match="not among your tasks"):
        writing.start_writing(actor=activist, campaign=launched, kind="note")


def test_reading_is_not_marked_once_the_phase_has_closed(review_open, launched, district,
                                                        seeded):
    with pytest.raises(StudyError, match="phase is not open"):
        reading.mark_read(actor=district.users["member"], item=seeded[0])
    assert not ReadingMark.objects.exists()
