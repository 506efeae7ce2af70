"""The daily digest: one message per person and day with all their undigested
notifications, nothing sent twice or when there is nothing; each person's channel choice
respected; the preferences page; a deployment's own channel plugs in by setting."""

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings

from vanguard.access.models import AuditEntry
from vanguard.campaigns import channels
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Digest, Notification, NotificationPreference
from vanguard.campaigns.services.digest import send_digests, set_preferences
from vanguard.campaigns.tasks import send_digests as send_digests_task
from vanguard.core import clock


@pytest.fixture
def people(district):
    member, secretary = district.users["member"], district.users["secretary"]
    member.email, secretary.email = "member@example.edu.cn", "secretary@example.edu.cn"
    member.save()
    secretary.save()
    return member.person, secretary.person


def notify(person, text, url="/campaigns/tasks/"):
    return Notification.objects.create(person=person, text=text, url=url)


def run(capture, **kwargs):
    with capture(execute=True):
        return send_digests(**kwargs)


def test_one_mail_per_person_per_day_with_all_their_notifications(
        people, django_capture_on_commit_callbacks):
    member, secretary = people
    notify(member, "你的心得体会被退回")
    notify(member, "动员大会明天召开")
    notify(secretary, "支部有3项任务逾期")
    assert run(django_capture_on_commit_callbacks) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"member@example.edu.cn", "secretary@example.edu.cn"}
    body = by_address["member@example.edu.cn"].body
    assert "你的心得体会被退回" in body and "动员大会明天召开" in body
    assert "支部有3项任务逾期" not in body
    assert "逾期" in by_address["secretary@example.edu.cn"].body
    assert not Notification.objects.filter(digested_at__isnull=True).exists()
    assert Digest.objects.get(person=member).notification_count == 2


def test_nothing_is_sent_twice_and_a_second_run_the_same_day_sends_nothing(
        people, django_capture_on_commit_callbacks):
    member, _secretary = people
    notify(member, "第一条")
    run(django_capture_on_commit_callbacks)
    notify(member, "第二条")
    assert run(django_capture_on_commit_callbacks) == 0  # one digest a day
    assert len(mail.outbox) == 1
    tomorrow = clock.today() + dt.timedelta(days=1)
    assert run(django_capture_on_commit_callbacks, today=tomorrow) == 1
    assert "第二条" in mail.outbox[1].body and "第一条" not in mail.outbox[1].body


def test_nothing_is_sent_when_there_is_nothing_new(people, django_capture_on_commit_callbacks):
    assert run(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == [] and not Digest.objects.exists()


def test_email_turned_off_sends_no_mail_but_the_notifications_stay_in_the_app(
        people, django_capture_on_commit_callbacks):
    member, secretary = people
    set_preferences(actor=member.user, enabled={"email": False})
    notify(member, "给党员的通知")
    notify(secretary, "给书记的通知")
    run(django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["secretary@example.edu.cn"]]
    assert Notification.objects.filter(person=member, read_at__isnull=True).count() == 1
    # Turned on again later: the old news is not mailed after the fact.
    set_preferences(actor=member.user, enabled={"email": True})
    run(django_capture_on_commit_callbacks, today=clock.today() + dt.timedelta(days=1))
    assert len(mail.outbox) == 1


def test_a_person_without_an_address_gets_no_mail(district, django_capture_on_commit_callbacks):
    notify(district.users["leader"].person, "通知")
    assert run(django_capture_on_commit_callbacks) == 1
    assert mail.outbox == []
    assert Digest.objects.get().channels == ""


def test_the_celery_task_sends_the_digest(people, django_capture_on_commit_callbacks):
    notify(people[0], "任务提醒")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests_task.delay().get() == 1
    assert len(mail.outbox) == 1


class RecordingChannel(channels.Channel):
    key, label, default_on = "recording", "Recorder", True
    sent: list = []

    def address(self, person):
        return f"wx-{person.pk}"

    def send(self, person, address, subject, body):
        self.sent.append((address, body))


@override_settings(VANGUARD_NOTIFICATION_CHANNELS=[
    "vanguard.campaigns.channels.EmailChannel",
    "tests.campaigns.test_digest.RecordingChannel"])
def test_a_deployment_adds_its_own_channel_by_setting(people,
                                                      django_capture_on_commit_callbacks):
    RecordingChannel.sent.clear()
    member, _secretary = people
    notify(member, "网关通知")
    run(django_capture_on_commit_callbacks)
    assert RecordingChannel.sent == [(f"wx-{member.pk}", RecordingChannel.sent[0][1])]
    assert "网关通知" in RecordingChannel.sent[0][1]
    assert Digest.objects.get().channels == "email,recording"


def test_the_gateway_template_is_a_channel_and_not_enabled_by_default():
    assert issubclass(channels.GatewayChannelTemplate, channels.Channel)
    assert [c.key for c in channels.channels()] == ["email"]


def test_unknown_channels_and_people_without_a_person_are_refused(district):
    with pytest.raises(CampaignError, match="Unknown notification channel"):
        set_preferences(actor=district.users["member"], enabled={"fax": True})
    with pytest.raises(CampaignError, match="Only a person"):
        set_preferences(actor=district.users["office"], enabled={"email": False})
    assert not NotificationPreference.objects.exists()


def test_the_preferences_page_saves_the_persons_choice(client, people):
    member, _secretary = people
    client.force_login(member.user)
    page = client.get("/campaigns/notifications/preferences/").content.decode()
    assert "member@example.edu.cn" in page and "always on" in page
    response = client.post("/campaigns/notifications/preferences/", {})  # box unticked
    assert response.status_code == 302
    assert NotificationPreference.objects.get(person=member).enabled is False
    assert AuditEntry.objects.filter(action="campaigns.notification_preferences.set").exists()
    client.post("/campaigns/notifications/preferences/", {"channel-email": "on"})
    assert NotificationPreference.objects.get(person=member).enabled is True


def test_the_preferences_page_is_refused_to_users_without_a_person(client, district):
    client.force_login(district.users["supervisor"])
    assert client.get("/campaigns/notifications/preferences/").status_code == 403
    assert client.post("/campaigns/notifications/preferences/", {}).status_code == 403
    assert not NotificationPreference.objects.exists()


def test_the_digest_costs_a_fixed_number_of_queries(district, django_assert_max_num_queries,
                                                    django_capture_on_commit_callbacks):
    for person in district.schools[0].members + district.schools[1].members:
        notify(person, "通知一")
        notify(person, "通知二")
    with django_assert_max_num_queries(10):
        assert run(django_capture_on_commit_callbacks) == 12
