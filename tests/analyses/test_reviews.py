"""Reviewing an analysis: only the reviewer the chain fixed, on the version waiting;
returning needs a comment and puts the work back among the member's tasks."""

import pytest

from tests.analyses.conftest import full_text, hand_in
from vanguard.analyses import services
from vanguard.analyses.errors import AnalysisError
from vanguard.analyses.models import MAX_COMMENT, Review, SelfAnalysis
from vanguard.campaigns.models import Assignment, Notification

S = SelfAnalysis.Status


def test_return_with_section_comments_goes_back_to_the_members_tasks(submitted, member,
                                                                     secretary):
    task = Assignment.objects.get(person=member.person, activity=submitted.activity)
    review = services.review_analysis(
        actor=secretary, analysis=submitted, version=1, decision="return",
        comments={"problems": "问题找得不深，联系实际不够", "nonsense": "ignored"},
        comment="请结合反馈意见修改")
    submitted.refresh_from_db()
    assert submitted.status == S.RETURNED and submitted.times_returned == 1
    assert review.comments == {"problems": "问题找得不深，联系实际不够"}
    task.refresh_from_db()
    assert task.status == Assignment.Status.PENDING
    assert Notification.objects.filter(person=member.person, url__contains="/mine/").exists()
    # Handed in again: version 2, reviewed again.
    again = hand_in(member, submitted, sections=full_text(submitted, extra="联系实际"))
    assert again.status == S.SUBMITTED and again.versions.count() == 2
    services.review_analysis(actor=secretary, analysis=again, version=2, decision="approve")
    again.refresh_from_db()
    assert again.status == S.APPROVED and again.approved_at is not None


def test_returning_without_any_comment_is_refused(submitted, secretary):
    with pytest.raises(AnalysisError) as caught:
        services.review_analysis(actor=secretary, analysis=submitted, version=1,
                                 decision="return", comments={"problems": "   "}, comment="")
    assert caught.value.code == "no_comment"
    assert SelfAnalysis.objects.get(pk=submitted.pk).status == S.SUBMITTED
    assert not Review.objects.exists()


def test_a_comment_over_its_bound_is_refused(submitted, secretary):
    with pytest.raises(AnalysisError) as caught:
        services.review_analysis(actor=secretary, analysis=submitted, version=1,
                                 decision="return", comments={"study": "长" * (MAX_COMMENT + 1)})
    assert caught.value.code == "long_comment" and "学习情况" in caught.value.text
    assert not Review.objects.exists()


@pytest.mark.parametrize("who", ["office", "other_secretary", "leader", "member", "admin"])
def test_a_review_by_someone_outside_the_chain_is_refused(who, submitted, district):
    with pytest.raises(AnalysisError) as caught:
        services.review_analysis(actor=district.users[who], analysis=submitted, version=1,
                                 decision="approve")
    assert caught.value.code == "not_reviewer"
    assert SelfAnalysis.objects.get(pk=submitted.pk).status == S.SUBMITTED
    assert not Review.objects.exists()


def test_a_review_of_a_stale_version_is_refused(submitted, member, secretary):
    services.review_analysis(actor=secretary, analysis=submitted, version=1, decision="return",
                             comment="再具体些")
    hand_in(member, submitted, sections=full_text(submitted, extra="具体"))
    with pytest.raises(AnalysisError) as caught:  # a page still showing version 1
        services.review_analysis(actor=secretary, analysis=submitted, version=1,
                                 decision="approve")
    assert caught.value.code == "stale"
    assert "version 2" in caught.value.text
    assert SelfAnalysis.objects.get(pk=submitted.pk).status == S.SUBMITTED
    assert Review.objects.count() == 1


def test_a_decided_analysis_cannot_be_decided_again(submitted, secretary):
    services.review_analysis(actor=secretary, analysis=submitted, version=1, decision="approve")
    with pytest.raises(AnalysisError) as caught:
        services.review_analysis(actor=secretary, analysis=submitted, version=1,
                                 decision="return", comment="改主意了")
    assert caught.value.code == "not_submitted"


def test_the_office_reviews_when_nobody_in_the_chain_has_an_account(review_open, district):
    leader = district.users["leader"]
    analysis = hand_in(leader, services.start_analysis(actor=leader,
                                                       campaign=review_open.campaign))
    with pytest.raises(AnalysisError):
        services.review_analysis(actor=district.users["other_office"], analysis=analysis,
                                 version=1, decision="approve")
    services.review_analysis(actor=district.users["office"], analysis=analysis, version=1,
                             decision="approve")
    assert SelfAnalysis.objects.get(pk=analysis.pk).status == S.APPROVED
