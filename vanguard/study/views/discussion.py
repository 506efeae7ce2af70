"""Pages of the big discussion: open it, read and post, moderate, and the requirements list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.core.errors import VanguardError
from vanguard.study import selectors_discussion as selectors
from vanguard.study.forms_discussion import (
    HidePostForm,
    MoveForm,
    OpenDiscussionForm,
    PostForm,
    RequirementForm,
    first_error,
)
from vanguard.study.models import Post
from vanguard.study.services import discussion as services


def _allow(request, perm, obj):
    """403 for a viewer who may see the record but not do this (404 came before)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _run(request, call, success: str) -> bool:
    try:
        call()
    except VanguardError as exc:
        messages.error(request, exc.text)
        return False
    messages.success(request, success)
    return True


def _open_page(request, activity, covering, form, can_open):
    return render(request, "study/discussion_open.html", {
        "activity": activity, "covering": covering, "form": form, "can_open": can_open})


@login_required
def discussion_for_activity(request, pk):
    """The discussion that covers the step's plan: its own, or the nearest one above; the
    office of the plan may open its own here (the question prefilled from the seed plan)."""
    activity = selectors.get_activity_for(request.user, pk)
    plan = activity.plan
    covering = selectors.discussion_for(plan.campaign, plan.organization)
    can_open = request.user.has_perm("study.open_discussion", plan)
    own = covering is not None and covering.organization_id == plan.organization_id
    if request.method == "POST":
        _allow(request, "study.open_discussion", plan)
        form = OpenDiscussionForm(request.POST)
        if form.is_valid():
            try:
                discussion = services.open_discussion(actor=request.user, activity=activity,
                                                      question=form.cleaned_data["question"])
            except VanguardError as exc:
                form.add_error(None, exc.text)
            else:
                messages.success(request, _("The discussion is open: members can post now."))
                return redirect("study:discussion", pk=discussion.pk)
        return _open_page(request, activity, covering, form, can_open)
    if own or (covering is not None and not can_open):
        return redirect("study:discussion", pk=covering.pk)
    form = OpenDiscussionForm(initial={"question": services.SEED_QUESTION})
    return _open_page(request, activity, covering, form, can_open)


@login_required
def requirements_for_activity(request, pk):
    activity = selectors.get_activity_for(request.user, pk)
    covering = selectors.discussion_for(activity.plan.campaign, activity.plan.organization)
    if covering is not None:
        return redirect("study:requirements", pk=covering.pk)
    return _open_page(request, activity, None, None, False)


@login_required
def discussion_detail(request, pk):
    discussion = selectors.get_discussion_for(request.user, pk)
    page, threads = selectors.posts_page(request.user, discussion, request.GET.get("page"))
    user = request.user
    return render(request, "study/discussion_detail.html", {
        "discussion": discussion, "page": page, "threads": threads,
        "can_post": discussion.is_open and user.has_perm("study.post_discussion", discussion),
        "can_manage": user.has_perm("study.open_discussion", discussion),
        "post_form": PostForm(), "draft_saved": "posted" in request.GET,
    })


def _back_to(discussion_pk, post_pk=None, *, posted=False) -> str:
    url = reverse("study:discussion", args=[discussion_pk]) + ("?posted=1" if posted else "")
    return f"{url}#post-{post_pk}" if post_pk else url


@login_required
@require_POST
def post_create(request, pk):
    discussion = selectors.get_discussion_for(request.user, pk)
    _allow(request, "study.post_discussion", discussion)
    form = PostForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect(_back_to(discussion.pk))
    parent = None
    if form.cleaned_data["parent"]:
        parent = Post.objects.filter(pk=form.cleaned_data["parent"],
                                     discussion=discussion).first()
        if parent is None:
            messages.error(request, _("That post is not in this discussion."))
            return redirect(_back_to(discussion.pk))
    made = []
    _run(request, lambda: made.append(services.write_post(
        actor=request.user, discussion=discussion, text=form.cleaned_data["text"],
        parent=parent)), _("Posted."))
    anchor = parent.pk if parent else (made[0].pk if made else None)
    # "posted" tells the page to forget the draft the browser kept of the text.
    return redirect(_back_to(discussion.pk, anchor, posted=bool(made)))


@login_required
@require_POST
def post_hide(request, pk):
    post = selectors.get_post_for(request.user, pk)
    _allow(request, "study.moderate_post", post)
    form = HidePostForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        _run(request, lambda: services.hide_post(actor=request.user, post=post,
                                                 reason=form.cleaned_data["reason"]),
             _("The post is hidden; you and the author still see it, marked."))
    return redirect(_back_to(post.discussion_id, post.parent_id or post.pk))


@login_required
@require_POST
def post_restore(request, pk):
    post = selectors.get_post_for(request.user, pk)
    _allow(request, "study.moderate_post", post)
    _run(request, lambda: services.restore_post(actor=request.user, post=post),
         _("The post is shown again."))
    return redirect(_back_to(post.discussion_id, post.parent_id or post.pk))


@login_required
@require_POST
def discussion_state(request, pk):
    discussion = selectors.get_discussion_for(request.user, pk)
    _allow(request, "study.open_discussion", discussion)
    is_open = request.POST.get("state") == "open"
    _run(request, lambda: services.set_discussion_open(actor=request.user,
                                                       discussion=discussion, is_open=is_open),
         _("The discussion is open again.") if is_open else _("The discussion is closed."))
    return redirect(_back_to(discussion.pk))


@login_required
def requirements(request, pk):
    """The list: the office edits it until it is published; members read it once it is."""
    discussion = selectors.get_discussion_for(request.user, pk)
    items = selectors.requirements_of(discussion)
    published = selectors.published(items)
    may_edit = request.user.has_perm("study.edit_requirements", discussion)
    if request.method == "POST":
        _allow(request, "study.edit_requirements", discussion)
        form = RequirementForm(request.POST)
        if not form.is_valid():
            messages.error(request, first_error(form))
        else:
            _run(request, lambda: services.add_requirement(
                actor=request.user, discussion=discussion, text=form.cleaned_data["text"]),
                _("Requirement added."))
        return redirect("study:requirements", pk=discussion.pk)
    sees_draft = may_edit or request.user.has_perm("campaigns.view_plan", discussion)
    return render(request, "study/requirements_list.html", {
        "discussion": discussion, "published": published,
        "items": items if published or sees_draft else [],
        "can_edit": may_edit and not published, "form": RequirementForm(),
    })


def _editable_requirement(request, pk):
    requirement = selectors.get_requirement_for(request.user, pk)
    _allow(request, "study.edit_requirements", requirement)
    return requirement


def _to_list(requirement):
    discussion = selectors.discussion_for(requirement.campaign, requirement.organization)
    return redirect("study:requirements", pk=discussion.pk)


@login_required
@require_POST
def requirement_edit(request, pk):
    requirement = _editable_requirement(request, pk)
    form = RequirementForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        _run(request, lambda: services.edit_requirement(
            actor=request.user, requirement=requirement, text=form.cleaned_data["text"]),
            _("Requirement saved."))
    return _to_list(requirement)


@login_required
@require_POST
def requirement_move(request, pk):
    requirement = _editable_requirement(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        _run(request, lambda: services.move_requirement(
            actor=request.user, requirement=requirement,
            up=form.cleaned_data["direction"] == "up"), _("Order saved."))
    return _to_list(requirement)


@login_required
@require_POST
def requirement_remove(request, pk):
    requirement = _editable_requirement(request, pk)
    _run(request, lambda: services.remove_requirement(actor=request.user,
                                                      requirement=requirement),
         _("Requirement removed."))
    return _to_list(requirement)


@login_required
@require_POST
def requirements_publish(request, pk):
    discussion = selectors.get_discussion_for(request.user, pk)
    _allow(request, "study.edit_requirements", discussion)
    _run(request, lambda: services.publish_requirements(actor=request.user,
                                                        discussion=discussion),
         _("The requirements are published: every member the discussion covers can read "
           "them."))
    return redirect("study:requirements", pk=discussion.pk)
