"""Reads of the opinions app, scoped to the viewer: the gate's figures, the office's sorting
list and release overview, and the feedback a subject may read (with the k ≥ 5 rule)."""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from vanguard.access import scope as access_scope
from vanguard.access.models import Role
from vanguard.campaigns import audience
from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.models import Assignment, Campaign
from vanguard.opinions.models import Channel, Feedback, Intake, Opinion, SourceGroup, Subject
from vanguard.people.models import Leader, Member, Organization

# The k ≥ 5 rule: a released opinion's channel or source group is shown to its subject only
# where at least this many released opinions of that subject share the value. Opinions are
# counted as rows, not by weight: one parent who sent the same slip five times is merged into
# one opinion of weight 5 and must stay as hidden as a single slip.
MIN_SHARED = 5
OFFICE = (Role.Kind.OFFICE,)


def counted(queryset):
    """Opinions that are part of the figures: confirmed, not merged away, not set aside."""
    return queryset.exclude(status__in=(Opinion.Status.UNCONFIRMED, Opinion.Status.MERGED,
                                        Opinion.Status.SET_ASIDE))


def feedback_released_count(activity, scope) -> tuple[int, int]:
    """(members in scope whose feedback is released, members in scope). Two queries.
    Both sides are limited to the plan's own part of the tree, so a district plan does not
    count the members of schools that have plans of their own."""
    plan_scope = audience.covered(activity.plan, "organization__")
    members = Member.objects.filter(plan_scope, organization__path__startswith=scope.path)
    released = Feedback.objects.filter(
        plan_scope, campaign_id=activity.plan.campaign_id, subject_kind=Subject.MEMBER,
        released_on__isnull=False, organization__path__startswith=scope.path,
        subject_person__member__isnull=False)
    return released.count(), members.count()


def gate_figures(activity, scope) -> list[tuple[str, int]]:
    """Opinions gathered per channel, then per source group, in `scope` (one query each;
    a merged opinion counts with its weight, so duplicates are not lost)."""
    rows = counted(Opinion.objects.filter(campaign_id=activity.plan.campaign_id,
                                          organization__path__startswith=scope.path))
    by_channel = dict(rows.values_list("channel").annotate(n=Sum("weight")))
    by_group = dict(rows.values_list("source_group").annotate(n=Sum("weight")))
    figures = [(_("Opinions via %(channel)s") % {"channel": label}, by_channel.get(value, 0))
               for value, label in Channel.choices]
    figures += [(_("Opinions from %(group)s") % {"group": label}, by_group.get(value, 0))
                for value, label in SourceGroup.choices]
    return figures


def heads_unit(user, feedback: Feedback) -> bool:
    """Whether the user heads the unit the feedback is about: a branch's secretary; the
    principal leader for the school's team and organization."""
    if feedback.subject_kind == Subject.BRANCH:
        return any(r.kind == Role.Kind.SECRETARY and r.organization_id == feedback.organization_id
                   for r in access_scope.roles_of(user))
    person = getattr(user, "person", None)
    if person is None or feedback.organization.school_id is None:
        return False
    return Leader.objects.filter(person=person, is_principal=True,
                                 team__school_id=feedback.organization.school_id).exists()


# --- the office: sorting -------------------------------------------------------------------

def is_office_viewer(viewer) -> bool:
    return access_scope.is_admin(viewer) or bool(access_scope.role_paths(viewer, OFFICE))


def get_office_campaign_for(viewer, pk) -> Campaign:
    """A campaign the viewer reads (404 otherwise); 403 unless they work in an office: the
    opinions and their givers are the office's alone."""
    campaign = campaign_selectors.get_campaign_for(viewer, pk)
    if not is_office_viewer(viewer):
        raise PermissionDenied
    return campaign


def opinions_for(viewer, campaign):
    """Every opinion of the campaign in the viewer's office scope."""
    return Opinion.objects.filter(access_scope.subtree_filter(viewer, OFFICE, "organization__"),
                                  campaign=campaign)


@dataclass(frozen=True)
class OpinionFilter:
    kind: str = ""
    person: int | None = None
    organization: Organization | None = None
    category: str = ""
    channel: str = ""
    source_group: str = ""
    status: str = ""

    def apply(self, rows):
        if self.kind:
            rows = rows.filter(subject_kind=self.kind)
        if self.person is not None:
            rows = rows.filter(subject_person_id=self.person)
        if self.organization is not None:
            rows = rows.filter(organization__path__startswith=self.organization.path)
        for field in ("category", "channel", "source_group", "status"):
            if getattr(self, field):
                rows = rows.filter(**{field: getattr(self, field)})
        return rows

    def query(self) -> str:
        """The filter as a query string (without `page`), for the pager and the export."""
        from urllib.parse import urlencode

        pairs = {"kind": self.kind, "person": self.person or "",
                 "org": self.organization.pk if self.organization else "",
                 "category": self.category, "channel": self.channel,
                 "source_group": self.source_group, "status": self.status}
        return urlencode({k: v for k, v in pairs.items() if v != ""})


def read_filter(viewer, params) -> OpinionFilter:
    """The list's filter from the query string; unknown values are ignored, and an
    organization outside the viewer's scope is treated as no organization. One query."""
    def pick(name, choices):
        value = params.get(name, "")
        return value if value in dict(choices) else ""

    organization = None
    if str(params.get("org", "")).isdigit():
        organization = Organization.objects.filter(
            access_scope.subtree_filter(viewer, OFFICE), pk=int(params["org"])).first()
    person = params.get("person", "")
    return OpinionFilter(
        kind=pick("kind", Subject.choices),
        person=int(person) if str(person).isdigit() else None,
        organization=organization,
        category=pick("category", Opinion._meta.get_field("category").choices),
        channel=pick("channel", Channel.choices),
        source_group=pick("source_group", SourceGroup.choices),
        status=pick("status", Opinion.Status.choices))


def sorting_rows(viewer, campaign, flt: OpinionFilter):
    """The filtered list with what a row shows: one query per page."""
    return (flt.apply(opinions_for(viewer, campaign))
            .select_related("subject_person", "organization", "giver")
            .order_by("-received_on", "id"))


def sorting_counts(viewer, campaign) -> dict:
    """Counts over the viewer's whole scope for the top of the list, in one query: opinions
    (with their weight, as the gate counts them) per channel and per source group, and how
    many wait for sorting or for a second person's check."""
    rows = opinions_for(viewer, campaign)
    live = ~Q(status__in=(Opinion.Status.UNCONFIRMED, Opinion.Status.MERGED,
                          Opinion.Status.SET_ASIDE))
    aggregates = {f"channel_{v}": Sum("weight", filter=live & Q(channel=v))
                  for v in Channel.values}
    aggregates |= {f"group_{v}": Sum("weight", filter=live & Q(source_group=v))
                   for v in SourceGroup.values}
    aggregates |= {f"status_{v}": Count("id", filter=Q(status=v))
                   for v in Opinion.Status.values}
    got = rows.aggregate(**aggregates)
    return {
        "channels": [(v, label, got[f"channel_{v}"] or 0) for v, label in Channel.choices],
        "groups": [(v, label, got[f"group_{v}"] or 0) for v, label in SourceGroup.choices],
        "statuses": [(v, label, got[f"status_{v}"] or 0)
                     for v, label in Opinion.Status.choices],
    }


def filter_organizations(viewer):
    """The organizations a list may be narrowed to: schools and branches in scope."""
    return (Organization.objects.filter(access_scope.subtree_filter(viewer, OFFICE),
                                        school__isnull=False).order_by("path"))


def get_opinion_for(viewer, pk) -> Opinion:
    """The opinion if the viewer's office covers it; 404 for missing and not theirs alike."""
    opinion = (Opinion.objects.select_related("organization", "subject_person", "giver",
                                              "intake__organization", "merged_into", "feedback",
                                              "campaign")
               .filter(pk=pk).first())
    if opinion is None or not viewer.has_perm("opinions.view_opinions", opinion):
        raise Http404
    return opinion


def mergeable_with(opinion: Opinion):
    """Other opinions of the same subject that can be folded into this one."""
    return (Opinion.objects.filter(campaign_id=opinion.campaign_id,
                                   subject_kind=opinion.subject_kind,
                                   subject_person_id=opinion.subject_person_id,
                                   organization_id=opinion.organization_id,
                                   status__in=(Opinion.Status.RECEIVED, Opinion.Status.SORTED))
            .exclude(pk=opinion.pk).order_by("-received_on", "id"))


# --- the office: release overview ----------------------------------------------------------

def schools_for(viewer, campaign) -> list[Intake]:
    """The intakes (one a school) of the campaign in the viewer's office scope."""
    return list(Intake.objects.filter(access_scope.subtree_filter(viewer, OFFICE,
                                                                  "organization__"),
                                      campaign=campaign)
                .select_related("organization").order_by("organization__path"))


def subject_key(kind: str, person_id: int | None, organization_id: int) -> tuple:
    """How the release page matches opinions and feedback to a subject."""
    if kind in (Subject.MEMBER, Subject.LEADER):
        return (kind, person_id)
    return (kind, organization_id)


def release_overview(campaign, top: Organization) -> dict:
    """For the release page of one school: its members by branch, its leaders, and per
    subject the feedback row and the opinion counts by status. Five queries."""
    members = list(Member.objects.filter(organization__path__startswith=top.path)
                   .select_related("person", "organization")
                   .order_by("organization__path", "person__name"))
    branches = list(Organization.objects.filter(path__startswith=top.path,
                                                kind=Organization.Kind.BRANCH).order_by("path"))
    leaders = list(Leader.objects.filter(team__school_id=top.school_id)
                   .select_related("person").order_by("-is_principal", "id"))
    feedback = {subject_key(f.subject_kind, f.subject_person_id, f.organization_id): f
                for f in Feedback.objects.filter(campaign=campaign,
                                                 organization__path__startswith=top.path)
                .annotate(total=Count("opinions"),
                          read=Count("opinions", filter=Q(opinions__read_on__isnull=False)))}
    counts: dict[tuple, Counter] = {}
    for row in (Opinion.objects.filter(campaign=campaign, organization__path__startswith=top.path)
                .values("subject_kind", "subject_person_id", "organization_id", "status")
                .annotate(n=Count("id")).order_by()):
        key = subject_key(row["subject_kind"], row["subject_person_id"], row["organization_id"])
        counts.setdefault(key, Counter())[row["status"]] += row["n"]
    return {"members": members, "branches": branches, "leaders": leaders,
            "feedback": feedback, "counts": counts}


# --- the subject: feedback -----------------------------------------------------------------

def get_feedback_campaign_for(viewer, pk) -> Campaign:
    """A campaign in which the viewer has tasks or reads a plan; 404 otherwise."""
    person = getattr(viewer, "person", None)
    mine = Assignment.objects.filter(person=person, activity__plan__campaign=OuterRef("pk")) \
        if person is not None else Assignment.objects.none()
    campaign = Campaign.objects.filter(Q(Exists(mine)) | Q(pk__in=campaign_selectors
                                                              .campaigns_for(viewer)
                                                              .values("pk")),
                                       pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def own_feedback_filter(viewer) -> Q:
    """The feedback rows the viewer is the subject of: their own as member or leader, their
    branch's as its secretary, the team's and the school's as its principal leader."""
    condition = Q(pk__in=[])
    person = getattr(viewer, "person", None)
    if person is not None:
        condition |= Q(subject_person=person)
        principal_of = list(Leader.objects.filter(person=person, is_principal=True)
                            .values_list("team__school_id", flat=True))
        if principal_of:
            condition |= Q(subject_kind__in=(Subject.TEAM, Subject.PARTY_ORG),
                           organization__school_id__in=principal_of)
    branches = [r.organization_id for r in access_scope.roles_of(viewer)
                if r.kind == Role.Kind.SECRETARY]
    if branches:
        condition |= Q(subject_kind=Subject.BRANCH, organization_id__in=branches)
    return condition


def own_feedback(viewer, campaign) -> list[Feedback]:
    """The viewer's released feedback rows with their counts: one query (two for a leader)."""
    return list(Feedback.objects.filter(own_feedback_filter(viewer), campaign=campaign,
                                        released_on__isnull=False)
                .select_related("subject_person", "organization")
                .annotate(total=Count("opinions"),
                          read=Count("opinions", filter=Q(opinions__read_on__isnull=False)))
                .order_by("subject_kind", "id"))


def get_feedback_for(viewer, pk) -> Feedback:
    """A feedback row the viewer may read: its subject once it is released; the office of
    its organization (a preview) or the admin at any time. 404 otherwise."""
    feedback = (Feedback.objects.select_related("campaign", "organization", "subject_person",
                                                "released_by")
                .filter(pk=pk).first())
    if feedback is None or not viewer.has_perm("opinions.view_feedback", feedback):
        raise Http404
    if feedback.released_on is None and not is_feedback_office(viewer, feedback):
        raise Http404
    return feedback


def is_feedback_office(viewer, feedback: Feedback) -> bool:
    return access_scope.is_admin(viewer) or access_scope.holds(viewer, OFFICE,
                                                               feedback.organization)


@dataclass
class FeedbackLine:
    """One released opinion as its subject sees it: no text, no giver."""

    opinion: Opinion
    channel: str | None  # the label, or None where fewer than MIN_SHARED share it
    source_group: str | None


def feedback_lines(feedback: Feedback) -> list[FeedbackLine]:
    """The released opinions of a feedback, with channel and source group shown only where
    at least MIN_SHARED of these opinions share the value. One query."""
    opinions = list(feedback.opinions.filter(status__in=(Opinion.Status.RELEASED,
                                                         Opinion.Status.ANSWERED))
                    .only("id", "summary", "category", "channel", "source_group", "weight",
                          "read_on", "response", "status", "feedback_id")
                    .order_by("category", "id"))
    channels = Counter(o.channel for o in opinions)
    groups = Counter(o.source_group for o in opinions)
    return [FeedbackLine(
        o, Channel(o.channel).label if channels[o.channel] >= MIN_SHARED else None,
        SourceGroup(o.source_group).label if groups[o.source_group] >= MIN_SHARED else None)
        for o in opinions]


def subject_label(feedback: Feedback) -> str:
    if feedback.subject_person_id is not None:
        return feedback.subject_person.name
    if feedback.subject_kind == Subject.TEAM:
        return _("Leadership team of %(org)s") % {"org": feedback.organization}
    return str(feedback.organization)
