"""Feedback services: release (one subject, a branch, again), reading, responding, the
member's task following the facts, the k ≥ 5 rule, and bad input changing nothing."""

import pytest

from tests.builders import make_user
from tests.opinions.opinion_rows import add_opinion, s1_intake, token_of
from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Assignment
from vanguard.opinions import selectors
from vanguard.opinions.errors import OpinionError
from vanguard.opinions.models import MAX_RESPONSE, Channel, Feedback, Opinion, SourceGroup
from vanguard.opinions.services import feedback as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(launched, district):
    return s1_intake(launched, district)


@pytest.fixture
def office(district):
    return district.users["office"]


@pytest.fixture
def member(district):
    return district.users["member"]


def sorted_about(intake, person, n=1, **kwargs):
    return [add_opinion(intake, token_of(person), status=Opinion.Status.SORTED,
                        summary=f"摘要{i}", **kwargs) for i in range(n)]


def task_of(person, campaign):
    return Assignment.objects.get(person=person, activity__kind="opinions.intake",
                                  activity__plan__campaign=campaign)


def test_release_attaches_sorted_opinions_and_is_audited(office, intake, launched, member):
    person = member.person
    opinions = sorted_about(intake, person, 2)
    feedback = services.release_feedback(actor=office, campaign=launched,
                                         subject_token_or_resolved=token_of(person))
    assert feedback.released_on is not None and feedback.released_by == office
    assert {o.pk for o in feedback.opinions.all()} == {o.pk for o in opinions}
    assert set(feedback.opinions.values_list("status", flat=True)) == {"released"}
    entry = AuditEntry.objects.get(action="opinions.feedback.released")
    assert entry.changes["opinions"] == [0, 2]


def test_a_member_with_no_opinions_still_gets_feedback(office, launched, member):
    feedback = services.release_feedback(actor=office, campaign=launched,
                                         subject_token_or_resolved=token_of(member.person))
    assert feedback.released_on is not None and not feedback.opinions.exists()


def test_releasing_with_unsorted_opinions_is_refused(office, intake, launched, member):
    add_opinion(intake, token_of(member.person))
    sorted_about(intake, member.person)
    with pytest.raises(OpinionError) as error:
        services.release_feedback(actor=office, campaign=launched,
                                  subject_token_or_resolved=token_of(member.person))
    assert error.value.code == "unsorted" and "1 opinion" in error.value.text
    assert not Feedback.objects.exists()
    assert not Opinion.objects.filter(status=Opinion.Status.RELEASED).exists()


def test_branch_release_refuses_if_any_member_has_unsorted_opinions(office, intake, launched,
                                                                    district):
    s1 = district.schools[0]
    add_opinion(intake, token_of(s1.members[3]))
    add_opinion(intake, token_of(s1.members[4]))
    with pytest.raises(OpinionError) as error:
        services.release_feedback_for_branch(actor=office, campaign=launched,
                                             branch=s1.branches[1])
    assert error.value.code == "unsorted"
    assert "2 opinion" in error.value.text and "status=received" in error.value.text
    assert not Feedback.objects.exists()


def test_branch_release_releases_every_member(office, intake, launched, district):
    s1 = district.schools[0]
    sorted_about(intake, s1.members[4], 2)
    released = services.release_feedback_for_branch(actor=office, campaign=launched,
                                                    branch=s1.branches[1])
    assert {f.subject_person for f in released} == set(s1.members[3:6])
    assert Opinion.objects.filter(status=Opinion.Status.RELEASED).count() == 2


def test_releasing_again_adds_newly_sorted_opinions_and_asks_to_read_them(office, intake,
                                                                           launched, member):
    person = member.person
    first = sorted_about(intake, person)[0]
    feedback = services.release_feedback(actor=office, campaign=launched,
                                         subject_token_or_resolved=token_of(person))
    services.mark_read(actor=member, opinion=first)
    assert Feedback.objects.get(pk=feedback.pk).read_on is not None
    assert task_of(person, launched).status == Assignment.Status.DONE
    sorted_about(intake, person)
    services.release_feedback(actor=office, campaign=launched,
                              subject_token_or_resolved=token_of(person))
    feedback.refresh_from_db()
    assert feedback.opinions.count() == 2 and feedback.read_on is None
    assert task_of(person, launched).status == Assignment.Status.PENDING
    assert AuditEntry.objects.filter(action="opinions.feedback.released").count() == 2


def test_reading_all_opinions_reads_the_feedback_and_does_the_task(office, intake, launched,
                                                                  member):
    person = member.person
    opinions = sorted_about(intake, person, 2)
    services.release_feedback(actor=office, campaign=launched,
                              subject_token_or_resolved=token_of(person))
    services.mark_read(actor=member, opinion=opinions[0])
    assert Feedback.objects.get().read_on is None
    assert task_of(person, launched).status == Assignment.Status.PENDING
    services.mark_read(actor=member, opinion=opinions[1])
    assert Feedback.objects.get().read_on is not None
    assert task_of(person, launched).status == Assignment.Status.DONE


def test_marking_read_twice_says_so_and_changes_nothing(office, intake, launched, member):
    opinion = sorted_about(intake, member.person)[0]
    services.release_feedback(actor=office, campaign=launched,
                              subject_token_or_resolved=token_of(member.person))
    services.mark_read(actor=member, opinion=opinion)
    entries = AuditEntry.objects.count()
    with pytest.raises(OpinionError) as error:
        services.mark_read(actor=member, opinion=opinion)
    assert error.value.code == "already_read" and "already" in error.value.text
    assert AuditEntry.objects.count() == entries


def test_empty_feedback_is_acknowledged_once(office, launched, member):
    feedback = services.release_feedback(actor=office, campaign=launched,
                                         subject_token_or_resolved=token_of(member.person))
    services.acknowledge_feedback(actor=member, feedback=feedback)
    assert Feedback.objects.get().read_on is not None
    assert task_of(member.person, launched).status == Assignment.Status.DONE
    with pytest.raises(OpinionError) as error:
        services.acknowledge_feedback(actor=member, feedback=feedback)
    assert error.value.code == "already_read"


def test_someone_else_cannot_read_or_respond(office, intake, launched, member, district):
    opinion = sorted_about(intake, member.person)[0]
    services.release_feedback(actor=office, campaign=launched,
                              subject_token_or_resolved=token_of(member.person))
    for user in ("secretary", "leader", "office"):
        with pytest.raises(OpinionError):
            services.mark_read(actor=district.users[user], opinion=opinion)
        with pytest.raises(OpinionError):
            services.respond(actor=district.users[user], opinion=opinion, response="好")
    assert Opinion.objects.get(pk=opinion.pk).read_on is None


def test_unreleased_opinion_cannot_be_read(intake, member):
    opinion = sorted_about(intake, member.person)[0]
    with pytest.raises(OpinionError) as error:
        services.mark_read(actor=member, opinion=opinion)
    assert error.value.code == "not_released"


@pytest.mark.parametrize("response", ["", "  ", "答" * (MAX_RESPONSE + 1)])
def test_empty_or_oversized_response_is_refused(office, intake, launched, member, response):
    opinion = sorted_about(intake, member.person)[0]
    services.release_feedback(actor=office, campaign=launched,
                              subject_token_or_resolved=token_of(member.person))
    with pytest.raises(OpinionError) as error:
        services.respond(actor=member, opinion=opinion, response=response)
    assert error.value.code == "response"
    row = Opinion.objects.get(pk=opinion.pk)
    assert (row.response, row.read_on) == ("", None)


def test_a_response_is_kept_and_counts_as_read(office, intake, launched, member):
    opinion = sorted_about(intake, member.person)[0]
    services.release_feedback(actor=office, campaign=launched,
                              subject_token_or_resolved=token_of(member.person))
    services.respond(actor=member, opinion=opinion, response="我会认真改进。")
    row = Opinion.objects.get(pk=opinion.pk)
    assert row.response == "我会认真改进。" and row.read_on is not None
    assert "认真" not in str(AuditEntry.objects.get(action="opinions.opinion.responded").changes)


def test_branch_secretary_reads_the_branch_feedback(office, intake, launched, district):
    branch = district.schools[0].branches[1]
    opinion = add_opinion(intake, f"branch:{branch.pk}", status=Opinion.Status.SORTED,
                          summary="支部活动偏少")
    services.release_feedback(actor=office, campaign=launched,
                              subject_token_or_resolved=f"branch:{branch.pk}")
    with pytest.raises(OpinionError):
        services.mark_read(actor=district.users["member"], opinion=opinion)
    services.mark_read(actor=district.users["secretary"], opinion=opinion)
    assert Feedback.objects.get().read_on is not None


def test_principal_leader_reads_the_team_feedback(office, intake, launched, district):
    principal = make_user("principal", person=district.schools[0].members[0])
    opinion = add_opinion(intake, "team", status=Opinion.Status.SORTED, summary="班子团结")
    services.release_feedback(actor=office, campaign=launched,
                              subject_token_or_resolved="team")
    with pytest.raises(OpinionError):
        services.mark_read(actor=district.users["leader"], opinion=opinion)
    services.mark_read(actor=principal, opinion=opinion)


def test_team_token_needs_a_school_when_the_office_has_several(intake, launched, district):
    with pytest.raises(OpinionError) as error:
        services.release_feedback(actor=district.users["district_office"], campaign=launched,
                                  subject_token_or_resolved="team")
    assert error.value.code == "school"


def test_other_office_cannot_release(launched, district, member):
    with pytest.raises(OpinionError):
        services.release_feedback(actor=district.users["other_office"], campaign=launched,
                                  subject_token_or_resolved=token_of(member.person))
    assert not Feedback.objects.exists()


# --- the k ≥ 5 rule: opinions counted as rows, weight left out ------------------------------

def test_channel_and_group_shown_only_where_five_released_opinions_share_them(
        office, intake, launched, member):
    person = member.person
    sorted_about(intake, person, 5, channel=Channel.BOX, source_group=SourceGroup.STAFF)
    sorted_about(intake, person, 4, channel=Channel.HOTLINE, source_group=SourceGroup.PARENT)
    sorted_about(intake, person, 1, channel=Channel.BOX, source_group=SourceGroup.RETIRED)
    feedback = services.release_feedback(actor=office, campaign=launched,
                                         subject_token_or_resolved=token_of(person))
    shown = {(o.channel, o.source_group): (line.channel, line.source_group)
             for line in selectors.feedback_lines(feedback) for o in [line.opinion]}
    assert shown[("box", "staff")] == (Channel.BOX.label, SourceGroup.STAFF.label)
    assert shown[("hotline", "parent")] == (None, None)
    # Six opinions came by box, so the channel shows; the single retiree's group does not.
    assert shown[("box", "retired")] == (Channel.BOX.label, None)


def test_weight_does_not_count_towards_five(office, intake, launched, member):
    sorted_about(intake, member.person, 1, source_group=SourceGroup.PARENT, weight=5)
    feedback = services.release_feedback(actor=office, campaign=launched,
                                         subject_token_or_resolved=token_of(member.person))
    [line] = selectors.feedback_lines(feedback)
    assert line.source_group is None and line.channel is None
