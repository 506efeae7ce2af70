"""Answering a preparation survey: with a member's token, or through the public link.

What is deliberately not done, as for the assessment's answers and the public opinion form:
no audit entry (an audit row carries its moment to the second and, for a logged-in request,
the account; either would tie the answer to a person or a session; `Response` and `Choice`
are registered anonymous should anything ever audit one), no session write, no notification,
no log line. A response carries the group it counts in, the survey's closing day (not the
day it was given: the office sees which members have answered, and a day per answer could be
lined up with that), what was written and a random key; its choices random keys too. Nothing
written about the member (invitee row, spent token) points at the response.

The public link has no token: a flood guard counts answers per keyed hash of the client's
address (in the cache only, never the address itself) and per survey, and a one-time form
nonce stops a double click from answering twice.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access.ratelimit import hit
from vanguard.campaigns.models import Campaign
from vanguard.core import clock
from vanguard.core import tokens as one_time
from vanguard.surveys.errors import SurveyError
from vanguard.surveys.models import (
    MAX_EXPECTATION,
    MAX_OTHER,
    OTHER,
    PUBLIC_GROUPS,
    Choice,
    Group,
    Invitee,
    Response,
    SpentToken,
    Survey,
)

# Public answers per address and per survey in a window (settings may override the limits:
# SURVEY_PUBLIC_ADDRESS_LIMIT, SURVEY_PUBLIC_FORM_LIMIT). A school's computer room may share
# one address, hence a generous per-address figure.
PUBLIC_WINDOW_SECONDS = 10 * 60
DEFAULT_ADDRESS_LIMIT = 30
DEFAULT_FORM_LIMIT = 600
NONCE_SECONDS = 6 * 3600
NONCE_PREFIX = "survey-form-nonce:"


def answering_is_open(survey: Survey) -> bool:
    return (survey.state == Survey.State.OPEN and survey.closes_on is not None
            and clock.today() <= survey.closes_on
            and survey.campaign.state == Campaign.State.RUNNING)


def address_key(address: str) -> str:
    """A keyed hash of the client address: the limit counts per address without writing one
    into the cache."""
    return hmac.new(settings.SECRET_KEY.encode(), f"survey-public:{address}".encode(),
                    hashlib.sha256).hexdigest()[:32]


def new_form_nonce() -> str:
    """A random token for one form; the cache key is the token alone (nothing about who)."""
    nonce = secrets.token_urlsafe(24)
    cache.set(NONCE_PREFIX + nonce, 1, timeout=NONCE_SECONDS)
    return nonce


def use_form_nonce(nonce: str) -> bool:
    """True the first time, False when reused, unknown or expired."""
    if not nonce or len(nonce) > 64 or not nonce.replace("-", "").replace("_", "").isalnum():
        return False
    return bool(cache.delete(NONCE_PREFIX + nonce))


def checked_answer(survey: Survey, topics, other: str, expectation: str
                   ) -> tuple[list[str], str, str]:
    """The chosen topic keys (in the survey's order), the "other" text and the expectation,
    or a refusal saying what is wrong."""
    keys = [t["key"] for t in survey.topics] + [OTHER]
    chosen = {str(k) for k in (topics or [])}
    other = " ".join((other or "").split())
    expectation = (expectation or "").strip()
    if chosen - set(keys):
        raise SurveyError(_("The answer does not match this survey's topics."), code="topic")
    if other:
        chosen.add(OTHER)
    if not chosen:
        raise SurveyError(_("Choose at least one issue you want solved."), code="no_topic")
    if len(chosen) > survey.max_choices:
        raise SurveyError(_("Choose at most %(n)d issues.") % {"n": survey.max_choices},
                          code="too_many")
    if OTHER in chosen and not other:
        raise SurveyError(_("You chose “other”: write which issue."), code="other")
    if len(other) > MAX_OTHER:
        raise SurveyError(_("The other issue may be at most %(max)d characters.")
                          % {"max": MAX_OTHER}, code="other")
    if len(expectation) > MAX_EXPECTATION:
        raise SurveyError(_("The expectation may be at most %(max)d characters.")
                          % {"max": MAX_EXPECTATION}, code="expectation")
    return [k for k in keys if k in chosen], other, expectation


def _write(survey: Survey, group: str, cleaned) -> Response:
    topics, other, expectation = cleaned
    response = Response.objects.create(survey=survey, group=group, day=survey.closes_on,
                                       other_topic=other, expectation=expectation)
    Choice.objects.bulk_create([Choice(response=response, topic=key) for key in topics])
    return response


def invitee_for(token: str) -> Invitee | None:
    if not token or len(token) > one_time.MAX_TOKEN:
        return None
    return (Invitee.objects.select_related("survey__campaign", "survey__organization")
            .filter(token_hash=one_time.hash_token(token)).first())


@transaction.atomic
def submit_member_answer(*, token: str, topics, other: str = "",
                         expectation: str = "") -> Response:
    """A member's answer with their token (from the notification's link or a slip)."""
    invitee = invitee_for(token)
    if invitee is None:
        raise SurveyError(_("This code is not valid."), code="bad_token")
    survey = invitee.survey
    if not answering_is_open(survey):
        raise SurveyError(_("This survey is closed: no answer can be given any more."),
                          code="closed")
    cleaned = checked_answer(survey, topics, other, expectation)
    if not one_time.spend(SpentToken, invitee.token_hash):
        raise SurveyError(_("This code was already used: each person answers once."),
                          code="spent")
    Invitee.objects.filter(pk=invitee.pk).update(answered=True)
    return _write(survey, Group.MEMBER, cleaned)


def submit_public_answer(*, survey: Survey, address: str, group: str, topics,
                         other: str = "", expectation: str = "") -> Response:
    """An answer through the public link (no login): the group chosen on the form."""
    limit = getattr(settings, "SURVEY_PUBLIC_ADDRESS_LIMIT", DEFAULT_ADDRESS_LIMIT)
    if not hit(f"survey-public:{address_key(address)}", limit=limit,
               seconds=PUBLIC_WINDOW_SECONDS):
        raise SurveyError(_("Too many answers came from your address. Wait ten minutes and "
                            "try again."), code="rate_limited")
    if not hit(f"survey-form:{survey.public_key}",
               limit=getattr(settings, "SURVEY_PUBLIC_FORM_LIMIT", DEFAULT_FORM_LIMIT),
               seconds=PUBLIC_WINDOW_SECONDS):
        raise SurveyError(_("This survey is receiving too many answers right now. Wait a few "
                            "minutes and send yours again."), code="busy")
    if not answering_is_open(survey) or not survey.public_enabled:
        raise SurveyError(_("This survey is closed: no answer can be given any more."),
                          code="closed")
    if group not in PUBLIC_GROUPS:
        raise SurveyError(_("Choose who you are: staff, student, parent or other."),
                          code="group")
    cleaned = checked_answer(survey, topics, other, expectation)
    with transaction.atomic():
        return _write(survey, group, cleaned)
