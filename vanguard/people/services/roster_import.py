"""Importing a roster: every row checked first, then all of it written, or none of it."""

from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.access.models import AuditEntry, Role
from vanguard.people.errors import PeopleError
from vanguard.people.models import Activist, Member, Organization, Person
from vanguard.people.roster.planning import RowPlan, plan_rows
from vanguard.people.roster.reading import read_roster
from vanguard.people.roster.records import ImportResult, NewAccount
from vanguard.people.roster.validation import validate_rows
from vanguard.people.services.accounts import create_accounts
from vanguard.people.services.permissions import require

BATCH = 1000


@transaction.atomic
def import_roster(*, actor, organization: Organization, path_or_file, filename: str = "",
                  dry_run: bool = False) -> ImportResult:
    """Check every row of the file and, unless `dry_run` or any row is refused, write them.

    People are found again by ID number, else by staff number within the school, so importing
    the same file twice changes nothing the second time. `actor=None` is the platform itself.
    """
    require(actor, "people.import_roster", organization)
    filename = filename or _name_of(path_or_file)
    sheet = read_roster(path_or_file, filename)
    records, problems = validate_rows(sheet)
    plans, more_problems, skipped = plan_rows(records, organization)
    problems = sorted(problems + more_problems, key=lambda p: p.row)
    result = ImportResult(
        filename=filename, header_row=sheet.header_row, dry_run=dry_run,
        ignored_headers=sheet.ignored_headers, stopped_at=sheet.stopped_at,
        rows_ok=len(plans), problems=problems, skipped_accounts=skipped,
        created=sum(1 for p in plans if p.person is None),
        updated=sum(1 for p in plans if p.person is not None and p.changes),
        unchanged=sum(1 for p in plans if p.person is not None and not p.changes),
        accounts=[NewAccount(name=p.record.name, login=p.login) for p in plans if p.login],
    )
    if problems or dry_run:
        return result
    try:
        with transaction.atomic():
            result.accounts = _write(plans, actor)
    except IntegrityError:
        # Someone saved one of these people between our reads and writes.
        raise PeopleError(_("Someone changed these people while the file was being imported, "
                            "so nothing was saved. Import the file again."),
                          code="conflict") from None
    audit.record(actor=actor, action="people.roster.imported", target=organization, changes={
        "filename": [None, filename], "rows": [None, result.rows_ok],
        "created": [None, result.created], "updated": [None, result.updated],
        "unchanged": [None, result.unchanged], "accounts": [None, len(result.accounts)]})
    result.written = True
    return result


def _name_of(path_or_file) -> str:
    if isinstance(path_or_file, (str, Path)):
        return Path(path_or_file).name
    return Path(getattr(path_or_file, "name", "") or "").name


def _write(plans: list[RowPlan], actor) -> list[NewAccount]:
    """Write what the plans say. New people, their memberships, accounts and the audit
    entries go in by bulk inserts (a district's roster is thousands of rows); people found
    again are saved one by one, as they are few and each may move roles along."""
    changed = [(plan, _person_of(plan)) for plan in plans if plan.changes]
    for plan, person in changed:
        if plan.person is not None:
            person.save()
    # Accounts first, so that each new person's insert carries the link to theirs.
    accounts = create_accounts([(person, plan.login, plan.role_at) for plan, person in changed
                                if plan.login])
    Person.objects.bulk_create([person for plan, person in changed if plan.person is None],
                               batch_size=BATCH)
    members, activists = [], []
    for plan, person in changed:
        _save_membership(plan, person, members, activists)
    Member.objects.bulk_create(members, batch_size=BATCH)
    Activist.objects.bulk_create(activists, batch_size=BATCH)
    _audit_people(actor, changed)
    return accounts


def _person_of(plan: RowPlan) -> Person:
    person = plan.person or Person()
    for name, value in plan.values.items():
        setattr(person, name, value)
    if plan.id_number:
        person.set_id_number(plan.id_number)
    return person


def _save_membership(plan: RowPlan, person: Person, members: list[Member],
                     activists: list[Activist]) -> None:
    """Moves and drops at once; new Member and Activist rows are gathered for one insert."""
    member = getattr(plan.person, "member", None) if plan.person else None
    if member is None and plan.member_at is not None:
        members.append(Member(person=person, organization=plan.member_at,
                              joined_on=plan.joined_on))
    elif member is not None and (plan.member_at is not None or plan.joined_on):
        if plan.member_at is not None:
            _move_member_roles(person, member.organization, plan.member_at)
            member.organization = plan.member_at
        if plan.joined_on:
            member.joined_on = plan.joined_on
        member.save()
    if plan.drop_activist:
        Activist.objects.filter(person=person).delete()
    if plan.activist_at is None:
        return
    if plan.person is None:
        activists.append(Activist(person=person, organization=plan.activist_at))
    else:
        Activist.objects.update_or_create(person=person,
                                          defaults={"organization": plan.activist_at})


def _audit_people(actor, changed: list[tuple[RowPlan, Person]]) -> None:
    """The entry `audit.record` writes for each person created or updated, in one insert."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = user.get_username() if user else audit.SYSTEM
    target_type = Person._meta.label_lower
    AuditEntry.objects.bulk_create([
        AuditEntry(actor=user, actor_label=label,
                   action="people.person.created" if plan.person is None
                   else "people.person.updated",
                   target_type=target_type, target_id=str(person.pk),
                   target_label=str(person)[:200], changes=plan.changes)
        for plan, person in changed], batch_size=BATCH)


def _move_member_roles(person: Person, old: Organization, new: Organization) -> None:
    """A member who moves branch takes their member role along; other roles stay."""
    if person.user_id is None:
        return
    roles = Role.objects.filter(user_id=person.user_id, kind=Role.Kind.MEMBER)
    if roles.filter(organization=new).exists():
        roles.filter(organization=old).delete()
    else:
        roles.filter(organization=old).update(organization=new)
