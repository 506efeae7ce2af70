"""Vanguard: a party organization's education campaign, run for a whole district's schools."""

from .celery import app as celery_app

__all__ = ["celery_app"]
