"""Signed-in pages of the news: the list, writing and editing a draft, one item with its
review actions (submit, publish or send back, withdraw)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.access import scope
from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.publicity import selectors
from vanguard.publicity.forms import NewsForm, NoteForm
from vanguard.publicity.models import Exemplar, NewsItem, PracticeActivity
from vanguard.publicity.services import news as services
from vanguard.publicity.views import PAGE_SIZE

RUNS = (*selectors.RUNNERS,)


def _form(request, campaign, *, item=None):
    runs = scope.subtree_filter(request.user, RUNS, "organization__")
    activities = PracticeActivity.objects.filter(runs, campaign=campaign).only("id", "title")
    exemplars = Exemplar.objects.filter(runs, campaign=campaign,
                                        status=Exemplar.Status.APPROVED).select_related("person")
    initial = None
    if item is not None:
        initial = {"title": item.title, "body": item.body, "activity": item.activity_id,
                   "exemplar": item.exemplar_id}
    return NewsForm(request.POST or None, initial=initial, activities=activities,
                    exemplars=exemplars, fixed_organization=item is not None,
                    organizations=selectors.run_organizations(request.user, campaign,
                                                              schools_only=False))


@login_required
def news_list(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    page = Paginator(selectors.news_for(request.user, campaign), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "publicity/news_list.html", {
        "campaign": campaign, "page": page,
        "can_write": selectors.run_organizations(request.user, campaign,
                                                 schools_only=False).exists(),
    })


@login_required
def news_add(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    if not selectors.run_organizations(request.user, campaign, schools_only=False).exists():
        raise PermissionDenied
    form = _form(request, campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.write_news(
                actor=request.user, campaign=campaign, organization=data["organization"],
                title=data["title"], body=data["body"], activity=data["activity"],
                exemplar=data["exemplar"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The draft is saved. Submit it for review when it is "
                                        "ready."))
            return redirect("publicity:news", pk=item.pk)
    return render(request, "publicity/news_form.html", {"campaign": campaign, "form": form})


@login_required
def news_edit(request, pk):
    item = selectors.get_news_for(request.user, pk)
    if item.written_by_id != request.user.pk or item.status != NewsItem.Status.DRAFT:
        raise PermissionDenied
    form = _form(request, item.campaign, item=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_news(actor=request.user, item=item, title=data["title"],
                               body=data["body"], activity=data["activity"],
                               exemplar=data["exemplar"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("publicity:news", pk=item.pk)
    return render(request, "publicity/news_form.html", {
        "campaign": item.campaign, "form": form, "item": item})


@login_required
def news_detail(request, pk):
    item = selectors.get_news_for(request.user, pk)
    user, S = request.user, NewsItem.Status
    is_writer = item.written_by_id == user.pk
    may_review = user.has_perm("publicity.publish_news", item)
    return render(request, "publicity/news_detail.html", {
        "item": item, "campaign": item.campaign,
        "can_edit": is_writer and item.status == S.DRAFT,
        "can_review": may_review and not is_writer and item.status == S.SUBMITTED,
        "can_withdraw": may_review and item.status == S.PUBLISHED,
        "note_form": NoteForm(),
    })


@login_required
@require_POST
def news_submit(request, pk):
    item = selectors.get_news_for(request.user, pk)
    run_service(request, lambda: services.submit_news(actor=request.user, item=item),
                success=_("Submitted: an office other than you reviews and publishes it."))
    return redirect("publicity:news", pk=item.pk)


@login_required
@require_POST
def news_review(request, pk):
    """Publish a submitted item, or send it back to its writer with a note."""
    item = selectors.get_news_for(request.user, pk)
    if request.POST.get("action") == "return":
        note = request.POST.get("note", "")
        run_service(request, lambda: services.return_news(actor=request.user, item=item,
                                                          note=note),
                    success=_("The news item is sent back to its writer."))
    else:
        run_service(request, lambda: services.publish_news(actor=request.user, item=item),
                    success=_("Published on the public campaign page and in the feeds."))
    return redirect("publicity:news", pk=item.pk)


@login_required
@require_POST
def news_withdraw(request, pk):
    item = selectors.get_news_for(request.user, pk)
    note = request.POST.get("note", "")
    run_service(request, lambda: services.withdraw_news(actor=request.user, item=item,
                                                        note=note),
                success=_("Withdrawn: it is no longer on the public page or in the feeds."))
    return redirect("publicity:news", pk=item.pk)
