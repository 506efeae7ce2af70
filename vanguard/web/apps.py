"""App config for web."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "vanguard.web"
    label = "web"
