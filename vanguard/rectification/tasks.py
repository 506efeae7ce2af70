"""Celery tasks of rectification: thin wrappers that call a service."""

from celery import shared_task


@shared_task
def send_rectification_reminders() -> int:
    from vanguard.rectification.services.consolidation import send_rectification_reminders as send

    return send()
