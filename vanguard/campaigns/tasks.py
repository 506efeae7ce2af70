"""Celery tasks of campaigns: thin wrappers that call a service."""

from celery import shared_task

from vanguard.campaigns import services


@shared_task
def advance_phases() -> dict[str, int]:
    return services.advance_phases()


@shared_task
def send_reminders() -> int:
    from vanguard.campaigns.services.reminders import send_reminders as send

    return send()


@shared_task
def send_digests() -> int:
    """Once a day (beat: after the morning reminders): one digest per person."""
    from vanguard.campaigns.services.digest import send_digests as send

    return send()
