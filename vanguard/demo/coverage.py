"""Coverage of every member (确保教育覆盖面) in the main campaign: S03's office looks for the
graduates of its 毕业生党支部 whose organizational relation stays at the school (组织找党员),
in the campaign's first weeks while its plan waits for approval.

Of the twelve: most are reached by phone or message, those living in the city take part back
at the school, the others where they live and send the school a report (a small Word file,
made here); one studies abroad and takes part elsewhere, with the reason; three are still
unreached (no answer, a number out of date, a message left) — the coverage list shows them
under "unreached" and the phase 1 gate counts them apart.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from vanguard.campaigns.models import Campaign
from vanguard.demo.district import DemoDistrict
from vanguard.demo.oversight import day_of, hand_office
from vanguard.demo.timeline import on_day
from vanguard.oversight.models import ContactAttempt, Participation
from vanguard.oversight.services import coverage
from vanguard.people.models import Member

C, R = ContactAttempt.Channel, ContactAttempt.Result
PLACES = ("曲靖市麒麟区", "大理市下关镇", "玉溪市红塔区", "上海市浦东新区", "成都市武侯区")
UNREACHED = (  # (attempts as (day, channel, result, notes))
    ((4, C.PHONE, R.NO_ANSWER, "无人接听"), (9, C.MESSAGE, R.MESSAGE_LEFT, "已发短信请回电")),
    ((5, C.PHONE, R.WRONG_CONTACT, "号码已停机，正向其班主任打听新号码"),),
    ((6, C.THROUGH_OTHERS, R.MESSAGE_LEFT, "已托同班同学转告"),),
)
ABROAD_REASON = "毕业后赴澳大利亚留学攻读硕士学位，一年内不能回国，按规定在国外通过书面方式" \
                "参加学习，并向学校党委寄送学习心得。"


def graduates(demo: DemoDistrict) -> list[Member]:
    _school, _top, branches = demo.schools[2]
    return list(Member.objects.filter(organization__in=branches, relation_retained=True)
                .select_related("person", "organization").order_by("id"))


def report_file(name: str, place: str) -> SimpleUploadedFile:
    """A short report of a graduate taking part where they live, as a Word file."""
    document = Document()
    document.add_heading("参加先进性教育活动情况报告", level=1)
    document.add_paragraph(f"学校党委：我是毕业生党支部党员{name}，现在{place}工作。根据学校"
                           "党委的通知，我在居住地参加了所在社区党组织的集中学习，认真阅读了"
                           "规定的学习材料，撰写了读书笔记和心得体会，现将情况报告如下。")
    document.add_paragraph("一、参加集中学习的时间和内容；二、对照党员标准的自我检查；"
                           "三、今后的努力方向。")
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("report.docx", out.getvalue())


def run_coverage(demo: DemoDistrict, campaign: Campaign) -> None:
    office = hand_office(demo.schools[2][1])
    people = graduates(demo)
    # The branch's secretary (its last member, district.py) is among the reached.
    unreached, abroad, rest = people[-4:-1], people[-5], people[:-5] + people[-1:]
    for member, attempts in zip(unreached, UNREACHED, strict=True):
        for day, channel, result, notes in attempts:
            with on_day(day_of(campaign, day)) as today:
                coverage.record_contact_attempt(actor=office, campaign=campaign, member=member,
                                                made_on=today, channel=channel, result=result,
                                                notes=notes)
    with on_day(day_of(campaign, 3)) as today:
        coverage.record_contact_attempt(actor=office, campaign=campaign, member=abroad,
                                        made_on=today, channel=C.EMAIL, result=R.REACHED,
                                        notes="邮件联系上，本人在国外留学")
        coverage.set_participation(actor=office, campaign=campaign, member=abroad,
                                   mode=Participation.Mode.ELSEWHERE, reason=ABROAD_REASON)
    for n, member in enumerate(rest):
        first = 2 + n % 6
        if n % 4 == 3:  # reached at the second try
            with on_day(day_of(campaign, first)) as today:
                coverage.record_contact_attempt(actor=office, campaign=campaign, member=member,
                                                made_on=today, channel=C.PHONE,
                                                result=R.NO_ANSWER)
            first += 2
        with on_day(day_of(campaign, first)) as today:
            coverage.record_contact_attempt(
                actor=office, campaign=campaign, member=member, made_on=today,
                channel=C.PHONE if n % 3 else C.MESSAGE, result=R.REACHED,
                notes="已告知活动安排和学习材料领取方式")
            if member.in_city:
                coverage.set_participation(actor=office, campaign=campaign, member=member,
                                           mode=Participation.Mode.AT_SCHOOL)
                continue
        place = PLACES[n % len(PLACES)]
        with on_day(day_of(campaign, first + 15 + n % 5)) as today:
            coverage.set_participation(
                actor=office, campaign=campaign, member=member,
                mode=Participation.Mode.WHERE_LIVING, place=place,
                upload=report_file(member.person.name, place), report_received_on=today)

