"""The registry of activity kinds: each app plugs its kinds in from its own `activities.py`.

`campaigns` never imports an activity app; it only asks the registry. A kind answers three
questions about its activities: who must do something (`create_assignments`), whether one
person has done it (`is_done`), and how far a scope has got (`progress`, one aggregate query).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, runtime_checkable


@runtime_checkable
class ActivityKind(Protocol):
    key: str
    label: str

    def create_assignments(self, activity) -> int: ...

    def is_done(self, assignment) -> bool: ...

    def progress(self, activity, scope) -> tuple[int, int]: ...


class GateFact(Protocol):
    """Optional on a kind: `gate_facts(activity, scope) -> [(label, done, required[, share])]`,
    more checks for the gate beyond the share of assignments done (requirements published,
    feedback released …). `share` is the part of `required` that must be done (default 1);
    a fact with share 0 is a figure the gate shows without waiting for it."""


class TaskPanel(Protocol):
    """Optional on a kind: `task_panel(assignment, request) -> str`, the HTML (rendered from
    the app's own template) shown under the task on a member's tasks page: the member's own
    figures and where to do the work. `campaigns` shows it without knowing the app."""


class CampaignLinks(Protocol):
    """Optional on a kind: `campaign_links(campaign, user) -> [(label, url)]`, the pages of
    the kind's work this user may open (sorting, coverage, my feedback …), listed on the
    campaign's page. Cheap: role checks only (roles are read once per request)."""


def campaign_links(campaign, user, kind_keys) -> list[tuple[str, str]]:
    """The links of the given kinds, in the order of `kind_keys`, each link once."""
    links: list[tuple[str, str]] = []
    for key in kind_keys:
        kind = _kinds.get(key)
        for link in getattr(kind, "campaign_links", lambda c, u: [])(campaign, user):
            if link not in links:
                links.append(link)
    return links


# Apps whose pages are not an activity kind's (leading groups, supervision, publicity …) list
# them on the campaign page through a function (campaign, user) -> [(label, url)], registered
# from their AppConfig.ready(); role checks only, like a kind's `campaign_links`.
_page_providers: list = []


def register_campaign_pages(provider) -> None:
    if provider not in _page_providers:
        _page_providers.append(provider)


def campaign_pages(campaign, user) -> list[tuple[str, str]]:
    return [link for provider in _page_providers for link in provider(campaign, user)]


# Gate facts that belong to no activity (graduates reached …): an object with `key` (it
# stands where an activity's key would on the gate's rows, so it is not an activity key),
# `gate_facts(phase, scope) -> [(label, done, required[, share])]`, and optionally
# `gate_missing(phase, scope, limit) -> (names, more)`, whose names the gate page lists even
# when the facts pass (a figure with share 0). Registered from the app's ready(); asked for
# every phase's gate, so it decides itself which phases it speaks for.
_phase_fact_providers: list = []


def register_phase_facts(provider) -> None:
    if provider not in _phase_fact_providers:
        _phase_fact_providers.append(provider)


def phase_fact_providers() -> list:
    return list(_phase_fact_providers)


class DuplicateKind(Exception):
    pass


class UnknownKind(KeyError):
    pass


_kinds: dict[str, ActivityKind] = {}


def register(kind: ActivityKind) -> ActivityKind:
    if kind.key in _kinds:
        raise DuplicateKind(f"activity kind {kind.key!r} is registered twice")
    if not isinstance(kind, ActivityKind):
        raise TypeError(f"{kind!r} does not implement ActivityKind")
    _kinds[kind.key] = kind
    return kind


def get(key: str) -> ActivityKind:
    try:
        return _kinds[key]
    except KeyError:
        raise UnknownKind(key) from None


def keys() -> list[str]:
    return sorted(_kinds)


def choices() -> list[tuple[str, str]]:
    return [(key, str(_kinds[key].label)) for key in keys()]


@contextmanager
def register_temporarily(kind: ActivityKind) -> Iterator[ActivityKind]:
    """For tests: the kind is known inside the block and forgotten after it."""
    register(kind)
    try:
        yield kind
    finally:
        _kinds.pop(kind.key, None)


def assignment_progress(activity, scope) -> tuple[int, int]:
    """(done, required) over `scope`'s subtree, in one query on the roll-up.

    An activity's progress includes the activities derived from it in lower plans (the same
    key in the same campaign), so a district's figure is the sum of its schools'. Excused
    assignments (exempt with a recorded reason …) are not required.
    """
    from django.db.models import Sum

    from vanguard.campaigns.models import ProgressCount

    counts = ProgressCount.objects.filter(
        campaign_id=activity.plan.campaign_id, activity_key=activity.key,
        organization__path__startswith=scope.path,
    ).aggregate(done=Sum("done"), required=Sum("required"))
    return counts["done"] or 0, counts["required"] or 0
