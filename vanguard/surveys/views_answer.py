"""The answer pages (no login, phone-first): a member's page opened with their token, and the
public page behind the survey's random key.

As the assessment's answer page and the public opinion form: the session is left unsaved
(SESSION_SAVE_EVERY_REQUEST would write a new expiry, a time to the second beside an
account), no message goes through the session, and the answer is acknowledged in the POST
response itself. A member's token reaches the page in the address's fragment (copied into
the form by answer.js) or typed in, and is sent only in the POST body.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from vanguard.access.ratelimit import client_address
from vanguard.core.errors import VanguardError
from vanguard.evaluations.views_member import session_left_alone
from vanguard.surveys import selectors
from vanguard.surveys.forms import AnswerForm, TokenForm
from vanguard.surveys.services import answers


def _done_page(request, status=200):
    return render(request, "surveys/answer_done.html", status=status)


def _given(form: AnswerForm) -> dict:
    data = form.cleaned_data
    return {"topics": data["topics"], "other": data["other"],
            "expectation": data["expectation"]}


def _with_token(request, token_form: TokenForm):
    """A member's code: check it, then show (or take) the questions it opens."""
    token = token_form.cleaned_data["token"].strip()
    invitee = answers.invitee_for(token)
    if invitee is None or invitee.answered or not answers.answering_is_open(invitee.survey):
        token_form.add_error("token", _("This code is not valid, already used, or its survey "
                                        "is closed."))
        return None
    survey = invitee.survey
    submitted = "answer" in request.POST
    form = AnswerForm(request.POST if submitted else None, survey=survey)
    if submitted and form.is_valid():
        try:
            answers.submit_member_answer(token=token, **_given(form))
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            return _done_page(request)
    return render(request, "surveys/answer.html", {"survey": survey, "form": form,
                                                   "token": token})


@never_cache
@session_left_alone
def answer(request):
    """GET: the code form (the link's fragment fills it). POST: a code, or answers."""
    token_form = TokenForm(request.POST or None)
    if request.method == "POST" and token_form.is_valid():
        response = _with_token(request, token_form)
        if response is not None:
            return response
    return render(request, "surveys/answer_start.html", {"token_form": token_form})


@never_cache
@session_left_alone
def public(request, key):
    survey = selectors.get_public_survey(key)
    if not answers.answering_is_open(survey) or not survey.public_enabled:
        return render(request, "surveys/public_closed.html", {"survey": survey})
    form = AnswerForm(request.POST or None, survey=survey, public=True,
                      initial={"nonce": answers.new_form_nonce()})
    status = 200
    if request.method == "POST" and form.is_valid():
        if not answers.use_form_nonce(form.cleaned_data["nonce"]):
            form.add_error(None, _("This form was already sent (or it was open too long): "
                                   "nothing more was saved."))
        else:
            try:
                answers.submit_public_answer(survey=survey, address=client_address(request),
                                             group=form.cleaned_data["group"],
                                             **_given(form))
            except VanguardError as exc:
                form.add_error(None, exc.text)
                status = 429 if exc.code == "rate_limited" else 200
            else:
                return _done_page(request)
    if request.method == "POST":
        # A fresh nonce for the form shown again (the one sent is used up or was bad).
        form.data = form.data.copy()
        form.data["nonce"] = answers.new_form_nonce()
    return render(request, "surveys/public.html", {"survey": survey, "form": form},
                  status=status)
