"""Every permission in one place: predicates over a user and an object, composed with & and |.

Names follow `app.verb_noun`. Objects are the organization the question is about, or a
record that has one; supervisors read a subtree and never write.
"""

import rules

from vanguard.access import scope
from vanguard.access.models import Role

K = Role.Kind


def _org(obj):
    """The organization a record belongs to (a plan's, a phase's plan's, a meeting's …)."""
    for attr in ("organization", "plan", "campaign"):
        if obj is not None and hasattr(obj, attr) and not hasattr(obj, "path"):
            return _org(getattr(obj, attr))
    return obj


def _holds(*kinds):
    @rules.predicate(name=f"holds_{'_or_'.join(kinds)}")
    def predicate(user, obj):
        return scope.holds(user, kinds, _org(obj))

    return predicate


is_admin = rules.predicate(scope.is_admin, name="is_admin")
is_office = _holds(K.OFFICE)
is_secretary = _holds(K.SECRETARY)
is_supervisor = _holds(K.SUPERVISOR)
is_leader = _holds(K.LEADER)


@rules.predicate
def covers_viewer(user, obj):
    """The record belongs to a node above one the user reads at (their school's plan)."""
    return scope.covers(user, scope.READERS, _org(obj))


@rules.predicate
def is_superior_office(user, plan):
    """The office one level up: holds office strictly above the plan's organization."""
    return scope.holds_strictly_above(user, (K.OFFICE,), plan.organization)


@rules.predicate
def plan_is_editable(user, plan):
    return plan.editable


@rules.predicate
def plan_is_submitted(user, plan):
    return plan.status == plan.Status.SUBMITTED


@rules.predicate
def has_person(user):
    return getattr(user, "is_authenticated", False) and hasattr(user, "person")


reads_org = is_admin | is_office | is_secretary | is_supervisor | is_leader
runs_org = is_admin | is_office | is_secretary

rules.add_perm("people.view_organization", reads_org)
rules.add_perm("people.import_roster", is_admin | is_office | is_secretary)
rules.add_perm("people.export_roster", reads_org)
# The full ID number: only the office (or the admin) of the person's organization; audited.
rules.add_perm("people.view_id_number", is_admin | is_office)
rules.add_perm("campaigns.launch_campaign", is_admin | is_office)
rules.add_perm("campaigns.view_plan", reads_org | covers_viewer)
rules.add_perm("campaigns.edit_plan", (is_admin | is_office) & plan_is_editable)
rules.add_perm("campaigns.submit_plan", (is_admin | is_office) & plan_is_editable)
rules.add_perm("campaigns.decide_plan", (is_admin | is_superior_office) & plan_is_submitted)
rules.add_perm("campaigns.close_phase", is_admin | is_office)
rules.add_perm("campaigns.view_progress", reads_org)
rules.add_perm("campaigns.view_tasks", has_person)
rules.add_perm("campaigns.complete_task", has_person)
rules.add_perm("meetings.view_meeting", reads_org | covers_viewer)
rules.add_perm("meetings.record_attendance", runs_org)
# The audit log spans every organization: only the platform admin reads it whole.
rules.add_perm("access.view_audit", is_admin)


# Study: reading list and writing (notes, reflections). A writing's organization is the
# member's branch; only its author writes it, readers of the branch see it once submitted.
@rules.predicate
def is_author(user, writing):
    """The record is the user's own. A user without a person is nobody's author (a unit's
    plan has no person either: None must not equal None here)."""
    me = getattr(getattr(user, "person", None), "pk", None)
    return writing is not None and me is not None and me == writing.person_id


@rules.predicate
def writing_is_handed_in(user, writing):
    return writing is not None and writing.status != "draft"


rules.add_perm("study.edit_reading_list", is_admin | is_office)
rules.add_perm("study.mark_reading", has_person)
rules.add_perm("study.write_writing", is_author)
rules.add_perm("study.view_writing", is_author | (reads_org & writing_is_handed_in))
rules.add_perm("study.review_writing", runs_org & writing_is_handed_in & ~is_author)


@rules.predicate
def recorded_it(user, entry):
    """The user recorded this ledger line (the secretary who ticked it, the member's own log)."""
    recorder = getattr(entry, "recorded_by_id", None)
    return recorder is not None and recorder == user.pk


# Study hours: sessions are read like a plan; members' hours only inside one's own subtree.
rules.add_perm("study.view_sessions", reads_org | covers_viewer)
rules.add_perm("study.view_hours", reads_org)
rules.add_perm("study.record_session", runs_org)
rules.add_perm("study.import_hours", runs_org)
rules.add_perm("study.grant_exemption", runs_org)
rules.add_perm("study.log_self_study", has_person)
rules.add_perm("study.remove_entry", is_admin | is_office | recorded_it)


# Meetings and the big discussion. A discussion belongs to the organization of a plan
# (the campaign's root or a school); its members post, the author's branch secretary or an
# office above moderates (a post's organization is its author's branch), the office distils
# the requirements. Membership is read once per request and kept on the user.
def _member_path(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_vanguard_member_path"):
        from vanguard.people.models import Member

        user._vanguard_member_path = Member.objects.filter(person__user=user).values_list(
            "organization__path", flat=True).first()
    return user._vanguard_member_path


@rules.predicate
def is_member_within(user, obj):
    """The user is a party member registered in the record's organization's subtree."""
    org, path = _org(obj), _member_path(user)
    return org is not None and path is not None and path.startswith(org.path)


rules.add_perm("study.view_discussion", reads_org | covers_viewer | is_member_within)
rules.add_perm("study.open_discussion", is_admin | is_office)
rules.add_perm("study.post_discussion", is_member_within)
rules.add_perm("study.moderate_post", runs_org)
rules.add_perm("study.edit_requirements", is_admin | is_office)


# Opinions (征求意见). An opinion's organization is its subject's: the member's branch, or
# the school's top organization for a leader, the team and the organization itself. Staff
# channels are typed in by whoever runs the unit; sorting, release and the givers' names
# belong to the office alone. The subject reads only the feedback released to them.
@rules.predicate
def is_feedback_subject(user, feedback):
    """The person the feedback is about; for a unit, whoever heads it (the branch's
    secretary, the principal leader for the team and the school's organization)."""
    if feedback is None or not getattr(user, "is_authenticated", False):
        return False
    if feedback.subject_person_id is not None:
        return getattr(getattr(user, "person", None), "pk", None) == feedback.subject_person_id
    from vanguard.opinions.selectors import heads_unit

    return heads_unit(user, feedback)


rules.add_perm("opinions.give_opinion", has_person)
rules.add_perm("opinions.enter_opinion", runs_org)
rules.add_perm("opinions.manage_intake", is_admin | is_office)
rules.add_perm("opinions.view_opinions", is_admin | is_office)
rules.add_perm("opinions.sort_opinion", is_admin | is_office)
rules.add_perm("opinions.view_figures", reads_org)
rules.add_perm("opinions.view_feedback", is_feedback_subject | is_admin | is_office)
rules.add_perm("opinions.answer_feedback", is_feedback_subject)


# Talks (谈心): either party records, the other confirms; whoever runs the unit may record
# for a party who has no account; readers of a unit see its coverage.
rules.add_perm("talks.record_talk", has_person | runs_org)
rules.add_perm("talks.view_coverage", reads_org)


# Self-analyses (党性分析材料): the author writes; the reviewer the chain names at submission
# (a person with an account, or any office of the level above) reviews; nobody else reads
# the text. Readers of a unit see who has written and where each analysis stands.
@rules.predicate
def is_reviewer(user, analysis):
    if analysis is None or not getattr(user, "is_authenticated", False):
        return False
    if analysis.reviewer_id is not None:
        return analysis.reviewer_id == user.pk
    office = analysis.reviewer_office
    return office is not None and scope.holds(user, (K.OFFICE,), office)


rules.add_perm("analyses.write_analysis", is_author)
rules.add_perm("analyses.review_analysis", is_reviewer & ~is_author)
rules.add_perm("analyses.view_analysis", is_author | is_reviewer | is_admin)
rules.add_perm("analyses.view_progress", reads_org)


@rules.predicate
def is_office_above(user, obj):
    """The office of a level above the record's organization (the superior, by
    cadre-management authority)."""
    org = _org(obj)
    return org is not None and scope.holds_strictly_above(user, (K.OFFICE,), org)


# Special meetings: the branch secretary (or the office) runs a branch's meeting, the office
# the team's; the superior office acknowledges the team's material package.
rules.add_perm("meetings.run_special_meeting", runs_org)
rules.add_perm("meetings.acknowledge_package", is_admin | is_office_above)
rules.add_perm("campaigns.publish_notice", runs_org)

# Democratic evaluation: the branch committee (its secretary, or the office) runs it and
# grades; anyone with a person votes with their own token; readers see results after close.
rules.add_perm("evaluations.run_evaluation", runs_org)
rules.add_perm("evaluations.vote", has_person)
rules.add_perm("evaluations.view_results", reads_org)
rules.add_perm("talks.refresh_pairs", is_admin | is_office)
rules.add_perm("talks.record_for", runs_org)


# Rectification (整改提高). A member writes their own plan, whoever runs a unit writes the
# unit's, the school office the team's; the plan is decided one level up (the branch for a
# member, the school office for a branch, the superior office for a team — the services
# check which); the superior's office verifies done items (对账销号); the office publishes.
rules.add_perm("rectification.write_plan", is_author | runs_org)
rules.add_perm("rectification.decide_plan", (runs_org | is_office_above) & ~is_author)
rules.add_perm("rectification.update_item", has_person | runs_org)
rules.add_perm("rectification.verify_item", is_admin | is_office_above)
rules.add_perm("rectification.view_ledger", reads_org)
rules.add_perm("rectification.publish_disclosure", is_admin | is_office)
rules.add_perm("rectification.edit_rules", is_admin | is_office)

# Satisfaction assessment: the school office runs it; readers see results; the superior
# supervises a remedial round.
rules.add_perm("assessments.run_assessment", is_admin | is_office)
rules.add_perm("assessments.view_results", reads_org)
rules.add_perm("assessments.supervise_remedial", is_admin | is_office_above)

# Summary report: the office writes it; the superior's office acknowledges or returns it.
rules.add_perm("reports.write_report", is_admin | is_office)
rules.add_perm("reports.view_report", reads_org)
rules.add_perm("reports.decide_report", is_admin | is_office_above)

# Preparation survey: the office runs it; readers of the organization see the results.
rules.add_perm("surveys.run_survey", is_admin | is_office)
rules.add_perm("surveys.view_results", reads_org)

# The school calendar: the school office keeps it (the district office the district's, which
# every school below follows); whoever reads the school or a branch under it reads it.
rules.add_perm("campaigns.edit_calendar", is_admin | is_office)
rules.add_perm("campaigns.view_calendar", reads_org | covers_viewer)

# Themed practice activities, exemplars and news: whoever runs a unit records and writes; an
# office decides nominations and publishes (never the nominator or the writer: the services
# hold that second pair of eyes).
rules.add_perm("publicity.record_activity", runs_org)
rules.add_perm("publicity.nominate_exemplar", runs_org)
rules.add_perm("publicity.decide_exemplar", is_admin | is_office)
rules.add_perm("publicity.write_news", runs_org)
rules.add_perm("publicity.publish_news", is_admin | is_office)
rules.add_perm("publicity.view_publicity", reads_org)


# Oversight. A level's office keeps its leading group (the roles follow from it); an office
# sends supervision groups from its level; a group's members read their schools (through the
# supervisor roles the group grants), record visits, findings and good practices while the
# group is at work, and close findings; the school's office or secretary answers a finding.
@rules.predicate
def is_group_member(user, obj):
    """The user's person sits in the supervision group (of a finding, visit or practice)."""
    group = getattr(obj, "group", obj)
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None or group is None or not hasattr(group, "members"):
        return False
    return group.members.filter(pk=person.pk).exists()


@rules.predicate
def group_is_at_work(user, obj):
    group = getattr(obj, "group", obj)
    return group is not None and getattr(group, "closed_at", True) is None


@rules.predicate
def runs_the_school(user, record):
    """The user is office or secretary at the school the record (a finding) is about."""
    school_id = getattr(record, "school_id", None)
    return school_id is not None and any(
        r.kind in (K.OFFICE, K.SECRETARY) and r.organization.school_id == school_id
        for r in scope.roles_of(user) if r.organization)


rules.add_perm("oversight.view_leading_group", reads_org | covers_viewer)
rules.add_perm("oversight.manage_leading_group", is_admin | is_office)
rules.add_perm("oversight.send_supervision_group", is_admin | is_office)
rules.add_perm("oversight.view_supervision_group", is_admin | is_office | is_group_member)
rules.add_perm("oversight.record_finding", is_group_member & group_is_at_work)
rules.add_perm("oversight.close_finding", is_group_member)
rules.add_perm("oversight.answer_finding", runs_the_school)
rules.add_perm("oversight.view_red_flags", reads_org)
rules.add_perm("oversight.record_contact", runs_org)
rules.add_perm("oversight.view_coverage", reads_org)


# The handling register (组织处理 / 纪律处分): only the head of the office of the leading group
# and the principal leader of the organization the record belongs to, at the school level
# (any of the school's leading groups) or, above the schools, at that organization itself.
# Not the platform admin and no other role: these are the most sensitive records kept.
def _same_level(organization):
    if organization.school_id:
        return {"group__organization__school_id": organization.school_id}
    return {"group__organization": organization}


@rules.predicate
def is_office_head_of(user, obj):
    from vanguard.oversight.models import Seat

    organization, person = _org(obj), getattr(user, "person", None)
    if organization is None or person is None or not hasattr(organization, "path"):
        return False
    return Seat.objects.filter(person=person, post=Seat.Post.OFFICE_HEAD,
                               **_same_level(organization)).exists()


@rules.predicate
def is_principal_leader_of(user, obj):
    from vanguard.oversight.models import Seat
    from vanguard.people.models import Leader

    organization, person = _org(obj), getattr(user, "person", None)
    if organization is None or person is None or not hasattr(organization, "path"):
        return False
    if organization.school_id and Leader.objects.filter(
            person=person, is_principal=True, team__school_id=organization.school_id).exists():
        return True
    return Seat.objects.filter(person=person, post=Seat.Post.HEAD,
                               **_same_level(organization)).exists()


keeps_register = is_office_head_of | is_principal_leader_of
rules.add_perm("handling.view_register", keeps_register)
rules.add_perm("handling.keep_register", keeps_register)


# A school's leadership team (班子) and its departments: kept by the school's office (or the
# admin), read by whoever reads the school. The object is the school's top organization.
rules.add_perm("people.manage_team", is_admin | is_office)
rules.add_perm("people.view_team", reads_org)
