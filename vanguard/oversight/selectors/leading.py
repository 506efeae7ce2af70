"""Reads for the leading-group pages, scoped to the viewer: a campaign's groups, one group
with its seats and the roles that follow from it. Each page costs a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from vanguard.access import scope
from vanguard.access.models import Role
from vanguard.campaigns.models import Campaign, Plan
from vanguard.oversight.models import LeadingGroup, Seat
from vanguard.oversight.services.leading import POST_ROLE, source_of
from vanguard.people.models import Organization, Person


def groups_for(viewer, campaign: Campaign):
    """The campaign's leading groups the viewer may read: in their subtrees or above them
    (a school reads the district's group), each with its seats and their people."""
    return (LeadingGroup.objects
            .filter(scope.related_filter(viewer, scope.READERS, "organization__"),
                    campaign=campaign)
            .select_related("organization")
            .annotate(seat_count=Count("seats"))
            .prefetch_related(Prefetch("seats", queryset=Seat.objects.select_related("person")
                                       .order_by("post", "id")))
            .order_by("organization__path"))


def levels_without_group(viewer, campaign: Campaign) -> list[Organization]:
    """The campaign's levels with a plan (its root, the schools' top organizations) where the
    viewer holds office and no group exists yet: one query (the service checks the level)."""
    if not (scope.is_admin(viewer) or scope.role_paths(viewer, (Role.Kind.OFFICE,))):
        return []
    have = LeadingGroup.objects.filter(campaign=campaign).values("organization_id")
    plans = (Plan.objects.filter(scope.subtree_filter(viewer, (Role.Kind.OFFICE,),
                                                      "organization__"), campaign=campaign)
             .exclude(organization_id__in=have)
             .select_related("organization").order_by("organization__path"))
    return [p.organization for p in plans]


def get_group_for(viewer, pk) -> LeadingGroup:
    """The group if the viewer may read it; 404 both for missing and for not theirs."""
    group = (LeadingGroup.objects.select_related("organization", "campaign__organization")
             .filter(pk=pk).first())
    if group is None or not viewer.has_perm("oversight.view_leading_group", group.organization):
        raise Http404
    return group


def get_seat_for(viewer, pk) -> Seat:
    seat = (Seat.objects.select_related("person", "group__organization", "group__campaign")
            .filter(pk=pk).first())
    if seat is None or not viewer.has_perm("oversight.view_leading_group",
                                           seat.group.organization):
        raise Http404
    return seat


@dataclass
class GroupPage:
    group: LeadingGroup
    by_post: list[tuple[str, str, list[Seat]]] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    no_account: list[Person] = field(default_factory=list)
    kept_by_hand: list[Seat] = field(default_factory=list)


def group_page(group: LeadingGroup) -> GroupPage:
    """Seats grouped by post (with the person's account), the roles granted from this record,
    and who has no account yet: three queries."""
    seats = list(group.seats.select_related("person__user").order_by("post", "id"))
    roles = list(Role.objects.filter(source=source_of(group))
                 .select_related("user__person", "organization").order_by("kind", "user_id"))
    granted = {(r.user_id, r.kind) for r in roles}
    held = set()
    users = {s.person.user_id for s in seats if s.person.user_id}
    if users:
        held = set(Role.objects.filter(Q(user_id__in=users), organization=group.organization)
                   .exclude(source=source_of(group)).values_list("user_id", "kind"))
    page = GroupPage(group=group, roles=roles)
    for post, label in Seat.Post.choices:
        page.by_post.append((post, label, [s for s in seats if s.post == post]))
    seen = set()
    for seat in seats:
        if seat.person.user_id is None:
            if seat.person_id not in seen:
                page.no_account.append(seat.person)
                seen.add(seat.person_id)
        elif ((seat.person.user_id, POST_ROLE[seat.post]) not in granted
              and (seat.person.user_id, POST_ROLE[seat.post]) in held):
            page.kept_by_hand.append(seat)
    return page


def seat_candidates(group: LeadingGroup):
    """People who may be seated, for the form's choice: a school's people at a school level;
    above the schools, members of the subtree and people whose account holds a role in it."""
    organization = group.organization
    if organization.school_id is not None:
        condition = Q(school_id=organization.school_id) | organization.subtree_q(
            "member__organization__")
    else:
        # The whole district's members would make a list of thousands: above the schools the
        # choice offers people whose account holds a role in the subtree (the service accepts
        # members of the subtree too).
        condition = Q(user__roles__organization__path__startswith=organization.path)
    return Person.objects.filter(condition).distinct().order_by("name", "id")
