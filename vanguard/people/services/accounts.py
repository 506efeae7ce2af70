"""Accounts for imported members and activists: a login, a one-time password, a member role."""

import secrets
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth.hashers import get_hasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from vanguard.access.models import Role, User
from vanguard.people.models import Organization, Person
from vanguard.people.roster.records import NewAccount

PASSWORD_LENGTH = 12
# No look-alikes (0/O, 1/l/I) to misread from a printed slip, and no symbol that a
# spreadsheet reads as the start of a formula (= + - @).
_CLASSES = ("abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "#%&*?!$")
_HASH_WORKERS = 4
BATCH = 1000


def initial_password() -> str:
    """A random password with every character class that passes the project's validators."""
    alphabet = "".join(_CLASSES)
    rng = secrets.SystemRandom()
    while True:
        chars = [rng.choice(c) for c in _CLASSES]
        chars += [rng.choice(alphabet) for _ in range(PASSWORD_LENGTH - len(chars))]
        rng.shuffle(chars)
        password = "".join(chars)
        try:
            validate_password(password)
        except ValidationError:
            continue
        return password


INITIAL_HASHER = "pbkdf2_sha256_initial"


def _initial_hasher():
    """The hasher for one-time passwords (`access.passwords.InitialPasswordHasher`) when the
    settings list it; otherwise the default, as a deployment without it expects."""
    try:
        return get_hasher(INITIAL_HASHER)
    except ValueError:
        return get_hasher("default")


def _hash_all(passwords: list[str]) -> list[str]:
    # hashlib's PBKDF2 releases the GIL, so a few threads use every core.
    hasher = _initial_hasher()
    if len(passwords) < 2:
        return [make_password(p, hasher=hasher) for p in passwords]
    with ThreadPoolExecutor(max_workers=_HASH_WORKERS) as pool:
        return list(pool.map(lambda p: make_password(p, hasher=hasher), passwords))


def create_accounts(wanted: list[tuple[Person, str, Organization | None]]) -> list[NewAccount]:
    """An account per (person, login, branch): must change its password at first login, and
    holds the member role at the branch when one is given.

    Users and roles are written in bulk (a district's roster makes thousands at once) and each
    person is linked to their account: a stored person in the database, one not saved yet
    in memory, for its own insert to carry."""
    passwords = [initial_password() for _ in wanted]
    hashes = _hash_all(passwords)
    users = User.objects.bulk_create(
        [User(username=login, password=hashed, must_change_password=True)
         for (_person, login, _branch), hashed in zip(wanted, hashes, strict=True)],
        batch_size=BATCH)
    stored = []
    for (person, _login, _branch), user in zip(wanted, users, strict=True):
        person.user = user
        if person.pk is not None:
            stored.append(person)
    now = timezone.now()
    for person in stored:
        Person.objects.filter(pk=person.pk).update(user=person.user, updated_at=now)
    Role.objects.bulk_create(
        [Role(user=user, kind=Role.Kind.MEMBER, organization=branch)
         for (_person, _login, branch), user in zip(wanted, users, strict=True)
         if branch is not None], batch_size=BATCH)
    return [NewAccount(name=person.name, login=login, password=password)
            for (person, login, _branch), password in zip(wanted, passwords, strict=True)]
