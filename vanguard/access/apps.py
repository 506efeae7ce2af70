"""App config for access."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "vanguard.access"
    label = "access"
    verbose_name = _("Access")

    def ready(self) -> None:
        # Importing registers the permissions and the login/logout audit receivers.
        from vanguard.access import checks, predicates, signals  # noqa: F401
