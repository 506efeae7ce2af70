"""Checking one rectification item against the "five clear" (problem, responsible person,
standard, measures, deadline) and its class, before a plan service writes it."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from vanguard.campaigns.models import Campaign
from vanguard.evaluations.models import MemberGrade
from vanguard.people.models import Person
from vanguard.rectification import selectors
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import (
    MAX_EXPLANATION,
    MAX_MEASURES,
    MAX_PROBLEM,
    MAX_STANDARD,
    Item,
    Owner,
    RectificationPlan,
)
from vanguard.rectification.services.consolidation import consolidation_days

MAX_NAME = 50


@dataclass
class ItemInput:
    """What a form sends for one item; the service checks all of it."""

    problem: str = ""
    item_class: str = Item.Class.NOW
    responsible_id: int | None = None
    responsible_name: str = ""
    standard: str = ""
    measures: str = ""
    deadline: dt.date | None = None
    explanation: str = ""
    opinion_ids: list = field(default_factory=list)
    evaluation_id: int | None = None


def _refuse(text: str, code: str):
    raise RectificationError(text, code=code)


def consolidation_end(campaign: Campaign) -> dt.date:
    """The last day of the consolidation period (巩固整改成果): the campaign's end plus the
    template's `consolidation_days`."""
    return campaign.ends_on + dt.timedelta(days=consolidation_days(campaign) or 0)


def _text(value: str, limit: int, message: str, code: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        _refuse(message % {"n": limit}, code)
    return value


def _responsible(plan: RectificationPlan, data: ItemInput) -> tuple[Person | None, str]:
    if data.responsible_id:
        person = Person.objects.filter(pk=data.responsible_id,
                                       school_id=plan.organization.school_id).first()
        if person is None:
            _refuse(_("Choose the responsible person from this school's people."),
                    "responsible")
        return person, person.name
    name = _text(data.responsible_name, MAX_NAME,
                 _("The responsible person's name may be at most %(n)d characters."),
                 "responsible")
    if not name:
        _refuse(_("Name the person responsible for the item (a person of the school, or a "
                  "name)."), "responsible")
    return None, name


def _deadline(plan: RectificationPlan, data: ItemInput, item_class: str) -> dt.date | None:
    if item_class == Item.Class.LATER:
        if data.deadline is not None:
            _refuse(_("An item that cannot be solved yet has no deadline: clear the deadline, "
                      "or choose another class."), "later_deadline")
        return None
    if data.deadline is None:
        _refuse(_("Give the deadline by which the item is solved."), "no_deadline")
    first, last = plan.campaign.starts_on, consolidation_end(plan.campaign)
    if not first <= data.deadline <= last:
        _refuse(_("The deadline must fall inside the campaign, between %(first)s and "
                  "%(last)s (the end of the consolidation period).")
                % {"first": first, "last": last}, "deadline_outside")
    return data.deadline


def _links(plan: RectificationPlan, data: ItemInput):
    """The opinions (fed back to the owner) and the evaluation finding the item answers."""
    wanted = {str(pk) for pk in data.opinion_ids or []}
    opinions = list(selectors.fed_back_opinions(plan).filter(pk__in=wanted)) if wanted else []
    if len(opinions) != len(wanted):
        _refuse(_("Link only opinions that were fed back to this plan's owner."), "opinions")
    evaluation = None
    if data.evaluation_id:
        evaluation = MemberGrade.objects.filter(
            pk=data.evaluation_id, person_id=plan.person_id,
            evaluation__campaign_id=plan.campaign_id).first() \
            if plan.owner_kind == Owner.MEMBER else None
        if evaluation is None:
            _refuse(_("Link only the evaluation finding of this plan's member."), "evaluation")
    return opinions, evaluation


def checked_item(plan: RectificationPlan, data: ItemInput) -> tuple[dict, list, object]:
    """The item's fields, its opinions and its evaluation, or the first problem found."""
    problem = _text(data.problem, MAX_PROBLEM,
                    _("The problem may be at most %(n)d characters."), "problem")
    if not problem:
        _refuse(_("State the problem the item solves."), "problem")
    if data.item_class not in Item.Class.values:
        _refuse(_("Choose the item's class."), "class")
    responsible, name = _responsible(plan, data)
    standard = _text(data.standard, MAX_STANDARD,
                     _("The standard may be at most %(n)d characters."), "standard")
    measures = _text(data.measures, MAX_MEASURES,
                     _("The measures may be at most %(n)d characters."), "measures")
    explanation = _text(data.explanation, MAX_EXPLANATION,
                        _("The explanation may be at most %(n)d characters."), "explanation")
    if data.item_class == Item.Class.LATER:
        if not explanation:
            _refuse(_("An item that cannot be solved yet needs an explanation to staff and "
                      "students instead of a deadline."), "no_explanation")
    else:
        explanation = ""
        if not measures:
            _refuse(_("State the measures that will solve the problem."), "no_measures")
    deadline = _deadline(plan, data, data.item_class)
    opinions, evaluation = _links(plan, data)
    fields = {"problem": problem, "item_class": data.item_class, "responsible": responsible,
              "responsible_name": name, "standard": standard, "measures": measures,
              "deadline": deadline, "explanation": explanation}
    return fields, opinions, evaluation
