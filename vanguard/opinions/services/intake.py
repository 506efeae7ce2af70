"""Opinion intake: the plan's intake record, and opinions from every channel."""

import secrets

from vanguard.campaigns.models import Activity
from vanguard.opinions.models import Intake
from vanguard.opinions.subjects import school_top


def ensure_intake(activity: Activity) -> Intake:
    """The activity's intake, made on first need with a fresh random form key."""
    intake = Intake.objects.filter(activity=activity).first()
    if intake is None:
        intake = Intake.objects.create(
            activity=activity, campaign_id=activity.plan.campaign_id,
            organization=school_top(activity.plan.organization),
            form_key=secrets.token_urlsafe(16)[:22])
    return intake
