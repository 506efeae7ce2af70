"""Reads for the intake pages, scoped to the viewer: who may run which intake, the public
form's intake, symposia and the second-check queue."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404

from vanguard.access import scope
from vanguard.opinions.models import Intake, Opinion, Symposium
from vanguard.opinions.services.intake import can_enter, secretary_branches

INTAKE_RELATED = ("organization", "campaign", "activity__phase")


def _intakes():
    return Intake.objects.select_related(*INTAKE_RELATED)


def get_public_intake(form_key: str) -> Intake:
    """The intake behind a public link; 404 for any other key."""
    intake = _intakes().filter(form_key=form_key).first() if form_key else None
    if intake is None:
        raise Http404
    return intake


def _visible_intake(viewer, pk) -> Intake:
    """An intake whose school is in or above the viewer's reading scope; 404 otherwise."""
    intake = _intakes().filter(scope.related_filter(viewer, scope.READERS, "organization__"),
                               pk=pk).first()
    if intake is None:
        raise Http404
    return intake


def get_managed_intake_for(viewer, pk) -> Intake:
    """For the office's pages: 404 outside the viewer's scope, 403 inside without the right."""
    intake = _visible_intake(viewer, pk)
    if not viewer.has_perm("opinions.manage_intake", intake):
        raise PermissionDenied
    return intake


def get_entry_intake_for(viewer, pk) -> Intake:
    """For typing opinions in: the office, or a secretary of one of the school's branches."""
    intake = _visible_intake(viewer, pk)
    if not can_enter(viewer, intake):
        raise PermissionDenied
    return intake


def own_intake(person, campaign) -> Intake | None:
    """The intake of the person's school in the campaign (its top organization's)."""
    if person is None or person.school_id is None:
        return None
    return (_intakes().filter(campaign=campaign, organization__school_id=person.school_id)
            .order_by("organization__depth", "organization__path").first())


def intakes_run_by(viewer, campaign) -> list[tuple[Intake, bool]]:
    """The campaign's intakes the viewer types into, each with whether they manage it. One
    query (the viewer's roles are read once per request)."""
    rows = _intakes().filter(campaign=campaign).filter(
        scope.related_filter(viewer, scope.READERS, "organization__")).order_by(
        "organization__path")
    return [(intake, viewer.has_perm("opinions.manage_intake", intake))
            for intake in rows if can_enter(viewer, intake)]


def symposia_for(viewer, intake: Intake):
    """The intake's symposia the viewer may enter under: all for the office, their own
    branches' for a secretary; each with how many opinions were entered under it."""
    rows = intake.symposia.select_related("organization").annotate(entered=Count("opinions"))
    if viewer.has_perm("opinions.enter_opinion", intake):
        return rows
    return rows.filter(organization__in=[b.pk for b in secretary_branches(viewer, intake)])


def get_symposium_for(viewer, intake: Intake, pk) -> Symposium | None:
    if pk in (None, ""):
        return None
    return symposia_for(viewer, intake).filter(pk=pk).first()


def unconfirmed_for(viewer, intake: Intake):
    """Typed-in opinions waiting for a second check, without the viewer's own entries."""
    return (intake.opinions.filter(status=Opinion.Status.UNCONFIRMED)
            .exclude(entered_by=viewer).select_related("entered_by", "subject_person",
                                                       "organization", "symposium")
            .order_by("received_on", "id"))


def get_unconfirmed_for(viewer, intake: Intake, pk) -> Opinion:
    opinion = intake.opinions.filter(pk=pk).first()
    if opinion is None:
        raise Http404
    return opinion


def intake_counts(intake: Intake) -> dict[str, int]:
    """How many opinions the intake holds, and how many wait for a check: one query."""
    rows = dict(intake.opinions.values_list("status").annotate(n=Count("id")).order_by())
    return {"total": sum(rows.values()), "unconfirmed": rows.get(Opinion.Status.UNCONFIRMED, 0)}
