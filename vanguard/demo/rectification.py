"""Phase 3 (整改提高) in the pilot school, through the services, on the days it happened.

In days of the phase (day 0 is pilot day 70; see pilot.py):
- days 1–5: four members write their plans, one item each answering the opinion fed back to
  them (and, in B2, their evaluation finding); their branch secretary approves three on day 3
  and returns one ("measures not concrete"), which is changed, handed in again and approved on
  day 5. Each covered branch's secretary writes the branch's plan (approved by the school
  office on day 5); the office writes the team's plan with items of all three classes
  (approved by the district office on day 6).
- days 10–20: the ledger moves: evidence as text, and a generated PDF (the reception-day
  timetable) on one team item; items done; the school office verifies branch and member
  items, the district office the team's (对账销号).
- days 12–14: three lasting rules adopted; day 16 the disclosure published; day 23 a
  correction with the two items solved since (the first snapshot stays public, marked
  superseded).
- day 22: each branch's follow-up meeting, one member of B3 away, progress notes, minutes.
- after the phase closes (pilot day 100): in consolidation, more items done and verified.
What stays open for the pages to show: the team's "cannot be solved yet" item and one of B2's
items with a deadline still to come are open; one member's item is in progress; B3's item on
keeping in touch with graduates is in progress past its deadline (the one overdue item).
"""

import datetime as dt
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from vanguard.core import clock
from vanguard.demo import pilot_texts as texts
from vanguard.demo.pilot import close, pilot_day
from vanguard.demo.school import DemoSchool
from vanguard.demo.timeline import on_day
from vanguard.evaluations.models import MemberGrade
from vanguard.meetings import services_follow_up as follow_up
from vanguard.meetings.models import Attendance
from vanguard.people.models import Person
from vanguard.rectification import selectors
from vanguard.rectification.models import Item, Owner
from vanguard.rectification.services import disclosure, evidence, items, plans, rules
from vanguard.rectification.services.plans import ItemInput

MEMBER_PLANS = ((0, 0), (0, 1), (0, 2), (1, 0))  # (branch index, member index)
RETURNED = 2  # the member plan returned once
MEMBER_DEADLINES = (92, 95, 100, 160)  # pilot days


def rday(school: DemoSchool, n: int) -> dt.date:
    return school.plan.phases.get(key="rectify").starts_on + dt.timedelta(days=n)


def run_rectification(school: DemoSchool) -> None:
    """In the order of the days: a disclosure freezes the records as they are when it is
    published, so what is dated before it must be written before it."""
    write_member_plans(school)
    write_unit_plans(school)
    first_results(school)
    adopt_rules(school)
    with on_day(rday(school, 16)):
        first = disclosure.publish_disclosure(actor=school.office, campaign=school.campaign,
                                              organization=school.top,
                                              title=texts.DISCLOSURE_TITLE)
    more_results(school)
    hold_follow_ups(school)
    with on_day(rday(school, 23)):
        disclosure.correct_disclosure(actor=school.office, disclosure=first,
                                      note=texts.CORRECTION_NOTE)


def close_rectification(school: DemoSchool) -> None:
    close(school, "rectify", texts.CLOSE_RECTIFY)
    consolidate(school)


# --- plans ----------------------------------------------------------------------------------

def _input(school: DemoSchool, row, responsible: Person, **links) -> ItemInput:
    problem, item_class, standard, measures, day, explanation = row
    return ItemInput(problem=problem, item_class=item_class, responsible_id=responsible.pk,
                     standard=standard, measures=measures, explanation=explanation,
                     deadline=pilot_day(school.plan, day) if day else None, **links)


def write_member_plans(school: DemoSchool) -> None:
    step = school.step("rectification_plan")
    written = []
    for n, (branch, number) in enumerate(MEMBER_PLANS):
        person = school.members[branch][number]
        with on_day(rday(school, 1 + n % 2)):
            plan = plans.start_plan(actor=person.user, activity=step, owner_kind=Owner.MEMBER,
                                    person=person)
            problem, item_class, standard, measures = texts.MEMBER_ITEMS[n]
            row = (problem, item_class, standard, measures, MEMBER_DEADLINES[n], "")
            grade = MemberGrade.objects.filter(person=person,
                                               evaluation__campaign=school.campaign).first()
            opinions = [o.pk for o in selectors.fed_back_opinions(plan)]
            plans.add_item(actor=person.user, plan=plan, data=_input(
                school, row, person, opinion_ids=opinions,
                evaluation_id=grade.pk if grade else None))
            written.append((branch, plans.submit_plan(actor=person.user, plan=plan)))
    for n, (branch, plan) in enumerate(written):
        with on_day(rday(school, 3)):
            plans.decide_plan(actor=school.secretary(branch).user, plan=plan,
                              approve=n != RETURNED, reason="" if n != RETURNED
                              else texts.RETURN_REASON)
    branch, plan = written[RETURNED]
    item = plan.items.get()
    with on_day(rday(school, 4)):
        owner = plan.person.user
        problem, _c, standard, _m = texts.MEMBER_ITEMS[RETURNED]
        plans.change_item(actor=owner, item=item, data=_input(
            school, (problem, "now", standard, texts.RETURNED_MEASURES,
                     MEMBER_DEADLINES[RETURNED], ""),
            plan.person, opinion_ids=[o.pk for o in item.opinions.all()],
            evaluation_id=item.evaluation_id))
        plans.submit_plan(actor=owner, plan=plan)
    with on_day(rday(school, 5)):
        plans.decide_plan(actor=school.secretary(branch).user, plan=plan, approve=True)


def write_unit_plans(school: DemoSchool) -> None:
    step = school.step("rectification_plan")
    for index, branch in enumerate(school.branches):
        secretary = school.secretary(index)
        with on_day(rday(school, 2)):
            plan = plans.start_plan(actor=secretary.user, activity=step,
                                    owner_kind=Owner.ORGANIZATION, organization=branch)
            for row in texts.BRANCH_ITEMS[index % len(texts.BRANCH_ITEMS)]:
                plans.add_item(actor=secretary.user, plan=plan,
                               data=_input(school, row, secretary))
        with on_day(rday(school, 3)):
            plans.submit_plan(actor=secretary.user, plan=plan)
        with on_day(rday(school, 5)):
            plans.decide_plan(actor=school.office, plan=plan, approve=True)
    with on_day(rday(school, 2)):
        plan = plans.start_plan(actor=school.office, activity=step, owner_kind=Owner.TEAM,
                                organization=school.top)
        for n, row in enumerate(texts.TEAM_ITEMS):
            responsible = school.leaders[n % len(school.leaders)].person
            plans.add_item(actor=school.office, plan=plan,
                           data=_input(school, row, responsible))
    with on_day(rday(school, 4)):
        plans.submit_plan(actor=school.office, plan=plan)
    with on_day(rday(school, 6)):
        plans.decide_plan(actor=school.district_office, plan=plan, approve=True)


# --- the ledger -----------------------------------------------------------------------------

def _items(school: DemoSchool, owner_kind: str, organization=None) -> list[Item]:
    found = Item.objects.filter(plan__campaign=school.campaign, plan__owner_kind=owner_kind)
    if organization is not None:
        found = found.filter(organization=organization)
    return list(found.select_related("plan").order_by("plan_id", "order"))


def solve(actor, item: Item, *, done: bool = True, upload=None) -> None:
    """Evidence (text, and the file if given), then done."""
    evidence.add_evidence(actor=actor, item=item, upload=upload,
                          text=texts.EVIDENCE.get(item.item_class, texts.EVIDENCE["now"]))
    if done:
        items.mark_done(actor=actor, item=item)


def first_results(school: DemoSchool) -> None:
    """Days 10–14: the team's reception day (with the timetable as a PDF) and B2's lesson
    preparation, each done and verified one level up."""
    team = _items(school, Owner.TEAM)
    with on_day(rday(school, 10)):
        solve(school.office, team[1], upload=SimpleUploadedFile(
            texts.EVIDENCE_FILE, timetable_pdf(), content_type="application/pdf"))
    with on_day(rday(school, 12)):
        items.verify_item(actor=school.district_office, item=team[1])
    b2 = _items(school, Owner.ORGANIZATION, school.branches[0])
    with on_day(rday(school, 12)):
        solve(school.secretary(0).user, b2[0])
    with on_day(rday(school, 14)):
        items.verify_item(actor=school.office, item=b2[0])


def more_results(school: DemoSchool) -> None:
    """Days 15–20: B3's items, the team's internship notice and equipment, the members'."""
    team, office = _items(school, Owner.TEAM), school.office
    b3 = _items(school, Owner.ORGANIZATION, school.branches[1])
    with on_day(rday(school, 15)):
        solve(school.secretary(1).user, b3[0], done=False)  # hard: under way, and late
    with on_day(rday(school, 18)):
        solve(office, team[3])
    with on_day(rday(school, 20)):
        solve(office, team[0], done=False)
        solve(school.secretary(1).user, b3[1])
    for n, item in enumerate(_items(school, Owner.MEMBER)):
        with on_day(rday(school, 15 + n)):
            solve(item.plan.person.user, item, done=n < 3)
        if n < 2:
            with on_day(rday(school, 19)):
                items.verify_item(actor=office, item=item)


def consolidate(school: DemoSchool) -> None:
    """In consolidation: B3's transfer item verified, the team's equipment item done and
    verified by the district, a member's item verified."""
    office, district = school.office, school.district_office
    b3 = _items(school, Owner.ORGANIZATION, school.branches[1])
    with on_day(pilot_day(school.plan, 105)):
        items.verify_item(actor=office, item=b3[1])
        items.verify_item(actor=office, item=_items(school, Owner.MEMBER)[2])
    team = _items(school, Owner.TEAM)
    with on_day(pilot_day(school.plan, 118)):
        evidence.add_evidence(actor=office, item=team[0],
                              text="第二批设备已到校，汽修实训室更新完成，验收合格。")
        items.mark_done(actor=office, item=team[0])
    with on_day(pilot_day(school.plan, 122)):
        items.verify_item(actor=district, item=team[0])


def timetable_pdf() -> bytes:
    """A one-page PDF (the reception-day timetable), built by hand: valid, tiny, no library."""
    lines = ["Reception day timetable (xiao lingdao jiedai ri)", "Wednesday 14:30-17:00",
             "Party committee office, Building A, room 201"]
    text = "BT /F1 14 Tf 60 780 Td 18 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    stream = zlib.compress(text.encode())
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
               + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


# --- the follow-up meetings, rules and disclosure -------------------------------------------

def hold_follow_ups(school: DemoSchool) -> None:
    step = school.step("follow_up_meeting")
    for index, branch in enumerate(school.branches):
        secretary = school.secretary(index).user
        with on_day(rday(school, 20)):
            meeting = follow_up.schedule_follow_up(
                actor=secretary, activity=step, organization=branch,
                held_at=on_hour(rday(school, 22), 15), title=f"{branch.name}整改专题组织生活会",
                place="党员活动室")
        with on_day(rday(school, 22), hour=17):
            rows = list(meeting.attendance.order_by("id"))
            for n, row in enumerate(rows):
                away = index == 1 and n == 1
                follow_up.record_follow_up_attendance(
                    actor=secretary, meeting=meeting, person_id=row.person_id,
                    status=Attendance.Status.ABSENT if away else Attendance.Status.PRESENT,
                    absence_reason="带学生外出顶岗实习" if away else "")
                if not away:
                    follow_up.record_progress_note(
                        actor=secretary, meeting=meeting, person_id=row.person_id,
                        note=texts.PROGRESS_NOTES[n % len(texts.PROGRESS_NOTES)])
            follow_up.record_follow_up_minutes(
                actor=secretary, meeting=meeting, text=texts.FOLLOW_UP_MINUTES.format(
                    branch=branch.name, day=f"{rday(school, 22):%Y年%m月%d日}"))


def on_hour(day: dt.date, hour: int) -> dt.datetime:
    return clock.day_start(day).replace(hour=hour)


def adopt_rules(school: DemoSchool) -> None:
    for n, (title, text, owner) in enumerate(texts.RULES):
        with on_day(rday(school, 12 + n)) as today:
            rules.add_rule(actor=school.office, campaign=school.campaign,
                           organization=school.top, title=title, text=text, adopted_on=today,
                           owner=owner)

