"""Writing the register: open a case, add a step (with a document), close a case. Each
checks `handling.keep_register` first, refuses bad input with a clear message and writes
nothing then, and audits the write with lengths in place of texts (no name, no record text,
no file name reaches the audit log)."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from vanguard.access import audit
from vanguard.core import clock
from vanguard.core.errors import VanguardError
from vanguard.handling import selectors
from vanguard.handling.errors import HandlingError
from vanguard.handling.models import MAX_OUTCOME, MAX_TEXT, Case, Document, Step
from vanguard.rectification.services.evidence import check_file

REFUSAL = gettext_noop(
    "Only the head of the office and the principal leader may open the handling register.")


def refusal() -> HandlingError:
    return HandlingError(_(REFUSAL), code="denied")


def may_keep(actor, obj) -> bool:
    return bool(actor is not None and actor.has_perm("handling.keep_register", obj))


def _require_keeper(actor, obj) -> None:
    if not may_keep(actor, obj):
        raise refusal()


def _clean_text(text, *, limit: int, empty: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise HandlingError(empty, code="empty")
    if len(text) > limit:
        raise HandlingError(_("A text may be at most %(n)d characters.") % {"n": limit},
                            code="too_long")
    return text


def _clean_date(value, *, not_before: dt.date | None = None, label: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise HandlingError(_("Give the date of %(what)s.") % {"what": label}, code="no_date")
    if value > clock.today():
        raise HandlingError(_("The date of %(what)s cannot be in the future.")
                            % {"what": label}, code="future")
    if not_before is not None and value < not_before:
        raise HandlingError(_("The date of %(what)s cannot be before the case was opened "
                              "(%(date)s).") % {"what": label, "date": not_before},
                            code="too_early")
    return value


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("organization").get(pk=case.pk)


@transaction.atomic
def open_case(*, actor, member, kind: str, opened_on, grounds: str, campaign=None) -> Case:
    """A case for one member, kept where the member's case belongs."""
    if member is None:
        raise HandlingError(_("Choose the member."), code="no_member")
    organization = selectors.case_organization_for(member)
    _require_keeper(actor, organization)
    if kind not in Case.Kind.values:
        raise HandlingError(_("Choose the kind of case."), code="kind")
    opened_on = _clean_date(opened_on, label=_("opening"))
    grounds = _clean_text(grounds, limit=MAX_TEXT,
                          empty=_("Write why the case is opened."))
    if campaign is not None and not organization.path.startswith(campaign.organization.path):
        raise HandlingError(_("The campaign does not cover this member's organization."),
                            code="campaign")
    case = Case.objects.create(member=member, organization=organization, campaign=campaign,
                               kind=kind, grounds=grounds, opened_on=opened_on,
                               opened_by=actor)
    audit.record(actor=actor, action="handling.case.opened", target=case, changes={
        "kind": [None, kind], "opened_on": [None, str(opened_on)],
        "grounds": [None, len(grounds)], "campaign": [None, campaign.pk if campaign else None]})
    return case


@transaction.atomic
def add_step(*, actor, case: Case, kind: str, happened_on, text: str, upload=None) -> Step:
    """A step of an open case, with at most one document (checked by its bytes)."""
    _require_keeper(actor, case)
    case = _locked(case)
    if case.status != Case.Status.OPEN:
        raise HandlingError(_("The case is closed; no step can be added."), code="closed")
    if kind not in Step.Kind.values:
        raise HandlingError(_("Choose the kind of step."), code="kind")
    happened_on = _clean_date(happened_on, not_before=case.opened_on, label=_("the step"))
    text = _clean_text(text, limit=MAX_TEXT, empty=_("Write the record of the step."))
    checked = None
    if upload:
        try:
            checked = check_file(upload)
        except VanguardError as exc:
            raise HandlingError(exc.text, code=exc.code) from None
    step = Step.objects.create(case=case, kind=kind, happened_on=happened_on, text=text,
                               recorded_by=actor)
    changes = {"step": [None, step.pk], "kind": [None, kind],
               "happened_on": [None, str(happened_on)], "text": [None, len(text)]}
    document = None
    if checked is not None:
        document = Document(step=step, file_name=checked.name, content_type=checked.content_type,
                            size=len(checked.content), sha256=checked.sha256, added_by=actor)
        changes |= {"document_size": [None, document.size], "sha256": [None, document.sha256]}
    audit.record(actor=actor, action="handling.step.added", target=case, changes=changes)
    case.save(update_fields=["updated_at"])
    # The file is written last (as rectification evidence is): if saving the row fails the
    # file is removed and the transaction rolls back, so nothing half-written stays.
    if document is not None:
        document.file.save(checked.name, ContentFile(checked.content), save=False)
        try:
            document.save()
        except Exception:
            document.file.delete(save=False)
            raise
    return step


@transaction.atomic
def close_case(*, actor, case: Case, closed_on, outcome: str, measure: str = "") -> Case:
    """Close an open case with its outcome and, for handling or discipline, the measure
    decided (none is a valid answer: education may have been enough)."""
    _require_keeper(actor, case)
    case = _locked(case)
    if case.status != Case.Status.OPEN:
        raise HandlingError(_("The case is already closed."), code="closed")
    measure = measure or ""
    if measure and measure not in Case.MEASURES[case.kind]:
        raise HandlingError(_("This measure does not belong to this kind of case."),
                            code="measure")
    closed_on = _clean_date(closed_on, not_before=case.opened_on, label=_("closing"))
    outcome = _clean_text(outcome, limit=MAX_OUTCOME, empty=_("Write the outcome of the case."))
    case.status, case.closed_on, case.closed_by = Case.Status.CLOSED, closed_on, actor
    case.measure, case.outcome = measure, outcome
    case.save(update_fields=["status", "closed_on", "closed_by", "measure", "outcome",
                             "updated_at"])
    audit.record(actor=actor, action="handling.case.closed", target=case, changes={
        "status": [Case.Status.OPEN, Case.Status.CLOSED], "closed_on": [None, str(closed_on)],
        "measure": [None, measure], "outcome": [None, len(outcome)]})
    return case
