"""The self-analysis (党性分析材料) as an activity kind: each member writes one; it is done
when it has been reviewed and then revised after the special meeting (修改完善).

Settings: `sections`, a list of {key, label, min_characters} (the seed's five sections,
about 3,000 characters in all); `max_characters` per section (default 10,000)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns import audience, registry
from vanguard.campaigns.activities import AssignmentKind

ANALYSIS_KIND = "analyses.self_analysis"


class SelfAnalysisKind(AssignmentKind):
    key = ANALYSIS_KIND
    label = _("Self-analysis with review")

    def audience(self, activity):
        """Every member, and every leader of a school the plan covers: a team member who is
        not a party member here still writes one for the democratic-life meeting, which
        admits only those whose analysis passed review."""
        people = dict(audience.members(activity.plan))
        for person_id, org_id in audience.leaders(activity.plan):
            people.setdefault(person_id, org_id)
        return list(people.items())

    def task_panel(self, assignment, request) -> str:
        from vanguard.analyses import task_panels

        return task_panels.analysis_panel(assignment, request)

    def campaign_links(self, campaign, user) -> list[tuple[str, str]]:
        """Readers see where analyses stand (never the text); people write their own and
        review those the chain gives them (an office reviews a principal leader's)."""
        from django.urls import reverse

        from vanguard.access import scope as access_scope

        links = []
        if access_scope.is_admin(user) or access_scope.role_paths(user, access_scope.READERS):
            links.append((gettext("Self-analyses"), reverse("analyses:progress",
                                                            args=[campaign.pk])))
        if hasattr(user, "person"):
            links.append((gettext("My self-analysis"), reverse("analyses:mine",
                                                               args=[campaign.pk])))
        if hasattr(user, "person") or access_scope.role_paths(user, ("office",)):
            links.append((gettext("Analyses to review"), reverse("analyses:queue",
                                                                 args=[campaign.pk])))
        return links

    def gate_facts(self, activity, scope) -> list[tuple]:
        """Reviewed is the step before revised: a figure the gate shows (share 0), so the
        office sees where people are; the check itself waits for the revised versions."""
        from vanguard.analyses.selectors import reviewed_count

        reviewed, required = reviewed_count(activity, scope)
        return [(gettext("Analyses reviewed"), reviewed, required, 0)]


registry.register(SelfAnalysisKind())
