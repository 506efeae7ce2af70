"""Talks pages: a person's own talks (record, confirm, withdraw), recording for someone of
a unit one runs, the coverage matrix of a unit, and the office's refresh of the pairs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.models import Activity
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.people.models import Organization, Person
from vanguard.talks import selectors
from vanguard.talks.forms import TalkForm
from vanguard.talks.models import TalkPair
from vanguard.talks.services import talks as services

PAGE_SIZE = 100


def _record(request, form: TalkForm, campaign, on_behalf_of=None) -> bool:
    """Call the service with the form's values; its refusal becomes the form's error."""
    data = form.cleaned_data
    partner = Person.objects.filter(pk=data["partner"]).first()
    if partner is None:
        form.add_error("partner", _("Choose someone of your school."))
        return False
    try:
        talk = services.record_talk(
            actor=request.user, campaign=campaign, partner=partner, held_on=data["held_on"],
            place=data["place"], summary=data["summary"],
            problem_settled=data["problem_settled"], on_behalf_of=on_behalf_of)
    except VanguardError as exc:
        form.add_error(None, exc.text)
        return False
    messages.success(request, _("The talk is recorded and counts now: %(name)s has no account "
                                "to confirm it.") % {"name": partner.name}
                     if talk.confirmed_at else
                     _("The talk is recorded. It counts once %(name)s confirms it.")
                     % {"name": partner.name})
    return True


def _pair_rows(person, pairs) -> list[dict]:
    """Each required pair as the page shows it: the partner, the state, whose turn it is."""
    rows = []
    for pair in pairs:
        partner = pair.person_b if pair.person_a_id == person.pk else pair.person_a
        waiting_on_me = (pair.state == TalkPair.State.WAITING and pair.talk
                         and pair.talk.recorded_by_id != person.pk)
        rows.append({"pair": pair, "partner": partner, "waiting_on_me": waiting_on_me})
    return rows


@login_required
def my_talks(request, campaign):
    campaign = selectors.get_member_campaign_for(request.user, campaign)
    person = request.user.person
    pairs = list(selectors.pairs_of(person, campaign))
    form = TalkForm(request.POST or None, partners=selectors.partner_choices(person, pairs))
    if request.method == "POST" and form.is_valid() and _record(request, form, campaign):
        return redirect("talks:my_talks", campaign=campaign.pk)
    talks = list(selectors.talks_of(person, campaign))
    return render(request, "talks/my_talks.html", {
        "campaign": campaign, "person": person, "form": form,
        "pairs": _pair_rows(person, pairs),
        "done": sum(1 for p in pairs if p.state == TalkPair.State.DONE),
        "to_confirm": [t for t in talks if t.confirmed_at is None
                       and t.recorded_by_id != person.pk],
        "talks": [(t, t.person_b if t.person_a_id == person.pk else t.person_a,
                   services.may_withdraw(request.user, t)) for t in talks],
    })


def _party_choices(node: Organization) -> list[tuple[int, str]]:
    """Whose talk a secretary or office may record at `node`: the members registered in its
    subtree and, at the school's top, the school's people without membership."""
    here = Q(member__organization__path__startswith=node.path)
    if not Organization.objects.filter(school_id=node.school_id, depth__lt=node.depth).exists():
        here |= Q(member__isnull=True, school_id=node.school_id)
    return [(pk, f"{name} {staff_no}".strip()) for pk, name, staff_no in
            Person.objects.filter(here).order_by("name", "pk")
            .values_list("pk", "name", "staff_no")]


@login_required
def record_for(request, campaign):
    """A secretary or the office records a talk for someone of their unit (a member with
    no account, a talk reported on paper)."""
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    node = selectors.get_coverage_node(request.user, campaign, request.GET.get("org", ""))
    if not request.user.has_perm("talks.record_for", node):
        raise PermissionDenied
    if node.school_id is None:
        messages.info(request, _("Choose a school or a branch first."))
        return redirect(reverse("talks:coverage", args=[campaign.pk]) + f"?org={node.code}")
    partners = [(pk, f"{name} {no}".strip()) for pk, name, no in Person.objects.filter(
        school_id=node.school_id).order_by("name", "pk").values_list("pk", "name", "staff_no")]
    form = TalkForm(request.POST or None, partners=partners, parties=_party_choices(node))
    if request.method == "POST" and form.is_valid():
        party = Person.objects.filter(pk=form.cleaned_data["party"]).first()
        if _record(request, form, campaign, on_behalf_of=party):
            return redirect(reverse("talks:coverage", args=[campaign.pk]) + f"?org={node.code}")
    return render(request, "talks/record_for.html", {
        "campaign": campaign, "node": node, "form": form})


def _back(request, talk) -> str:
    target = request.POST.get("next", "")
    # Only back to a talks page of this site: never an address given from outside.
    if target.startswith("/talks/") and "//" not in target:
        return target
    return reverse("talks:my_talks", args=[talk.campaign_id])


@login_required
@require_POST
def confirm(request, pk):
    talk = selectors.get_talk_for(request.user, pk)
    run_service(request, lambda: services.confirm_talk(actor=request.user, talk=talk),
                success=_("Confirmed: the talk counts."))
    return redirect(_back(request, talk))


@login_required
@require_POST
def withdraw(request, pk):
    talk = selectors.get_talk_for(request.user, pk)
    run_service(request, lambda: services.withdraw_talk(actor=request.user, talk=talk),
                success=_("The talk is withdrawn."))
    return redirect(_back(request, talk))


@login_required
@require_POST
def refresh(request, pk):
    activity = Activity.objects.select_related("plan__organization").filter(pk=pk).first()
    if activity is None or not request.user.has_perm("talks.view_coverage",
                                                     activity.plan.organization):
        raise Http404
    run_service(request, lambda: services.refresh_talk_pairs(actor=request.user,
                                                             activity=activity),
                success=_("The pairs follow the roster again."))
    return redirect(reverse("talks:coverage", args=[activity.plan.campaign_id])
                    + f"?org={activity.plan.organization.code}")


STATE_FILTERS = ("", *TalkPair.State.values)


@login_required
def coverage(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    node = selectors.get_coverage_node(request.user, campaign, request.GET.get("org", ""))
    state = request.GET.get("state", "")
    state = state if state in STATE_FILTERS else ""
    page = None
    if node.school_id is not None:  # names are listed for a school or a branch
        page = Paginator(selectors.listed_pairs(campaign, node, state), PAGE_SIZE).get_page(
            request.GET.get("page"))
    step = _refresh_step(request, campaign, node)
    return render(request, "talks/coverage.html", {
        "campaign": campaign, "node": node, "state": state, "page": page,
        "by_rule": selectors.coverage_by_rule(campaign, node),
        "children": selectors.coverage_by_child(campaign, node),
        "recommended": selectors.recorded_by_rule(campaign, node),
        "ancestors": [a for a in Organization.objects.get_ancestors(node)
                      if request.user.has_perm("talks.view_coverage", a)
                      and a.path.startswith(campaign.organization.path)],
        "states": [(s, TalkPair.State(s).label) for s in TalkPair.State.values],
        "refresh_step": step,
        "can_record": node.school_id is not None and request.user.has_perm("talks.record_for",
                                                                             node),
    })


def _refresh_step(request, campaign, node) -> Activity | None:
    """The talks step whose pairs the viewer may refresh here: the plan of this node."""
    if node.school_id is None or not request.user.has_perm("talks.refresh_pairs", node):
        return None
    step = services.talks_activity(campaign, node)
    return step if step and step.plan.organization_id == node.pk else None
