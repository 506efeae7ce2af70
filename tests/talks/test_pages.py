"""The talks pages: my talks, recording for someone, confirming, coverage, the task panel."""

import datetime as dt

import pytest
from django.urls import reverse

from vanguard.access.models import AuditEntry
from vanguard.core import clock
from vanguard.talks.models import MAX_SUMMARY, Talk, TalkPair
from vanguard.talks.services import talks


@pytest.fixture
def campaign(review_open):
    return review_open.campaign


def form(partner, **extra):
    return {"partner": partner.pk, "held_on": clock.today().isoformat(), "place": "党员活动室",
            "summary": "交流思想。", **extra}


def login(client, district, name):
    client.force_login(district.users[name])
    return client


def test_my_talks_lists_required_partners_with_their_state(client, district, campaign):
    page = login(client, district, "secretary").get(reverse("talks:my_talks",
                                                            args=[campaign.pk]))
    text = page.content.decode()
    m = district.schools[0].members
    assert page.status_code == 200
    assert m[4].name in text and m[5].name in text and "0/2" in text
    assert "no account: a talk counts once recorded" in text  # members[4] has none


def test_member_records_a_talk_and_the_other_confirms_it(client, district, campaign):
    m = district.schools[0].members
    url = reverse("talks:my_talks", args=[campaign.pk])
    done = login(client, district, "member").post(url, form(m[3]), follow=True)
    assert "It counts once" in done.content.decode()
    talk = Talk.objects.get()
    page = login(client, district, "secretary").get(url)
    assert reverse("talks:confirm", args=[talk.pk]) in page.content.decode()
    confirmed = client.post(reverse("talks:confirm", args=[talk.pk]), follow=True)
    assert "Confirmed: the talk counts." in confirmed.content.decode()
    again = client.post(reverse("talks:confirm", args=[talk.pk]), follow=True)
    assert "This talk is already confirmed." in again.content.decode()
    assert TalkPair.objects.get(talk=talk).state == TalkPair.State.DONE


@pytest.mark.parametrize("change, message", [
    ({"summary": ""}, "Write a short summary of the talk."),
    ({"summary": "谈" * (MAX_SUMMARY + 1)}, f"at most {MAX_SUMMARY} characters"),
    ({"place": ""}, "Give the place of the talk."),
    ({"held_on": "2020-01-01"}, "inside the phase"),
    ({"held_on": (clock.today() + dt.timedelta(days=1)).isoformat()}, "future"),
    ({"held_on": "not a date"}, "Give a date like"),
])
def test_bad_talk_form_shows_a_message_and_writes_nothing(client, district, campaign, change,
                                                           message):
    m = district.schools[0].members
    login(client, district, "member")
    audit = AuditEntry.objects.count()
    page = client.post(reverse("talks:my_talks", args=[campaign.pk]), form(m[3], **change))
    assert page.status_code == 200
    assert message in page.content.decode()
    assert not Talk.objects.exists() and AuditEntry.objects.count() == audit


def test_partner_of_another_school_is_not_a_choice(client, district, campaign):
    other = district.schools[1].members[0]
    page = login(client, district, "member").post(
        reverse("talks:my_talks", args=[campaign.pk]), form(other))
    assert "Choose someone of your school." in page.content.decode()
    assert not Talk.objects.exists()


def test_recorder_withdraws_from_the_page(client, district, campaign):
    m = district.schools[0].members
    talk = talks.record_talk(actor=district.users["member"], campaign=campaign, partner=m[3],
                             held_on=clock.today(), place="活动室", summary="谈心。")
    done = login(client, district, "member").post(
        reverse("talks:withdraw", args=[talk.pk]), follow=True)
    assert "The talk is withdrawn." in done.content.decode()
    assert not Talk.objects.exists()


def test_office_records_for_someone_without_an_account(client, district, campaign):
    m = district.schools[0].members
    url = reverse("talks:record_for", args=[campaign.pk]) + "?org=S1-C"
    data = {**form(m[1]), "party": m[0].pk}
    done = login(client, district, "office").post(url, data, follow=True)
    assert "It counts once" in done.content.decode()
    talk = Talk.objects.get()
    assert (talk.recorded_by, talk.entered_by) == (m[0], district.users["office"])


def test_secretary_cannot_record_for_a_member_of_another_branch(client, district, campaign):
    m = district.schools[0].members
    url = reverse("talks:record_for", args=[campaign.pk]) + "?org=S1-B2"
    page = login(client, district, "secretary").post(url, {**form(m[1]), "party": m[0].pk})
    assert "Choose someone of a unit you run." in page.content.decode()
    assert not Talk.objects.exists()


def test_school_coverage_lists_missing_pairs_by_name_and_rolls_up_per_branch(
        client, district, campaign):
    m = district.schools[0].members
    talks.record_talk(actor=district.users["secretary"], campaign=campaign, partner=m[4],
                      held_on=clock.today(), place="活动室", summary="谈心。")
    page = login(client, district, "office").get(
        reverse("talks:coverage", args=[campaign.pk]) + "?org=S1-C&state=missing")
    text = page.content.decode()
    assert page.status_code == 200
    assert f"{m[0].name} · {m[1].name}" in text and f"{m[3].name} · {m[5].name}" in text
    assert f"{m[3].name} · {m[4].name}" not in text  # done, filtered out
    rows = page.context["children"]
    assert [(r.code, r.cells, r.percent) for r in rows] == [
        ("S1-B1", [0, 0, 0], None),  # its secretary has no person: no pairs, listed anyway
        ("S1-B2", [1, 0, 1], 50), ("", [0, 0, 1], 0)]  # the team pair sits at S1-C itself
    assert page.context["refresh_step"] is not None


def test_district_coverage_shows_percent_per_school_without_names(client, district, campaign):
    page = login(client, district, "district_office").get(
        reverse("talks:coverage", args=[campaign.pk]) + "?org=D")
    assert page.status_code == 200 and page.context["page"] is None
    assert [(r.code, r.percent) for r in page.context["children"]] == [("S1-C", 0),
                                                                       ("S2-C", 0)]


def test_secretary_reads_only_their_branch_coverage(client, district, campaign):
    login(client, district, "secretary")
    url = reverse("talks:coverage", args=[campaign.pk])
    assert client.get(url + "?org=S1-B2").status_code == 200
    assert client.get(url + "?org=S1-C").status_code == 404
    assert client.get(url + "?org=S1-B1").status_code == 404


def test_office_refreshes_from_the_coverage_page(client, district, campaign, review_open):
    step = review_open.activities.get(kind="talks.talks")
    done = login(client, district, "office").post(reverse("talks:refresh", args=[step.pk]),
                                                 follow=True)
    assert "The pairs follow the roster again." in done.content.decode()
    assert login(client, district, "secretary").post(
        reverse("talks:refresh", args=[step.pk])).status_code == 404


def test_task_panel_shows_counts_and_link(client, district, campaign):
    page = login(client, district, "member").get(reverse("campaigns:my_tasks"))
    text = page.content.decode()
    assert "required talks done: 0 of 1" in text
    assert reverse("talks:my_talks", args=[campaign.pk]) in text


def test_recorder_sees_whose_confirmation_the_pair_waits_for(client, district, campaign):
    m = district.schools[0].members
    talks.record_talk(actor=district.users["member"], campaign=campaign, partner=m[3],
                      held_on=clock.today(), place="活动室", summary="谈心。")
    page = login(client, district, "member").get(reverse("talks:my_talks", args=[campaign.pk]))
    assert f"waiting for {m[3].name} to confirm" in page.content.decode()
    tasks = login(client, district, "secretary").get(reverse("campaigns:my_tasks"))
    assert "1 talk waits for your confirmation" in tasks.content.decode()


def test_someone_outside_the_talk_and_its_unit_gets_404(client, district, campaign):
    m = district.schools[0].members
    talk = talks.record_talk(actor=district.users["member"], campaign=campaign, partner=m[3],
                             held_on=clock.today(), place="活动室", summary="谈心。")
    for name in ("other_office", "other_secretary", "leader"):
        # The leader reads the school's coverage: they reach the talk but may not confirm it.
        answer = login(client, district, name).post(reverse("talks:confirm", args=[talk.pk]),
                                                    follow=True)
        if name == "leader":
            assert "Only the other party" in answer.content.decode()
        else:
            assert answer.status_code == 404
    assert Talk.objects.get().confirmed_at is None
