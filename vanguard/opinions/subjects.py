"""Whom an opinion can be about in one school, and reading a chosen subject back.

A subject travels through forms as a short token: `member:<person id>`, `leader:<person
id>`, `branch:<organization id>`, `team` or `party_org` (the last two are the school's). The
token is resolved against the school, so a subject outside it is refused, not trusted.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from vanguard.opinions.errors import OpinionError
from vanguard.opinions.models import Subject
from vanguard.people.models import Leader, Member, Organization, Person


@dataclass(frozen=True)
class ResolvedSubject:
    kind: str
    person: Person | None
    organization: Organization  # where the opinion belongs for scope

    @property
    def token(self) -> str:
        if self.person is not None:
            return f"{self.kind}:{self.person.pk}"
        if self.kind == Subject.BRANCH:
            return f"{self.kind}:{self.organization.pk}"
        return self.kind


def school_top(organization: Organization) -> Organization:
    """The school's top organization (its committee or general branch): the organization an
    intake, the team and the school's own subject belong to."""
    if organization.school_id is None:
        return organization
    return (Organization.objects.filter(school_id=organization.school_id)
            .order_by("depth", "path").first())


def choices(top: Organization) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a form's select: the organization, the team, the leaders, the
    branches, then the members branch by branch. Three queries."""
    groups: list[tuple[str, list[tuple[str, str]]]] = [
        (_("The school"), [(Subject.PARTY_ORG, str(top)),
                           (Subject.TEAM, _("Leadership team of %(org)s") % {"org": top})]),
    ]
    leaders = (Leader.objects.filter(team__school_id=top.school_id)
               .select_related("person").order_by("-is_principal", "id"))
    groups.append((_("Leaders"), [(f"{Subject.LEADER}:{lead.person_id}",
                                   f"{lead.person.name}（{lead.title}）") for lead in leaders]))
    branches = list(Organization.objects.filter(path__startswith=top.path,
                                                kind=Organization.Kind.BRANCH).order_by("path"))
    groups.append((_("Branches"), [(f"{Subject.BRANCH}:{b.pk}", b.name) for b in branches]))
    members = (Member.objects.filter(organization__path__startswith=top.path)
               .select_related("person", "organization").order_by("organization__path",
                                                                   "person__name"))
    by_branch: dict[str, list[tuple[str, str]]] = {}
    for member in members:
        by_branch.setdefault(member.organization.name, []).append(
            (f"{Subject.MEMBER}:{member.person_id}", member.person.name))
    groups.extend(by_branch.items())
    return groups


def resolve(token: str, top: Organization) -> ResolvedSubject:
    """The subject a token names, inside the school under `top`; a clear error otherwise."""
    kind, _sep, raw_id = (token or "").partition(":")
    outside = OpinionError(_("Choose whom the opinion is about from this school's list."),
                           code="subject")
    if kind in (Subject.TEAM, Subject.PARTY_ORG) and not raw_id:
        return ResolvedSubject(kind, None, top)
    if not raw_id.isdigit():
        raise outside
    if kind == Subject.BRANCH:
        branch = Organization.objects.filter(pk=raw_id, path__startswith=top.path,
                                             kind=Organization.Kind.BRANCH).first()
        if branch is None:
            raise outside
        return ResolvedSubject(kind, None, branch)
    if kind == Subject.MEMBER:
        member = (Member.objects.filter(person_id=raw_id, organization__path__startswith=top.path)
                  .select_related("person", "organization").first())
        if member is None:
            raise outside
        return ResolvedSubject(kind, member.person, member.organization)
    if kind == Subject.LEADER:
        leader = (Leader.objects.filter(person_id=raw_id, team__school_id=top.school_id)
                  .select_related("person").first())
        if leader is None or top.school_id is None:
            raise outside
        return ResolvedSubject(kind, leader.person, top)
    raise outside
