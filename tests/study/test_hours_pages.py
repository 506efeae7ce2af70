"""The hours pages: who may see and write what, the forms, the import, and fixed query counts."""

import datetime as dt
import io
from contextlib import nullcontext
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import make_member
from vanguard.campaigns.services import create_assignments_for_plan
from vanguard.core import clock
from vanguard.study.models import HoursEntry, HoursExemption, HoursTotal, StudySession
from vanguard.study.services import hours


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def s1(district):
    return district.schools[0]


@pytest.fixture
def activity(launched, s1):
    return launched.plans.get(organization=s1.committee).activities.get(kind="study.hours")


def as_user(client, district, who):
    client.force_login(district.users[who])
    return client


def session_form(activity, org_code, **overrides):
    return {"organization": org_code, "kind": "party_lecture", "title": "七一党课",
            "held_on": activity.phase.starts_on.isoformat(), "hours": "3", "place": "礼堂",
            "speaker": "党委书记", **overrides}


def test_the_office_records_a_session_and_ticks_who_came(client, district, activity, s1,
                                                         launched):
    as_user(client, district, "office")
    page = client.get(reverse("campaigns:plan", args=[activity.plan_id]))
    assert reverse("study:hours_plan", args=[activity.pk]) in page.content.decode()
    url = reverse("study:hours_plan", args=[activity.pk])
    response = client.post(url, session_form(activity, s1.committee.code))
    session = StudySession.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "study:hours_session", args=[session.pk])
    checklist = client.get(response["Location"])
    assert checklist.status_code == 200
    assert all(p.name in checklist.content.decode() for p in s1.members)
    ticked = [s1.members[0].pk, s1.members[4].pk]
    response = client.post(response["Location"], {"person": ticked})
    assert response.status_code == 302
    assert set(HoursEntry.objects.values_list("person_id", flat=True)) == set(ticked)
    assert HoursTotal.objects.get(person=s1.members[0], campaign=launched).organized == 3
    listing = client.get(url).content.decode()
    assert "七一党课" in listing


def test_a_refused_session_keeps_what_was_typed(client, district, activity, s1):
    as_user(client, district, "office")
    late = activity.phase.ends_on + dt.timedelta(days=1)
    response = client.post(reverse("study:hours_plan", args=[activity.pk]),
                           session_form(activity, s1.committee.code, held_on=late.isoformat()))
    assert response.status_code == 200 and "within the phase" in response.content.decode()
    assert "七一党课" in response.content.decode()
    assert not StudySession.objects.exists()


def test_readers_who_may_not_write_get_403_and_outsiders_404(client, district, activity, s1):
    url = reverse("study:hours_plan", args=[activity.pk])
    as_user(client, district, "supervisor")
    assert client.get(url).status_code == 200
    assert client.post(url, session_form(activity, s1.committee.code)).status_code == 403
    as_user(client, district, "leader")
    assert client.post(url, session_form(activity, s1.committee.code)).status_code == 403
    as_user(client, district, "other_office")
    assert client.get(url).status_code == 404
    assert client.post(url, session_form(activity, s1.committee.code)).status_code == 404
    as_user(client, district, "member")
    assert client.get(url).status_code == 404
    assert not StudySession.objects.exists()
    school_session = hours.record_session(
        actor=district.users["office"], activity=activity, organization=s1.committee,
        kind="concentrated", title="集中学习", held_on=activity.phase.starts_on, hours=2)
    session_url = reverse("study:hours_session", args=[school_session.pk])
    as_user(client, district, "secretary")  # reads the school's session, may not tick it
    assert client.get(session_url).status_code == 200
    assert client.post(session_url, {"person": [s1.members[3].pk]}).status_code == 403
    as_user(client, district, "supervisor")
    assert client.post(session_url, {"person": [s1.members[3].pk]}).status_code == 403
    assert not HoursEntry.objects.exists()


def test_a_member_sees_their_hours_and_logs_self_study(client, district, launched, activity,
                                                       s1):
    member = district.users["member"]
    office = district.users["office"]
    tutoring = hours.record_session(
        actor=office, activity=activity, organization=s1.committee, kind="tutoring",
        title="专题辅导", held_on=activity.phase.starts_on, hours=10)
    hours.record_session_attendance(actor=office, session=tutoring, person_ids=[member.person.pk])
    client.force_login(member)
    tasks = client.get(reverse("campaigns:my_tasks")).content.decode()
    url = reverse("study:hours_mine", args=[launched.pk])
    assert url in tasks
    page = client.get(url)
    assert page.status_code == 200
    assert "10.0 / 40" in page.content.decode() and "w-25" in page.content.decode()
    future = (clock.today() + dt.timedelta(days=1)).isoformat()
    refused = client.post(url, {"title": "自学党章", "studied_on": future, "hours": "2"})
    assert refused.status_code == 200 and "future" in refused.content.decode()
    done = client.post(url, {"title": "自学党章", "studied_on": clock.today().isoformat(),
                             "hours": "2"})
    assert done.status_code == 302
    total = HoursTotal.objects.get(person=member.person, campaign=launched)
    assert (total.organized, total.self_study) == (Decimal("10.0"), Decimal("2.0"))
    mine = HoursEntry.objects.get(source="self")
    theirs = HoursEntry.objects.get(source="session")
    remove = reverse("study:hours_entry_remove", args=[theirs.pk])
    assert client.post(remove).status_code == 403  # the secretary's line, not the member's
    assert client.post(reverse("study:hours_entry_remove", args=[mine.pk])).status_code == 302
    assert not HoursEntry.objects.filter(pk=mine.pk).exists()
    client.force_login(district.users["office"])
    assert client.get(url).status_code == 403  # an office account has no person


def test_who_is_behind_with_exemptions_and_its_workbook(client, district, launched, activity,
                                                        s1):
    office = district.users["office"]
    activity.settings = {"min_hours": 40, "min_hours_by_kind": {"party_lecture": 4}}
    activity.save(update_fields=["settings"])
    lecture = hours.record_session(actor=office, activity=activity, organization=s1.committee,
                                   kind="party_lecture", title="党课", hours="1.5",
                                   held_on=activity.phase.starts_on)
    hours.record_session_attendance(actor=office, session=lecture, person_ids=[s1.members[0].pk])
    as_user(client, district, "office")
    url = reverse("study:hours_behind", args=[activity.pk])
    page = client.get(url).content.decode()
    assert all(p.name in page for p in s1.members)
    assert "1.5 of 40 hours, 38.5 missing" in page and "Party lecture: 1.5 of 4 hours" in page
    member = s1.members[2]
    response = client.post(reverse("study:hours_exemption_grant", args=[activity.pk]),
                           {"person": member.pk, "reason": "长期病休在家", "next": url})
    assert response.status_code == 302
    exemption = HoursExemption.objects.get(person=member)
    assert "长期病休在家" in client.get(url).content.decode()
    export = client.get(reverse("study:hours_behind_export", args=[activity.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    reasons = {sheet.cell(row=r, column=3).value: sheet.cell(row=r, column=9).value
               for r in range(2, sheet.max_row + 1)}
    assert reasons[member.name] == "长期病休在家" and len(reasons) == 6
    as_user(client, district, "supervisor")
    revoke = reverse("study:hours_exemption_revoke", args=[exemption.pk])
    assert client.post(revoke).status_code == 403
    assert client.post(reverse("study:hours_exemption_grant", args=[activity.pk]),
                       {"person": s1.members[0].pk, "reason": "外出学习"}).status_code == 403
    as_user(client, district, "other_office")
    assert client.post(revoke).status_code == 404
    client.force_login(office)
    assert client.post(revoke).status_code == 302
    assert not HoursExemption.objects.exists()


def hours_file(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["党支部", "学号/工号", "姓名", "身份", "活动名称", "活动时间", "学时数"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content, name="hours.xlsx"):
    return io.BytesIO(content), name


def test_the_import_page_checks_then_commits(client, district, activity, s1):
    from django.core.files.uploadedfile import SimpleUploadedFile

    as_user(client, district, "office")
    url = reverse("study:hours_import", args=[activity.pk])
    today = clock.today()
    bad = hours_file([["", "S1101", "", "", "党课", today, 3], ["", "S1101", "", "", "党课",
                                                                today, 30]])
    page = client.post(url, {"file": SimpleUploadedFile("hours.xlsx", bad)})
    assert page.status_code == 200 and 'data-testid="bad-rows"' in page.content.decode()
    assert "at most 24" in page.content.decode()
    assert client.post(url, {"commit": "1"}).status_code == 302  # nothing waiting
    good = hours_file([["", "S1101", "", "", "党课", today, 3]])
    page = client.post(url, {"file": SimpleUploadedFile("hours.xlsx", good)})
    assert 'data-testid="preview-ok"' in page.content.decode()
    assert not HoursEntry.objects.exists()
    done = client.post(url, {"commit": "1"})
    assert 'data-testid="import-done"' in done.content.decode()
    assert HoursEntry.objects.get().source == "import"
    as_user(client, district, "leader")
    assert client.get(url).status_code == 403


def measure(client, user, url, guard=None) -> int:
    """The queries of one request for `url`, after a first request has warmed the session."""
    client.force_login(user)
    assert client.get(url).status_code == 200, url
    with guard or nullcontext(), CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def grow(launched, district, activity, s1):
    """Many more members, sessions, lines and exemptions in S1."""
    office = district.users["office"]
    for n in range(20):
        make_member(f"新党员{n:02d}", s1.branches[1], staff_no=f"N{n:03d}")
    create_assignments_for_plan(activity.plan)
    people = [m.person_id for m in s1.branches[1].members.all()] + [p.pk for p in s1.members]
    for n in range(12):
        session = hours.record_session(
            actor=office, activity=activity, organization=s1.committee, kind="concentrated",
            title=f"集中学习{n}", held_on=activity.phase.starts_on + dt.timedelta(days=n),
            hours=2)
        hours.record_session_attendance(actor=office, session=session, person_ids=people)
    for person in s1.members[:3]:
        hours.grant_exemption(actor=office, campaign=launched, person=person, reason="外出学习一月")
    member = district.users["member"]
    hours.log_self_study(actor=member, campaign=launched, title="自学", hours=1,
                         studied_on=clock.today())


# page: (viewer, url, ceiling); each ceiling is the count measured on SQLite plus 3 (the
# session, the user, the roles and the navigation's queries are in every count).
def pages(launched, activity, session):
    return {
        "plan": ("office", reverse("study:hours_plan", args=[activity.pk]), 14),
        "session": ("office", reverse("study:hours_session", args=[session.pk]), 12),
        "behind school": ("office", reverse("study:hours_behind", args=[activity.pk]), 18),
        "behind branch": ("secretary", reverse("study:hours_behind", args=[activity.pk]), 18),
        "mine": ("member", reverse("study:hours_mine", args=[launched.pk]), 15),
    }


def test_list_pages_cost_the_same_queries_with_more_data(client, district, launched, activity,
                                                         s1, django_assert_max_num_queries):
    session = hours.record_session(
        actor=district.users["office"], activity=activity, organization=s1.committee,
        kind="concentrated", title="集中学习", held_on=activity.phase.starts_on, hours=2)
    small = {name: measure(client, district.users[who], url,
                           django_assert_max_num_queries(ceiling))
             for name, (who, url, ceiling) in pages(launched, activity, session).items()}
    grow(launched, district, activity, s1)
    large = {name: measure(client, district.users[who], url)
             for name, (who, url, _c) in pages(launched, activity, session).items()}
    assert large == small
    assert HoursEntry.objects.count() > 300
