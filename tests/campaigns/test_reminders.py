"""Reminders: one a day to each person behind, in the app; the daily digest mails it."""

import datetime as dt

from django.core import mail

from tests.builders import set_status
from vanguard.campaigns.models import Assignment, Notification
from vanguard.campaigns.services.digest import send_digests
from vanguard.campaigns.services.reminders import send_reminders


def test_people_with_tasks_due_soon_get_one_reminder_a_day(launched, district,
                                                           django_capture_on_commit_callbacks):
    member = district.users["member"]
    member.email = "member@example.edu.cn"
    member.save()
    soon = Assignment.objects.filter(activity__key="mobilization_meeting").first().due_on
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_reminders(today=soon)
    pending = Assignment.objects.filter(status="pending", required=True,
                                        activity__phase__state="open",
                                        due_on__lte=soon + dt.timedelta(3))
    assert sent == pending.values("person").distinct().count() > 0
    note = Notification.objects.get(person=member.person)
    assert "tasks are waiting" in note.text or "任务" in note.text
    assert mail.outbox == []  # no mail of its own: the daily digest carries it
    with django_capture_on_commit_callbacks(execute=True):
        send_digests(today=soon)
    assert [m.to for m in mail.outbox] == [["member@example.edu.cn"]]
    assert note.text in mail.outbox[0].body
    assert send_reminders(today=soon) == 0  # the same day again: nothing new


def test_nobody_is_reminded_of_a_phase_that_is_not_open(launched, district):
    set_status(Assignment.objects.filter(activity__phase__key="mobilize"), "done")
    send_reminders()
    assert not Notification.objects.exists()


def test_the_notifications_page_lists_and_marks_read(client, launched, district):
    send_reminders(today=Assignment.objects.first().due_on)
    client.force_login(district.users["member"])
    assert client.get("/campaigns/notifications/").status_code == 200
    client.post("/campaigns/notifications/read/")
    assert not Notification.objects.filter(person=district.users["member"].person,
                                           read_at__isnull=True).exists()
