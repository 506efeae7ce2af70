"""The talks the plan requires, read from the tree and the leadership teams (谈心对象).

For each school the plan covers: the principal leader with each team member; the other team
members with each other; each team member with the heads of the departments they oversee;
and in each branch, each secretary with each member. A pair that two rules give is counted
once, under the first rule in that order.
"""

from collections.abc import Iterator

from django.db import transaction

from vanguard.access.models import Role
from vanguard.campaigns import audience
from vanguard.campaigns.models import Activity, Assignment
from vanguard.people.models import Leader, Member, Organization
from vanguard.talks.models import Rule, Talk, TalkPair

Pair = tuple[int, int, str, int]  # (lower person id, higher person id, rule, organization id)


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _team_pairs(plan) -> Iterator[Pair]:
    tops = {}
    for org in (Organization.objects.filter(audience.covered(plan, ""), school__isnull=False)
                .order_by("depth", "path")):
        tops.setdefault(org.school_id, org.pk)
    leaders = (Leader.objects.filter(team__school_id__in=tops)
               .select_related("team").prefetch_related("departments")
               .order_by("team_id", "-is_principal", "id"))
    by_school: dict[int, list[Leader]] = {}
    for leader in leaders:
        by_school.setdefault(leader.team.school_id, []).append(leader)
    for school_id, team in by_school.items():
        org = tops[school_id]
        principals = [lead for lead in team if lead.is_principal]
        others = [lead for lead in team if not lead.is_principal]
        for principal in principals:
            for other in others:
                yield (*_ordered(principal.person_id, other.person_id), Rule.PRINCIPAL_TEAM, org)
        for i, first in enumerate(others):
            for second in others[i + 1:]:
                yield (*_ordered(first.person_id, second.person_id), Rule.TEAM_TEAM, org)
        for leader in team:
            for department in leader.departments.all():
                if department.head_id:
                    yield (*_ordered(leader.person_id, department.head_id),
                           Rule.TEAM_DEPARTMENT, org)


def _branch_pairs(plan) -> Iterator[Pair]:
    secretaries = (Role.objects.filter(audience.covered(plan, "organization__"),
                                       kind=Role.Kind.SECRETARY, user__person__isnull=False)
                   .values_list("organization_id", "user__person__id"))
    by_branch: dict[int, set[int]] = {}
    for org_id, person_id in secretaries:
        by_branch.setdefault(org_id, set()).add(person_id)
    members = (Member.objects.filter(organization_id__in=by_branch)
               .values_list("organization_id", "person_id"))
    for org_id, member_id in members:
        for secretary_id in by_branch[org_id]:
            if secretary_id != member_id:
                yield (*_ordered(secretary_id, member_id), Rule.SECRETARY_MEMBER, org_id)


def required_pairs(plan) -> list[Pair]:
    """Every required pair of the plan's part of the tree, each once."""
    seen: dict[tuple[int, int], Pair] = {}
    for pair in (*_team_pairs(plan), *_branch_pairs(plan)):
        if pair[0] != pair[1]:
            seen.setdefault(pair[:2], pair)
    return list(seen.values())


def _state_of(talk: Talk | None) -> str:
    if talk is None:
        return TalkPair.State.MISSING
    return TalkPair.State.DONE if talk.confirmed_at else TalkPair.State.WAITING


@transaction.atomic
def refresh_pairs(activity: Activity) -> int:
    """Bring the activity's pairs in line with the tree (idempotent): add new pairs (already
    covered if the two have talked), drop pairs no longer required unless a talk covers
    them, and give everyone in a pair a task. Returns the number of tasks created."""
    plan = activity.plan
    wanted = {pair[:2]: pair for pair in required_pairs(plan)}
    existing = {(p.person_a_id, p.person_b_id): p
                for p in TalkPair.objects.filter(activity=activity)}
    TalkPair.objects.filter(pk__in=[p.pk for key, p in existing.items()
                                    if key not in wanted and p.talk_id is None]).delete()
    talks = {}
    for talk in Talk.objects.filter(campaign_id=plan.campaign_id).order_by("-confirmed_at"):
        talks.setdefault((talk.person_a_id, talk.person_b_id), talk)
    new = []
    for key, (a, b, rule, org_id) in wanted.items():
        if key not in existing:
            talk = talks.get(key)
            new.append(TalkPair(campaign_id=plan.campaign_id, activity=activity,
                                organization_id=org_id, person_a_id=a, person_b_id=b,
                                rule=rule, talk=talk, state=_state_of(talk)))
    TalkPair.objects.bulk_create(new, ignore_conflicts=True)
    return _create_assignments(activity, wanted.values())


def _create_assignments(activity: Activity, pairs) -> int:
    """A task for each person in a required pair, in their branch (the pair's organization
    for a leader who is not a member here)."""
    people: dict[int, int] = {}
    for a, b, _rule, org_id in pairs:
        people.setdefault(a, org_id)
        people.setdefault(b, org_id)
    branches = dict(Member.objects.filter(person_id__in=people)
                    .values_list("person_id", "organization_id"))
    rows = [Assignment(activity=activity, person_id=person_id,
                       organization_id=branches.get(person_id, org_id), due_on=activity.due_on)
            for person_id, org_id in people.items()]
    return len(Assignment.objects.bulk_create(rows, ignore_conflicts=True))
