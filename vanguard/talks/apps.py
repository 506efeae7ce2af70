"""App config for talks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalksConfig(AppConfig):
    name = "vanguard.talks"
    label = "talks"
    verbose_name = _("Heart-to-heart talks")

    def ready(self) -> None:
        from vanguard.people.signals import team_changed
        from vanguard.talks.services.team_changes import refresh_for_school

        # The required pairs come from the team: a change there refreshes them.
        team_changed.connect(refresh_for_school, dispatch_uid="talks.refresh_for_school")
