"""Celery tasks of oversight: thin wrappers that call a service."""

from celery import shared_task


@shared_task
def end_supervision_periods() -> int:
    """Recall the supervision groups whose period has ended; their members lose the roles the
    groups gave them (hand-granted roles stay). Run daily, early in the morning."""
    from vanguard.oversight.services.supervision import end_past_periods

    return end_past_periods()
