"""Themed practice activities, an exemplar and news in the main campaign at S01 (主题实践活动 /
先进典型 / 宣传), each written through the publicity services on its day.

- day 15: the first branch's secretary records a teachers' ethics activity (two photos for the
  public page); day 22 the school office a school ethos activity open to the whole school;
  day 35 the student branch's secretary an activity for qualified students;
- day 38 the first branch's secretary nominates an exemplar, the school office approves it
  on day 39 and publishes it;
- news: the first branch's secretary writes two items (days 40 and 42), the school office
  publishes each the next day; on day 62 the student branch's secretary submits a third,
  which waits for the office's review.

The photos are small PNGs drawn here (a plain PNG writer over zlib: no image library).
"""

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from vanguard.access.models import Role
from vanguard.campaigns.models import Campaign
from vanguard.demo.district import DemoDistrict
from vanguard.demo.oversight import day_of, hand_office
from vanguard.demo.timeline import on_day
from vanguard.people.models import Member, Organization, Person
from vanguard.publicity.models import Exemplar, NewsItem
from vanguard.publicity.services import activities, exemplars, news

# Flag red, a warm yellow, a sky blue: one colour per photo.
COLOURS = ((200, 16, 46), (255, 196, 37), (91, 155, 213), (60, 140, 90))


def png(width: int, height: int, colour: tuple[int, int, int], band: int = 0) -> bytes:
    """A valid RGB PNG: a field of `colour` with a lighter horizontal band (a "photo")."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    light = bytes(min(255, c + 70) for c in colour)
    rows = b"".join(
        b"\x00" + (light if band and height // 3 <= y < height // 3 + band else bytes(colour))
        * width for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b""))


def photo(name: str, n: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.png", png(160, 120, COLOURS[n % len(COLOURS)], band=24),
                              content_type="image/png")


def secretary_of(branch: Organization):
    return (Role.objects.filter(kind=Role.Kind.SECRETARY, organization=branch)
            .select_related("user").order_by("id").first().user)


def people_of(branch: Organization) -> list[Person]:
    return [m.person for m in Member.objects.filter(organization=branch)
            .select_related("person").order_by("id")]


def run_publicity(demo: DemoDistrict, campaign: Campaign) -> None:
    school, top, branches = demo.schools[0]
    office = hand_office(top)
    teachers, students = branches[0], branches[3]
    writer, student_writer = secretary_of(teachers), secretary_of(students)
    with on_day(day_of(campaign, 15), hour=17):
        ethics = activities.record_activity(
            actor=writer, campaign=campaign, organization=teachers, theme="teachers_ethics",
            title="“学高为师、德高为范”师德承诺践诺活动", held_on=day_of(campaign, 15),
            place="学校报告厅",
            description="支部全体党员向学生和家长公开师德承诺，签名承诺不搞有偿家教、"
                        "不收受家长礼品，承诺书在校务公开栏张贴，接受监督。",
            participants=people_of(teachers), photos=[photo("承诺签名", 0), photo("宣誓", 1)],
            caption="党员教师签名承诺", for_publication=True)
    with on_day(day_of(campaign, 22), hour=17):
        everyone = list(Person.objects.filter(school=school).order_by("id")[:80])
        activities.record_activity(
            actor=office, campaign=campaign, organization=top, theme="school_ethos",
            title="规范办学行为、校园安全专项检查", held_on=day_of(campaign, 22),
            place="全校各年级",
            description="党员干部带队检查收费公示、作业量和校园安全隐患，"
                        "现场整改门卫登记和实验室药品管理等问题。",
            participants=everyone, photos=[photo("安全检查", 2)], caption="检查实验室",
            for_publication=True)
    with on_day(day_of(campaign, 35), hour=17):
        helping = activities.record_activity(
            actor=student_writer, campaign=campaign, organization=students,
            theme="qualified_students", title="学生党员“一帮一”学习互助",
            held_on=day_of(campaign, 35), place="高三年级各班",
            description="每名学生党员结对帮助一至两名学习有困难的同学，每周交流一次。",
            participants=people_of(students), photos=[photo("互助", 3)],
            caption="学生党员与结对同学", for_publication=True)
    exemplar = nominate_and_approve(campaign, teachers, writer, office)
    with on_day(day_of(campaign, 40), hour=16):
        first = news.write_news(
            actor=writer, campaign=campaign, organization=teachers, activity=ethics,
            title="语文教研组党支部开展师德承诺践诺活动",
            body="近日，语文教研组党支部组织全体党员教师向学生和家长公开作出师德承诺。"
                 "党员们表示，要在“学高为师、德高为范”上作表率，承诺书已在校务公开栏"
                 "张贴，欢迎师生和家长监督。")
        news.submit_news(actor=writer, item=first)
    with on_day(day_of(campaign, 41), hour=9):
        news.publish_news(actor=office, item=first)
    with on_day(day_of(campaign, 42), hour=16):
        second = news.write_news(
            actor=writer, campaign=campaign, organization=teachers, exemplar=exemplar,
            title=f"身边的榜样：{exemplar.person.name}同志",
            body=f"{exemplar.person.name}同志{exemplar.deeds}")
        news.submit_news(actor=writer, item=second)
    with on_day(day_of(campaign, 43), hour=9):
        news.publish_news(actor=office, item=second)
    with on_day(day_of(campaign, 62), hour=16):
        waiting = news.write_news(
            actor=student_writer, campaign=campaign, organization=students, activity=helping,
            title="学生党员“一帮一”结对互助见成效",
            body="学生党支部开展“一帮一”学习互助一个月来，结对同学的作业完成率和单元测试"
                 "成绩明显提高。支部将把这一做法坚持下去，带动更多同学共同进步。")
        news.submit_news(actor=student_writer, item=waiting)


def nominate_and_approve(campaign: Campaign, branch: Organization, secretary, office
                         ) -> Exemplar:
    """The branch's secretary puts forward a teacher (not a school leader), the office
    approves and publishes."""
    person = next(p for p in people_of(branch)[4:] if p.user_id != secretary.pk)
    with on_day(day_of(campaign, 38), hour=16):
        exemplar = exemplars.nominate_exemplar(
            actor=secretary, campaign=campaign, organization=branch, person=person,
            deeds="担任高三班主任十二年，坚持每天早到晚走，义务为学习困难学生补课从不收费；"
                  "在分析评议中主动查找不足，带头整改，深受学生和家长好评。")
    with on_day(day_of(campaign, 39), hour=10):
        exemplars.decide_exemplar(actor=office, exemplar=exemplar, approve=True)
        exemplars.publish_exemplar(actor=office, exemplar=exemplar)
    return Exemplar.objects.select_related("person", "organization").get(pk=exemplar.pk)


def waiting_news() -> NewsItem | None:
    return NewsItem.objects.filter(status=NewsItem.Status.SUBMITTED).order_by("id").first()

