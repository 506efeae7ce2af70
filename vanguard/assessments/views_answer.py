"""The answer page (phone-first, no login with a slip's code): a logged-in respondent's own
assessments, or a code, then one rating per question.

As the evaluation's voting page: the session is left unsaved (SESSION_SAVE_EVERY_REQUEST
would write a new expiry, a time to the second beside the account), no message goes through
the session, and the answer is acknowledged in the POST response itself. The code reaches the
page in the address's fragment (copied into the form by answer.js) or typed in, and is sent
only in the POST body.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from vanguard.assessments import selectors
from vanguard.assessments.forms import AnswersForm, TokenForm
from vanguard.assessments.models import Respondent
from vanguard.assessments.services import answers, tokens
from vanguard.core.errors import VanguardError
from vanguard.evaluations.views_member import session_left_alone


def _questions_page(request, respondent: Respondent, form: AnswersForm, *, token=""):
    return render(request, "assessments/answer.html", {
        "respondent": respondent, "assessment": respondent.assessment, "form": form,
        "token": token})


def _done_page(request):
    return render(request, "assessments/answer_done.html")


def _with_token(request, token_form: TokenForm):
    """A slip's code: check it, then show (or take) the questions it opens."""
    token = token_form.cleaned_data["token"].strip()
    respondent = (Respondent.objects.select_related("assessment__organization",
                                                    "assessment__campaign")
                  .filter(token_hash=tokens.hash_token(token), answered=False).first())
    if respondent is None or not answers.answering_is_open(respondent.assessment):
        token_form.add_error("token", _("This code is not valid, already used, or its "
                                        "assessment is closed."))
        return None
    submitted = "answer" in request.POST
    form = AnswersForm(request.POST if submitted else None,
                       questions=respondent.assessment.questions)
    if submitted and form.is_valid():
        try:
            answers.submit_answers(token=token, ratings=form.ratings())
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            return _done_page(request)
    return _questions_page(request, respondent, form, token=token)


def _own(request, pk: str):
    respondent = selectors.get_own_respondent_for(request.user, int(pk))
    form = AnswersForm(request.POST, questions=respondent.assessment.questions)
    if form.is_valid():
        try:
            answers.submit_own_answers(actor=request.user, assessment=respondent.assessment,
                                       ratings=form.ratings())
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            return _done_page(request)
    return _questions_page(request, respondent, form)


@never_cache
@session_left_alone
def answer(request):
    """GET: the logged-in respondent's open assessments and the code form. POST: a code, or
    answers."""
    if request.method == "POST" and request.POST.get("respondent", "").isdigit():
        if not request.user.is_authenticated:
            raise Http404
        return _own(request, request.POST["respondent"])
    token_form = TokenForm(request.POST or None)
    if request.method == "POST" and token_form.is_valid():
        response = _with_token(request, token_form)
        if response is not None:
            return response
    person = getattr(request.user, "person", None) if request.user.is_authenticated else None
    own = []
    if person is not None:
        own = [(r, AnswersForm(questions=r.assessment.questions))
               for r in selectors.open_respondents(person)
               if answers.answering_is_open(r.assessment)]
    return render(request, "assessments/answer_start.html", {"token_form": token_form,
                                                             "own": own})
