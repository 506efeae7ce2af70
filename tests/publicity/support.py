"""Helpers of the publicity tests: photo bytes, and an activity, exemplar and news item of
school S1 recorded the way the services do it."""

from django.core.files.uploadedfile import SimpleUploadedFile

from vanguard.core import clock
from vanguard.publicity.services import activities, exemplars, news

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(name="photo.jpg", content=JPEG):
    return SimpleUploadedFile(name, content)


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def s1(district):
    return district.schools[0]


def record(launched, district, *, user="office", organization=None, theme="school_ethos",
           photos=(), for_publication=True, **kwargs):
    school = s1(district)
    return activities.record_activity(
        actor=district.users[user], campaign=launched,
        organization=organization or school.committee, theme=theme,
        title=kwargs.pop("title", "校风建设主题活动"), held_on=kwargs.pop("held_on", clock.today()),
        participants=kwargs.pop("participants", school.members[:2]), photos=photos,
        for_publication=for_publication, **kwargs)


def nominate(launched, district, *, user="secretary", person=None):
    school = s1(district)
    return exemplars.nominate_exemplar(
        actor=district.users[user], campaign=launched, organization=school.branches[-1],
        person=person or school.members[4], deeds="教书育人，爱岗敬业。")


def approved_exemplar(launched, district):
    exemplar = nominate(launched, district)
    return exemplars.decide_exemplar(actor=district.users["office"], exemplar=exemplar,
                                     approve=True)


def draft(launched, district, *, user="secretary", organization=None, title="支部开展主题活动",
          **links):
    return news.write_news(actor=district.users[user], campaign=launched,
                           organization=organization or s1(district).branches[-1],
                           title=title, body="第一段。\n\n第二段。", **links)


def published(launched, district, **kwargs):
    item = draft(launched, district, **kwargs)
    news.submit_news(actor=district.users[kwargs.get("user", "secretary")], item=item)
    return news.publish_news(actor=district.users["office"], item=item)
