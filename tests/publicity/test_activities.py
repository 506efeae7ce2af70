"""Themed practice activities: themes come from the campaign's frozen template; an unknown
theme, a participant from elsewhere, a future date or a photo that is not really a JPEG/PNG
is refused with nothing written; who may record, and who may see the photos."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.builders import make_member
from tests.publicity.support import JPEG, PNG, record, s1, stored_files, upload
from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Campaign
from vanguard.core import clock
from vanguard.publicity import themes
from vanguard.publicity.errors import PublicityError
from vanguard.publicity.models import Photo, PracticeActivity

pytestmark = pytest.mark.django_db


def counts():
    return PracticeActivity.objects.count(), Photo.objects.count()


def test_themes_are_read_from_the_campaign_template(launched):
    assert [t.key for t in themes.themes_of(launched)] == [
        "school_ethos", "teachers_ethics", "qualified_students"]
    assert themes.theme_names(launched)["teachers_ethics"] == "加强师德建设"


def test_themes_follow_the_frozen_source_not_the_template_row(launched):
    source = launched.template_source.replace("key: teachers_ethics", "key: ethics_of_staff")
    Campaign.objects.filter(pk=launched.pk).update(template_source=source)
    launched.refresh_from_db()
    assert "ethics_of_staff" in themes.theme_names(launched)
    assert "teachers_ethics" not in themes.theme_names(launched)


def test_office_records_an_activity_with_participants_and_photos(launched, district, settings):
    activity = record(launched, district, photos=[upload("a.jpg", JPEG), upload("b.png", PNG)],
                      place="礼堂")
    assert activity.theme == "school_ethos"
    assert activity.participants.count() == 2
    types = sorted(activity.photos.values_list("content_type", flat=True))
    assert types == ["image/jpeg", "image/png"]
    assert all(p.file.path.startswith(str(settings.MEDIA_ROOT)) for p in activity.photos.all())
    assert AuditEntry.objects.filter(action="publicity.activity.recorded",
                                     target_id=str(activity.pk)).exists()


def test_unknown_theme_is_refused_and_nothing_written(launched, district):
    before = counts()
    with pytest.raises(PublicityError) as exc:
        record(launched, district, theme="sports_day", photos=[upload()])
    assert exc.value.code == "theme"
    assert counts() == before


def test_fake_jpeg_is_refused_and_nothing_stored(launched, district, settings):
    before = counts()
    with pytest.raises(PublicityError) as exc:
        record(launched, district, photos=[upload("a.jpg", JPEG),
                                           upload("photo.jpg", b"just some text, not a photo")])
    assert exc.value.code == "photo_type"
    assert counts() == before
    assert stored_files(settings.MEDIA_ROOT) == []


def test_photo_size_cap_comes_from_the_setting(launched, district, settings):
    settings.PUBLICITY_PHOTO_MAX_BYTES = 50
    activity = record(launched, district)
    with pytest.raises(PublicityError) as exc:
        from vanguard.publicity.services import activities
        activities.add_photo(actor=district.users["office"], activity=activity,
                             upload=upload("big.jpg", JPEG))
    assert exc.value.code == "photo_size"
    assert activity.photos.count() == 0
    assert stored_files(settings.MEDIA_ROOT) == []


def test_participant_from_another_school_is_refused(launched, district):
    before = counts()
    with pytest.raises(PublicityError) as exc:
        record(launched, district, participants=[district.schools[-1].members[0]])
    assert exc.value.code == "participants"
    assert counts() == before


def test_branch_participants_are_the_branch_members(launched, district):
    school = s1(district)
    with pytest.raises(PublicityError):
        record(launched, district, user="secretary", organization=school.branches[-1],
               participants=[school.members[0]])  # a member of branch 1
    activity = record(launched, district, user="secretary", organization=school.branches[-1],
                      participants=school.members[3:5])
    assert activity.participants.count() == 2


def test_future_date_is_refused(launched, district):
    with pytest.raises(PublicityError) as exc:
        record(launched, district, held_on=clock.today() + dt.timedelta(days=1))
    assert exc.value.code == "date"
    assert PracticeActivity.objects.count() == 0


@pytest.mark.parametrize("user", ["supervisor", "leader", "other_office", "member",
                                  "other_secretary"])
def test_who_does_not_run_the_school_cannot_record(launched, district, user):
    with pytest.raises(PublicityError) as exc:
        record(launched, district, user=user)
    assert exc.value.code == "forbidden"
    assert PracticeActivity.objects.count() == 0


def test_record_page_posts_an_activity_with_a_photo(launched, district, client):
    school = s1(district)
    client.force_login(district.users["office"])
    url = reverse("publicity:activity_add", args=[launched.pk])
    page = client.get(url, {"org": school.committee.code})
    assert page.status_code == 200
    assert school.members[0].name in page.content.decode()
    response = client.post(url, {
        "org": school.committee.code, "theme": "teachers_ethics", "title": "师德讲座",
        "held_on": clock.today().isoformat(), "participants": [school.members[0].pk],
        "photos": [upload("x.jpg", JPEG)], "for_publication": "on"})
    activity = PracticeActivity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("publicity:activity", args=[activity.pk])
    assert activity.photos.get().for_publication


def test_record_page_shows_the_refusal_of_a_fake_photo(launched, district, client):
    school = s1(district)
    client.force_login(district.users["office"])
    response = client.post(reverse("publicity:activity_add", args=[launched.pk]), {
        "org": school.committee.code, "theme": "teachers_ethics", "title": "师德讲座",
        "held_on": clock.today().isoformat(), "photos": [upload("x.jpg", b"hello")]})
    assert response.status_code == 200
    assert "must be a JPEG or PNG" in response.content.decode()
    assert counts() == (0, 0)


def test_list_counts_activities_per_theme(launched, district, client):
    record(launched, district)
    record(launched, district, title="第二次")
    record(launched, district, theme="qualified_students")
    client.force_login(district.users["leader"])
    page = client.get(reverse("publicity:activities", args=[launched.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count('data-testid="activity-row"') == 3
    filtered = client.get(reverse("publicity:activities", args=[launched.pk]),
                          {"theme": "qualified_students"})
    assert filtered.content.decode().count('data-testid="activity-row"') == 1
    assert {t.key: n for t, n in filtered.context["themes"]} == {
        "school_ethos": 2, "teachers_ethics": 0, "qualified_students": 1}


def test_other_school_sees_neither_the_activity_nor_its_photo(launched, district, client):
    activity = record(launched, district, photos=[upload()])
    photo = activity.photos.get()
    client.force_login(district.users["other_office"])
    assert client.get(reverse("publicity:activity", args=[activity.pk])).status_code == 404
    assert client.get(reverse("publicity:photo", args=[photo.pk])).status_code == 404
    listing = client.get(reverse("publicity:activities", args=[launched.pk]))
    assert 'data-testid="activity-row"' not in listing.content.decode()


def test_reader_gets_the_photo_bytes(launched, district, client):
    activity = record(launched, district, photos=[upload()])
    client.force_login(district.users["supervisor"])
    response = client.get(reverse("publicity:photo", args=[activity.photos.get().pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == JPEG


def test_member_of_another_organization_cannot_be_a_participant_by_form(launched, district):
    outsider = make_member("外校党员", district.schools[-1].branches[0])
    with pytest.raises(PublicityError):
        record(launched, district, user="secretary", organization=s1(district).branches[-1],
               participants=[outsider])
