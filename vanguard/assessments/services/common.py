"""What the assessment services share: the permission check, the locked row, the campaign
check, the strata (groups) people fall in, and the activity's settings."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from vanguard.assessments.errors import AssessmentError
from vanguard.assessments.models import Assessment
from vanguard.campaigns.models import Campaign
from vanguard.people.models import Person

C = Person.Category
# The strata of the sample and the groups results are shown in. Teachers and other staff are
# "staff" (教职工); students are "student"; parents "parent". Retired staff and graduates are
# not among today's 师生员工 whom the assessment asks (phase 2 sought their opinions), so
# their categories fall in no group: not in the sample's frame, not named representatives.
GROUP_OF = {C.TEACHER: "staff", C.STAFF: "staff", C.STUDENT: "student", C.PARENT: "parent"}
ALL_GROUPS = ("staff", "student", "parent")
DEFAULT_MARGIN = Decimal("0.05")
DEFAULT_CONFIDENCE = Decimal("0.95")
# Bounds a margin and a confidence level must keep (the model stores three decimals).
MIN_MARGIN, MAX_MARGIN = Decimal("0.01"), Decimal("0.5")
MIN_CONFIDENCE, MAX_CONFIDENCE = Decimal("0.5"), Decimal("0.999")


def require(actor, perm: str, obj=None) -> None:
    if actor is not None and not actor.has_perm(perm, obj):
        raise AssessmentError(_("You are not allowed to do this here."), code="forbidden")


def locked(assessment: Assessment) -> Assessment:
    """The assessment's row, locked for the rest of the transaction, read fresh."""
    return (Assessment.objects.select_for_update(of=("self",))
            .select_related("organization", "campaign", "activity__plan", "activity__phase")
            .get(pk=assessment.pk))


def running(assessment: Assessment) -> None:
    if assessment.campaign.state != Campaign.State.RUNNING:
        raise AssessmentError(_("The campaign is closed; its records can be read, not "
                                "changed."), code="campaign_closed")


def group_labels() -> dict[str, str]:
    return {"staff": _("staff"), "student": _("students"), "parent": _("parents")}


def groups_of(activity) -> list[str]:
    """The template's strata, in the fixed order staff, student, parent; unknown names are
    ignored (the template check names them)."""
    asked = (activity.settings or {}).get("groups") or list(ALL_GROUPS)
    return [g for g in ALL_GROUPS if g in asked]


def categories_of(groups) -> list[str]:
    return [category for category, group in GROUP_OF.items() if group in groups]


def decimal_setting(value, default: Decimal) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else default
    except InvalidOperation:
        return default
