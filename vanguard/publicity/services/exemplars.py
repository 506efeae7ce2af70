"""Exemplars (先进典型): nominated by who runs an organization, decided by an office that is
not the nominator (four eyes), published on the public page by an office once approved."""

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.core import clock
from vanguard.publicity.errors import PublicityError
from vanguard.publicity.models import MAX_DEEDS, MAX_REASON, Exemplar
from vanguard.publicity.services.common import members_of, require, require_school_unit, text


def _locked(exemplar: Exemplar) -> Exemplar:
    return Exemplar.objects.select_for_update(of=("self",)).select_related(
        "organization", "campaign", "person").get(pk=exemplar.pk)


@transaction.atomic
def nominate_exemplar(*, actor, campaign, organization, person, deeds: str) -> Exemplar:
    """A member of the organization's subtree put forward, with what they did."""
    require(actor, "publicity.nominate_exemplar", organization)
    require_school_unit(campaign, organization)
    deeds = text(deeds, limit=MAX_DEEDS, field=_("deeds"))
    if person is None or not members_of(organization).filter(pk=person.pk).exists():
        raise PublicityError(_("An exemplar must be a party member of the organization."),
                             code="person")
    if Exemplar.objects.filter(campaign=campaign, person=person).exists():
        raise PublicityError(_("%(name)s is already nominated in this campaign.")
                             % {"name": person.name}, code="duplicate")
    exemplar = Exemplar.objects.create(campaign=campaign, organization=organization,
                                       person=person, deeds=deeds, nominated_by=actor)
    audit.record(actor=actor, action="publicity.exemplar.nominated", target=exemplar,
                 changes={"person": [None, person.pk], "organization": [None, organization.pk]})
    return exemplar


@transaction.atomic
def decide_exemplar(*, actor, exemplar: Exemplar, approve: bool, reason: str = "") -> Exemplar:
    exemplar = _locked(exemplar)
    require(actor, "publicity.decide_exemplar", exemplar)
    if exemplar.nominated_by_id == actor.pk:
        raise PublicityError(_("Someone other than the nominator decides on a nomination."),
                             code="four_eyes")
    if exemplar.status != Exemplar.Status.NOMINATED:
        raise PublicityError(_("This nomination is already decided."), code="decided")
    reason = text(reason, limit=MAX_REASON, field=_("reason"), required=not approve)
    before = exemplar.status
    exemplar.status = Exemplar.Status.APPROVED if approve else Exemplar.Status.DECLINED
    exemplar.decided_by, exemplar.decided_at = actor, clock.now()
    exemplar.decline_reason = "" if approve else reason
    exemplar.save(update_fields=["status", "decided_by", "decided_at", "decline_reason",
                                 "updated_at"])
    audit.record(actor=actor, action="publicity.exemplar." + ("approved" if approve
                                                              else "declined"),
                 target=exemplar, changes={"status": [before, exemplar.status]})
    return exemplar


@transaction.atomic
def publish_exemplar(*, actor, exemplar: Exemplar) -> Exemplar:
    """Show an approved exemplar (name, organization, deeds) on the public campaign page."""
    exemplar = _locked(exemplar)
    require(actor, "publicity.publish_news", exemplar)
    if exemplar.status != Exemplar.Status.APPROVED:
        raise PublicityError(_("Only an approved exemplar can be published."),
                             code="not_approved")
    if exemplar.published_at is not None:
        raise PublicityError(_("This exemplar is already published."), code="published")
    exemplar.published_at = clock.now()
    exemplar.save(update_fields=["published_at", "updated_at"])
    audit.record(actor=actor, action="publicity.exemplar.published", target=exemplar,
                 changes={"published_at": [None, str(exemplar.published_at)]})
    return exemplar


@transaction.atomic
def unpublish_exemplar(*, actor, exemplar: Exemplar) -> Exemplar:
    exemplar = _locked(exemplar)
    require(actor, "publicity.publish_news", exemplar)
    if exemplar.published_at is None:
        raise PublicityError(_("This exemplar is not published."), code="not_published")
    before, exemplar.published_at = exemplar.published_at, None
    exemplar.save(update_fields=["published_at", "updated_at"])
    audit.record(actor=actor, action="publicity.exemplar.unpublished", target=exemplar,
                 changes={"published_at": [str(before), None]})
    return exemplar
