"""App config for evaluations."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "vanguard.evaluations"
    label = "evaluations"
    verbose_name = _("Democratic evaluation")

    def ready(self) -> None:
        from vanguard.access import audit
        from vanguard.evaluations.models import Ballot, BallotGrade

        # Ballots are written without an audit entry; should anything ever audit one, the
        # entry names nobody and carries no address.
        audit.register_anonymous(Ballot)
        audit.register_anonymous(BallotGrade)
