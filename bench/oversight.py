"""Issue 9's records (leadership, supervision, coverage, preparation, publicity, calendar),
added to generated data so that their pages can be measured: `ensure(campaign)` adds them
once, in one transaction, and does nothing when the campaign already has leading groups (the
mark that this step ran), so that data generated before this module existed is completed
rather than rebuilt.

Volumes are those of a real campaign, which are small beside phase 1's: per level (the root,
each district committee at city scale, each school) a leading group with its head (the
principal leader), deputies and members (the school's four leaders) and its office; from the
first district level two supervision groups of three district staff, each covering ten schools,
with a visit to each (half held), one to three findings per school (about half answered by the
school office, a third of those closed) and two good practices (one shared); three graduates
per school whose relation stays there (members of the school's last branch), two of them
reached after one or two attempts, one unreached, with where the reached ones take part; every
school's calendar (two terms, two exam weeks, a holiday) and the district's; published news
(the root's five, two in every tenth school); in every tenth school a closed preparation survey
with 60 anonymous answers.

The supervision records go through the services (they grant roles and notify the school
offices, as the pages expect); the rest goes in by `bulk_create`, as the services would have
left it. Rows are written with the generator's password hash for the new staff accounts.
"""

import datetime as dt
import random
import secrets
import uuid

from django.contrib.auth.hashers import make_password
from django.db import transaction

from vanguard.access.models import Role, User
from vanguard.campaigns.models import CalendarPeriod, Campaign, Plan
from vanguard.core import clock
from vanguard.oversight.models import (
    ContactAttempt,
    LeadingGroup,
    Participation,
    Seat,
)
from vanguard.oversight.services import findings, leading, supervision
from vanguard.people.models import Leader, Member, Organization, Person
from vanguard.publicity.models import NewsItem
from vanguard.surveys import defaults as survey_defaults
from vanguard.surveys.models import Choice, Group, Response, Survey

K = Role.Kind
GROUPS_PER_SENDER, GROUP_STAFF, SCHOOLS_PER_GROUP = 2, 3, 10
GRADUATES_PER_SCHOOL = 3
NEWS_EVERY = SURVEY_EVERY = 10  # schools 1, 11, 21 … publish news and ran a survey
SURVEY_ANSWERS = 60
PROBLEMS = (
    ("集中学习时间不足，部分党员未参加第二次集中学习。", "组织补学并登记学时，下周报督导组。"),
    ("读书笔记流于形式，摘抄多、体会少。", "支部书记逐本审阅，退回重写的不少于三成。"),
    ("专题讨论未结合学校实际，群众反映的问题没有回应。", "围绕课后服务收费问题再开一次讨论。"),
    ("动员会缺席人员未安排补课。", "一周内组织缺席人员观看录像并写出心得。"),
)
PRACTICES = (("“党员示范岗”与教研组结对", "每个教研组设一个党员示范岗，示范课每月一次，教师评议。"),
             ("离退休党员送学上门", "支部委员每月上门送学习材料并记录学习情况。"))
NEWS = (("召开主题教育动员大会", "会议传达了上级部署，明确了学习安排和时间节点。"),
        ("开展“师德师风”主题党日活动", "全体党员重温入党誓词，交流教书育人体会。"),
        ("专题辅导报告走进校园", "邀请专家作专题辅导，党员教师踊跃提问。"))
EXPECTATIONS = ("希望减轻教师非教学负担。", "希望解决课后服务收费不透明的问题。",
                "希望学校食堂伙食有所改善。", "")


def _sender_nodes(campaign: Campaign) -> list[Organization]:
    """The levels that send supervision groups: the district committees (the root itself at
    district scale, the first district committee at city scale)."""
    root = campaign.organization
    below = list(Organization.objects.filter(path__startswith=root.path, depth=root.depth + 1,
                                             school__isnull=True).order_by("path"))
    return below[:1] or [root]


def _office_user(organization: Organization) -> User:
    role = (Role.objects.filter(kind=K.OFFICE, organization=organization, source="")
            .select_related("user").order_by("id").first())
    return role.user


def _staff(prefix: str, count: int, password: str) -> list[Person]:
    """District staff who sign in (no school): the people of supervision groups."""
    users = User.objects.bulk_create([User(username=f"{prefix}-{i + 1}", password=password)
                                      for i in range(count)])
    people = Person.objects.bulk_create([
        Person(name=f"督导员{prefix[-3:]}{i + 1:02d}", category="staff", school=None, user=u)
        for i, u in enumerate(users)])
    return people


def _leading_groups(campaign, plans, password, rows) -> None:
    """A leading group per level: the root's (and each district's) from new staff, each
    school's from its leadership team (the principal heads it, one leader heads the office)."""
    root = campaign.organization
    levels = [root, *Organization.objects.filter(
        path__startswith=root.path, depth=root.depth + 1, school__isnull=True).order_by("path")]
    tops = [plan.organization for plan in plans]
    groups = LeadingGroup.objects.bulk_create([
        LeadingGroup(campaign=campaign, organization=org, name=f"{org.name}主题教育领导小组",
                     office_name="领导小组办公室",
                     duties="负责日常工作，协调督促检查，收集汇总情况。")
        for org in [*levels, *tops]])
    by_org = {g.organization_id: g for g in groups}
    seats = []
    for org in levels:
        staff = _staff(f"lg-{org.code.lower()}", 4, password)
        posts = (Seat.Post.HEAD, Seat.Post.DEPUTY, Seat.Post.OFFICE_HEAD, Seat.Post.OFFICE_STAFF)
        seats += [Seat(group=by_org[org.pk], person=p, post=post, duty="")
                  for p, post in zip(staff, posts, strict=True)]
    leaders: dict[int, list[Leader]] = {}
    for leader in (Leader.objects.filter(team__school_id__in=[t.school_id for t in tops])
                   .select_related("team").order_by("-is_principal", "id")):
        leaders.setdefault(leader.team.school_id, []).append(leader)
    for top in tops:
        team = leaders.get(top.school_id, [])
        for i, leader in enumerate(team):
            post = (Seat.Post.HEAD if leader.is_principal else
                    Seat.Post.DEPUTY if i == 1 else Seat.Post.MEMBER)
            seats.append(Seat(group=by_org[top.pk], person_id=leader.person_id, post=post,
                              duty=leader.title))
        if len(team) > 1:
            seats.append(Seat(group=by_org[top.pk], person_id=team[-1].person_id,
                              post=Seat.Post.OFFICE_HEAD, duty="办公室主任"))
    Seat.objects.bulk_create(seats)
    for group in groups:
        leading.sync_roles(group)
    rows["oversight.LeadingGroup"], rows["oversight.Seat"] = len(groups), len(seats)


def _supervision(campaign, plans, password, rng, rows) -> None:
    """Groups at work, sent through the services, with visits, findings and practices."""
    today = clock.today()
    starts_on = max(campaign.starts_on, today - dt.timedelta(days=10))
    ends_on = min(campaign.ends_on, today + dt.timedelta(days=30))
    top_of = {plan.organization.school_id: plan.organization for plan in plans}
    counts = {"groups": 0, "visits": 0, "findings": 0, "practices": 0}
    for sender in _sender_nodes(campaign):
        office = _office_user(sender)
        schools = [plan.organization.school for plan in plans
                   if plan.organization.path.startswith(sender.path)]
        for n in range(GROUPS_PER_SENDER):
            covered = schools[n * SCHOOLS_PER_GROUP:(n + 1) * SCHOOLS_PER_GROUP]
            if not covered:
                break
            staff = _staff(f"sup-{sender.code.lower()}-{n + 1}", GROUP_STAFF, password)
            group = supervision.send_group(
                actor=office, campaign=campaign, organization=sender,
                name=f"第{'一二三四'[n]}督导组", members=staff, leader=staff[0], schools=covered,
                starts_on=starts_on, ends_on=ends_on)
            counts["groups"] += 1
            writer = User.objects.get(pk=staff[0].user_id)
            for i, school in enumerate(covered):
                visit = findings.plan_visit(actor=writer, group=group, school=school,
                                               planned_on=today - dt.timedelta(days=i % 5),
                                               purpose="检查学习教育开展情况，听取意见。")
                counts["visits"] += 1
                if i % 2 == 0:
                    findings.mark_visit_held(actor=writer, visit=visit,
                                                held_on=visit.planned_on,
                                                notes="查阅台账，个别访谈党员六名。")
                school_office = _office_user(top_of[school.pk])
                for k in range(rng.randint(1, 3)):
                    problem, recommendation = PROBLEMS[(i + k) % len(PROBLEMS)]
                    finding = findings.record_finding(
                        actor=writer, group=group, school=school, problem=problem,
                        severity=("minor", "serious", "grave")[(i + k) % 3],
                        recommendation=recommendation,
                        due_on=today + dt.timedelta(days=7 + k),
                        visit=visit if i % 2 == 0 else None)
                    counts["findings"] += 1
                    if rng.random() < 0.5:
                        findings.answer_finding(actor=school_office, finding=finding,
                                                   answer="已制定整改措施，限期完成。")
                        if rng.random() < 0.35:
                            findings.close_finding(actor=writer, finding=finding)
            for k, (title, text) in enumerate(PRACTICES):
                practice = findings.record_good_practice(actor=writer, group=group,
                                                            school=covered[k % len(covered)],
                                                            title=title, text=text)
                counts["practices"] += 1
                if k == 0:
                    findings.share_good_practice(actor=writer, practice=practice)
    rows.update({f"oversight.{k}": v for k, v in counts.items()})


def _coverage(campaign, plans, rng, rows) -> None:
    """Three members of each school's last branch become graduates whose relation stays at the
    school: two reached (after one or two attempts), one not; where the reached take part."""
    today = clock.today()
    first_day = campaign.starts_on
    secretaries = dict(Role.objects.filter(kind=K.SECRETARY, source="")
                       .values_list("organization_id", "user_id"))
    last_branch = {}
    for org in (Organization.objects.filter(kind=Organization.Kind.BRANCH,
                                            school_id__in=[p.organization.school_id
                                                           for p in plans])
                .order_by("school_id", "path")):
        last_branch[org.school_id] = org
    attempts, participations, graduates = [], [], []
    for branch in last_branch.values():
        secretary = secretaries.get(branch.pk)
        members = list(Member.objects.filter(organization=branch).exclude(
            person__user_id=secretary).order_by("id")[:GRADUATES_PER_SCHOOL])
        for n, member in enumerate(members):
            graduates.append(member)
            member.relation_retained, member.in_city = True, (True, False, None)[n % 3]
            day = first_day + dt.timedelta(days=rng.randint(0, (today - first_day).days))
            if n == 2:  # unreached: one unanswered attempt
                attempts.append(ContactAttempt(campaign=campaign, member=member, made_on=day,
                                               channel="phone", result="no_answer",
                                               recorded_by_id=secretary))
                continue
            if n == 1:
                attempts.append(ContactAttempt(campaign=campaign, member=member, made_on=day,
                                               channel="message", result="left",
                                               recorded_by_id=secretary))
                day = min(today, day + dt.timedelta(days=2))
            attempts.append(ContactAttempt(campaign=campaign, member=member, made_on=day,
                                           channel="phone", result="reached",
                                           notes="已联系上，说明参加方式。",
                                           recorded_by_id=secretary))
            participations.append(Participation(
                campaign=campaign, member=member,
                mode="school" if member.in_city else "local",
                place="" if member.in_city else "上海市浦东新区某街道党工委",
                report_received_on=None, recorded_by_id=secretary))
    Member.objects.bulk_update(graduates, ["relation_retained", "in_city"])
    Person.objects.filter(pk__in=[m.person_id for m in graduates]).update(category="graduate")
    ContactAttempt.objects.bulk_create(attempts)
    Participation.objects.bulk_create(participations)
    rows["graduates"] = len(graduates)
    rows["oversight.ContactAttempt"], rows["oversight.Participation"] = (len(attempts),
                                                                         len(participations))


def _calendars(campaign, plans, rows) -> None:
    today = clock.today()
    year = today.year if today.month >= 8 else today.year - 1

    def periods(org):
        autumn = dt.date(year, 9, 1)
        return [
            CalendarPeriod(organization=org, kind="term", name="秋季学期", starts_on=autumn,
                           ends_on=dt.date(year + 1, 1, 20)),
            CalendarPeriod(organization=org, kind="exam", name="期中考试",
                           starts_on=dt.date(year, 11, 10), ends_on=dt.date(year, 11, 14)),
            CalendarPeriod(organization=org, kind="exam", name="期末考试",
                           starts_on=dt.date(year + 1, 1, 12), ends_on=dt.date(year + 1, 1, 16)),
            CalendarPeriod(organization=org, kind="holiday", name="寒假",
                           starts_on=dt.date(year + 1, 1, 21), ends_on=dt.date(year + 1, 2, 20)),
            CalendarPeriod(organization=org, kind="term", name="春季学期",
                           starts_on=dt.date(year + 1, 2, 21), ends_on=dt.date(year + 1, 7, 5)),
        ]

    made = []
    for org in [campaign.organization, *(plan.organization for plan in plans)]:
        made += periods(org)
    CalendarPeriod.objects.bulk_create(made)
    rows["campaigns.CalendarPeriod"] = len(made)


def _news(campaign, plans, rows) -> None:
    now = clock.now()
    root_office = _office_user(campaign.organization)
    items = [NewsItem(campaign=campaign, organization=campaign.organization,
                      title=f"{title}（{n + 1}）", body=body, status=NewsItem.Status.PUBLISHED,
                      written_by=root_office, reviewed_by=root_office,
                      published_at=now - dt.timedelta(days=n + 1))
             for n, (title, body) in enumerate(NEWS * 2)][:5]
    for i, plan in enumerate(plans):
        if i % NEWS_EVERY:
            continue
        office = _office_user(plan.organization)
        items += [NewsItem(campaign=campaign, organization=plan.organization, title=title,
                           body=body, status=NewsItem.Status.PUBLISHED, written_by=office,
                           reviewed_by=office, published_at=now - dt.timedelta(days=k + 2))
                  for k, (title, body) in enumerate(NEWS[:2])]
    NewsItem.objects.bulk_create(items)
    rows["publicity.NewsItem"] = len(items)


def _surveys(campaign, plans, rng, rows) -> None:
    """Closed preparation surveys of every tenth school, answered anonymously."""
    today = clock.today()
    closes_on = today - dt.timedelta(days=1)
    topics = [dict(t) for t in survey_defaults.DEFAULT_TOPICS]
    keys = [t["key"] for t in topics]
    surveys = Survey.objects.bulk_create([
        Survey(campaign=campaign, organization=plan.organization,
               intro=survey_defaults.DEFAULT_INTRO, topics=topics,
               max_choices=survey_defaults.DEFAULT_MAX_CHOICES,
               expectation_question=survey_defaults.DEFAULT_EXPECTATION,
               public_key=secrets.token_urlsafe(16)[:22], state=Survey.State.CLOSED,
               closes_on=closes_on, opened_at=clock.now() - dt.timedelta(days=8),
               closed_at=clock.now() - dt.timedelta(days=1))
        for i, plan in enumerate(plans) if i % SURVEY_EVERY == 0])
    groups = [Group.MEMBER] * 5 + [Group.STAFF] * 2 + [Group.STUDENT, Group.PARENT, Group.OTHER]
    responses, choices = [], []
    for survey in surveys:
        for _n in range(SURVEY_ANSWERS):
            response = Response(id=uuid.uuid4(), survey=survey, group=rng.choice(groups),
                                day=closes_on, expectation=rng.choice(EXPECTATIONS))
            responses.append(response)
            choices += [Choice(id=uuid.uuid4(), response=response, topic=topic)
                        for topic in rng.sample(keys, rng.randint(1, 3))]
    Response.objects.bulk_create(responses, batch_size=2000)
    Choice.objects.bulk_create(choices, batch_size=2000)
    rows["surveys.Survey"], rows["surveys.Response"] = len(surveys), len(responses)


def ensure(campaign: Campaign, *, seed: int = 2005, log=print) -> dict[str, int] | None:
    """Add issue 9's records unless the campaign has them already; returns the rows added."""
    if LeadingGroup.objects.filter(campaign=campaign).exists():
        return None
    rng = random.Random(seed)
    password = make_password(secrets.token_urlsafe(12))  # never logged in with
    plans = list(Plan.objects.filter(campaign=campaign, derived_from__isnull=False)
                 .select_related("organization__school").order_by("organization__path"))
    rows: dict[str, int] = {}
    with transaction.atomic():
        _leading_groups(campaign, plans, password, rows)
        _supervision(campaign, plans, password, rng, rows)
        _coverage(campaign, plans, rng, rows)
        _calendars(campaign, plans, rows)
        _news(campaign, plans, rows)
        _surveys(campaign, plans, rng, rows)
    log("  " + ", ".join(f"{k} {v:,}" for k, v in rows.items()))
    return rows

