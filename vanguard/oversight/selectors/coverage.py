"""Coverage reads, scoped to the viewer: graduates whose relation stays at the school, their
contact attempts and where they take part; members taking part elsewhere; the gate figure.

A graduate is *reached* in a campaign when at least one attempt in it has the result
"reached", or when a participation record exists for them (the school knows where they take
part)."""

from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404

from vanguard.access import scope as access_scope
from vanguard.campaigns.models import Campaign, Phase
from vanguard.oversight.models import ContactAttempt, Participation
from vanguard.people.models import Member, Organization

ORGANIZATION_CHOICES_LIMIT = 200


# --- what the viewer may open -------------------------------------------------------------


def get_campaign_for(viewer, pk) -> Campaign:
    """The campaign, if the viewer holds a reading role in its tree or above it; 404 else."""
    campaign = Campaign.objects.select_related("organization").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    if access_scope.is_admin(viewer):
        return campaign
    top = campaign.organization.path
    if not any(p.startswith(top) or top.startswith(p)
               for p in access_scope.role_paths(viewer, access_scope.READERS)):
        raise Http404
    return campaign


def default_organization(viewer, campaign: Campaign) -> Organization | None:
    """Where the viewer's coverage page starts: their highest reading node inside the
    campaign's tree, or the campaign's own organization when they read above it."""
    top = campaign.organization
    if access_scope.is_admin(viewer):
        return top
    nodes = sorted((r.organization for r in access_scope.roles_of(viewer)
                    if r.kind in access_scope.READERS and r.organization),
                   key=lambda o: (o.depth, o.path))
    for node in nodes:
        if top.path.startswith(node.path):
            return top
        if node.path.startswith(top.path):
            return node
    return None


def get_organization_for(viewer, campaign: Campaign, code: str = "") -> Organization:
    """The organization asked for by code (or the viewer's default): inside the campaign's
    tree and readable by the viewer (`oversight.view_coverage`); 404 else."""
    if code:
        organization = Organization.objects.filter(code=code).first()
    else:
        organization = default_organization(viewer, campaign)
    if (organization is None
            or not organization.path.startswith(campaign.organization.path)
            or not viewer.has_perm("oversight.view_coverage", organization)):
        raise Http404
    return organization


def organization_choices(viewer, campaign: Campaign) -> list[Organization]:
    """The organizations the viewer may switch to (one query, at most a limit)."""
    return list(Organization.objects.filter(
        access_scope.subtree_filter(viewer, access_scope.READERS),
        path__startswith=campaign.organization.path).order_by("path")
        .only("id", "code", "name", "depth", "path")[:ORGANIZATION_CHOICES_LIMIT])


def get_member_for(viewer, campaign: Campaign, pk) -> Member:
    member = (Member.objects.select_related("person", "organization__school")
              .filter(pk=pk, organization__path__startswith=campaign.organization.path).first())
    if member is None or not viewer.has_perm("oversight.view_coverage", member.organization):
        raise Http404
    return member


def get_participation_for(viewer, pk) -> Participation:
    participation = (Participation.objects.select_related("member__organization", "campaign")
                     .filter(pk=pk).first())
    if participation is None or not viewer.has_perm("oversight.view_coverage",
                                                    participation.member.organization):
        raise Http404
    return participation


# --- lists ---------------------------------------------------------------------------------


def _reached_attempts(campaign_id):
    return ContactAttempt.objects.filter(campaign_id=campaign_id, member=OuterRef("pk"),
                                         result=ContactAttempt.Result.REACHED)


def graduates(campaign: Campaign, organization: Organization, *,
              unreached: bool = False) -> QuerySet[Member]:
    """Graduates whose relation stays here, in the organization's subtree, each with its last
    attempt (date, channel, result), whether reached, and its participation (mode, place,
    report received): a fixed number of queries however many rows."""
    last = (ContactAttempt.objects.filter(campaign=campaign, member=OuterRef("pk"))
            .order_by("-made_on", "-id"))
    rows = (Member.objects.filter(relation_retained=True,
                                  organization__path__startswith=organization.path)
            .select_related("person", "organization")
            .annotate(part=FilteredRelation("participations",
                                            condition=Q(participations__campaign=campaign)))
            .annotate(
                part_id=F("part__id"), part_mode=F("part__mode"), part_place=F("part__place"),
                part_report_name=F("part__report_name"),
                part_received_on=F("part__report_received_on"),
                last_made_on=Subquery(last.values("made_on")[:1]),
                last_channel=Subquery(last.values("channel")[:1]),
                last_result=Subquery(last.values("result")[:1]),
                attempts=Subquery(ContactAttempt.objects.filter(
                    campaign=campaign, member=OuterRef("pk")).order_by()
                    .values("member").annotate(n=Count("id")).values("n")[:1]),
                reached_by_attempt=Exists(_reached_attempts(campaign.pk)))
            .order_by("organization__path", "person__name", "id"))
    if unreached:
        rows = rows.filter(part__id__isnull=True, reached_by_attempt=False)
    return rows


def with_labels(members) -> list[Member]:
    """Display values on each row (no queries): reached, the mode's and result's labels."""
    modes, results, channels = (dict(Participation.Mode.choices),
                                dict(ContactAttempt.Result.choices),
                                dict(ContactAttempt.Channel.choices))
    rows = list(members)
    for m in rows:
        m.reached = bool(m.reached_by_attempt or m.part_id)
        m.part_mode_label = str(modes.get(m.part_mode, ""))
        m.last_result_label = str(results.get(m.last_result, ""))
        m.last_channel_label = str(channels.get(m.last_channel, ""))
    return rows


def elsewhere(campaign: Campaign, organization: Organization) -> QuerySet[Participation]:
    """Members of the subtree taking part elsewhere, with their reasons."""
    return (Participation.objects.filter(
        campaign=campaign, mode=Participation.Mode.ELSEWHERE,
        member__organization__path__startswith=organization.path)
        .select_related("member__person", "member__organization", "recorded_by")
        .order_by("member__organization__path", "member__person__name", "id"))


def find_members(campaign: Campaign, organization: Organization, query: str,
                 limit: int = 20) -> list[Member]:
    """Members of the subtree by name or staff number (to open one's page)."""
    query = (query or "").strip()[:50]
    if not query:
        return []
    return list(Member.objects.filter(
        Q(person__name__icontains=query) | Q(person__staff_no=query),
        organization__path__startswith=organization.path)
        .select_related("person", "organization").order_by("person__name", "id")[:limit])


def attempts_of(campaign: Campaign, member: Member) -> list[ContactAttempt]:
    return list(ContactAttempt.objects.filter(campaign=campaign, member=member)
                .select_related("recorded_by"))


def participation_of(campaign: Campaign, member: Member) -> Participation | None:
    return Participation.objects.filter(campaign=campaign, member=member).first()


# --- the phase 1 gate ------------------------------------------------------------------------


def _is_first_phase(phase: Phase) -> bool:
    if phase.kind != Phase.Kind.PHASE:
        return False
    return not Phase.objects.filter(plan_id=phase.plan_id, kind=Phase.Kind.PHASE,
                                     order__lt=phase.order).exists()


def reached_counts(campaign_id: int, scope: Organization) -> tuple[int, int]:
    """(reached, graduates) over the scope's subtree, in one aggregate query."""
    reached = Q(Exists(_reached_attempts(campaign_id))) | Q(Exists(
        Participation.objects.filter(campaign_id=campaign_id, member=OuterRef("pk"))))
    counts = Member.objects.filter(
        relation_retained=True, organization__path__startswith=scope.path,
    ).aggregate(total=Count("id"), reached=Count("id", filter=reached))
    return counts["reached"] or 0, counts["total"] or 0


class GraduatesReachedFact:
    """The phase-1 gate's figure for graduates (registered with
    `registry.register_phase_facts`): shown, never waited for (share 0)."""

    key = "oversight.graduates_reached"

    def gate_facts(self, phase: Phase, scope: Organization) -> list[tuple]:
        from django.utils.translation import gettext

        if not _is_first_phase(phase):
            return []
        reached, total = reached_counts(phase.plan.campaign_id, scope)
        if not total:
            return []
        return [(gettext("Graduates whose relation stays here: reached %(n)d of %(m)d")
                 % {"n": reached, "m": total}, reached, total, 0)]

    def gate_missing(self, phase: Phase, scope: Organization, limit: int):
        if not _is_first_phase(phase):
            return [], 0
        campaign = Campaign(pk=phase.plan.campaign_id)
        rows = graduates(campaign, scope, unreached=True)
        total = rows.count()
        names = [f"{name}（{org}）" for name, org in
                 rows.values_list("person__name", "organization__name")[:limit]]
        return names, total - len(names)


graduates_reached = GraduatesReachedFact()
