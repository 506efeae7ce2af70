"""What a member sees under each phase 1 task on their tasks page: their own figures against
the plan's minimums, and the link to where the work is done (a query or two per task)."""

from decimal import Decimal

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from vanguard.study.models import (
    HoursTotal,
    Post,
    ReadingItem,
    ReadingMark,
    ReadingNote,
    Reflection,
)
from vanguard.study.selectors_hours import Minimums
from vanguard.study.services.reading import COUNTED, settings_of_activity


def render(request, *, link: str, label: str, figures: list[str], percent: int | None = None):
    # No request: the panel needs none of the context processors, which would run (and
    # query) again for every task on the page.
    return render_to_string("study/_task_panel.html", {
        "link": link, "label": label, "figures": figures, "percent": percent})


def hours_panel(assignment, request) -> str:
    campaign = assignment.activity.plan.campaign
    total = HoursTotal.objects.filter(campaign=campaign, person_id=assignment.person_id).first()
    minimums = Minimums.of(assignment.activity, campaign)
    organized = total.organized if total else Decimal(0)
    figures = [_("%(have)s of %(need)s hours of organized study") % {
        "have": organized, "need": minimums.hours}]
    if total and total.self_study:
        figures.append(_("self-study %(hours)s hours, counted apart") % {
            "hours": total.self_study})
    return render(request, link=reverse("study:hours_mine", args=[campaign.pk]),
                  label=_("My study hours"), figures=figures,
                  percent=minimums.percent(organized))


def reading_panel(assignment, request) -> str:
    campaign = assignment.activity.plan.campaign
    min_count, min_characters = settings_of_activity(assignment.activity)
    required = ReadingItem.objects.filter(campaign=campaign, required=True).count()
    read = ReadingMark.objects.filter(person_id=assignment.person_id, item__campaign=campaign,
                                      item__required=True).count()
    notes = ReadingNote.objects.filter(person_id=assignment.person_id, campaign=campaign,
                                       status__in=COUNTED,
                                       characters__gte=min_characters).count()
    return render(request, link=reverse("study:reading", args=[campaign.pk]),
                  label=_("Reading list and notes"), figures=[
                      _("required readings read: %(read)s of %(total)s") % {
                          "read": read, "total": required},
                      _("reading notes handed in: %(n)s of %(min)s") % {
                          "n": notes, "min": min_count}])


def reflection_panel(assignment, request) -> str:
    campaign = assignment.activity.plan.campaign
    min_count, min_characters = settings_of_activity(assignment.activity)
    counted = Reflection.objects.filter(person_id=assignment.person_id, campaign=campaign,
                                        status__in=COUNTED,
                                        characters__gte=min_characters).count()
    return render(request, link=reverse("study:my_writing", args=[campaign.pk]),
                  label=_("Write reflections"), figures=[
                      _("reflections handed in: %(n)s of %(min)s, each at least %(chars)s "
                        "characters") % {"n": counted, "min": min_count,
                                         "chars": min_characters}])


def discussion_panel(assignment, request) -> str:
    posted = Post.objects.filter(author_id=assignment.person_id, hidden=False,
                                 discussion__campaign_id=assignment.activity.plan.campaign_id
                                 ).exists()
    return render(request, link=reverse("study:discussion_for_activity",
                                        args=[assignment.activity_id]),
                  label=_("The discussion and its requirements"),
                  figures=[_("you have posted") if posted else _("you have not posted yet")])
