"""Intake pages: the public form and receipts without login, the user's own form, the staff
pages; double submission, bad input and the session left alone."""

import io
import re

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from docx import Document

from tests.opinions.intake_world import TEXT, member_token, s1_intake
from vanguard.core import clock
from vanguard.opinions.models import MAX_TEXT, Channel, Opinion, Symposium
from vanguard.opinions.services import intake as services

pytestmark = pytest.mark.django_db
CODE = re.compile(r"\d{4} \d{4} \d{4} \d{4} \d{4}")


@pytest.fixture
def intake(review_open):
    return s1_intake(review_open)


def nonce_of(response) -> str:
    return re.search(r'name="nonce" value="([^"]+)"', response.content.decode()).group(1)


def opinion_post(response, district, **changes) -> dict:
    return {"nonce": nonce_of(response), "subject": member_token(district),
            "category": "work", "source_group": "parent", "text": TEXT, **changes}


def public_url(intake):
    return reverse("opinions:public_form", args=[intake.form_key])


def test_the_public_form_is_a_phone_page_with_the_schools_subjects(intake, client):
    response = client.get(public_url(intake))
    page = response.content.decode()
    assert response.status_code == 200
    assert str(intake.organization) in page and "<optgroup" in page
    assert 'data-count-max="2000"' in page and "opinions/intake.js" in page
    assert "<script>" not in page  # the CSP forbids inline scripts


def test_sending_the_public_form_shows_the_receipt_code_once(intake, district, client):
    form = client.get(public_url(intake))
    response = client.post(public_url(intake), opinion_post(form, district))
    page = response.content.decode()
    code = CODE.search(page).group(0)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "I have written down or saved my receipt code" in page and "data-continue" in page
    assert "opinions/intake.js" in page and "<script>" not in page  # copy, tick, warn
    opinion = Opinion.objects.get()
    assert (opinion.channel, opinion.anonymous) == (Channel.FORM, True)
    lookup = client.post(reverse("opinions:receipt"), {"code": code})
    assert "has not sorted it yet" in lookup.content.decode()


def test_a_form_sent_twice_is_saved_once(intake, district, client):
    form = client.get(public_url(intake))
    data = opinion_post(form, district)
    client.post(public_url(intake), data)
    second = client.post(public_url(intake), data)
    assert "This form was already sent" in second.content.decode()
    assert Opinion.objects.count() == 1


def test_a_forged_nonce_is_refused(intake, district, client):
    form = client.get(public_url(intake))
    response = client.post(public_url(intake), opinion_post(form, district, nonce="made-up"))
    assert "This form was already sent" in response.content.decode()
    assert not Opinion.objects.exists()


@pytest.mark.parametrize("changes, message", [
    ({"text": "  "}, "the text is empty"),
    ({"text": "长" * (MAX_TEXT + 1)}, "too long"),
    ({"subject": "member:999999"}, "from this school"),
    ({"category": "gossip"}, "Choose a category"),
])
def test_bad_input_on_the_public_form_is_explained_and_nothing_saved(intake, district, client,
                                                                    changes, message):
    form = client.get(public_url(intake))
    response = client.post(public_url(intake), opinion_post(form, district, **changes))
    assert message in response.content.decode()
    assert not Opinion.objects.exists()


def test_a_subject_of_another_school_is_refused_on_the_public_form(intake, district, client):
    form = client.get(public_url(intake))
    outsider = f"member:{district.schools[-1].members[0].pk}"
    response = client.post(public_url(intake), opinion_post(form, district, subject=outsider))
    assert "from this school" in response.content.decode()
    assert not Opinion.objects.exists()


def test_a_closed_intake_shows_a_clear_page(intake, district, client):
    services.set_intake_open(actor=district.users["office"], intake=intake, is_open=False)
    response = client.get(public_url(intake))
    assert 'data-testid="intake-closed"' in response.content.decode()
    assert "takes no new opinions" in response.content.decode()


def test_an_unknown_form_key_is_not_found(intake, client):
    assert client.get(reverse("opinions:public_form", args=["nope"])).status_code == 404


def test_a_wrong_code_gets_the_same_page_as_an_unknown_one(intake, district, client):
    given = services.submit_public_opinion(intake=intake, subject=member_token(district),
                                           category="work", text=TEXT, source_group="parent")
    wrong = given.receipt[:-1] + ("1" if given.receipt[-1] == "0" else "0")
    pages = [client.post(reverse("opinions:receipt"), {"code": code}).content.decode()
             for code in (wrong, "00000000000000000000")]
    assert all("There is no opinion with this receipt code" in p for p in pages)
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|value="\d+"')
    assert strip.sub("", pages[0]) == strip.sub("", pages[1])


def test_guessing_receipts_is_rate_limited(intake, client, settings):
    settings.RECEIPT_LOOKUP_LIMIT = 2
    codes = [client.post(reverse("opinions:receipt"), {"code": "1" * 20},
                         REMOTE_ADDR="198.51.100.5").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_the_public_pages_do_not_save_a_logged_in_users_session(intake, district, client):
    client.force_login(district.users["member"])
    key = client.session.session_key
    Session.objects.filter(pk=key).update(expire_date=clock.now().replace(year=2099))
    before = Session.objects.get(pk=key).expire_date
    form = client.get(public_url(intake))
    client.post(public_url(intake), opinion_post(form, district))
    client.post(reverse("opinions:receipt"), {"code": "1" * 20})
    assert Session.objects.get(pk=key).expire_date == before


def give_url(intake):
    return reverse("opinions:give", args=[intake.campaign_id])


def test_a_named_opinion_on_the_users_form_keeps_the_name(intake, district, client):
    member = district.users["member"]
    client.force_login(member)
    form = client.get(give_url(intake))
    assert "only the campaign office sees my name" in form.content.decode()
    response = client.post(give_url(intake), {**opinion_post(form, district),
                                              "anonymity": "named"})
    assert response.status_code == 302
    assert Opinion.objects.get().giver == member.person


def test_an_anonymous_opinion_on_the_users_form_shows_the_receipt_and_keeps_the_session(
        intake, district, client):
    client.force_login(district.users["member"])
    key = client.session.session_key
    form = client.get(give_url(intake))
    before = Session.objects.get(pk=key).expire_date
    response = client.post(give_url(intake), {**opinion_post(form, district),
                                               "anonymity": "anonymous"})
    assert CODE.search(response.content.decode())
    assert Session.objects.get(pk=key).expire_date == before
    assert Opinion.objects.get().giver is None


def test_the_user_must_choose_named_or_anonymous(intake, district, client):
    client.force_login(district.users["member"])
    form = client.get(give_url(intake))
    response = client.post(give_url(intake), opinion_post(form, district))
    assert "Choose whether to give it anonymously" in response.content.decode()
    assert not Opinion.objects.exists()


def entry_post(response, district, **changes):
    return {**opinion_post(response, district), "channel": "box",
            "received_on": clock.today().isoformat(), "anonymous": "on", **changes}


def test_the_office_types_in_a_slip_and_stays_on_the_page(intake, district, client):
    client.force_login(district.users["office"])
    url = reverse("opinions:enter", args=[intake.pk])
    page = client.get(url)
    response = client.post(url, entry_post(page, district))
    assert response.status_code == 302 and "channel=box" in response["Location"]
    opinion = Opinion.objects.get()
    assert (opinion.on_paper, opinion.entered_by) == (True, district.users["office"])


def test_a_date_outside_the_phase_is_explained_on_the_entry_page(intake, district, client):
    client.force_login(district.users["secretary"])
    url = reverse("opinions:enter", args=[intake.pk])
    page = client.get(url)
    response = client.post(url, entry_post(page, district, received_on="2001-01-01"))
    assert "must fall between" in response.content.decode()
    assert not Opinion.objects.exists()


def test_a_secretary_records_a_symposium_then_enters_what_was_said(intake, district, client):
    client.force_login(district.users["secretary"])
    branch = district.schools[0].branches[-1]
    url = reverse("opinions:symposia", args=[intake.pk])
    page = client.get(url).content.decode()
    assert f'value="{branch.pk}"' in page and f'value="{intake.organization_id}"' not in page
    response = client.post(url, {"organization": branch.pk,
                                 "held_on": clock.today().isoformat(), "attendance": 9,
                                 "attendees": "9名教师"})
    symposium = Symposium.objects.get()
    assert response["Location"].endswith(f"?symposium={symposium.pk}")
    enter_url = reverse("opinions:enter", args=[intake.pk])
    page = client.get(response["Location"])
    client.post(enter_url, entry_post(page, district, channel="symposium",
                                      symposium=symposium.pk, received_on=""))
    assert Opinion.objects.get().symposium == symposium


def test_the_second_check_queue_hides_ones_own_entries_and_confirms_others(intake, district,
                                                                           client):
    office, secretary = district.users["office"], district.users["secretary"]
    services.set_second_check(actor=office, intake=intake, on=True)
    own = services.enter_opinion(actor=office, intake=intake, channel="box",
                                 received_on=clock.today(), subject="team", category="work",
                                 text="自己录入的意见", source_group="staff")
    theirs = services.enter_opinion(actor=secretary, intake=intake, channel="box",
                                    received_on=clock.today(), subject="team", category="work",
                                    text="支部书记录入的意见", source_group="staff")
    client.force_login(office)
    page = client.get(reverse("opinions:unconfirmed", args=[intake.pk])).content.decode()
    assert "支部书记录入的意见" in page and "自己录入的意见" not in page
    client.post(reverse("opinions:confirm", args=[intake.pk, theirs.pk]))
    refused = client.post(reverse("opinions:confirm", args=[intake.pk, own.pk]), follow=True)
    assert "cannot also confirm it" in refused.content.decode()
    statuses = dict(Opinion.objects.values_list("text", "status"))
    assert statuses == {"自己录入的意见": "unconfirmed", "支部书记录入的意见": "received"}


def test_the_settings_page_shows_the_link_and_its_qr_code_and_toggles(intake, district,
                                                                       client):
    client.force_login(district.users["office"])
    url = reverse("opinions:intake", args=[intake.pk])
    page = client.get(url).content.decode()
    assert f"/opinions/public/{intake.form_key}/" in page and "<svg" in page
    client.post(reverse("opinions:intake_toggle", args=[intake.pk]),
                {"field": "second_check", "value": "on"})
    client.post(reverse("opinions:intake_toggle", args=[intake.pk]),
                {"field": "is_open", "value": "off"})
    intake.refresh_from_db()
    assert (intake.second_check, intake.is_open) == (True, False)


def test_the_printable_form_is_a_word_document_with_link_and_qr(intake, district, client):
    client.force_login(district.users["office"])
    response = client.get(reverse("opinions:intake_form_docx", args=[intake.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert str(intake.organization) in text and intake.form_key in text
    assert "☐ work" in text and "☐ retired cadre" in text
    assert len(doc.inline_shapes) == 1  # the QR code


def test_the_index_lists_the_intakes_the_viewer_runs(intake, district, client):
    client.force_login(district.users["secretary"])
    page = client.get(reverse("opinions:intake_index", args=[intake.campaign_id])).content.decode()
    assert reverse("opinions:enter", args=[intake.pk]) in page
    assert f'href="{reverse("opinions:intake", args=[intake.pk])}"' not in page
    client.force_login(district.users["leader"])
    page = client.get(reverse("opinions:intake_index", args=[intake.campaign_id])).content.decode()
    assert "You run no opinion intake" in page


def test_list_pages_cost_a_fixed_number_of_queries(intake, district, client,
                                                   django_assert_max_num_queries):
    office, secretary = district.users["office"], district.users["secretary"]
    services.set_second_check(actor=office, intake=intake, on=True)
    symposium = services.record_symposium(actor=office, intake=intake,
                                          organization=intake.organization,
                                          held_on=clock.today(), attendance=3, attendees="3人")
    for i in range(12):
        services.enter_opinion(actor=secretary, intake=intake, channel="box",
                               received_on=clock.today(), subject=member_token(district, i % 6),
                               category="work", text=f"意见{i}", source_group="staff")
        services.enter_opinion(actor=office, intake=intake, channel="symposium",
                               received_on=None, symposium=symposium, subject="team",
                               category="work", text=f"座谈{i}", source_group="staff")
    client.force_login(office)
    for name, args in (("opinions:unconfirmed", [intake.pk]), ("opinions:symposia", [intake.pk]),
                       ("opinions:intake_index", [intake.campaign_id]),
                       ("opinions:enter", [intake.pk])):
        with django_assert_max_num_queries(20):
            assert client.get(reverse(name, args=args)).status_code == 200
