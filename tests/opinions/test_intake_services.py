"""Intake services: every channel, named and anonymous, the two-person check, symposia, the
office's settings, and each bad input refused with nothing written."""

import datetime as dt

import pytest

from tests.opinions.intake_world import TEXT, fields, member_token, s1_intake
from vanguard.access.models import AuditEntry
from vanguard.core import clock
from vanguard.opinions import selectors
from vanguard.opinions.errors import OpinionError
from vanguard.opinions.models import MAX_TEXT, Channel, Opinion, Symposium
from vanguard.opinions.services import intake as services
from vanguard.opinions.services import receipts

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(review_open):
    return s1_intake(review_open)


@pytest.fixture
def office(district):
    return district.users["office"]


def test_a_named_web_opinion_keeps_the_giver_and_is_audited(intake, district):
    member = district.users["member"]
    given = services.submit_opinion(actor=member, intake=intake, anonymous=False,
                                    **fields(district))
    opinion = Opinion.objects.get(pk=given.opinion.pk)
    assert (opinion.giver, opinion.giver_name, opinion.anonymous) == (
        member.person, member.person.name, False)
    assert (opinion.channel, opinion.received_on, opinion.receipt_hash) == (
        Channel.WEB, clock.today(), None)
    assert given.receipt == ""
    assert AuditEntry.objects.filter(action="opinions.opinion.given",
                                     target_id=str(opinion.pk)).exists()


def test_an_anonymous_web_opinion_keeps_nothing_of_the_giver_and_returns_a_receipt(
        intake, district):
    member = district.users["member"]
    audits = AuditEntry.objects.count()
    given = services.submit_opinion(actor=member, intake=intake, anonymous=True,
                                    **fields(district))
    opinion = Opinion.objects.get(pk=given.opinion.pk)
    assert (opinion.giver, opinion.giver_name, opinion.entered_by, opinion.anonymous) == (
        None, "", None, True)
    assert opinion.receipt_hash == receipts.hash_code(given.receipt)
    assert AuditEntry.objects.count() == audits


def test_the_public_form_gives_an_anonymous_form_channel_opinion(intake, district):
    given = services.submit_public_opinion(intake=intake, **fields(district))
    opinion = Opinion.objects.get(pk=given.opinion.pk)
    assert (opinion.channel, opinion.anonymous, opinion.giver, opinion.on_paper) == (
        Channel.FORM, True, None, False)
    assert len(given.receipt) == 20 and given.receipt.isdigit()


def test_a_user_of_another_school_cannot_use_this_schools_intake(intake, district):
    other = district.schools[-1].members[0]
    from tests.builders import make_user

    user = make_user("s2_member", person=other)
    with pytest.raises(OpinionError) as caught:
        services.submit_opinion(actor=user, intake=intake, anonymous=True, **fields(district))
    assert caught.value.code == "other_school"
    assert not Opinion.objects.exists()


def test_a_user_without_a_person_cannot_give_on_the_web_form(intake, district):
    with pytest.raises(OpinionError) as caught:
        services.submit_opinion(actor=district.users["office"], intake=intake, anonymous=True,
                                **fields(district))
    assert caught.value.code == "forbidden"


@pytest.mark.parametrize("text, code", [("", "empty"), ("   \n ", "empty"),
                                        ("长" * (MAX_TEXT + 1), "too_long")])
def test_empty_or_oversized_text_is_refused_on_every_channel(intake, district, office, text,
                                                             code):
    calls = [
        lambda: services.submit_public_opinion(intake=intake, **fields(district, text=text)),
        lambda: services.submit_opinion(actor=district.users["member"], intake=intake,
                                        anonymous=True, **fields(district, text=text)),
        lambda: services.enter_opinion(actor=office, intake=intake, channel=Channel.BOX,
                                       received_on=clock.today(), **fields(district, text=text)),
    ]
    for call in calls:
        with pytest.raises(OpinionError) as caught:
            call()
        assert caught.value.code == code
    assert not Opinion.objects.exists()


def test_text_is_stripped_and_may_be_exactly_the_maximum(intake, district):
    given = services.submit_public_opinion(intake=intake,
                                           **fields(district, text=" " + "长" * MAX_TEXT + " "))
    assert given.opinion.text == "长" * MAX_TEXT


def test_a_subject_outside_the_givers_school_is_refused(intake, district):
    outsider = district.schools[-1].members[2]
    for token in (f"member:{outsider.pk}", f"branch:{district.schools[-1].branches[0].pk}",
                  f"leader:{district.schools[-1].members[0].pk}", "member:x", "nobody"):
        with pytest.raises(OpinionError) as caught:
            services.submit_public_opinion(intake=intake, **fields(district, subject=token))
        assert caught.value.code == "subject"
    assert not Opinion.objects.exists()


@pytest.mark.parametrize("change, code", [({"category": "gossip"}, "category"),
                                          ({"source_group": "alien"}, "source_group")])
def test_choices_outside_the_lists_are_refused(intake, district, change, code):
    with pytest.raises(OpinionError) as caught:
        services.submit_public_opinion(intake=intake, **fields(district, **change))
    assert caught.value.code == code
    assert not Opinion.objects.exists()


def test_a_closed_intake_refuses_new_opinions_with_a_clear_message(intake, district, office):
    services.set_intake_open(actor=office, intake=intake, is_open=False)
    with pytest.raises(OpinionError) as caught:
        services.submit_public_opinion(intake=intake, **fields(district))
    assert caught.value.code == "closed" and "closed" in caught.value.text
    assert not Opinion.objects.exists()


def test_a_phase_that_is_not_open_refuses_new_opinions(launched, district):
    plan = launched.plans.get(organization=district.schools[0].committee)
    intake = s1_intake(plan)  # the review phase has not started
    with pytest.raises(OpinionError) as caught:
        services.submit_public_opinion(intake=intake, **fields(district))
    assert caught.value.code == "closed" and "not open" in caught.value.text


def test_staff_entry_is_marked_as_typed_in(intake, district, office):
    opinion = services.enter_opinion(actor=office, intake=intake, channel=Channel.HOTLINE,
                                     received_on=clock.today(), anonymous=False,
                                     giver_name=" 王老师 ", **fields(district))
    assert (opinion.on_paper, opinion.entered_by, opinion.giver_name, opinion.status) == (
        True, office, "王老师", Opinion.Status.RECEIVED)
    assert AuditEntry.objects.filter(action="opinions.opinion.entered").exists()
    assert TEXT not in str(AuditEntry.objects.get(action="opinions.opinion.entered").changes)


def test_a_secretary_of_the_school_may_type_opinions_in(intake, district):
    opinion = services.enter_opinion(actor=district.users["secretary"], intake=intake,
                                     channel=Channel.TALK, received_on=clock.today(),
                                     **fields(district))
    assert opinion.entered_by == district.users["secretary"]


@pytest.mark.parametrize("who", ["member", "leader", "other_office", "supervisor"])
def test_others_may_not_type_opinions_in(intake, district, who):
    with pytest.raises(OpinionError) as caught:
        services.enter_opinion(actor=district.users[who], intake=intake, channel=Channel.BOX,
                               received_on=clock.today(), **fields(district))
    assert caught.value.code == "forbidden"


@pytest.mark.parametrize("channel", [Channel.WEB, "smoke-signal"])
def test_staff_cannot_enter_a_channel_that_is_not_typed_in(intake, district, office, channel):
    with pytest.raises(OpinionError) as caught:
        services.enter_opinion(actor=office, intake=intake, channel=channel,
                               received_on=clock.today(), **fields(district))
    assert caught.value.code == "channel"


@pytest.mark.parametrize("days", [-1, 1])
def test_a_staff_entered_date_outside_the_phase_up_to_today_is_refused(intake, district,
                                                                       office, days):
    with pytest.raises(OpinionError) as caught:
        services.enter_opinion(actor=office, intake=intake, channel=Channel.BOX,
                               received_on=clock.today() + dt.timedelta(days=days),
                               **fields(district))
    assert caught.value.code == "date"
    assert not Opinion.objects.exists()


@pytest.mark.parametrize("anonymous, name", [(True, "王老师"), (False, ""), (False, "名" * 51)])
def test_the_givers_name_must_match_the_anonymous_choice(intake, district, office, anonymous,
                                                         name):
    with pytest.raises(OpinionError) as caught:
        services.enter_opinion(actor=office, intake=intake, channel=Channel.BOX,
                               received_on=clock.today(), anonymous=anonymous, giver_name=name,
                               **fields(district))
    assert caught.value.code == "giver_name"


def test_with_the_second_check_a_typed_in_opinion_counts_only_once_confirmed(
        intake, district, office):
    services.set_second_check(actor=office, intake=intake, on=True)
    opinion = services.enter_opinion(actor=district.users["secretary"], intake=intake,
                                     channel=Channel.BOX, received_on=clock.today(),
                                     **fields(district))
    assert opinion.status == Opinion.Status.UNCONFIRMED
    assert not selectors.counted(Opinion.objects.all()).exists()
    services.confirm_opinion(actor=office, opinion=opinion)
    opinion.refresh_from_db()
    assert (opinion.status, opinion.confirmed_by) == (Opinion.Status.RECEIVED, office)
    assert list(selectors.counted(Opinion.objects.all())) == [opinion]


def test_the_person_who_typed_it_in_cannot_confirm_it(intake, district, office):
    services.set_second_check(actor=office, intake=intake, on=True)
    opinion = services.enter_opinion(actor=office, intake=intake, channel=Channel.BOX,
                                     received_on=clock.today(), **fields(district))
    with pytest.raises(OpinionError) as caught:
        services.confirm_opinion(actor=office, opinion=opinion)
    assert caught.value.code == "same_person" and "another" in caught.value.text
    opinion.refresh_from_db()
    assert opinion.status == Opinion.Status.UNCONFIRMED


def test_confirming_twice_is_refused(intake, district, office):
    services.set_second_check(actor=office, intake=intake, on=True)
    opinion = services.enter_opinion(actor=district.users["secretary"], intake=intake,
                                     channel=Channel.BOX, received_on=clock.today(),
                                     **fields(district))
    services.confirm_opinion(actor=office, opinion=opinion)
    with pytest.raises(OpinionError) as caught:
        services.confirm_opinion(actor=district.users["district_office"], opinion=opinion)
    assert caught.value.code == "already_confirmed"


def test_only_the_office_confirms(intake, district, office):
    services.set_second_check(actor=office, intake=intake, on=True)
    opinion = services.enter_opinion(actor=office, intake=intake, channel=Channel.BOX,
                                     received_on=clock.today(), **fields(district))
    with pytest.raises(OpinionError) as caught:
        services.confirm_opinion(actor=district.users["secretary"], opinion=opinion)
    assert caught.value.code == "forbidden"


def test_without_the_second_check_typed_in_opinions_count_at_once(intake, district, office):
    opinion = services.enter_opinion(actor=office, intake=intake, channel=Channel.FORM,
                                     received_on=clock.today(), **fields(district))
    assert list(selectors.counted(Opinion.objects.all())) == [opinion]


def test_a_secretary_holds_a_symposium_for_the_branch_and_enters_what_was_said(intake,
                                                                              district):
    secretary, branch = district.users["secretary"], district.schools[0].branches[-1]
    symposium = services.record_symposium(actor=secretary, intake=intake, organization=branch,
                                          held_on=clock.today(), attendance=15,
                                          attendees=" 12名教师，3名离退休老同志 ")
    assert (symposium.attendees, symposium.recorded_by) == ("12名教师，3名离退休老同志",
                                                            secretary)
    opinion = services.enter_opinion(actor=secretary, intake=intake, channel=Channel.SYMPOSIUM,
                                     received_on=None, symposium=symposium,
                                     **fields(district, source_group="retired"))
    assert (opinion.symposium, opinion.received_on, opinion.anonymous) == (
        symposium, symposium.held_on, True)
    assert AuditEntry.objects.filter(action="opinions.symposium.recorded").exists()


def test_a_secretary_cannot_hold_a_symposium_for_the_school_or_another_branch(intake,
                                                                            district):
    secretary = district.users["secretary"]
    for organization in (intake.organization, district.schools[0].branches[0]):
        with pytest.raises(OpinionError) as caught:
            services.record_symposium(actor=secretary, intake=intake, organization=organization,
                                      held_on=clock.today(), attendance=5, attendees="5名教师")
        assert caught.value.code == "forbidden"
    assert not Symposium.objects.exists()


def test_the_office_holds_a_symposium_for_the_school(intake, district, office):
    symposium = services.record_symposium(actor=office, intake=intake,
                                          organization=intake.organization,
                                          held_on=clock.today(), attendance=20,
                                          attendees="民主党派人士8名，离退休老同志12名")
    assert symposium.organization == intake.organization


@pytest.mark.parametrize("change, code", [
    ({"attendance": 0}, "attendance"), ({"attendees": ""}, "attendees"),
    ({"attendees": "人" * 301}, "attendees"),
    ({"held_on": dt.date(2000, 1, 1)}, "date"),
])
def test_a_symposium_with_bad_input_is_refused(intake, district, office, change, code):
    values = {"organization": intake.organization, "held_on": clock.today(), "attendance": 10,
              "attendees": "10名教师", **change}
    with pytest.raises(OpinionError) as caught:
        services.record_symposium(actor=office, intake=intake, **values)
    assert caught.value.code == code
    assert not Symposium.objects.exists()


def test_a_symposium_of_another_school_is_refused(intake, district, office):
    with pytest.raises(OpinionError) as caught:
        services.record_symposium(actor=office, intake=intake,
                                  organization=district.schools[-1].branches[0],
                                  held_on=clock.today(), attendance=5, attendees="5名教师")
    assert caught.value.code == "organization"


def test_the_symposium_channel_needs_a_symposium_and_others_none(intake, district, office):
    with pytest.raises(OpinionError) as caught:
        services.enter_opinion(actor=office, intake=intake, channel=Channel.SYMPOSIUM,
                               received_on=clock.today(), **fields(district))
    assert caught.value.code == "symposium"
    symposium = services.record_symposium(actor=office, intake=intake,
                                          organization=intake.organization,
                                          held_on=clock.today(), attendance=5,
                                          attendees="5名教师")
    with pytest.raises(OpinionError) as caught:
        services.enter_opinion(actor=office, intake=intake, channel=Channel.BOX,
                               received_on=clock.today(), symposium=symposium,
                               **fields(district))
    assert caught.value.code == "symposium"


def test_settings_are_the_offices_and_audited(intake, district, office):
    with pytest.raises(OpinionError):
        services.set_second_check(actor=district.users["secretary"], intake=intake, on=True)
    services.set_second_check(actor=office, intake=intake, on=True)
    services.set_intake_open(actor=office, intake=intake, is_open=False)
    intake.refresh_from_db()
    assert (intake.second_check, intake.is_open) == (True, False)
    entries = AuditEntry.objects.filter(action__startswith="opinions.intake.")
    assert sorted(e.changes.popitem()[0] for e in entries) == ["is_open", "second_check"]


def test_a_leader_subject_and_the_school_subjects_resolve(intake, district):
    for token in (f"leader:{district.schools[0].members[1].pk}", "team", "party_org",
                  f"branch:{district.schools[0].branches[0].pk}", member_token(district, 0)):
        given = services.submit_public_opinion(intake=intake, **fields(district, subject=token))
        assert given.opinion.organization.path.startswith(intake.organization.path)
