"""Notes and reflections: a member's list and editor (with the draft saved as they type),
reading one piece, and the branch secretary's review queue with return / accept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.study import selectors_writing as selectors
from vanguard.study.forms_writing import ReviewForm, WritingForm
from vanguard.study.models import ReadingItem, ReadingNote, Writing
from vanguard.study.models.writing import MAX_BODY_CHARACTERS
from vanguard.study.services import writing as services
from vanguard.study.services.reading import READING_KIND

PAGE_SIZE = 30


@login_required
def my_writing(request, campaign):
    campaign = selectors.get_member_campaign_for(request.user, campaign)
    person = request.user.person
    assignments = selectors.study_assignments(person, campaign)
    notes = list(selectors.own_writings(person, campaign, "note"))
    reflections = list(selectors.own_writings(person, campaign, "reflection"))
    reflection_kind = services.KINDS["reflection"].activity_kind
    return render(request, "study/writing_list.html", {
        "campaign": campaign, "notes": notes, "reflections": reflections,
        "note_assignment": assignments.get(READING_KIND),
        "reflection_assignment": assignments.get(reflection_kind),
        "note_tally": selectors.tally(notes, assignments.get(READING_KIND)),
        "reflection_tally": selectors.tally(reflections, assignments.get(reflection_kind)),
    })


@login_required
@require_POST
def start(request, campaign):
    campaign = selectors.get_member_campaign_for(request.user, campaign)
    kind = request.POST.get("kind", "")
    item = None
    if request.POST.get("item", "").isdigit():
        item = campaign.readings.filter(pk=int(request.POST["item"])).first()
    try:
        writing = services.start_writing(actor=request.user, campaign=campaign, kind=kind,
                                         item=item)
    except VanguardError as exc:
        messages.error(request, exc.text)
        return redirect("study:my_writing", campaign=campaign.pk)
    return redirect("study:writing_edit", kind=kind, pk=writing.pk)


def _readings(writing: Writing):
    return selectors.campaign_readings(writing.campaign) if isinstance(writing, ReadingNote) \
        else None


def _item(form: WritingForm, readings) -> ReadingItem | None:
    pk = form.cleaned_data.get("item")
    return next((r for r in readings or [] if r.pk == pk), None)


def _minimum(writing: Writing) -> int:
    _count, min_characters = services.minimums(writing.person, writing.campaign,
                                               services.kind_of(writing))
    return min_characters


@login_required
def edit(request, kind, pk):
    writing = selectors.get_own_writing_for(request.user, kind, pk)
    if writing.status not in services.EDITABLE:
        return redirect("study:writing_detail", kind=kind, pk=writing.pk)
    readings = _readings(writing)
    initial = {"version": writing.version, "title": writing.title, "body": writing.body,
               "item": getattr(writing, "item_id", None)}
    form = WritingForm(request.POST or None, initial=initial, readings=readings)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        call = services.submit_writing if submit else services.save_draft
        try:
            call(actor=request.user, writing=writing, version=form.cleaned_data["version"],
                 title=form.cleaned_data["title"], body=form.cleaned_data["body"],
                 item=_item(form, readings))
        except VanguardError as exc:
            # The form keeps what was typed (and the browser keeps its copy): nothing is lost.
            form.add_error(None, exc.text)
        else:
            if submit:
                messages.success(request, _("Handed in. Your branch secretary will read it."))
                return redirect(reverse("study:writing_detail", args=[kind, writing.pk])
                                + "?saved=1")
            messages.success(request, _("The draft is saved."))
            return redirect(reverse("study:my_writing", args=[writing.campaign_id])
                            + f"?saved={kind}-{writing.pk}")
    return render(request, "study/writing_edit.html", {
        "writing": writing, "kind": kind, "form": form, "min_characters": _minimum(writing),
        "max_characters": MAX_BODY_CHARACTERS,
    })


@login_required
@require_POST
def autosave(request, kind, pk):
    """The editor's draft call: JSON back, 409 for a stale version, 400 for bad input.
    An expired session gets the login redirect, which the editor reads as "kept locally"."""
    writing = selectors.get_own_writing_for(request.user, kind, pk)
    readings = _readings(writing)
    form = WritingForm(request.POST, readings=readings)
    if not form.is_valid():
        return JsonResponse({"ok": False, "error": " ".join(
            e for errors in form.errors.values() for e in errors)}, status=400)
    try:
        saved = services.save_draft(actor=request.user, writing=writing,
                                    version=form.cleaned_data["version"],
                                    title=form.cleaned_data["title"],
                                    body=form.cleaned_data["body"], item=_item(form, readings))
    except VanguardError as exc:
        status = 409 if exc.code == "stale" else 400
        return JsonResponse({"ok": False, "error": exc.text, "code": exc.code}, status=status)
    return JsonResponse({"ok": True, "version": saved.version, "characters": saved.characters,
                         "saved_at": timezone.localtime(saved.updated_at).strftime("%H:%M:%S")})


@login_required
def detail(request, kind, pk):
    writing = selectors.get_writing_for(request.user, kind, pk)
    return render(request, "study/writing_detail.html", {
        "writing": writing, "kind": kind,
        "is_author": request.user.has_perm("study.write_writing", writing),
        "can_review": request.user.has_perm("study.review_writing", writing),
        "editable": writing.status in services.EDITABLE,
        "review_form": ReviewForm(),
        "draft_saved": request.GET.get("saved") == "1",
    })


@login_required
@require_POST
def review(request, kind, pk):
    writing = selectors.get_writing_for(request.user, kind, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("study:writing_detail", kind=kind, pk=writing.pk)
    comment = form.cleaned_data["comment"]
    if form.cleaned_data["decision"] == "return":
        done = run_service(request, lambda: services.return_writing(
            actor=request.user, writing=writing, comment=comment),
            success=_("Returned to %(name)s with your comment.") % {"name": writing.person.name})
    else:
        done = run_service(request, lambda: services.accept_writing(
            actor=request.user, writing=writing, comment=comment),
            success=_("Accepted."))
    if not done:
        return redirect("study:writing_detail", kind=kind, pk=writing.pk)
    return redirect(reverse("study:writing_queue", args=[writing.campaign_id])
                    + "?status=submitted")


@login_required
@require_POST
def delete(request, kind, pk):
    writing = selectors.get_own_writing_for(request.user, kind, pk)
    run_service(request, lambda: services.delete_draft(actor=request.user, writing=writing),
                success=_("The draft is deleted."))
    return redirect(reverse("study:my_writing", args=[writing.campaign_id])
                    + f"?saved={kind}-{writing.pk}")


STATUS_FILTERS = ("submitted", "returned", "accepted", "all")


def _status_filters(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(s, Writing.Status(s).label, counts[s]) for s in STATUS_FILTERS[:-1]] + [
        ("all", pgettext("writing status filter", "All"), sum(counts.values()))]


@login_required
def queue(request, campaign):
    campaign = selectors.get_reader_campaign_for(request.user, campaign)
    status = request.GET.get("status", "submitted")
    status = status if status in STATUS_FILTERS else "submitted"
    kind = request.GET.get("kind", "")
    kind = kind if kind in services.KINDS else ""
    rows = selectors.review_queue(request.user, campaign,
                                  status="" if status == "all" else status, kind=kind)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "study/writing_queue.html", {
        "campaign": campaign, "page": page, "status": status, "kind": kind,
        "statuses": _status_filters(selectors.review_counts(request.user, campaign)),
    })
