"""Leading groups and their offices (领导小组 / 办公室): the record of who leads a campaign at
a level, and the roles in Vanguard that follow from it.

A level is the campaign's root, a node above the schools inside its tree (a district of a
city), or a school's top organization that has a plan; never a branch inside a school.
Seats of the group itself (head, deputy, member) make a "leader" role at the group's
organization; seats of the office make an "office" role there. Those roles carry
`source="leading_group:<id>"`, so changing the record takes back only its own roles and never
a role granted by hand.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.access.models import Role
from vanguard.campaigns.models import Campaign, Plan
from vanguard.core.errors import VanguardError
from vanguard.oversight.models import LeadingGroup, Seat
from vanguard.people.models import Leader, Organization, Person

MAX_NAME, MAX_OFFICE_NAME, MAX_DUTIES, MAX_DUTY = 100, 100, 4000, 200
POST_ROLE = {**{p: Role.Kind.LEADER for p in Seat.GROUP_POSTS},
             **{p: Role.Kind.OFFICE for p in Seat.OFFICE_POSTS}}


class LeadingGroupError(VanguardError):
    """Bad input or a refused action on a leading group; nothing has been written."""


def source_of(group: LeadingGroup) -> str:
    return f"leading_group:{group.pk}"


def _forbidden() -> LeadingGroupError:
    return LeadingGroupError(_("You are not allowed to do this here."), code="forbidden")


def _running(campaign: Campaign) -> None:
    if campaign.state != Campaign.State.RUNNING:
        raise LeadingGroupError(
            _("The campaign is closed; its records can be read, not changed."), code="closed")


def school_top(organization: Organization) -> Organization | None:
    if organization.school_id is None:
        return None
    return (Organization.objects.filter(school_id=organization.school_id)
            .order_by("depth", "path").first())


def is_level(campaign: Campaign, organization: Organization) -> bool:
    """The campaign's root or a node above the schools inside its tree, or a school's top
    organization with a plan in the campaign."""
    if not organization.path.startswith(campaign.organization.path):
        return False
    if organization.school_id is None:
        return True
    top = school_top(organization)
    return (top is not None and top.pk == organization.pk
            and Plan.objects.filter(campaign=campaign, organization=organization).exists())


def belongs_to_level(person: Person, organization: Organization) -> bool:
    """At a school level: a person of that school (or a member registered in its tree).
    Above the schools: a member registered in the subtree, a person of a school in it, or a
    person whose account holds a role at a node in it (district staff have no school)."""
    subtree = organization.subtree_q
    if organization.school_id is not None:
        return (person.school_id == organization.school_id
                or Person.objects.filter(subtree("member__organization__"), pk=person.pk)
                .exists())
    if Person.objects.filter(subtree("member__organization__"), pk=person.pk).exists():
        return True
    if person.school_id and Organization.objects.filter(
            subtree(), school_id=person.school_id).exists():
        return True
    return person.user_id is not None and Role.objects.filter(
        subtree("organization__"), user_id=person.user_id).exists()


def principal_leaders(organization: Organization) -> list[Leader]:
    return list(Leader.objects.filter(team__school_id=organization.school_id, is_principal=True)
                .select_related("person"))


def _clean_text(value: str, limit: int, label: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise LeadingGroupError(_("Give the %(field)s.") % {"field": label}, code="empty")
    if len(value) > limit:
        raise LeadingGroupError(
            _("The %(field)s may have at most %(limit)d characters (it has %(length)d).")
            % {"field": label, "limit": limit, "length": len(value)}, code="too_long")
    return value


# --- the group -------------------------------------------------------------------------------

@transaction.atomic
def create_leading_group(*, actor, campaign: Campaign, organization: Organization,
                         name: str = "", office_name: str = "", duties: str = "") -> LeadingGroup:
    if not actor.has_perm("oversight.manage_leading_group", organization):
        raise _forbidden()
    _running(campaign)
    if not is_level(campaign, organization):
        raise LeadingGroupError(
            _("%(org)s is not a level of this campaign: a leading group is formed by the "
              "campaign's own organization or by a school's top organization that has a plan.")
            % {"org": organization.name}, code="not_a_level")
    if LeadingGroup.objects.filter(campaign=campaign, organization=organization).exists():
        raise LeadingGroupError(_("%(org)s already has a leading group for this campaign.")
                                % {"org": organization.name}, code="exists")
    name = _clean_text(name, MAX_NAME, _("name")) or _("%(org)s leading group of %(campaign)s") % {
        "org": organization.name, "campaign": campaign.name}
    group = LeadingGroup.objects.create(
        campaign=campaign, organization=organization, name=name[:MAX_NAME],
        office_name=_clean_text(office_name, MAX_OFFICE_NAME, _("office name")),
        duties=_clean_text(duties, MAX_DUTIES, _("duties of the office")))
    audit.record(actor=actor, action="oversight.leading_group.created", target=group,
                 changes={"organization": organization.code, "name": group.name,
                          "office_name": group.office_name})
    return group


@transaction.atomic
def edit_leading_group(*, actor, group: LeadingGroup, name: str, office_name: str = "",
                       duties: str = "") -> LeadingGroup:
    if not actor.has_perm("oversight.manage_leading_group", group.organization):
        raise _forbidden()
    _running(group.campaign)
    after = {"name": _clean_text(name, MAX_NAME, _("name"), required=True),
             "office_name": _clean_text(office_name, MAX_OFFICE_NAME, _("office name")),
             "duties": _clean_text(duties, MAX_DUTIES, _("duties of the office"))}
    before = {key: getattr(group, key) for key in after}
    changes = audit.field_diff(before, after)
    if "duties" in changes:  # the text may be long: the log keeps its length
        changes["duties"] = [len(before["duties"]), len(after["duties"])]
    for key, value in after.items():
        setattr(group, key, value)
    group.save(update_fields=[*after, "updated_at"])
    audit.record(actor=actor, action="oversight.leading_group.edited", target=group,
                 changes=changes)
    return group


# --- seats ----------------------------------------------------------------------------------

@transaction.atomic
def add_seat(*, actor, group: LeadingGroup, person: Person, post: str, duty: str = "") -> Seat:
    organization = group.organization
    if not actor.has_perm("oversight.manage_leading_group", organization):
        raise _forbidden()
    _running(group.campaign)
    if post not in Seat.Post.values:
        raise LeadingGroupError(_("Choose a post."), code="post")
    duty = _clean_text(duty, MAX_DUTY, _("duty"))
    label = Seat.Post(post).label
    if not belongs_to_level(person, organization):
        raise LeadingGroupError(
            _("%(person)s does not belong to %(org)s: seat people of this level only.")
            % {"person": person.name, "org": organization.name}, code="not_of_level")
    seats = list(group.seats.select_related("person"))
    same_side = Seat.GROUP_POSTS if post in Seat.GROUP_POSTS else Seat.OFFICE_POSTS
    taken = next((s for s in seats if s.person_id == person.pk and s.post in same_side), None)
    if taken is not None:
        raise LeadingGroupError(_("%(person)s already sits here as %(post)s.")
                                % {"person": person.name, "post": taken.get_post_display()},
                                code="seated")
    if post in (Seat.Post.HEAD, Seat.Post.OFFICE_HEAD):
        holder = next((s for s in seats if s.post == post), None)
        if holder is not None:
            raise LeadingGroupError(
                _("The post %(post)s is held by %(person)s; remove that seat first.")
                % {"post": label, "person": holder.person.name}, code="one_head")
    if post == Seat.Post.HEAD and organization.school_id is not None:
        principals = principal_leaders(organization)
        if not principals:
            raise LeadingGroupError(
                _("The school's leadership team has no principal leader recorded: the head of "
                  "the leading group is the first responsible person, record them first."),
                code="no_principal")
        if person.pk not in {p.person_id for p in principals}:
            raise LeadingGroupError(
                _("The head of a school's leading group is its first responsible person, the "
                  "principal leader %(name)s, not %(person)s.")
                % {"name": "、".join(p.person.name for p in principals), "person": person.name},
                code="not_principal")
    seat = Seat.objects.create(group=group, person=person, post=post, duty=duty)
    audit.record(actor=actor, action="oversight.seat.added", target=group,
                 changes={"person": person.pk, "post": post, "duty": duty})
    sync_roles(group, actor=actor)
    return seat


@transaction.atomic
def edit_seat_duty(*, actor, seat: Seat, duty: str) -> Seat:
    group = seat.group
    if not actor.has_perm("oversight.manage_leading_group", group.organization):
        raise _forbidden()
    _running(group.campaign)
    duty = _clean_text(duty, MAX_DUTY, _("duty"))
    changes = audit.field_diff({"duty": seat.duty}, {"duty": duty})
    seat.duty = duty
    seat.save(update_fields=["duty", "updated_at"])
    audit.record(actor=actor, action="oversight.seat.edited", target=group,
                 changes={"person": seat.person_id, "post": seat.post, **changes})
    return seat


@transaction.atomic
def remove_seat(*, actor, seat: Seat) -> None:
    group = seat.group
    if not actor.has_perm("oversight.manage_leading_group", group.organization):
        raise _forbidden()
    _running(group.campaign)
    audit.record(actor=actor, action="oversight.seat.removed", target=group,
                 changes={"person": seat.person_id, "post": seat.post, "duty": seat.duty})
    seat.delete()
    # Another campaign's group at the same organization may want a role this one gave up.
    for other in LeadingGroup.objects.filter(organization=group.organization).order_by("pk"):
        sync_roles(other, actor=actor)


@transaction.atomic
def refresh_roles(*, actor, group: LeadingGroup) -> tuple[int, int]:
    """Grant the roles of seats whose person has an account now (made after the seat)."""
    if not actor.has_perm("oversight.manage_leading_group", group.organization):
        raise _forbidden()
    return sync_roles(group, actor=actor)


# --- roles follow from the record -------------------------------------------------------------

def wanted_roles(group: LeadingGroup) -> set[tuple[int, str]]:
    """(user id, role kind) for each seat whose person has an account."""
    return {(user_id, POST_ROLE[post]) for user_id, post in
            group.seats.filter(person__user__isnull=False).values_list("person__user_id", "post")}


def sync_roles(group: LeadingGroup, *, actor=None) -> tuple[int, int]:
    """Make the roles from this record match its seats: grant the missing ones (unless the
    person already holds the same role there, by hand or from another record: that one is
    left alone) and take back this record's roles no seat asks for any more. Returns
    (granted, taken back); audited when anything changed."""
    source = source_of(group)
    wanted = wanted_roles(group)
    own = {(r.user_id, r.kind): r for r in Role.objects.filter(source=source)}
    stale = [r.pk for key, r in own.items() if key not in wanted]
    missing = wanted - own.keys()
    held = set()
    if missing:
        held = set(Role.objects.filter(
            Q(user_id__in={u for u, _k in missing}), organization=group.organization)
            .values_list("user_id", "kind"))
    grant = sorted(missing - held)
    with transaction.atomic():
        if stale:
            Role.objects.filter(pk__in=stale).delete()
        Role.objects.bulk_create([Role(user_id=user_id, kind=kind,
                                       organization=group.organization, source=source)
                                  for user_id, kind in grant])
        if grant or stale:
            audit.record(actor=actor, action="oversight.leading_group.roles_synced",
                         target=group,
                         changes={"granted": [f"{u}:{k}" for u, k in grant],
                                  "taken_back": [f"{u}:{k}" for (u, k), r in own.items()
                                                 if r.pk in stale]})
    return len(grant), len(stale)
