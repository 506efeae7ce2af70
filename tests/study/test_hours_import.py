"""Hours from Excel: preview lists every bad row, all or nothing, idempotent, round trip, speed."""

import datetime as dt
import io
import time
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.builders import build_district
from vanguard.campaigns import services as campaigns
from vanguard.campaigns.models import Assignment
from vanguard.core import clock
from vanguard.study.errors import StudyError
from vanguard.study.hours_sheet import kind_of
from vanguard.study.models import HoursEntry, HoursTotal
from vanguard.study.services import hours
from vanguard.study.services.hours_export import export_hours
from vanguard.study.services.hours_import import import_hours

HEADER = ["序号", "党支部", "学号/工号", "姓名", "身份", "活动名称", "活动时间", "学时数"]


def workbook(rows, *, header=HEADER, title=True) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append(["S1学校党员学习教育学时登记表"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        sheet.append(["填表说明：学时数保留一位小数。"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(actor, organization, campaign, content, *, dry_run=False, name="hours.xlsx"):
    return import_hours(actor=actor, organization=organization, campaign=campaign,
                        path_or_file=io.BytesIO(content), filename=name, dry_run=dry_run)


@pytest.fixture
def s1(district):
    return district.schools[0]


@pytest.fixture
def today():
    return clock.today()


def test_kinds_are_read_from_the_activity_name():
    assert kind_of("学习党章专题辅导") == "tutoring"
    assert kind_of("七一党课") == "party_lecture"
    assert kind_of("先进事迹报告会") == "exemplary_deeds"
    assert kind_of("形势报告会") == "situation_report"
    assert kind_of("警示教育片") == "warning_education"
    assert kind_of("参观革命纪念馆") == "visit"
    assert kind_of("支部座谈") == "discussion"
    assert kind_of("个人自学") == "self"
    assert kind_of("集中学习读本") == "concentrated"


def test_preview_lists_every_bad_row_with_its_number_and_writes_nothing(
        launched, district, s1, today):
    office = district.users["office"]
    m11, m12, m13, m21, m22, m23 = s1.members
    hours.log_self_study(actor=district.users["member"], campaign=launched, title="自学",
                         studied_on=today, hours=20)  # m23 already has 20 hours today
    outside = launched.starts_on - dt.timedelta(days=1)
    rows = [
        [1, "S1第1党支部", "S1101", "S1党员11", "教师党员", "党课", today, 3],       # row 4: fine
        [2, "", "", "无此人", "", "党课", today, 2],                                 # unknown
        [3, "", "S1102", "", "", "党课", today, "两小时"],                           # not a number
        [4, "", "S1103", "", "", "党课", today, 0],                                  # zero
        [5, "", "S1201", "", "", "党课", today, -2],                                 # negative
        [6, "", "S1202", "", "", "党课", today, 30],                                 # over 24
        [7, "", "S1101", "", "", "辅导", outside, 2],                                # before
        [8, "", "S1102", "", "", "警示教育", today, 2],                             # row 11 dup
        [9, "", "S1102", "", "", "警示教育", today, 2],                             # row 12 dup
        [10, "", "S1203", "", "", "形势报告", today, 5],                            # 20 + 5 > 24
        [11, "", "S1103", "S1党员22", "", "参观", today, 1],                         # not theirs
        [12, "", "S2101", "S2党员11", "", "参观", today, 1],                         # other school
        [13, "", "S1201", "", "", "讨论", today, "2.25"],                            # decimals
    ]
    result = run(office, s1.committee, launched, workbook(rows), dry_run=False)
    assert not result.written and result.rows_ok == 1
    bad = {p.row: " ".join(p.reasons) for p in result.problems}
    assert sorted(bad) == list(range(5, 17))
    assert "No member of S1学校党委 is called 无此人" in bad[5]
    assert "学时数" in bad[6] and "not a number of hours" in bad[6]
    assert "more than 0" in bad[7] and "more than 0" in bad[8]
    assert "at most 24" in bad[9]
    assert "outside the campaign" in bad[10]
    assert "also on row 12" in bad[11] and "also on row 11" in bad[12]
    assert "S1党员23 would have 25.0 hours" in bad[13] and "20.0 already" in bad[13]
    assert "is S1党员13's, not S1党员22's" in bad[14]
    assert "No member of S1学校党委 has the staff or student number S2101" in bad[15]
    assert "one decimal place" in bad[16]
    assert not HoursEntry.objects.filter(source="import").exists()
    assert result.header_row == 3 and result.ignored_headers == ["序号"]


def test_import_writes_totals_and_tasks_and_a_second_import_changes_nothing(
        launched, district, s1, today):
    office = district.users["office"]
    activity = launched.plans.get(organization=s1.committee).activities.get(kind="study.hours")
    activity.settings = {"min_hours": 6}
    activity.save(update_fields=["settings"])
    rows = [
        ["S1第1党支部", "S1101", "S1党员11", "教师党员", "党课", today, 3],
        ["S1第1党支部", "S1101", "S1党员11", "教师党员", "专题辅导", today, "3.0学时"],
        ["", "", "S1党员12", "", "个人自学", today, 2],
        ["S1第2党支部", "", "S1党员21", "", "参观纪念馆", today.isoformat(), "1.5"],
        ["合计", None, None, None, None, None, "9.5"],
    ]
    content = workbook(rows, header=HEADER[1:])
    preview = run(office, s1.committee, launched, content, dry_run=True)
    assert (preview.ok, preview.rows_ok, preview.created, preview.people) == (True, 4, 4, 3)
    assert preview.stopped_at == 8 and not HoursEntry.objects.exists()
    result = run(office, s1.committee, launched, content)
    assert result.written
    m11, m12, m21 = s1.members[0], s1.members[1], s1.members[3]
    t11 = HoursTotal.objects.get(person=m11, campaign=launched)
    assert (t11.organized, t11.by_kind) == (Decimal("6.0"), {"party_lecture": "3.0",
                                                             "tutoring": "3.0"})
    t12 = HoursTotal.objects.get(person=m12, campaign=launched)
    assert (t12.organized, t12.self_study) == (Decimal(0), Decimal("2.0"))
    assert HoursTotal.objects.get(person=m21, campaign=launched).by_kind == {"visit": "1.5"}
    assert Assignment.objects.get(person=m11, activity=activity).status == "done"
    assert Assignment.objects.get(person=m12, activity=activity).status == "pending"
    again = run(office, s1.committee, launched, content)
    assert (again.ok, again.created, again.unchanged) == (True, 0, 4)
    assert HoursEntry.objects.count() == 4
    # The same row with other hours is a clash to resolve, not a second line.
    changed = workbook([["", "S1101", "", "", "党课", today, 2]], header=HEADER[1:])
    clash = run(office, s1.committee, launched, changed, dry_run=True)
    assert "already has “党课”" in clash.problems[0].reasons[0]


def test_export_then_import_round_trips_the_ledger(launched, district, s1, today):
    office = district.users["office"]
    activity = launched.plans.get(organization=s1.committee).activities.get(kind="study.hours")
    lecture = hours.record_session(actor=office, activity=activity, organization=s1.committee,
                                   kind="party_lecture", title="=党课(一)", held_on=today,
                                   hours="2.5")
    hours.record_session_attendance(actor=office, session=lecture,
                                    person_ids=[p.pk for p in s1.members])
    hours.log_self_study(actor=district.users["member"], campaign=launched, title="自学党章",
                         studied_on=today, hours=1)
    before = {t.person_id: (t.organized, t.self_study, t.by_kind)
              for t in HoursTotal.objects.filter(campaign=launched)}
    exported = export_hours(actor=office, organization=s1.committee, campaign=launched)
    assert exported.rows == 7
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    assert [c.value for c in sheet[1]] == ["党支部", "学号/工号", "姓名", "身份", "活动名称",
                                          "活动时间", "学时数"]
    titles = {sheet.cell(row=r, column=5).value for r in range(2, 9)}
    assert titles == {"=党课(一)", "自学党章"}
    assert sheet.cell(row=2, column=5).data_type == "s"  # text, not a formula
    # The same file back changes nothing ...
    assert run(office, s1.committee, launched, exported.content).created == 0
    # ... and into an empty ledger it gives back the same totals.
    HoursEntry.objects.all().delete()
    result = run(office, s1.committee, launched, exported.content)
    assert result.created == 7
    after = {t.person_id: (t.organized, t.self_study, t.by_kind)
             for t in HoursTotal.objects.filter(campaign=launched)}
    assert after == before


def test_a_secretary_imports_for_their_branch_only(launched, district, s1, today):
    secretary = district.users["secretary"]
    row = [["", "S1101", "S1党员11", "", "党课", today, 2]]
    content = workbook(row, header=HEADER[1:])
    result = run(secretary, s1.branches[1], launched, content, dry_run=True)
    assert "No member of S1第2党支部" in result.problems[0].reasons[0]
    for who, organization in (("secretary", s1.committee), ("supervisor", s1.committee),
                              ("leader", s1.committee), ("other_office", s1.committee)):
        with pytest.raises(StudyError, match="not allowed"):
            run(district.users[who], organization, launched, content, dry_run=True)


def test_csv_in_gbk_with_english_headers_and_names_matched_by_branch(launched, district, s1,
                                                                     today):
    lines = ["branch,name,activity,date,hours",
             f"S1第2党支部,S1党员21,集中学习,{today:%Y/%m/%d},2",
             f"S1-B1,S1党员11,集中学习,{today:%Y年%m月%d日},1.5"]
    content = ("\r\n".join(lines) + "\r\n").encode("gbk")
    result = run(district.users["office"], s1.committee, launched, content, name="hours.csv")
    assert result.written and result.created == 2


def test_files_that_cannot_be_read_say_why(launched, district, s1):
    office = district.users["office"]
    with pytest.raises(StudyError, match="No header row"):
        run(office, s1.committee, launched, workbook([["x"]], header=["序号", "备注"]))
    with pytest.raises(StudyError, match="lacks the column 学时数"):
        run(office, s1.committee, launched, workbook([], header=["姓名", "活动名称", "活动时间"]))
    with pytest.raises(StudyError, match="empty"):
        run(office, s1.committee, launched, b"", name="hours.csv")


def test_import_command_prints_bad_rows_and_fails(launched, s1, today, tmp_path, capsys):
    path = tmp_path / "hours.xlsx"
    path.write_bytes(workbook([["", "S1101", "", "", "党课", today, 2],
                               ["", "S9999", "", "", "党课", today, 2]], header=HEADER[1:]))
    with pytest.raises(CommandError, match="1 rows with errors"):
        call_command("import-hours", str(path), "--org", "S1-C", "--dry-run")
    out = capsys.readouterr().out
    assert "row 5: No member of S1学校党委 has the staff or student number S9999" in out
    assert out.strip().endswith("1 rows ok, 1 rows with errors")
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook([["", "S1101", "", "", "党课", today, 2]], header=HEADER[1:]))
    call_command("import-hours", str(good), "--org", "S1-C", "--campaign", str(launched.pk))
    assert "1 rows ok, 0 rows with errors" in capsys.readouterr().out
    out_path = tmp_path / "out.xlsx"
    call_command("export-hours", "--org", "S1-C", "-o", str(out_path))
    assert "1 lines written" in capsys.readouterr().out and out_path.stat().st_size > 0


@pytest.fixture
def busy_school(db):
    """One school of 200 members in 4 branches, its campaign started 20 days ago."""
    district = build_district(schools=1, branches=4, members_per_branch=50)
    office = district.users["district_office"]
    campaign = campaigns.launch_campaign(
        actor=office, template_key="advanced-nature-2005", organization=district.root,
        starts_on=clock.today() - dt.timedelta(days=20))
    for plan in campaign.plans.exclude(organization=district.root):
        campaigns.submit_plan(actor=district.users["office"], plan=plan)
        campaigns.approve_plan(actor=office, plan=plan)
    return district, campaign


def test_a_few_thousand_rows_import_in_bulk(busy_school, django_assert_max_num_queries):
    district, campaign = busy_school
    school = district.schools[0]
    start = campaign.starts_on
    rows = [[None, m.staff_no, m.name, "教师党员", f"集中学习第{d + 1}次",
             start + dt.timedelta(days=d), 2.5]
            for d in range(15) for m in school.members]  # 3,000 rows
    content = workbook(rows, header=HEADER[1:])
    began = time.monotonic()
    # Queries grow with batches and chunks of people, never with rows one by one.
    with django_assert_max_num_queries(120):
        result = run(district.users["office"], school.committee, campaign, content)
    elapsed = time.monotonic() - began
    assert result.written and result.created == 3000 and result.people == 200
    assert set(HoursTotal.objects.filter(campaign=campaign).values_list("organized", flat=True)) \
        == {Decimal("37.5")}
    assert elapsed < 20, elapsed
    again = run(district.users["office"], school.committee, campaign, content, dry_run=True)
    assert (again.created, again.unchanged) == (0, 3000)
