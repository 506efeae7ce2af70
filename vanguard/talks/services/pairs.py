"""The talks the plan requires, read from the tree and the leadership teams (谈心对象).

For each school the plan covers: the principal leader with each team member; the team
members with each other; each team member with the heads of the departments they oversee;
and in each branch, each secretary (a secretary role whose account has a person) with each
member registered there. A pair that two rules give is counted once, under the first rule
in that order. Everyone in a required pair has a `talks.talks` task, done when all their
required pairs are done.
"""

from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Count, Q

from vanguard.access.models import Role
from vanguard.campaigns import audience
from vanguard.campaigns.models import Activity, Assignment
from vanguard.campaigns.services import rollup
from vanguard.core import clock
from vanguard.people.models import Leader, Member, Organization
from vanguard.talks.models import Rule, Talk, TalkPair

Pair = tuple[int, int, str, int]  # (lower person id, higher person id, rule, organization id)


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def school_tops(plan) -> dict[int, int]:
    """{school id: id of the school's highest organization the plan covers}: one query."""
    tops: dict[int, int] = {}
    for org in (Organization.objects.filter(audience.covered(plan, ""), school__isnull=False)
                .order_by("depth", "path").only("pk", "school_id")):
        tops.setdefault(org.school_id, org.pk)
    return tops


def _one_team(team: list[Leader], org: int) -> Iterator[Pair]:
    # Every two team members talk; with the principal leader it is the principal's rule.
    for i, first in enumerate(team):
        for second in team[i + 1:]:
            rule = (Rule.PRINCIPAL_TEAM if first.is_principal != second.is_principal
                    else Rule.TEAM_TEAM)
            yield (*_ordered(first.person_id, second.person_id), rule, org)
    for leader in team:
        for department in leader.departments.all():
            if department.head_id and department.school_id == leader.team.school_id:
                yield (*_ordered(leader.person_id, department.head_id),
                       Rule.TEAM_DEPARTMENT, org)


def _team_pairs(plan) -> Iterator[Pair]:
    tops = school_tops(plan)
    leaders = (Leader.objects.filter(team__school_id__in=tops)
               .select_related("team").prefetch_related("departments")
               .order_by("team_id", "-is_principal", "id"))
    by_school: dict[int, list[Leader]] = {}
    for leader in leaders:
        by_school.setdefault(leader.team.school_id, []).append(leader)
    for school_id, team in by_school.items():
        yield from _one_team(team, tops[school_id])


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
        for secretary_id in sorted(by_branch[org_id]):
            if secretary_id != member_id:
                yield (*_ordered(secretary_id, member_id), Rule.SECRETARY_MEMBER, org_id)


def required_pairs(plan) -> list[Pair]:
    """Every required pair of the plan's part of the tree, each once."""
    seen: dict[tuple[int, int], Pair] = {}
    for pair in (*_team_pairs(plan), *_branch_pairs(plan)):
        if pair[0] != pair[1]:
            seen.setdefault(pair[:2], pair)
    return list(seen.values())


def state_of(talk: Talk | None) -> str:
    if talk is None:
        return TalkPair.State.MISSING
    return TalkPair.State.DONE if talk.confirmed_at else TalkPair.State.WAITING


@transaction.atomic
def refresh_pairs(activity: Activity) -> int:
    """Bring the activity's pairs in line with the tree (idempotent): add new pairs (already
    covered if the two have talked), drop pairs no longer required unless a talk covers
    them, follow a changed rule, give everyone in a pair a task and set each task from the
    pairs. Returns the number of tasks created."""
    plan = activity.plan
    wanted = {pair[:2]: pair for pair in required_pairs(plan)}
    existing = {(p.person_a_id, p.person_b_id): p
                for p in TalkPair.objects.filter(activity=activity)}
    TalkPair.objects.filter(pk__in=[p.pk for key, p in existing.items()
                                    if key not in wanted and p.talk_id is None]).delete()
    changed = []
    for key, pair in existing.items():
        if key in wanted and (pair.rule, pair.organization_id) != wanted[key][2:]:
            pair.rule, pair.organization_id = wanted[key][2:]
            changed.append(pair)
    TalkPair.objects.bulk_update(changed, ["rule", "organization"])
    talks: dict[tuple[int, int], Talk] = {}
    # A confirmed talk wins over one still waiting (nulls sort differently per database).
    for talk in Talk.objects.filter(campaign_id=plan.campaign_id).order_by("id"):
        key = (talk.person_a_id, talk.person_b_id)
        if key not in talks or (talk.confirmed_at and not talks[key].confirmed_at):
            talks[key] = talk
    new = []
    for key, (a, b, rule, org_id) in wanted.items():
        if key not in existing:
            talk = talks.get(key)
            new.append(TalkPair(campaign_id=plan.campaign_id, activity=activity,
                                organization_id=org_id, person_a_id=a, person_b_id=b,
                                rule=rule, talk=talk, state=state_of(talk)))
    TalkPair.objects.bulk_create(new, ignore_conflicts=True)
    made = _create_assignments(activity, wanted.values())
    _sync_activity_tasks(activity)
    return made


def _create_assignments(activity: Activity, pairs) -> int:
    """A task for each person in a required pair, in their branch (the pair's organization
    for a leader or a department head who is not a member here)."""
    people: dict[int, int] = {}
    for a, b, _rule, org_id in pairs:
        people.setdefault(a, org_id)
        people.setdefault(b, org_id)
    having = set(Assignment.objects.filter(activity=activity).values_list("person_id",
                                                                        flat=True))
    branches = dict(Member.objects.filter(person_id__in=people)
                    .values_list("person_id", "organization_id"))
    rows = [Assignment(activity=activity, person_id=person_id,
                       organization_id=branches.get(person_id, org_id), due_on=activity.due_on)
            for person_id, org_id in people.items() if person_id not in having]
    return len(Assignment.objects.bulk_create(rows, ignore_conflicts=True))


def open_pairs_by_person(pairs) -> dict[int, int]:
    """{person id: required pairs not done} for everyone in `pairs` (two queries)."""
    counts: dict[int, int] = {}
    for side in ("person_a_id", "person_b_id"):
        for row in pairs.values(side).annotate(
                open=Count("pk", filter=~Q(state=TalkPair.State.DONE))).order_by():
            counts[row[side]] = counts.get(row[side], 0) + row["open"]
    return counts


def _sync_activity_tasks(activity: Activity) -> None:
    """After a refresh: a task done exactly when all its person's pairs are done; a pending
    task of someone left with no pair goes; then the roll-up is recounted (three queries)."""
    open_counts = open_pairs_by_person(TalkPair.objects.filter(activity=activity))
    tasks = Assignment.objects.filter(activity=activity).exclude(
        status=Assignment.Status.EXCUSED)
    tasks.filter(status=Assignment.Status.PENDING).exclude(person_id__in=open_counts).delete()
    done = [p for p, n in open_counts.items() if n == 0]
    pending = [p for p, n in open_counts.items() if n > 0]
    tasks.filter(person_id__in=done).exclude(status=Assignment.Status.DONE).update(
        status=Assignment.Status.DONE, done_at=clock.now())
    tasks.filter(person_id__in=pending).exclude(status=Assignment.Status.PENDING).update(
        status=Assignment.Status.PENDING, done_at=None)
    rollup.refresh_activity(activity)


def sync_tasks(campaign_id: int, person_ids: Iterable[int]) -> None:
    """Set the `talks.talks` tasks of `person_ids` from their pairs, through the roll-up:
    done when every required pair of theirs is done, pending otherwise."""
    from vanguard.talks.activities import TALKS_KIND

    person_ids = set(person_ids)
    open_counts = open_pairs_by_person(TalkPair.objects.filter(
        Q(person_a_id__in=person_ids) | Q(person_b_id__in=person_ids), campaign_id=campaign_id))
    tasks = Assignment.objects.filter(person_id__in=person_ids, activity__kind=TALKS_KIND,
                                      activity__plan__campaign_id=campaign_id) \
        .exclude(status=Assignment.Status.EXCUSED)
    for task in tasks:
        done = open_counts.get(task.person_id, 0) == 0
        rollup.set_status(task, Assignment.Status.DONE if done else Assignment.Status.PENDING)
