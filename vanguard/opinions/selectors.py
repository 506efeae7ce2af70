"""Reads of the opinions app, scoped to the viewer."""

from django.db.models import Sum
from django.utils.translation import gettext as _

from vanguard.access import scope as access_scope
from vanguard.access.models import Role
from vanguard.campaigns import audience
from vanguard.opinions.models import Channel, Feedback, Opinion, SourceGroup, Subject
from vanguard.people.models import Leader, Member


def counted(queryset):
    """Opinions that are part of the figures: confirmed, not merged away, not set aside."""
    return queryset.exclude(status__in=(Opinion.Status.UNCONFIRMED, Opinion.Status.MERGED,
                                        Opinion.Status.SET_ASIDE))


def feedback_released_count(activity, scope) -> tuple[int, int]:
    """(members in scope whose feedback is released, members in scope). Two queries."""
    plan_scope = audience.covered(activity.plan, "organization__")
    members = Member.objects.filter(plan_scope, organization__path__startswith=scope.path)
    released = Feedback.objects.filter(
        campaign_id=activity.plan.campaign_id, subject_kind=Subject.MEMBER,
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

