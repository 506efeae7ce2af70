"""Sorting services: summary, routing, merging, setting aside and restoring — each audited,
each refusing bad input with nothing changed."""

import pytest

from tests.opinions.opinion_rows import add_opinion, s1_intake, token_of
from vanguard.access.models import AuditEntry
from vanguard.opinions.errors import OpinionError
from vanguard.opinions.models import Opinion, Subject
from vanguard.opinions.services import sorting
from vanguard.opinions.services.sorting import MAX_SUMMARY

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(launched, district):
    return s1_intake(launched, district)


@pytest.fixture
def office(district):
    return district.users["office"]


@pytest.fixture
def about_member(intake, district):
    return add_opinion(intake, token_of(district.schools[0].members[5]))


def refreshed(opinion):
    return Opinion.objects.get(pk=opinion.pk)


def test_summary_sorts_the_opinion_and_is_audited(office, about_member):
    sorting.write_summary(actor=office, opinion=about_member, summary="  备课和批改需加强。 ")
    opinion = refreshed(about_member)
    assert (opinion.summary, opinion.status) == ("备课和批改需加强。", Opinion.Status.SORTED)
    entry = AuditEntry.objects.get(action="opinions.opinion.summarized")
    assert entry.actor == office and entry.changes["status"] == ["received", "sorted"]
    assert "备课" not in str(entry.changes)  # lengths, not words


@pytest.mark.parametrize("summary", ["", "   ", "议" * (MAX_SUMMARY + 1)])
def test_empty_or_oversized_summary_is_refused_and_changes_nothing(office, about_member,
                                                                   summary):
    with pytest.raises(OpinionError) as error:
        sorting.write_summary(actor=office, opinion=about_member, summary=summary)
    assert error.value.code == "summary"
    opinion = refreshed(about_member)
    assert (opinion.summary, opinion.status) == ("", Opinion.Status.RECEIVED)


def test_office_of_another_school_cannot_sort(district, about_member):
    with pytest.raises(OpinionError) as error:
        sorting.write_summary(actor=district.users["other_office"], opinion=about_member,
                              summary="摘要")
    assert error.value.code == "forbidden"


@pytest.mark.parametrize("user", ["secretary", "leader", "member", "supervisor"])
def test_nobody_but_the_office_sorts(district, about_member, user):
    with pytest.raises(OpinionError):
        sorting.write_summary(actor=district.users[user], opinion=about_member, summary="摘要")


def test_district_office_sorts_a_school_opinion(district, about_member):
    sorting.write_summary(actor=district.users["district_office"], opinion=about_member,
                          summary="摘要")
    assert refreshed(about_member).status == Opinion.Status.SORTED


def test_unconfirmed_opinion_cannot_be_sorted(office, intake, district):
    slip = add_opinion(intake, token_of(district.schools[0].members[5]),
                       status=Opinion.Status.UNCONFIRMED)
    for call in (lambda: sorting.write_summary(actor=office, opinion=slip, summary="摘要"),
                 lambda: sorting.set_aside(actor=office, opinion=slip, reason="无关")):
        with pytest.raises(OpinionError) as error:
            call()
        assert error.value.code == "unconfirmed"
    assert refreshed(slip).status == Opinion.Status.UNCONFIRMED


def test_route_moves_the_opinion_to_the_new_subject_and_its_organization(office, intake,
                                                                         district,
                                                                         about_member):
    s1 = district.schools[0]
    sorting.route_opinion(actor=office, opinion=about_member,
                          subject_token=f"branch:{s1.branches[0].pk}")
    opinion = refreshed(about_member)
    assert (opinion.subject_kind, opinion.subject_person, opinion.organization) == (
        Subject.BRANCH, None, s1.branches[0])
    sorting.route_opinion(actor=office, opinion=opinion, subject_token="team")
    opinion = refreshed(about_member)
    assert (opinion.subject_kind, opinion.organization) == (Subject.TEAM, s1.committee)
    assert AuditEntry.objects.filter(action="opinions.opinion.routed").count() == 2


def test_route_outside_the_school_is_refused(office, district, about_member):
    outsider = district.schools[1].members[0]
    with pytest.raises(OpinionError) as error:
        sorting.route_opinion(actor=office, opinion=about_member,
                              subject_token=token_of(outsider))
    assert error.value.code == "subject"
    assert refreshed(about_member).subject_person == district.schools[0].members[5]


def test_merge_keeps_the_count_and_marks_duplicates(office, intake, district, about_member):
    member = district.schools[0].members[5]
    twice = add_opinion(intake, token_of(member), weight=2)
    once = add_opinion(intake, token_of(member))
    keep = sorting.merge_opinions(actor=office, keep=about_member, duplicates=[twice, once])
    assert refreshed(keep).weight == 4
    for duplicate in (twice, once):
        row = refreshed(duplicate)
        assert (row.status, row.merged_into_id) == (Opinion.Status.MERGED, about_member.pk)
    assert AuditEntry.objects.filter(action="opinions.opinion.merged").count() == 2


def test_merging_opinions_of_different_subjects_is_refused(office, intake, district,
                                                            about_member):
    other = add_opinion(intake, token_of(district.schools[0].members[4]))
    with pytest.raises(OpinionError) as error:
        sorting.merge_opinions(actor=office, keep=about_member, duplicates=[other])
    assert error.value.code == "other_subject"
    assert refreshed(about_member).weight == 1
    assert refreshed(other).status == Opinion.Status.RECEIVED


@pytest.mark.parametrize("status", [Opinion.Status.MERGED, Opinion.Status.RELEASED,
                                    Opinion.Status.SET_ASIDE])
def test_merging_an_opinion_already_merged_or_released_is_refused(office, intake, district,
                                                                  about_member, status):
    other = add_opinion(intake, token_of(district.schools[0].members[5]), status=status)
    with pytest.raises(OpinionError) as error:
        sorting.merge_opinions(actor=office, keep=about_member, duplicates=[other])
    assert error.value.code == "not_sortable"
    assert refreshed(about_member).weight == 1


def test_merge_into_itself_or_nothing_is_refused(office, about_member):
    for duplicates, code in (([], "no_duplicates"), ([about_member], "self")):
        with pytest.raises(OpinionError) as error:
            sorting.merge_opinions(actor=office, keep=about_member, duplicates=duplicates)
        assert error.value.code == code


def test_restoring_a_merged_opinion_gives_its_weight_back(office, intake, district,
                                                          about_member):
    other = add_opinion(intake, token_of(district.schools[0].members[5]))
    sorting.merge_opinions(actor=office, keep=about_member, duplicates=[other])
    sorting.restore_opinion(actor=office, opinion=other)
    assert refreshed(about_member).weight == 1
    row = refreshed(other)
    assert (row.status, row.merged_into) == (Opinion.Status.RECEIVED, None)


def test_set_aside_needs_a_reason_and_restore_brings_it_back(office, about_member):
    for reason in ("", "  ", "x" * 201):
        with pytest.raises(OpinionError) as error:
            sorting.set_aside(actor=office, opinion=about_member, reason=reason)
        assert error.value.code == "reason"
    assert refreshed(about_member).status == Opinion.Status.RECEIVED
    sorting.set_aside(actor=office, opinion=about_member, reason="人身攻击")
    row = refreshed(about_member)
    assert (row.status, row.set_aside_reason) == (Opinion.Status.SET_ASIDE, "人身攻击")
    sorting.restore_opinion(actor=office, opinion=row)
    row = refreshed(about_member)
    assert (row.status, row.set_aside_reason) == (Opinion.Status.RECEIVED, "")


def test_restore_of_an_ordinary_opinion_is_refused(office, about_member):
    with pytest.raises(OpinionError) as error:
        sorting.restore_opinion(actor=office, opinion=about_member)
    assert error.value.code == "not_restorable"


def test_routing_a_kept_opinion_takes_its_merged_ones_along(office, intake, district,
                                                            about_member):
    other = add_opinion(intake, token_of(district.schools[0].members[5]))
    sorting.merge_opinions(actor=office, keep=about_member, duplicates=[other])
    sorting.route_opinion(actor=office, opinion=about_member, subject_token="party_org")
    assert refreshed(other).subject_kind == Subject.PARTY_ORG
