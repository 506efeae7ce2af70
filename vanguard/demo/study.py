"""Phase 1 under way in the demo: sessions and hours (some members ahead, some behind),
readings marked, notes and reflections handed in, the discussion with posts."""

import datetime as dt
from decimal import Decimal

from vanguard.campaigns.models import Campaign, Plan
from vanguard.core import clock
from vanguard.demo.names import NameSource
from vanguard.people.models import Member
from vanguard.study.services import discussion, hours, reading, writing

SESSIONS = [  # kind, title, hours
    ("concentrated", "通读《保持共产党员先进性教育读本》", "4"),
    ("party_lecture", "党委书记讲专题党课：保持共产党员先进性", "3"),
    ("tutoring", "专题辅导：学习党章", "4"),
    ("situation_report", "形势报告：教育改革与发展", "3.5"),
    ("exemplary_deeds", "先进事迹报告会", "3"),
    ("warning_education", "警示教育：观看警示教育片", "3"),
    ("visit", "参观革命纪念馆", "5"),
    ("discussion", "座谈讨论：立足岗位保持先进性", "4"),
    ("concentrated", "学习胡锦涛同志重要讲话", "4"),
    ("tutoring", "专题辅导：党的教育方针", "4"),
    ("concentrated", "学习中央、省委和市委领导讲话", "4.5"),
]
NOTE = ("<p>通过学习《保持共产党员先进性教育读本》，我进一步认识到保持共产党员先进性的重要意义。"
        "作为一名教师党员，要在教书育人中起模范带头作用，做到学高为师、德高为范。</p>") * 6
REFLECTION = ("<p>这次先进性教育活动使我深受教育。对照党章，我认真查找自己在思想、"
              "工作和作风方面的差距，今后要坚持理论学习，立足岗位，关心学生，团结同事，努力做一名党性强、师德好、业务精的"
              "共产党员。</p>") * 10
POSTS = ["我认为新时期学校党员的先进性，首先要体现在教书育人上。",
         "要把学生满意不满意作为衡量先进性的重要标准。",
         "党员教师应当在教学改革中走在前面，敢于创新。",
         "先进性要落实到日常工作的点点滴滴，比如认真备课、耐心辅导。"]
REQUIREMENTS = ["爱岗敬业，为人师表", "刻苦钻研，业务精良", "关爱学生，教书育人",
                "团结协作，乐于奉献", "廉洁从教，作风正派"]


def run_study(campaign: Campaign, office, plans: list[Plan]) -> None:
    reading.load_seed_readings(actor=office, campaign=campaign)
    for index, plan in enumerate(plans):
        school_office = plan.organization.roles.get(kind="office").user
        names = NameSource(seed=1000 + plan.pk)
        members = list(Member.objects.filter(organization__path__startswith=plan.organization.path)
                       .select_related("person__user").order_by("id"))
        hold_sessions(plan, school_office, members, names, sessions=11 - 4 * index)
        read_and_write(campaign, members, names)
        run_discussion(plan, school_office, members, publish=index == 0)


def hold_sessions(plan, actor, members, names, *, sessions: int) -> None:
    """Sessions on the days since the start; each member's diligence decides attendance,
    so some pass 40 hours and some fall behind."""
    activity = plan.activities.get(key="organized_study")
    diligence = {m.person_id: names.random.choice((0.5, 0.75, 0.95, 1.0)) for m in members}
    for day, (kind, title, hours_text) in enumerate(SESSIONS[:sessions]):
        held_on = min(activity.starts_on + dt.timedelta(days=day), clock.today())
        session = hours.record_session(actor=actor, activity=activity,
                                       organization=plan.organization, kind=kind, title=title,
                                       held_on=held_on, hours=Decimal(hours_text),
                                       place="学校会议室")
        present = [m.person_id for m in members if names.random.random() < diligence[m.person_id]]
        if present:
            hours.record_session_attendance(actor=actor, session=session, person_ids=present)
    for member in members[:: 5]:
        if member.person.user is not None:
            hours.log_self_study(actor=member.person.user, campaign=plan.campaign,
                                 title="自学党章", studied_on=clock.today() - dt.timedelta(days=1),
                                 hours=Decimal("2"))


def read_and_write(campaign, members, names) -> None:
    items = list(campaign.readings.filter(required=True))
    for member in members:
        user = member.person.user
        if user is None or names.random.random() < 0.3:
            continue  # behind: has not started reading
        for item in items:
            reading.mark_read(actor=user, item=item)
        for _ in range(2 if names.random.random() < 0.6 else 1):
            note = writing.start_writing(actor=user, campaign=campaign, kind="note",
                                         item=items[0])
            writing.submit_writing(actor=user, writing=note, version=note.version,
                                   title="《保持共产党员先进性教育读本》读书笔记", body=NOTE)
        if names.random.random() < 0.5:
            piece = writing.start_writing(actor=user, campaign=campaign, kind="reflection")
            writing.submit_writing(actor=user, writing=piece, version=piece.version,
                                   title="参加先进性教育活动的心得体会", body=REFLECTION)


def run_discussion(plan, actor, members, *, publish: bool) -> None:
    activity = plan.activities.get(key="big_discussion")
    talk = discussion.open_discussion(actor=actor, activity=activity)
    for i, member in enumerate(members[:: 3]):
        if member.person.user is not None:
            discussion.write_post(actor=member.person.user, discussion=talk,
                                  text=POSTS[i % len(POSTS)])
    for text in REQUIREMENTS:
        discussion.add_requirement(actor=actor, discussion=talk, text=text)
    if publish:
        discussion.publish_requirements(actor=actor, discussion=talk)
