"""Answering: a member's token is spent once (also when submissions race), bad input writes
nothing and leaves the token usable, the public link takes the group chosen and is limited
per address (a keyed hash in the cache), and a double click answers once."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test import override_settings
from django.urls import reverse

from tests.surveys.conftest import answer
from vanguard.surveys.errors import SurveyError
from vanguard.surveys.models import Choice, Group, Invitee, Response, SpentToken, Survey
from vanguard.surveys.services import answers


def written():
    return (Response.objects.count(), Choice.objects.count(), SpentToken.objects.count(),
            Invitee.objects.filter(answered=True).count())


@pytest.mark.django_db
def test_a_members_answer_counts_for_members_with_the_closing_day(opened, survey, closes_on):
    token = next(iter(opened.values()))
    response = answers.submit_member_answer(token=token, topics=["safety", "fees"],
                                            expectation="  多办实事  ")
    assert (response.group, response.day, response.expectation) == (Group.MEMBER, closes_on,
                                                                     "多办实事")
    assert set(response.choices.values_list("topic", flat=True)) == {"fees", "safety"}
    assert written() == (1, 2, 1, 1)


@pytest.mark.django_db
def test_a_token_is_spent_once(opened):
    token = next(iter(opened.values()))
    answers.submit_member_answer(**answer(token=token))
    with pytest.raises(SurveyError) as exc:
        answers.submit_member_answer(**answer(token=token))
    assert exc.value.code == "spent" and written() == (1, 2, 1, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("fields, code", [
    ({"topics": []}, "no_topic"),
    ({"topics": ["fees", "safety", "scores", "ethics"]}, "too_many"),
    ({"topics": ["nonsense"]}, "topic"),
    ({"topics": ["other"]}, "other"),
    ({"topics": ["fees"], "other": "食" * 201}, "other"),
    ({"topics": ["fees"], "expectation": "望" * 1001}, "expectation"),
    ({"topics": ["fees", "safety", "scores"], "other": "食堂"}, "too_many"),
])
def test_bad_answers_write_nothing_and_leave_the_token_usable(fields, code, opened):
    token = next(iter(opened.values()))
    with pytest.raises(SurveyError) as exc:
        answers.submit_member_answer(token=token, **fields)
    assert exc.value.code == code and exc.value.text
    assert written() == (0, 0, 0, 0)
    answers.submit_member_answer(**answer(token=token))
    assert written()[0] == 1


@pytest.mark.django_db
def test_other_written_counts_as_the_other_topic(opened):
    response = answers.submit_member_answer(token=next(iter(opened.values())), topics=["fees"],
                                            other="  食堂 卫生 ")
    assert response.other_topic == "食堂 卫生"
    assert set(response.choices.values_list("topic", flat=True)) == {"fees", "other"}


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "x" * 101, "not-a-code"])
def test_bad_codes_are_refused(token, opened):
    with pytest.raises(SurveyError) as exc:
        answers.submit_member_answer(**answer(token=token))
    assert exc.value.code == "bad_token" and written() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_no_answer_after_the_closing_day(opened, survey):
    Survey.objects.filter(pk=survey.pk).update(closes_on="2000-01-01")
    with pytest.raises(SurveyError) as exc:
        answers.submit_member_answer(**answer(token=next(iter(opened.values()))))
    assert exc.value.code == "closed" and written() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_a_public_answer_counts_for_the_group_chosen(opened, survey):
    survey.refresh_from_db()
    response = answers.submit_public_answer(survey=survey, address="198.51.100.1",
                                            **answer(group="parent"))
    assert response.group == "parent" and SpentToken.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["member", "", "teacher"])
def test_the_public_cannot_answer_as_members_or_an_unknown_group(group, opened, survey):
    survey.refresh_from_db()
    with pytest.raises(SurveyError) as exc:
        answers.submit_public_answer(survey=survey, address="198.51.100.1",
                                     **answer(group=group))
    assert exc.value.code == "group" and written() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_a_draft_or_switched_off_survey_takes_no_public_answer(survey):
    with pytest.raises(SurveyError) as exc:
        answers.submit_public_answer(survey=survey, address="198.51.100.1",
                                     **answer(group="staff"))
    assert exc.value.code == "closed"


@pytest.mark.django_db
@override_settings(SURVEY_PUBLIC_ADDRESS_LIMIT=2)
def test_public_answers_are_limited_per_address_kept_as_a_keyed_hash(opened, survey):
    survey.refresh_from_db()
    cache.clear()
    for _ in range(2):
        answers.submit_public_answer(survey=survey, address="198.51.100.7",
                                     **answer(group="staff"))
    with pytest.raises(SurveyError) as exc:
        answers.submit_public_answer(survey=survey, address="198.51.100.7",
                                     **answer(group="staff"))
    assert exc.value.code == "rate_limited" and Response.objects.count() == 2
    # Another address is not held up; the cache never holds the address itself.
    answers.submit_public_answer(survey=survey, address="198.51.100.8",
                                 **answer(group="staff"))
    assert not [k for k in cache._cache if "198.51.100" in k]


@pytest.mark.django_db
@override_settings(SURVEY_PUBLIC_FORM_LIMIT=1)
def test_a_flood_on_one_survey_is_held_up(opened, survey):
    survey.refresh_from_db()
    cache.clear()
    answers.submit_public_answer(survey=survey, address="198.51.100.1", **answer(group="staff"))
    with pytest.raises(SurveyError) as exc:
        answers.submit_public_answer(survey=survey, address="198.51.100.2",
                                     **answer(group="staff"))
    assert exc.value.code == "busy" and Response.objects.count() == 1


def public_post(client, survey, **extra):
    page = client.get(reverse("surveys:public", args=[survey.public_key]))
    nonce = page.context["form"]["nonce"].value()
    data = {"group": "student", "topics": ["fees"], "nonce": nonce, **extra}
    return client.post(reverse("surveys:public", args=[survey.public_key]), data)


@pytest.mark.django_db
@override_settings(SURVEY_PUBLIC_ADDRESS_LIMIT=1)
def test_the_public_page_answers_429_when_the_address_is_over_its_limit(opened, survey,
                                                                         client):
    cache.clear()
    assert b'data-testid="answer-done"' in public_post(client, survey).content
    refused = public_post(client, survey)
    assert refused.status_code == 429 and Response.objects.count() == 1


@pytest.mark.django_db
def test_a_double_click_on_the_public_page_answers_once(opened, survey, client):
    url = reverse("surveys:public", args=[survey.public_key])
    nonce = client.get(url).context["form"]["nonce"].value()
    data = {"group": "student", "topics": ["fees"], "nonce": nonce}
    assert b'data-testid="answer-done"' in client.post(url, data).content
    again = client.post(url, data)
    assert b"already sent" in again.content and Response.objects.count() == 1


SUBMISSIONS = 12


def submit(token, outcomes, barrier=None):
    try:
        if barrier is not None:
            barrier.wait(timeout=30)
        answers.submit_member_answer(**answer(token=token))
        outcomes.append("answered")
    except SurveyError as exc:
        outcomes.append(exc.code)
    finally:
        if barrier is not None:
            connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_with_one_token_give_one_answer(opened):
    """On PostgreSQL the submissions run in threads released together (each in its own
    connection and transaction: the unique constraint on the spent token decides); SQLite
    allows one writer at a time, so there they run one after another."""
    token = next(iter(opened.values()))
    outcomes: list[str] = []
    if connection.vendor == "sqlite":
        for _ in range(SUBMISSIONS):
            submit(token, outcomes)
    else:
        barrier = threading.Barrier(SUBMISSIONS)
        threads = [threading.Thread(target=submit, args=(token, outcomes, barrier))
                   for _ in range(SUBMISSIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert sorted(outcomes) == ["answered"] + ["spent"] * (SUBMISSIONS - 1)
    assert written() == (1, 2, 1, 1)
