"""Celery tasks of access: the daily audit purge."""

from celery import shared_task

from vanguard.access.retention import purge_audit as purge


@shared_task
def purge_audit() -> int:
    return purge()
