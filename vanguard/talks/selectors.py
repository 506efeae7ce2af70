"""Reads of the talks app: a person's pairs and talks, coverage of the required pairs,
scoped to the viewer; each page a fixed number of queries however many pairs there are."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Substr
from django.http import Http404

from vanguard.access import scope
from vanguard.campaigns.models import Assignment, Campaign
from vanguard.people.models import Organization, Person
from vanguard.talks.models import REQUIRED_RULES, Rule, Talk, TalkPair

STATES = (TalkPair.State.DONE, TalkPair.State.WAITING, TalkPair.State.MISSING)


def pair_progress(activity, scope) -> tuple[int, int]:
    """(required pairs done, required pairs) in `scope`'s subtree, over the campaign (so a
    district's figure sums its schools'). One aggregate query."""
    counts = TalkPair.objects.filter(
        campaign_id=activity.plan.campaign_id, organization__path__startswith=scope.path,
    ).aggregate(done=Count("pk", filter=Q(state=TalkPair.State.DONE)), required=Count("pk"))
    return counts["done"], counts["required"]


def recommended_count(activity, scope) -> int:
    """Talks recorded beyond the required pairs, in `scope`'s subtree."""
    return Talk.objects.filter(campaign_id=activity.plan.campaign_id,
                               organization__path__startswith=scope.path) \
        .exclude(rule__in=REQUIRED_RULES).count()


# A person's own page.

def person_of(viewer) -> Person:
    """The viewer's person: one's own talks need one (403 without)."""
    person = getattr(viewer, "person", None) if viewer.is_authenticated else None
    if person is None:
        raise PermissionDenied
    return person


def get_member_campaign_for(viewer, pk) -> Campaign:
    """A campaign in which the viewer has tasks; 404 otherwise (and for a missing one)."""
    person = person_of(viewer)
    mine = Assignment.objects.filter(person=person, activity__plan__campaign=OuterRef("pk"))
    campaign = Campaign.objects.filter(Exists(mine), pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def _with(person) -> Q:
    return Q(person_a=person) | Q(person_b=person)


def pairs_of(person, campaign):
    """The person's required pairs, with the other party and the talk that covers it."""
    # The page needs the partner's name and whether they have an account (`user_id`, a
    # column of the person): joining the accounts too only made the query wider.
    return (TalkPair.objects.filter(_with(person), campaign=campaign)
            .select_related("person_a", "person_b", "talk")
            .order_by("state", "rule", "pk"))


def talks_of(person, campaign):
    """Talks the person is a party to, newest first."""
    return (Talk.objects.filter(_with(person), campaign=campaign)
            .select_related("person_a", "person_b", "recorded_by"))


def partner_choices(person, pairs) -> list[tuple[int, str]]:
    """Their required partners first, then everyone else of their school: one query."""
    required = {p.person_b_id if p.person_a_id == person.pk else p.person_a_id for p in pairs}
    school = (Person.objects.filter(school_id=person.school_id).exclude(pk=person.pk)
              .order_by("name", "pk").values_list("pk", "name", "staff_no"))
    rows = [(pk, f"{name} {staff_no}".strip()) for pk, name, staff_no in school]
    return ([r for r in rows if r[0] in required] + [r for r in rows if r[0] not in required])


def get_talk_for(viewer, pk) -> Talk:
    """A talk the viewer is a party to or entered, or one in a unit they read; 404 else."""
    talk = Talk.objects.select_related("organization", "campaign", "recorded_by").filter(
        pk=pk).first()
    own = getattr(getattr(viewer, "person", None), "pk", None)
    if talk is None or not (own in (talk.person_a_id, talk.person_b_id)
                            or talk.entered_by_id == viewer.pk
                            or viewer.has_perm("talks.view_coverage", talk.organization)):
        raise Http404
    return talk


def panel_counts(person_id: int, campaign_id: int) -> dict[str, int]:
    """What the task panel shows: required pairs done, all, and talks waiting for the
    person's confirmation: two queries."""
    counts = TalkPair.objects.filter(Q(person_a_id=person_id) | Q(person_b_id=person_id),
                                     campaign_id=campaign_id).aggregate(
        done=Count("pk", filter=Q(state=TalkPair.State.DONE)), required=Count("pk"))
    waiting = Talk.objects.filter(Q(person_a_id=person_id) | Q(person_b_id=person_id),
                                  campaign_id=campaign_id, confirmed_at__isnull=True) \
        .exclude(recorded_by_id=person_id).count()
    return {"done": counts["done"], "required": counts["required"], "to_confirm": waiting}


# Coverage.

@dataclass
class Coverage:
    """Required pairs by state, with the share done."""

    label: str
    code: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, state: str) -> int:
        return self.counts.get(state, 0)

    @property
    def percent(self) -> int | None:
        return round(100 * self.count(TalkPair.State.DONE) / self.total) if self.total else None

    @property
    def cells(self) -> list[int]:
        return [self.count(s) for s in STATES]


def get_coverage_node(viewer, campaign: Campaign, code: str) -> Organization:
    """The organization whose coverage the viewer asked for (their highest by default);
    404 outside their scope or the campaign's tree."""
    node = (Organization.objects.filter(code=code[:32]).first() if code
            else scope.start_organization(viewer))
    if node is None or not viewer.has_perm("talks.view_coverage", node) \
            or not node.path.startswith(campaign.organization.path):
        raise Http404
    return node


def _in(campaign, node):
    return TalkPair.objects.filter(campaign=campaign, organization__path__startswith=node.path)


def coverage_by_rule(campaign, node) -> list[Coverage]:
    """One row per required rule in the node's subtree: one aggregate query."""
    rows = {rule: Coverage(str(Rule(rule).label), rule) for rule in REQUIRED_RULES}
    for g in _in(campaign, node).values("rule", "state").annotate(n=Count("pk")).order_by():
        rows[g["rule"]].counts[g["state"]] = g["n"]
    return [row for row in rows.values() if row.total]


def coverage_by_child(campaign, node) -> list[Coverage]:
    """One row per child organization (pairs at the node itself in a row of its own),
    grouped by the path prefix one level down: one aggregate query for the whole level."""
    children = list(Organization.objects.get_children(node).only("code", "name", "path"))
    if not children:
        return []
    grouped = (_in(campaign, node)
               .annotate(prefix=Substr("organization__path", 1,
                                       len(node.path) + Organization.steplen))
               .values("prefix", "state").annotate(n=Count("pk")).order_by())
    rows = {c.path: Coverage(c.name, c.code) for c in children}
    own = Coverage(node.name, "")
    for g in grouped:
        rows.get(g["prefix"], own).counts[g["state"]] = g["n"]
    # Units without pairs stay listed: a branch whose secretary has no account shows here.
    return list(rows.values()) + ([own] if own.total else [])


def listed_pairs(campaign, node, state: str = ""):
    """The node's pairs by name (for a school or a branch), with the talk that covers each."""
    # Names, the unit and who recorded the talk (an id) are all the list shows; the three
    # account joins it had before cost more planning time than the rest of the query.
    rows = _in(campaign, node).select_related("person_a", "person_b", "talk", "organization")
    return rows.filter(state=state) if state else rows


def recorded_by_rule(campaign, node) -> list[tuple[str, int]]:
    """Talks recorded beyond the required pairs, per recommended rule: one query."""
    counts = dict(Talk.objects.filter(campaign=campaign,
                                      organization__path__startswith=node.path)
                  .exclude(rule__in=REQUIRED_RULES).values_list("rule")
                  .annotate(n=Count("pk")).order_by())
    return [(str(Rule(rule).label), counts.get(rule, 0))
            for rule in Rule.values if rule not in REQUIRED_RULES]


def pairs_missing(activity, scope, limit) -> tuple[list[str], int]:
    """(the first `limit` required pairs not done, as "A — B", how many more). Two queries."""
    from django.utils.translation import gettext

    pending = (TalkPair.objects.filter(campaign_id=activity.plan.campaign_id,
                                       organization__path__startswith=scope.path)
               .exclude(state=TalkPair.State.DONE).order_by("organization__path", "pk"))
    total = pending.count()
    waiting = gettext("waiting for confirmation")
    names = [f"{a} — {b}" + (f"（{waiting}）" if state == TalkPair.State.WAITING else "")
             for a, b, state in pending.values_list("person_a__name", "person_b__name",
                                                    "state")[:limit]]
    return names, total - len(names)
