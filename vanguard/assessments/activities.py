"""The satisfaction assessment as an activity kind: one per school, run by its office; no
personal tasks (respondents answer through their own tokens).

Settings: `questions` [{key, text}]; `groups` — the strata of the random sample among
staff, student, parent (default all three); `margin` (default 0.05) and `confidence`
(default 0.95) for the sample size; `remedial_when` — "most" (more than half not satisfied,
the seed's "多数不满意") or a share such as "0.3" (at least that share not satisfied)."""

from django.utils.translation import gettext_lazy as _

from vanguard.campaigns import audience, registry

ASSESSMENT_KIND = "assessments.satisfaction"


class SatisfactionKind:
    key = ASSESSMENT_KIND
    label = _("Satisfaction assessment")

    def create_assignments(self, activity) -> int:
        return 0

    def is_done(self, assignment) -> bool:
        return False

    def progress(self, activity, scope) -> tuple[int, int]:
        """Schools whose first assessment is closed, over schools in scope."""
        from vanguard.assessments.models import Assessment

        closed = (Assessment.objects.filter(campaign_id=activity.plan.campaign_id, round=1,
                                            state=Assessment.State.CLOSED,
                                            organization__path__startswith=scope.path)
                  .values("organization_id").distinct().count())
        return closed, audience.school_count(activity.plan, scope)

    def campaign_links(self, campaign, user) -> list[tuple[str, str]]:
        from django.urls import reverse
        from django.utils.translation import gettext

        from vanguard.access import scope as access_scope

        links = []
        if access_scope.is_admin(user) or access_scope.role_paths(user, access_scope.READERS):
            links += [(gettext("Satisfaction assessment"),
                       reverse("assessments:campaign", args=[campaign.pk])),
                      (gettext("Remedial rounds"), reverse("assessments:remedial_list"))]
        if hasattr(user, "person"):
            links.append((gettext("Answer the assessment"), reverse("assessments:answer")))
        return links

    def gate_facts(self, activity, scope) -> list[tuple]:
        """Open remedial rounds hold the gate: a school must finish its 补课 first."""
        from django.utils.translation import gettext

        from vanguard.assessments.models import RemedialRound

        rounds = RemedialRound.objects.filter(campaign_id=activity.plan.campaign_id,
                                              organization__path__startswith=scope.path)
        total = rounds.count()
        closed = rounds.filter(closed_at__isnull=False).count()
        return [(gettext("Remedial rounds finished"), closed, total)]


registry.register(SatisfactionKind())
