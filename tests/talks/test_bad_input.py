"""Bad input on talks: each refused with a clear message and a code, nothing written."""

import datetime as dt

import pytest

from tests.builders import make_person
from vanguard.access.models import AuditEntry
from vanguard.core import clock
from vanguard.talks.errors import TalkError
from vanguard.talks.models import MAX_PLACE, MAX_SUMMARY, Talk, TalkPair
from vanguard.talks.services import talks


def _state():
    return (list(Talk.objects.values_list("pk", "confirmed_at")),
            list(TalkPair.objects.values_list("pk", "state", "talk_id")),
            AuditEntry.objects.count())


def refused(call, code: str, words: str):
    """The call is refused with `code` and a message containing `words`; nothing changed."""
    before = _state()
    with pytest.raises(TalkError) as error:
        call()
    assert error.value.code == code
    assert words in error.value.text
    assert _state() == before


def record(actor, campaign, partner, **extra):
    values = {"held_on": clock.today(), "place": "党员活动室", "summary": "交流思想。", **extra}
    return lambda: talks.record_talk(actor=actor, campaign=campaign, partner=partner, **values)


@pytest.fixture
def world(review_open, district):
    return review_open.campaign, district.schools[0].members, district.users


def test_second_confirmation_is_refused(world):
    campaign, m, users = world
    talk = record(users["member"], campaign, m[3])()
    talks.confirm_talk(actor=users["secretary"], talk=talk)
    refused(lambda: talks.confirm_talk(actor=users["secretary"], talk=talk),
            "already_confirmed", "already confirmed")


def test_confirming_ones_own_talk_is_refused(world):
    campaign, m, users = world
    talk = record(users["member"], campaign, m[3])()
    refused(lambda: talks.confirm_talk(actor=users["member"], talk=talk), "own_talk",
            "the other party confirms")


def test_whoever_typed_a_talk_in_for_someone_cannot_confirm_it_as_the_partner(world):
    campaign, m, users = world
    # The secretary records "for" a member of the branch, naming themselves as the partner:
    # the member's word is what a confirmation stands for, so the secretary cannot give it.
    talk = record(users["secretary"], campaign, m[3], on_behalf_of=m[5])()
    refused(lambda: talks.confirm_talk(actor=users["secretary"], talk=talk), "own_talk",
            "the other party confirms")


def test_someone_not_in_the_talk_cannot_confirm_it(world):
    campaign, m, users = world
    talk = record(users["member"], campaign, m[3])()
    refused(lambda: talks.confirm_talk(actor=users["leader"], talk=talk), "not_party",
            "Only the other party")


def test_talk_dated_before_the_phase_is_refused(world):
    campaign, m, users = world
    refused(record(users["member"], campaign, m[3],
                   held_on=clock.today() - dt.timedelta(days=1)),
            "outside_phase", "inside the phase")


def test_talk_dated_in_the_future_is_refused(world):
    campaign, m, users = world
    refused(record(users["member"], campaign, m[3],
                   held_on=clock.today() + dt.timedelta(days=1)), "future", "future")


def test_partner_outside_the_school_is_refused(world, district):
    campaign, _m, users = world
    refused(record(users["member"], campaign, district.schools[1].members[0]),
            "partner_school", "same school")


def test_talking_with_oneself_is_refused(world):
    campaign, m, users = world
    refused(record(users["member"], campaign, m[5]), "same_person", "not the same person")


@pytest.mark.parametrize("field, value, code, words", [
    ("summary", "   ", "summary_empty", "short summary"),
    ("summary", "谈" * (MAX_SUMMARY + 1), "summary_long", f"at most {MAX_SUMMARY}"),
    ("place", "", "place_empty", "place"),
    ("place", "室" * (MAX_PLACE + 1), "place_long", f"at most {MAX_PLACE}"),
])
def test_empty_or_oversized_text_is_refused(world, field, value, code, words):
    campaign, m, users = world
    refused(record(users["member"], campaign, m[3], **{field: value}), code, words)


def test_secretary_cannot_record_for_someone_of_another_branch(world):
    campaign, m, users = world
    # members[0] is in S1-B1; the secretary runs S1-B2.
    refused(record(users["secretary"], campaign, m[1], on_behalf_of=m[0]), "out_of_scope",
            "not in a unit you run")


def test_office_of_another_school_cannot_record_for_s1(world):
    campaign, m, users = world
    refused(record(users["other_office"], campaign, m[1], on_behalf_of=m[0]), "out_of_scope",
            "not in a unit you run")


def test_account_without_person_must_record_for_someone(world):
    campaign, m, users = world
    refused(record(users["office"], campaign, m[1]), "no_person", "no person")


def test_the_same_talk_twice_is_refused(world):
    campaign, m, users = world
    record(users["member"], campaign, m[3])()  # the double click's first request
    refused(record(users["member"], campaign, m[3]), "waiting", "already waiting")


def test_same_talk_recorded_again_after_confirmation_is_refused(world):
    campaign, m, users = world
    record(users["secretary"], campaign, m[4])()  # counts at once: no account
    refused(record(users["secretary"], campaign, m[4]), "duplicate", "already recorded")


def test_two_non_members_are_not_a_talk_of_the_plan(world, district):
    campaign, _m, users = world
    school = district.schools[0]
    other = make_person("非党员教师", school.school)
    refused(record(users["office"], campaign, other, on_behalf_of=school.activists[0]),
            "not_a_talk", "neither")
