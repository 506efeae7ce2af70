"""The democratic-life meeting: the team's records, the material package (Word and archive)
sent to the superior by cadre-management authority and acknowledged there, and the notice."""

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from docx import Document

from tests.meetings.special_support import democratic_life, hold, reviewed
from vanguard.access.models import AuditEntry
from vanguard.analyses.models import AnalysisVersion
from vanguard.campaigns.models import Notice, Notification
from vanguard.core import clock
from vanguard.meetings import package as packages
from vanguard.meetings import services_special as services
from vanguard.meetings.models import Attendance, MaterialPackage, Meeting


@pytest.fixture
def leaders(district):
    return district.schools[0].members[:2]


@pytest.fixture
def held(review_open, district, leaders):
    reviewed(review_open, leaders[0], text="第一位领导的学习情况")
    reviewed(review_open, leaders[1], text="第二位领导的学习情况")
    meeting = hold(democratic_life(review_open, district), district.users["office"], leaders,
                   minutes="主持人讲话。\n班子成员逐一对照检查。")
    services.record_criticism(actor=district.users["office"], meeting=meeting,
                              critic_id=leaders[0].pk, target_id=leaders[1].pk,
                              summary="深入课堂不够", accepted=True)
    return meeting


def test_the_team_meeting_is_at_the_school_top_with_the_leaders(review_open, district,
                                                                leaders):
    meeting = democratic_life(review_open, district)
    assert meeting.kind == Meeting.Kind.DEMOCRATIC_LIFE
    assert meeting.organization == district.schools[0].committee
    assert set(Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True)) \
        == {p.pk for p in leaders}


def _document_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_package_word_holds_facts_attendance_minutes_analyses_and_criticisms(
        held, district, leaders):
    built = packages.build_package(held)
    text = _document_text(built.document)
    for expected in ("领导班子专题民主生活会材料", "党委会议室", "应到2人，实到2人",
                     "班子成员逐一对照检查", "第一位领导的学习情况", "第二位领导的学习情况",
                     "学习情况", "深入课堂不够", "接受", leaders[0].name, leaders[1].name):
        assert expected in text, expected


def test_a_leader_without_a_submitted_analysis_is_marked_not_submitted(held, leaders):
    AnalysisVersion.objects.filter(analysis__person=leaders[1]).delete()
    assert "（未提交）" in _document_text(packages.build_package(held).document)


def test_archive_holds_the_document_and_a_manifest_of_digests(held):
    built = packages.build_package(held)
    with zipfile.ZipFile(io.BytesIO(built.archive)) as archive:
        assert archive.namelist() == ["materials.docx", "manifest.json"]
        document = archive.read("materials.docx")
        manifest = json.loads(archive.read("manifest.json"))
    assert document == built.document
    assert manifest["files"]["materials.docx"] == hashlib.sha256(document).hexdigest()
    assert built.sha256 == hashlib.sha256(built.archive).hexdigest()


def test_submission_stores_the_digest_the_download_matches_and_freezes_records(
        held, district, leaders, client):
    package = services.submit_package(actor=district.users["office"], meeting=held)
    assert package.superior == district.root
    # A revision of an analysis after the meeting does not change what was sent.
    analysis = leaders[0].analyses.get()
    AnalysisVersion.objects.create(analysis=analysis, number=2, sections={"study": "修改后"},
                                   is_revision=True,
                                   submitted_at=clock.now() + dt.timedelta(seconds=5))
    client.force_login(district.users["district_office"])
    response = client.get(f"/meetings/special/{held.pk}/package.zip")
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == package.sha256
    assert AuditEntry.objects.filter(action="meetings.package.submitted").count() == 1
    with pytest.raises(services.MeetingError, match="sent to the superior"):
        services.record_minutes(actor=district.users["office"], meeting=held, text="改动")


def test_superior_office_staff_with_a_person_are_notified(held, district):
    from tests.builders import make_person, make_user
    from vanguard.access.models import Role

    clerk = make_person("区工委干事", None)
    make_user("district_clerk", person=clerk, roles=[(Role.Kind.OFFICE, district.root)])
    services.submit_package(actor=district.users["office"], meeting=held)
    note = Notification.objects.get(person=clerk)
    assert note.url == "/meetings/packages/" and district.schools[0].committee.name in note.text


def test_superior_office_acknowledges_once(held, district):
    package = services.submit_package(actor=district.users["office"], meeting=held)
    services.acknowledge_package(actor=district.users["district_office"], package=package)
    package.refresh_from_db()
    assert package.acknowledged_by == district.users["district_office"]
    assert package.acknowledged_at is not None
    assert AuditEntry.objects.filter(action="meetings.package.acknowledged").count() == 1


def test_superior_sees_the_package_on_its_list_and_acknowledges_there(held, district, client):
    package = services.submit_package(actor=district.users["office"], meeting=held)
    client.force_login(district.users["district_office"])
    page = client.get("/meetings/packages/").content.decode()
    assert f'data-package="{package.pk}"' in page and package.sha256 in page
    client.post(f"/meetings/packages/{package.pk}/acknowledge/")
    assert MaterialPackage.objects.get(pk=package.pk).acknowledged_at is not None


def test_school_office_list_shows_nothing_sent_to_it(held, district, client):
    services.submit_package(actor=district.users["office"], meeting=held)
    client.force_login(district.users["office"])
    assert "data-package" not in client.get("/meetings/packages/").content.decode()


def test_meeting_page_offers_a_prefilled_notice_and_publishing_puts_it_public(
        held, district, client):
    client.force_login(district.users["office"])
    page = client.get(f"/meetings/special/{held.pk}/").content.decode()
    assert "应到2人，实到2人" in page and "相互提出批评意见1条" in page
    response = client.post(f"/meetings/special/{held.pk}/notice/",
                           {"title": "民主生活会情况通报", "body": "会议情况良好。"})
    assert response.status_code == 302
    notice = Notice.objects.get(source=f"meetings.meeting:{held.pk}")
    assert notice.organization == held.organization and notice.published_at is not None
    public = client.get(f"/public/{held.organization.code}/").content.decode()
    assert "民主生活会情况通报" in public


def test_withdrawn_notice_leaves_the_public_page_and_can_be_published_again(held, district):
    office = district.users["office"]
    notice = services.publish_meeting_notice(actor=office, meeting=held, title="通报",
                                             body="第一稿")
    from vanguard.campaigns.services import notices

    notices.withdraw_notice(actor=office, notice=notice)
    notice.refresh_from_db()
    assert notice.withdrawn_at is not None
    again = services.publish_meeting_notice(actor=office, meeting=held, title="通报",
                                            body="更正稿")
    assert again.pk == notice.pk and again.withdrawn_at is None and again.body == "更正稿"
    assert Notice.objects.count() == 1
    assert AuditEntry.objects.filter(action__startswith="campaigns.notice.").count() == 3


def test_page_after_sending_shows_the_package_and_no_record_forms(held, district, client):
    package = services.submit_package(actor=district.users["office"], meeting=held)
    services.publish_meeting_notice(actor=district.users["office"], meeting=held,
                                    title="通报", body="会议情况。")
    client.force_login(district.users["office"])
    page = client.get(f"/meetings/special/{held.pk}/").content.decode()
    assert 'data-testid="package-sent"' in page and package.sha256 in page
    assert 'data-testid="minutes-form"' not in page and 'data-testid="criticism-form"' not in page
    assert "Withdraw the notice" in page and f"/public/{held.organization.code}/" in page
