"""Coverage services: contact attempts, where a member takes part (with the report file), the
excusing and restoring of tasks with the roll-up, denied sides and bad input."""

import datetime as dt

import pytest

from tests.oversight.coverage_support import PDF, graduate, member_of, pdf
from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Assignment, ProgressCount
from vanguard.campaigns.services import rollup
from vanguard.core import clock
from vanguard.oversight.models import ContactAttempt, Participation
from vanguard.oversight.services import coverage as services
from vanguard.oversight.services.coverage import CoverageError

pytestmark = pytest.mark.django_db

REACHED = ContactAttempt.Result.REACHED
Mode = Participation.Mode


@pytest.fixture
def b2_graduate(district):
    return graduate(district.schools[0].branches[-1], "毕业生甲", in_city=True)


def attempt(user, campaign, member, **kwargs):
    values = {"made_on": clock.today(), "channel": "phone", "result": REACHED, "notes": ""}
    values.update(kwargs)
    return services.record_contact_attempt(actor=user, campaign=campaign, member=member,
                                           **values)


# --- contact attempts ---------------------------------------------------------------------------


def test_the_secretary_records_an_attempt_and_it_is_audited(launched, district, b2_graduate):
    made = attempt(district.users["secretary"], launched, b2_graduate, result="no_answer",
                   notes="  电话无人接听 ")
    made.refresh_from_db()
    assert (made.made_on, made.channel, made.result, made.notes) == (
        clock.today(), "phone", "no_answer", "电话无人接听")
    assert made.recorded_by == district.users["secretary"]
    entry = AuditEntry.objects.get(action="oversight.contact.recorded")
    assert entry.target_id == str(made.pk)
    assert entry.changes["result"] == [None, "no_answer"]


@pytest.mark.parametrize("role", ["office", "admin", "district_office"])
def test_offices_above_record_attempts(launched, district, b2_graduate, role):
    attempt(district.users[role], launched, b2_graduate)
    assert ContactAttempt.objects.count() == 1


@pytest.mark.parametrize("change, code", [
    ({"made_on": "soon"}, "date"),
    ({"made_on": dt.date(2099, 1, 1)}, "future"),
    ({"made_on": "yesterday"}, "outside"),  # the campaign starts today
    ({"channel": "pigeon"}, "channel"),
    ({"result": "maybe"}, "result"),
    ({"notes": "长" * 501}, "notes"),
])
def test_bad_attempts_change_nothing(launched, district, b2_graduate, change, code):
    if change.get("made_on") == "yesterday":
        change = {"made_on": clock.today() - dt.timedelta(days=1)}
    with pytest.raises(CoverageError) as caught:
        attempt(district.users["secretary"], launched, b2_graduate, **change)
    assert caught.value.code == code
    assert caught.value.text
    assert ContactAttempt.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="oversight.").exists()


@pytest.mark.parametrize("role", ["supervisor", "leader", "other_secretary", "other_office",
                                  "member"])
def test_who_may_not_record_attempts(launched, district, b2_graduate, role):
    with pytest.raises(CoverageError) as caught:
        attempt(district.users[role], launched, b2_graduate)
    assert caught.value.code == "forbidden"
    assert ContactAttempt.objects.count() == 0


def test_no_attempt_in_a_closed_campaign(launched, district, b2_graduate):
    launched.state = launched.State.CLOSED
    launched.save(update_fields=["state"])
    with pytest.raises(CoverageError) as caught:
        attempt(district.users["secretary"], launched, b2_graduate)
    assert caught.value.code == "closed"
    assert ContactAttempt.objects.count() == 0


# --- where a member takes part -------------------------------------------------------------------


def participate(user, campaign, member, mode, **kwargs):
    return services.set_participation(actor=user, campaign=campaign, member=member, mode=mode,
                                      **kwargs)


def test_back_at_the_school(launched, district, b2_graduate):
    made = participate(district.users["secretary"], launched, b2_graduate, Mode.AT_SCHOOL)
    assert (made.mode, made.reason, made.report_name) == ("school", "", "")
    entry = AuditEntry.objects.get(action="oversight.participation.recorded")
    assert entry.changes["mode"] == [None, "school"]


def test_where_living_with_the_report_file(launched, district,
                                           django_capture_on_commit_callbacks):
    member = graduate(district.schools[0].branches[-1], "毕业生乙", in_city=False)
    made = participate(district.users["secretary"], launched, member, Mode.WHERE_LIVING,
                       place="深圳市南山区", upload=pdf("思想汇报.pdf"))
    made.refresh_from_db()
    assert (made.place, made.report_name, made.report_received_on) == (
        "深圳市南山区", "思想汇报.pdf", clock.today())
    assert made.report_file.name.startswith(f"oversight/reports/{launched.pk}/")
    assert "思想汇报" not in made.report_file.name
    with made.report_file.open("rb") as handle:
        assert handle.read() == PDF
    entry = AuditEntry.objects.get(action="oversight.participation.recorded")
    assert entry.changes["report"] == [None, "思想汇报.pdf"]
    assert entry.changes["sha256"][1]
    # Saving again without a file keeps the one received; leaving the mode drops it.
    participate(district.users["secretary"], launched, member, Mode.WHERE_LIVING,
                place="深圳市福田区")
    made.refresh_from_db()
    assert (made.place, made.report_name) == ("深圳市福田区", "思想汇报.pdf")
    stored = made.report_file.name
    with django_capture_on_commit_callbacks(execute=True):
        participate(district.users["secretary"], launched, member, Mode.AT_SCHOOL)
    made.refresh_from_db()
    assert (made.mode, made.report_name, made.report_file.name, made.report_received_on) == (
        "school", "", "", None)
    assert not made.report_file.storage.exists(stored)


@pytest.mark.parametrize("upload, code", [
    (lambda: pdf("report.pdf", b"just some text, not a PDF"), "file_type"),
    (lambda: pdf("report.exe", PDF), "file_type"),
    (lambda: pdf("report.pdf", b""), "file_empty"),
])
def test_report_bytes_are_checked(launched, district, b2_graduate, upload, code, settings):
    with pytest.raises(CoverageError) as caught:
        participate(district.users["secretary"], launched, b2_graduate, Mode.WHERE_LIVING,
                    place="杭州", upload=upload())
    assert caught.value.code == code
    assert Participation.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "oversight").exists()


def test_report_size_is_limited(launched, district, b2_graduate, settings):
    settings.RECTIFICATION_EVIDENCE_MAX_BYTES = 16
    with pytest.raises(CoverageError) as caught:
        participate(district.users["secretary"], launched, b2_graduate, Mode.WHERE_LIVING,
                    place="杭州", upload=pdf())
    assert caught.value.code == "file_size"
    assert Participation.objects.count() == 0


@pytest.mark.parametrize("mode, kwargs, code", [
    ("nowhere", {}, "mode"),
    (Mode.WHERE_LIVING, {}, "place"),
    (Mode.WHERE_LIVING, {"place": "地" * 201}, "place"),
    (Mode.ELSEWHERE, {"reason": " "}, "reason"),
    (Mode.AT_SCHOOL, {"upload": "pdf"}, "report_mode"),
    (Mode.WHERE_LIVING, {"place": "杭州", "report_received_on": dt.date(2099, 1, 1)},
     "future"),
])
def test_bad_participation_changes_nothing(launched, district, b2_graduate, mode, kwargs,
                                           code):
    if kwargs.get("upload") == "pdf":
        kwargs = {"upload": pdf()}
    pending = Assignment.objects.filter(status="pending").count()
    with pytest.raises(CoverageError) as caught:
        participate(district.users["secretary"], launched, b2_graduate, mode, **kwargs)
    assert caught.value.code == code
    assert Participation.objects.count() == 0
    assert Assignment.objects.filter(status="pending").count() == pending
    assert not AuditEntry.objects.filter(action__startswith="oversight.").exists()


@pytest.mark.parametrize("role", ["supervisor", "leader", "other_secretary", "other_office",
                                  "member"])
def test_who_may_not_record_participation(launched, district, b2_graduate, role):
    with pytest.raises(CoverageError):
        participate(district.users[role], launched, b2_graduate, Mode.AT_SCHOOL)
    assert Participation.objects.count() == 0


def test_who_may_not_remove_participation(launched, district, b2_graduate):
    made = participate(district.users["secretary"], launched, b2_graduate, Mode.AT_SCHOOL)
    with pytest.raises(CoverageError):
        services.remove_participation(actor=district.users["supervisor"], participation=made)
    assert Participation.objects.count() == 1


# --- elsewhere: the member's tasks excused, and restored ---------------------------------------


def _counter(task):
    return ProgressCount.objects.get(activity_id=task.activity_id,
                                     organization_id=task.organization_id)


def test_elsewhere_excuses_pending_tasks_and_undoing_restores_them(launched, district):
    person = district.users["member"].person
    member = member_of(person)
    tasks = Assignment.objects.filter(activity__plan__campaign=launched, person=person)
    pending = list(tasks.filter(status="pending", required=True).order_by("id"))
    assert len(pending) >= 2
    done_task, watched = pending[0], pending[1]
    rollup.set_status(done_task, Assignment.Status.DONE)
    # A task excused before for another reason (an exemption …) is not ours to restore.
    other = pending[2] if len(pending) > 2 else None
    if other is not None:
        rollup.set_status(other, Assignment.Status.EXCUSED)
    before = _counter(watched)
    pending_count = tasks.filter(status="pending").count()

    participate(district.users["secretary"], launched, member, Mode.ELSEWHERE,
                reason="长期病休（住院治疗）")
    assert tasks.filter(status="pending").count() == 0
    excused = tasks.filter(status="excused", note="长期病休（住院治疗）")
    assert excused.count() == pending_count
    assert (_counter(watched).required, _counter(watched).done) == (before.required - 1,
                                                                    before.done)
    assert Assignment.objects.get(pk=done_task.pk).status == "done"
    assert rollup.differences(launched) == []
    entry = AuditEntry.objects.get(action="oversight.participation.recorded")
    assert entry.changes["tasks_excused"] == pending_count

    # A new reason: the same tasks, the note follows.
    participate(district.users["secretary"], launched, member, Mode.ELSEWHERE,
                reason="出国访学")
    assert tasks.filter(status="excused", note="出国访学").count() == pending_count
    assert rollup.differences(launched) == []

    # Back at the school: exactly those tasks are pending again.
    participate(district.users["secretary"], launched, member, Mode.AT_SCHOOL)
    assert tasks.filter(status="pending").count() == pending_count
    assert tasks.filter(note="出国访学").count() == 0
    assert (_counter(watched).required, _counter(watched).done) == (before.required,
                                                                    before.done)
    assert Assignment.objects.get(pk=done_task.pk).status == "done"
    if other is not None:
        assert Assignment.objects.get(pk=other.pk).status == "excused"
    assert rollup.differences(launched) == []


def test_removing_an_elsewhere_record_restores_the_tasks(launched, district):
    person = district.users["member"].person
    member = member_of(person)
    tasks = Assignment.objects.filter(activity__plan__campaign=launched, person=person)
    pending_count = tasks.filter(status="pending").count()
    made = participate(district.users["office"], launched, member, Mode.ELSEWHERE,
                       reason="在国外")
    assert tasks.filter(status="pending").count() == 0
    services.remove_participation(actor=district.users["office"], participation=made)
    assert Participation.objects.count() == 0
    assert tasks.filter(status="pending").count() == pending_count
    assert rollup.differences(launched) == []
    entry = AuditEntry.objects.get(action="oversight.participation.removed")
    assert entry.changes["tasks_restored"] == pending_count


def test_members_of_other_trees_are_refused(launched, district):
    member = graduate(district.schools[0].branches[-1], "毕业生丙")
    from vanguard.campaigns.models import Campaign

    other = Campaign.objects.create(
        name="另一个", template=launched.template, template_source="",
        organization=district.schools[-1].committee, starts_on=launched.starts_on,
        ends_on=launched.ends_on)
    with pytest.raises(CoverageError) as caught:
        attempt(district.users["admin"], other, member)
    assert caught.value.code == "not_in_campaign"
