"""Writing a self-analysis: drafts, hand-in against the minimums, the reviewer fixed from the
chain, opinion links, and the revision after the meeting."""

import pytest

from tests.analyses.conftest import full_text, hand_in, hold_meeting, released_opinion
from vanguard.access.models import AuditEntry
from vanguard.analyses import services
from vanguard.analyses.errors import AnalysisError
from vanguard.analyses.models import MAX_SECTION_CHARACTERS, AnalysisVersion, SelfAnalysis
from vanguard.campaigns.models import Assignment

S = SelfAnalysis.Status


def task_of(analysis):
    return Assignment.objects.get(person=analysis.person, activity=analysis.activity)


def test_starting_twice_gives_the_same_analysis(analysis, member, review_open):
    again = services.start_analysis(actor=member, campaign=review_open.campaign)
    assert again.pk == analysis.pk
    assert SelfAnalysis.objects.filter(person=member.person).count() == 1
    assert analysis.organization == member.person.member.organization


def test_someone_without_the_task_cannot_start_one(district, review_open):
    with pytest.raises(AnalysisError) as caught:
        services.start_analysis(actor=district.users["office"], campaign=review_open.campaign)
    assert caught.value.code == "not_assigned"


def test_a_short_draft_is_kept_and_moves_the_version(analysis, member):
    saved = services.save_draft(actor=member, analysis=analysis, version=analysis.version,
                                sections={"study": "<p>刚开始写</p>", "unknown": "<p>x</p>"})
    assert saved.sections["study"] == "<p>刚开始写</p>"
    assert "unknown" not in saved.sections
    assert saved.version == analysis.version + 1
    assert saved.status == S.DRAFT


def test_a_draft_from_another_tab_is_refused_and_nothing_changes(analysis, member):
    services.save_draft(actor=member, analysis=analysis, version=analysis.version,
                        sections={"study": "<p>第一个窗口</p>"})
    with pytest.raises(AnalysisError) as caught:
        services.save_draft(actor=member, analysis=analysis, version=analysis.version,
                            sections={"study": "<p>第二个窗口</p>"})
    assert caught.value.code == "stale"
    assert SelfAnalysis.objects.get(pk=analysis.pk).sections["study"] == "<p>第一个窗口</p>"


def test_a_section_over_its_bound_is_refused_naming_it(analysis, member):
    services.save_draft(actor=member, analysis=analysis, version=analysis.version,
                        sections={"study": "<p>原来的</p>"})
    analysis.refresh_from_db()
    with pytest.raises(AnalysisError) as caught:
        services.save_draft(actor=member, analysis=analysis, version=analysis.version,
                            sections={"study": "<p>短</p>",
                                      "causes": "<p>" + "因" * (MAX_SECTION_CHARACTERS + 1)
                                      + "</p>"})
    assert caught.value.code == "too_long"
    assert "产生问题的原因" in caught.value.text and "10001" in caught.value.text
    kept = SelfAnalysis.objects.get(pk=analysis.pk)
    assert kept.sections["study"] == "<p>原来的</p>" and kept.sections["causes"] == ""
    assert kept.version == analysis.version


def test_script_is_removed_and_a_section_left_empty_counts_as_empty(analysis, member):
    sections = full_text(analysis)
    sections["study"] = '<script>alert("x")</script><p onclick="steal()"></p>'
    sections["problems"] = sections["problems"].replace("<p>", '<p style="x"><img src=x '
                                                        'onerror=alert(1)>')
    with pytest.raises(AnalysisError) as caught:
        hand_in(member, analysis, sections=sections)
    assert caught.value.code == "too_short"
    assert "“学习情况” has 0 characters, needs at least 500" in caught.value.text
    saved = services.save_draft(actor=member, analysis=analysis, version=analysis.version,
                                sections=sections)
    assert saved.sections["study"] == ""
    assert "<img" not in saved.sections["problems"] and "style" not in saved.sections["problems"]
    assert not AnalysisVersion.objects.exists()


def test_hand_in_below_the_minimums_names_each_short_section(analysis, member):
    sections = full_text(analysis)
    sections["study"] = "<p>" + "学" * 499 + "</p>"
    sections["direction"] = "<p>努力</p>"
    with pytest.raises(AnalysisError) as caught:
        hand_in(member, analysis, sections=sections)
    text = caught.value.text
    assert "“学习情况” has 499 characters, needs at least 500" in text
    assert "“今后的努力方向” has 2 characters, needs at least 500" in text
    assert "产生问题的原因" not in text
    analysis.refresh_from_db()
    assert analysis.status == S.DRAFT and analysis.sections == {}


def test_hand_in_freezes_a_version_and_fixes_the_chain_reviewer(submitted, secretary):
    assert submitted.status == S.SUBMITTED
    assert submitted.reviewer == secretary and submitted.reviewer_office is None
    version = submitted.versions.get()
    assert version.number == 1 and not version.is_revision
    assert version.characters == 500 + 600 + 800 + 600 + 500
    entry = AuditEntry.objects.get(action="analyses.analysis.submitted")
    assert entry.changes["reviewer"] == [None, "secretary"]
    assert "析" not in str(entry.changes)  # the text never goes into the log


def test_a_handed_in_analysis_cannot_be_edited(submitted, member):
    with pytest.raises(AnalysisError) as caught:
        services.save_draft(actor=member, analysis=submitted, version=submitted.version,
                            sections={"study": "<p>改</p>"})
    assert caught.value.code == "not_editable"


def test_only_the_author_writes(analysis, secretary):
    with pytest.raises(AnalysisError) as caught:
        services.save_draft(actor=secretary, analysis=analysis, version=analysis.version,
                            sections={"study": "<p>代写</p>"})
    assert caught.value.code == "forbidden"


def test_a_leader_without_a_reviewer_account_goes_to_the_school_office(review_open, district):
    leader = district.users["leader"]  # a team member; the principal has no account
    analysis = services.start_analysis(actor=leader, campaign=review_open.campaign)
    done = hand_in(leader, analysis)
    assert done.reviewer is None and done.reviewer_office == district.schools[0].committee


def test_links_to_fed_back_opinions_are_kept_per_section(analysis, member, review_open):
    mine = released_opinion(review_open.campaign, member.person)
    saved = services.save_draft(actor=member, analysis=analysis, version=None,
                                opinion_links={"problems": [str(mine.pk)]})
    assert saved.opinion_links == {"problems": [str(mine.pk)]}
    assert saved.version == analysis.version  # ticks do not make the text tab stale


@pytest.mark.parametrize("whose", ["another member's", "not fed back", "not an id"])
def test_linking_an_opinion_that_is_not_the_members_is_refused(whose, analysis, member,
                                                               review_open, district):
    mine = released_opinion(review_open.campaign, member.person)
    services.save_draft(actor=member, analysis=analysis, version=None,
                        opinion_links={"problems": [str(mine.pk)]})
    other = released_opinion(review_open.campaign, district.schools[0].members[4], "别人的")
    if whose == "not fed back":
        other.subject_person, other.status = member.person, "sorted"
        other.save()
    bad = "'; drop table" if whose == "not an id" else str(other.pk)
    with pytest.raises(AnalysisError) as caught:
        services.save_draft(actor=member, analysis=analysis, version=None,
                            opinion_links={"problems": [str(mine.pk), bad]})
    assert caught.value.code == "not_your_opinion"
    assert "only the opinions fed back to you" in caught.value.text
    assert SelfAnalysis.objects.get(pk=analysis.pk).opinion_links == {
        "problems": [str(mine.pk)]}


def test_revision_waits_for_the_meeting_then_makes_a_final_version(submitted, member,
                                                                   secretary, review_open):
    services.review_analysis(actor=secretary, analysis=submitted, version=1,
                             decision="approve")
    with pytest.raises(AnalysisError) as caught:
        services.start_revision(actor=member, analysis=submitted)
    assert caught.value.code == "meeting_not_held"
    hold_meeting(review_open.campaign, submitted.organization, minutes="")
    with pytest.raises(AnalysisError):  # scheduled, but no minutes: not held yet
        services.start_revision(actor=member, analysis=submitted)
    hold_meeting_minutes(submitted)
    revising = services.start_revision(actor=member, analysis=submitted)
    assert revising.status == S.REVISING
    assert task_of(revising).status == Assignment.Status.PENDING
    final = services.submit_revision(actor=member, analysis=revising, version=revising.version,
                                     sections=full_text(revising, extra="会后补充"))
    assert final.status == S.FINAL and final.revised_at is not None
    last = final.versions.order_by("number").last()
    assert last.number == 2 and last.is_revision
    assert task_of(final).status == Assignment.Status.DONE


def hold_meeting_minutes(analysis):
    from vanguard.meetings.models import Meeting

    Meeting.objects.filter(organization=analysis.organization).update(minutes="会议纪要")


def test_hand_in_refuses_a_revision_and_revision_refuses_a_draft(analysis, member):
    with pytest.raises(AnalysisError) as caught:
        services.submit_revision(actor=member, analysis=analysis, version=analysis.version,
                                 sections=full_text(analysis))
    assert caught.value.code == "not_revising"
