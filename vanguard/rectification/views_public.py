"""The public disclosure pages (no login, phone-first): a school's snapshots, one snapshot with
its sha256 and its canonical JSON to check it against, and the comment form on one item,
which is the school's anonymous opinion form (phase 2) with the item named in the text."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from vanguard.opinions import subjects
from vanguard.opinions.forms_intake import OpinionForm
from vanguard.opinions.models import MAX_TEXT
from vanguard.opinions.services import intake as intake_services
from vanguard.opinions.views.intake import session_left_alone
from vanguard.rectification import selectors_disclosure as selectors
from vanguard.rectification.services.disclosure import canonical_json
from vanguard.web.views_public import school_top

REFERENCE_PROBLEM_CHARS = 60


@require_safe
def public_index(request, code):
    top = school_top(code)
    return render(request, "rectification/public_index.html", {
        "top": top, "groups": selectors.public_disclosures(top)})


def _accepting_intake(disclosure):
    """The intake that takes comments on this snapshot now, with the reason when none does.
    Only the current snapshot (not a superseded one) takes comments."""
    if disclosure.superseded_by_id is not None:
        return None, ""
    intake = selectors.comment_intake(disclosure)
    if intake is None:
        return None, _("This school has no opinion form in this campaign.")
    reason = intake_services.accepting(intake)
    return (None, reason) if reason else (intake, "")


@require_safe
def public_detail(request, code, number):
    top = school_top(code)
    disclosure = selectors.get_public_disclosure(top, number)
    intake, closed_reason = _accepting_intake(disclosure)
    return render(request, "rectification/public_detail.html", {
        "top": top, "disclosure": disclosure, "content": disclosure.content,
        "comments_open": intake is not None, "comments_closed_reason": closed_reason,
    })


@require_safe
def public_json(request, code, number):
    """The exact bytes the sha256 is taken over: `sha256sum` of this file is the digest."""
    disclosure = selectors.get_public_disclosure(school_top(code), number)
    response = HttpResponse(canonical_json(disclosure.content),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (f"inline; filename=disclosure-{code}-{number}.json")
    return response


def reference_line(number: int, item: dict) -> str:
    """The line the comment starts with, naming the item: an opinion has no field for it.
    Chinese whatever the page's language: it is part of the opinion the office reads."""
    problem = " ".join(item["problem"].split())
    if len(problem) > REFERENCE_PROBLEM_CHARS:
        problem = problem[:REFERENCE_PROBLEM_CHARS] + "…"
    return f"（关于整改事项：第{number}号公布 · 事项{item['id']} · {problem}）"[:MAX_TEXT]


@session_left_alone
@never_cache
@require_safe
def public_comment(request, code, number, item):
    """The anonymous opinion form of the school, the item named in the text; it is sent to
    the opinion form's own address, so it is handled (and kept anonymous) exactly there."""
    top = school_top(code)
    disclosure = selectors.get_public_disclosure(top, number)
    found = selectors.find_item(disclosure, item)
    if found is None or disclosure.superseded_by_id is not None:
        raise Http404
    plan, entry = found
    intake, reason = _accepting_intake(disclosure)
    context = {"top": top, "disclosure": disclosure, "item": entry, "plan": plan,
               "reason": reason}
    if intake is not None:
        context["form"] = OpinionForm(
            initial={"subject": plan["subject"],
                     "text": reference_line(disclosure.number, entry) + "\n"},
            subjects=subjects.choices(top))
        context["action"] = reverse("opinions:public_form", args=[intake.form_key])
        context["nonce"] = intake_services.new_form_nonce()
    return render(request, "rectification/public_comment.html", context)
