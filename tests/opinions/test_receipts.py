"""Receipt codes: random, stored only as a slow hash, looked up with the same answer and the
same work for unknown, wrong and malformed codes, and rate-limited without the address."""

import hashlib

import pytest
from django.core.cache import cache

from tests.opinions.intake_world import fields, s1_intake
from vanguard.opinions.errors import OpinionError
from vanguard.opinions.models import Opinion
from vanguard.opinions.services import intake as services
from vanguard.opinions.services import receipts

pytestmark = pytest.mark.django_db
ADDRESS = "198.51.100.23"


@pytest.fixture
def given(review_open, district):
    return services.submit_public_opinion(intake=s1_intake(review_open), **fields(district))


def test_a_code_has_twenty_random_digits_grouped_in_fours_for_display():
    codes = {receipts.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 20 and c.isdigit() for c in codes)
    assert receipts.grouped("12345678901234567890") == "1234 5678 9012 3456 7890"


def test_only_the_slow_hash_of_the_code_is_stored(given, settings):
    opinion = Opinion.objects.get(pk=given.opinion.pk)
    expected = hashlib.pbkdf2_hmac("sha256", given.receipt.encode(), receipts._salt(),
                                   settings.RECEIPT_HASH_ITERATIONS).hex()
    assert opinion.receipt_hash == expected
    row = Opinion.objects.filter(pk=opinion.pk).values().get()
    assert not any(given.receipt in str(value) for value in row.values())


def test_the_hash_depends_on_the_secret_key(settings):
    first = receipts.hash_code("12345678901234567890")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert receipts.hash_code("12345678901234567890") != first


def test_a_receipt_shows_the_status_and_the_day_only(given):
    result = receipts.look_up(code=receipts.grouped(given.receipt), address=ADDRESS)
    assert (result.status, result.received_on) == (Opinion.Status.RECEIVED,
                                                   given.opinion.received_on)
    assert "not sorted" in result.text
    shown = " ".join(str(v) for v in result.__dict__.values())
    assert given.opinion.text not in shown and str(given.opinion.pk) not in shown


def test_a_receipt_can_be_looked_up_again_and_again(given):
    for _ in range(3):
        assert receipts.look_up(code=given.receipt, address=ADDRESS).status == "received"


@pytest.mark.parametrize("status, words", [
    ("unconfirmed", "second person"), ("sorted", "Sorted"), ("set_aside", "Set aside"),
    ("released", "Fed back"), ("answered", "rectification"),
])
def test_each_status_is_told_in_words(given, status, words):
    Opinion.objects.filter(pk=given.opinion.pk).update(status=status)
    assert words in receipts.look_up(code=given.receipt, address=ADDRESS).text


def test_a_merged_opinion_tells_what_became_of_the_one_it_was_merged_into(given, review_open,
                                                                         district):
    other = services.submit_public_opinion(intake=s1_intake(review_open), **fields(district))
    Opinion.objects.filter(pk=other.opinion.pk).update(status="released")
    Opinion.objects.filter(pk=given.opinion.pk).update(status="merged",
                                                       merged_into=other.opinion.pk)
    result = receipts.look_up(code=given.receipt, address=ADDRESS)
    assert "Merged" in result.text and "Fed back" in result.merged_text


@pytest.mark.parametrize("typed", ["00000000000000000000", "1234", "not a code at all", ""])
def test_unknown_wrong_and_malformed_codes_get_the_same_answer(given, typed):
    with pytest.raises(OpinionError) as caught:
        receipts.look_up(code=typed, address=ADDRESS)
    assert caught.value.code == "no_receipt"
    assert caught.value.text.startswith("There is no opinion with this receipt code.")


def test_a_wrong_code_costs_the_same_hash_as_a_right_one(given, monkeypatch):
    computed = []
    real = receipts.hash_code
    monkeypatch.setattr(receipts, "hash_code", lambda code: computed.append(code) or real(code))
    receipts.look_up(code=given.receipt, address=ADDRESS)
    for typed in ("99999999999999999999", "abc", ""):
        with pytest.raises(OpinionError):
            receipts.look_up(code=typed, address=ADDRESS)
    assert len(computed) == 4  # one slow hash per lookup, whatever was typed


def test_one_wrong_digit_is_refused(given):
    last = "0" if given.receipt[-1] != "0" else "1"
    with pytest.raises(OpinionError) as caught:
        receipts.look_up(code=given.receipt[:-1] + last, address=ADDRESS)
    assert caught.value.code == "no_receipt"


def test_guessing_is_rate_limited_per_address(given, settings):
    settings.RECEIPT_LOOKUP_LIMIT = 3
    for _ in range(3):
        with pytest.raises(OpinionError) as caught:
            receipts.look_up(code="11111111111111111111", address=ADDRESS)
        assert caught.value.code == "no_receipt"
    with pytest.raises(OpinionError) as caught:
        receipts.look_up(code=given.receipt, address=ADDRESS)  # even the right code waits
    assert caught.value.code == "rate_limited"
    assert receipts.look_up(code=given.receipt, address="198.51.100.99").status == "received"


def test_the_rate_limit_keeps_neither_the_address_nor_the_code_in_the_cache(given):
    receipts.look_up(code=given.receipt, address=ADDRESS)
    keys = [str(k) for k in cache._cache]
    assert any("receipt:" in k for k in keys)
    assert not any(ADDRESS in k or given.receipt in k for k in keys)
    values = [str(v) for v in cache._cache.values()]
    assert not any(ADDRESS.encode().hex() in v or ADDRESS in v for v in values)
