"""Accounts for imported members and activists: a login, a one-time password, a member role."""

import secrets
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from vanguard.access.models import Role, User
from vanguard.people.models import Organization, Person
from vanguard.people.roster.records import NewAccount

PASSWORD_LENGTH = 12
# No look-alikes (0/O, 1/l/I) to misread from a printed slip, and no symbol that a
# spreadsheet reads as the start of a formula (= + - @).
_CLASSES = ("abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "#%&*?!$")
_HASH_WORKERS = 4


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


def _hash_all(passwords: list[str]) -> list[str]:
    # A production hash costs a noticeable fraction of a second; hashlib's PBKDF2 releases the
    # GIL, so a few threads shorten the wait of a school-sized import several times over.
    if len(passwords) < 2:
        return [make_password(p) for p in passwords]
    with ThreadPoolExecutor(max_workers=_HASH_WORKERS) as pool:
        return list(pool.map(make_password, passwords))


def create_accounts(wanted: list[tuple[Person, str, Organization | None]]) -> list[NewAccount]:
    """An account per (person, login, branch): must change its password at first login, and
    holds the member role at the branch when one is given."""
    passwords = [initial_password() for _ in wanted]
    hashes = _hash_all(passwords)
    accounts = []
    for (person, login, branch), password, hashed in zip(wanted, passwords, hashes, strict=True):
        user = User.objects.create(username=login, password=hashed, must_change_password=True)
        person.user = user
        person.save(update_fields=["user", "updated_at"])
        if branch is not None:
            Role.objects.create(user=user, kind=Role.Kind.MEMBER, organization=branch)
        accounts.append(NewAccount(name=person.name, login=login, password=password))
    return accounts
