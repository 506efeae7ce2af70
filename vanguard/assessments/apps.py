"""App config for assessments."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "vanguard.assessments"
    label = "assessments"
    verbose_name = _("Satisfaction assessment")

    def ready(self) -> None:
        from vanguard.access import audit
        from vanguard.assessments.models import Answer, Response

        # Answers are written without an audit entry; should anything ever audit one, the
        # entry names nobody and carries no address.
        audit.register_anonymous(Response)
        audit.register_anonymous(Answer)
