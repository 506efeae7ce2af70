"""Who leads the main campaign and who checks it from above (issue #9): the leading groups of
the district and of each school, the district's supervision group at S01 and S02 with its
visits, findings and a good practice, and one education-and-help case in S01's handling
register.

Runs after campaign.py and pilot.py: the leading groups' office seats grant office roles at
the school's top organization, and the earlier demo modules find "the" office of a school by
its one office role. So the records are written last, each on the day of the campaign it
would have happened (timeline.on_day); the groups themselves carry no date.

The supervision story (days of the main campaign, launched 64 days ago):
- day 10 the district office sends 第一督导组 (two district staff with accounts) to S01 and
  S02 until the campaign's end; day 12 the group plans its first visits;
- day 18 at S02: the study is behind; finding 1 (due day 28), answered on day 26, closed by
  the group on day 28;
- day 40 at S01: a good practice, shared with every school the next day, and finding 2 on
  the feedback to members (due day 50), answered on day 47 and waiting for the group to close;
- day 56 at S02 again: phase 1 is over its days and the mobilization and study are still not
  complete; finding 3 is open, due a week from today.
"""

import datetime as dt

from vanguard.access.models import Role, User
from vanguard.campaigns.models import Campaign
from vanguard.core import clock
from vanguard.demo.district import DemoDistrict
from vanguard.demo.timeline import on_day
from vanguard.handling import services as handling
from vanguard.handling.models import Case, Step
from vanguard.oversight.models import Finding, SupervisionGroup
from vanguard.oversight.services import findings, leading, supervision
from vanguard.people.models import Department, Leader, Member, Organization, Person

# District staff (no school): (login, name, gender, hand-granted role at the district or "",
# what they do). The office and supervisor logins exist already (district.py); they get the
# person their account stands for.
DISTRICT_STAFF = (
    ("13900000002", "杨建国", "M", Role.Kind.SECRETARY, "区教育工委书记"),
    ("13900000001", "周丽华", "F", "", "区教育工委办公室主任"),
    ("13900000009", "赵志强", "M", "", "督导组组长（区教育工委原副书记）"),
    ("13900000008", "孙海燕", "F", "", "督导组成员（区教育局督导室）"),
)
SCHOOL_DUTIES = ("在党委领导下负责先进性教育活动的日常工作：制定实施方案和工作日程，"
                 "组织协调各支部的学习、评议和整改，收集汇总情况，编发简报，做好宣传和"
                 "材料归档。")
DISTRICT_DUTIES = ("负责全区学校先进性教育活动的组织协调、督促检查和情况汇总，"
                   "派出督导组，审核各校实施方案和总结报告。")


def run_oversight(demo: DemoDistrict, campaign: Campaign) -> SupervisionGroup:
    staff = district_staff(demo)
    form_leading_groups(demo, campaign, staff)
    group = run_supervision(demo, campaign, staff)
    open_education_case(demo, campaign)
    return group


def hand_office(organization: Organization) -> User:
    """The office account granted by hand (the one district.py made), not a seat's."""
    return Role.objects.filter(kind=Role.Kind.OFFICE, organization=organization, source="") \
        .select_related("user").order_by("id").first().user


def day_of(campaign: Campaign, n: int) -> dt.date:
    return campaign.starts_on + dt.timedelta(days=n)


# --- people of the district -------------------------------------------------------------------

def district_staff(demo: DemoDistrict) -> dict[str, Person]:
    """{login: person} for the district's staff, each with an account (the demo password)."""
    password = User.objects.get(username="13900000001").password
    staff = {}
    for n, (login, name, gender, kind, _job) in enumerate(DISTRICT_STAFF):
        user = User.objects.filter(username=login).first() or User.objects.create(
            username=login, password=password)
        person = Person.objects.filter(user=user).first()
        if person is None:
            person = Person.objects.create(
                name=name, gender=gender, birth_date=dt.date(1962 + 3 * n, 3 + n, 12),
                category=Person.Category.STAFF, phone=login, user=user)
        if kind:
            Role.objects.get_or_create(user=user, kind=kind, organization=demo.root)
        staff[login] = person
    return staff


# --- leading groups (领导小组 / 办公室) ----------------------------------------------------------

def form_leading_groups(demo: DemoDistrict, campaign: Campaign, staff) -> None:
    """The district's group (the secretary heads it; the office's head runs its office) and
    each school's: the principal leader heads it, the other leaders sit in it, the head of the
    school's 党政办公室 runs its office with the head of 教务处 as staff."""
    office = hand_office(demo.root)
    group = leading.create_leading_group(
        actor=office, campaign=campaign, organization=demo.root,
        name="五华区教育系统保持共产党员先进性教育活动领导小组",
        office_name="领导小组办公室", duties=DISTRICT_DUTIES)
    leading.add_seat(actor=office, group=group, person=staff["13900000002"],
                     post="head", duty="全面负责，第一责任人")
    leading.add_seat(actor=office, group=group, person=staff["13900000001"],
                     post="office_head", duty="办公室日常工作，督导组的派出和联络")
    for school, top, _branches in demo.schools:
        office = hand_office(top)
        group = leading.create_leading_group(
            actor=office, campaign=campaign, organization=top,
            name=f"{school.name}先进性教育活动领导小组", office_name="领导小组办公室",
            duties=SCHOOL_DUTIES)
        leaders = list(Leader.objects.filter(team__school=school).select_related("person")
                       .order_by("-is_principal", "id"))
        duties = ("全面负责，第一责任人", "协助组长，分管学习动员和分析评议",
                  "分管教师党支部和师德建设主题实践活动", "分管学生党支部和宣传工作")
        for n, (leader, duty) in enumerate(zip(leaders, duties, strict=False)):
            leading.add_seat(actor=office, group=group, person=leader.person,
                             post="head" if n == 0 else "deputy" if n == 1 else "member",
                             duty=duty)
        heads = {d.name: d.head for d in Department.objects.filter(school=school)
                 .select_related("head")}
        leading.add_seat(actor=office, group=group, person=heads["党政办公室"],
                         post="office_head", duty="办公室主任，负责日常工作和材料")
        leading.add_seat(actor=office, group=group, person=heads["教务处"],
                         post="office_staff", duty="学习安排与教学工作的衔接")


def office_head_of(top: Organization) -> Person:
    return Person.objects.get(leading_group_seats__group__organization=top,
                              leading_group_seats__post="office_head")


# --- the supervision group (督导组) -----------------------------------------------------------

def run_supervision(demo: DemoDistrict, campaign: Campaign, staff) -> SupervisionGroup:
    office = hand_office(demo.root)
    (s01, _t1, _b1), (s02, _t2, _b2) = demo.schools[0], demo.schools[1]
    leader, member = staff["13900000009"], staff["13900000008"]
    with on_day(day_of(campaign, 10)):
        group = supervision.send_group(
            actor=office, campaign=campaign, organization=demo.root, name="区教育工委第一督导组",
            members=[leader, member], schools=[s01, s02], leader=leader,
            starts_on=day_of(campaign, 10), ends_on=campaign.ends_on)
    chief, second = leader.user, member.user
    with on_day(day_of(campaign, 12)):
        first = findings.plan_visit(
            actor=chief, group=group, school=s02, planned_on=day_of(campaign, 18),
            purpose="检查学习动员阶段的动员大会、集中学习和读书笔记情况，听取总支汇报。")
        second_visit = findings.plan_visit(
            actor=chief, group=group, school=s01, planned_on=day_of(campaign, 40),
            purpose="检查分析评议阶段征求意见、谈心谈话和反馈情况，召开党员和群众座谈会。")
    with on_day(day_of(campaign, 18), hour=16):
        findings.mark_visit_held(
            actor=chief, visit=first, held_on=day_of(campaign, 18),
            notes="听取总支书记汇报，查阅学习记录和读书笔记，与6名党员个别谈话。")
        study = findings.record_finding(
            actor=second, group=group, school=s02, visit=first,
            severity=Finding.Severity.MINOR, due_on=day_of(campaign, 28),
            problem="集中学习安排偏少，部分党员读书笔记尚未动笔，学习记录未及时录入。",
            recommendation="按实施方案补排集中学习，利用周末和课后时间，月底前录齐学习记录。")
    with on_day(day_of(campaign, 26), hour=15):
        findings.answer_finding(
            actor=hand_office(s02_top(demo)), finding=study,
            answer="总支已补排两次集中学习（周六上午），各支部书记逐人督促读书笔记，"
                   "学习记录已由支部书记录入。")
    with on_day(day_of(campaign, 28), hour=11):
        findings.close_finding(actor=chief, finding=study,
                                  note="经回访查阅，补学已落实，记录已录入，同意销号。")
    with on_day(day_of(campaign, 40), hour=17):
        findings.mark_visit_held(
            actor=chief, visit=second_visit, held_on=day_of(campaign, 40),
            notes="召开党员座谈会和教师、家长代表座谈会各一次，查阅意见汇总和反馈记录。")
        practice = findings.record_good_practice(
            actor=chief, group=group, school=s01,
            title="“开门评议”：请家长和学生代表进校座谈",
            text="昆明市第一中学在征求意见环节分三场邀请家长代表、学生代表和离退休教师进校"
                 "座谈，会前公布议题，会后一周内在校务公开栏逐条回应，群众参与面广，"
                 "意见针对性强，值得各校借鉴。")
        feedback = findings.record_finding(
            actor=second, group=group, school=s01, visit=second_visit,
            severity=Finding.Severity.MINOR, due_on=day_of(campaign, 50),
            problem="向个别党员反馈的意见归纳过于笼统，党员难以据此对照检查。",
            recommendation="支部书记对反馈意见逐条归纳到具体事例，谈心谈话时当面说明。")
    with on_day(day_of(campaign, 41)):
        findings.share_good_practice(actor=chief, practice=practice)
    with on_day(day_of(campaign, 47), hour=16):
        findings.answer_finding(
            actor=hand_office(demo.schools[0][1]), finding=feedback,
            answer="各支部已重新整理反馈意见，逐条对应具体事例，并由支部书记在谈心谈话中"
                   "当面反馈。")
    with on_day(day_of(campaign, 50)):
        third = findings.plan_visit(
            actor=chief, group=group, school=s02, planned_on=day_of(campaign, 56),
            purpose="回访：学习动员阶段超期未转段，了解原因并督促整改。")
    with on_day(day_of(campaign, 56), hour=16):
        findings.mark_visit_held(
            actor=chief, visit=third, held_on=day_of(campaign, 56),
            notes="学习动员阶段已超期近一个月，动员大会参会记录约一半未补录，"
                  "部分党员学时不足。")
        findings.record_finding(
            actor=chief, group=group, school=s02, visit=third,
            severity=Finding.Severity.SERIOUS, due_on=clock.today() + dt.timedelta(days=7),
            problem="学习动员阶段已超过计划天数，动员大会出勤和集中学习学时仍未达到要求，"
                    "未按时转入分析评议阶段。",
            recommendation="总支召开专题会议分析原因，一周内补齐出勤记录和学时，"
                           "达到要求后申请转段，并书面报告督导组。")
    return group


def s02_top(demo: DemoDistrict) -> Organization:
    return demo.schools[1][1]


# --- the handling register (组织处理) ---------------------------------------------------------

def open_education_case(demo: DemoDistrict, campaign: Campaign) -> Case:
    """S01's office head (from the leading group) opens an education-and-help case for one
    member of the second branch after the democratic evaluation, and records the first talk."""
    top = demo.schools[0][1]
    keeper = office_head_of(top).user
    member = (Member.objects.filter(organization=demo.schools[0][2][1])
              .select_related("person").order_by("id")[5])
    with on_day(day_of(campaign, 58), hour=15):
        case = handling.open_case(
            actor=keeper, member=member, kind=Case.Kind.EDUCATION, opened_on=clock.today(),
            campaign=campaign,
            grounds="民主评议中多名党员反映该同志长期不参加组织生活，集中学习多次缺席，"
                    "党员意识淡薄。经党委研究，先进行教育帮助。")
    with on_day(day_of(campaign, 60), hour=16):
        handling.add_step(
            actor=keeper, case=case, kind=Step.Kind.TALK, happened_on=clock.today(),
            text="党委副书记和支部书记与其谈话，指出问题，听取其家庭困难情况，"
                 "约定由一名老党员结对帮助，一个月后再谈。")
    return case
