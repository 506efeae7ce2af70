"""Reading notes and reflections: cleaned, bounded and counted on the server; drafts guarded
by their version; handed in against the plan's minimums, returned or accepted; the member's
tasks follow."""

import pytest

from tests.builders import make_user
from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Assignment, Notification
from vanguard.study.errors import StudyError
from vanguard.study.models import Reflection
from vanguard.study.models.writing import MAX_BODY_CHARACTERS
from vanguard.study.sanitize import clean_html, visible_characters
from vanguard.study.services import writing

pytestmark = pytest.mark.django_db


def text(n: int, char: str = "学") -> str:
    return "<p>" + char * n + "</p>"


@pytest.fixture
def member(district):
    return district.users["member"]


@pytest.fixture
def draft(launched, member):
    return writing.start_writing(actor=member, campaign=launched, kind="reflection")


def submit(user, piece, body=None, title="学习心得"):
    piece.refresh_from_db()
    return writing.submit_writing(actor=user, writing=piece, version=piece.version,
                                  title=title, body=body if body is not None else text(800))


def reflection_task(person):
    return Assignment.objects.get(person=person, activity__kind="study.reflection")


# --- cleaning, counting, bounds -----------------------------------------------------------

@pytest.mark.parametrize("raw", [
    '<p>学习<script>alert("x")</script>党章</p>',
    '<p>学习<img src="x" onerror="alert(1)">党章</p>',
    '<p><a href="javascript:alert(1)">学习</a>党章</p>',
    '<p onclick="alert(1)" style="color:red">学习党章</p>',
    '<svg onload="alert(1)"><script>alert(1)</script></svg><p>学习党章</p>',
    '<iframe src="javascript:alert(1)"></iframe><p>学习党章</p>',
])
def test_script_bearing_input_never_survives(raw, draft, member):
    saved = writing.save_draft(actor=member, writing=draft, version=draft.version,
                               title="t", body=raw)
    stored = Reflection.objects.get(pk=saved.pk).body
    for bad in ("<script", "alert", "onerror", "onclick", "onload", "javascript:", "style=",
                "<a ", "<img", "<svg", "<iframe"):
        assert bad not in stored
    assert "学习" in stored and "党章" in stored


def test_only_the_editor_tags_are_kept_without_attributes():
    raw = ('<h3 class="x">题</h3><p><strong>粗</strong><em>斜</em><b>b</b><i>i</i><u>u</u><br>'
           '</p><ul><li>一</li></ul><ol><li>二</li></ol><blockquote>引</blockquote><h4>小</h4>'
           '<div><span style="font-size:40px">散</span></div><table><tr><td>表</td></tr></table>')
    assert clean_html(raw) == (
        "<h3>题</h3><p><strong>粗</strong><em>斜</em><b>b</b><i>i</i><u>u</u><br></p>"
        "<ul><li>一</li></ul><ol><li>二</li></ol><blockquote>引</blockquote><h4>小</h4>散表")


def test_characters_count_each_chinese_character_once_and_ignore_whitespace():
    assert visible_characters("<p>学习 党章\n</p><p>　三个代表&nbsp;ok</p>") == 10
    assert visible_characters("<p>&lt;b&gt;</p>") == 3
    assert clean_html("<p>  </p><p><br></p>") == ""


def test_stored_characters_are_the_visible_length(draft, member):
    saved = writing.save_draft(actor=member, writing=draft, version=draft.version, title="",
                               body="<p><strong>保持</strong> 先进性</p>")
    assert saved.characters == 5
    assert saved.title == draft.title  # an empty title in a draft keeps the one it had


def test_a_text_over_the_bound_is_refused_and_nothing_is_written(draft, member):
    with pytest.raises(StudyError, match=f"at most {MAX_BODY_CHARACTERS}.*Shorten it by 1"):
        writing.save_draft(actor=member, writing=draft, version=draft.version, title="长文",
                           body=text(MAX_BODY_CHARACTERS + 1))
    draft.refresh_from_db()
    assert draft.version == 1 and draft.body == ""
    # Markup does not count: exactly the bound is fine however it is formatted.
    body = "".join(f"<p><strong>{'学' * 100}</strong></p>" for _ in range(200))
    saved = writing.save_draft(actor=member, writing=draft, version=1, title="长文", body=body)
    assert saved.characters == MAX_BODY_CHARACTERS


def test_a_title_over_120_characters_is_refused(draft, member):
    with pytest.raises(StudyError, match="at most 120"):
        writing.save_draft(actor=member, writing=draft, version=draft.version, title="题" * 121,
                           body=text(5))


# --- drafts -----------------------------------------------------------------------------

def test_each_draft_save_moves_the_version_and_keeps_the_status(draft, member):
    first = writing.save_draft(actor=member, writing=draft, version=1, title="初稿",
                               body=text(10))
    second = writing.save_draft(actor=member, writing=first, version=2, title="初稿",
                                body=text(20))
    assert (second.version, second.status, second.characters) == (3, "draft", 20)
    assert not AuditEntry.objects.filter(action__contains="draft").exists()


def test_a_stale_version_is_refused_and_the_newer_text_stays(draft, member):
    writing.save_draft(actor=member, writing=draft, version=1, title="手机上", body=text(30))
    with pytest.raises(StudyError, match="another window or device") as refused:
        writing.save_draft(actor=member, writing=draft, version=1, title="电脑上",
                           body=text(10, "旧"))
    assert refused.value.code == "stale"
    draft.refresh_from_db()
    assert (draft.title, draft.characters, draft.version) == ("手机上", 30, 2)
    with pytest.raises(StudyError, match="another window"):
        writing.submit_writing(actor=member, writing=draft, version=1, title="电脑上",
                               body=text(900))
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_only_the_author_writes_their_text(draft, district, launched):
    for who in ("secretary", "office", "admin", "leader"):
        with pytest.raises(StudyError, match="not allowed"):
            writing.save_draft(actor=district.users[who], writing=draft, version=1, title="x",
                               body=text(5))


def test_a_draft_can_be_deleted_by_its_author_only_before_it_is_handed_in(draft, member,
                                                                          district):
    with pytest.raises(StudyError, match="not allowed"):
        writing.delete_draft(actor=district.users["secretary"], writing=draft)
    writing.delete_draft(actor=member, writing=draft)
    assert not Reflection.objects.filter(pk=draft.pk).exists()
    other = writing.start_writing(actor=member, campaign=draft.campaign, kind="reflection")
    submit(member, other)
    with pytest.raises(StudyError, match="never handed in"):
        writing.delete_draft(actor=member, writing=other)


def test_writing_needs_the_task_in_the_campaign(launched, district):
    # The district office has no person; a new user of S2's office none either.
    with pytest.raises(StudyError, match="not allowed"):
        writing.start_writing(actor=district.users["district_office"], campaign=launched,
                              kind="reflection")
    with pytest.raises(StudyError, match="not allowed"):
        writing.start_writing(actor=district.users["member"], campaign=launched, kind="poem")


# --- hand in, return, accept --------------------------------------------------------------

def test_a_short_text_is_refused_with_how_many_characters_are_missing(draft, member):
    with pytest.raises(StudyError, match="has 790 characters.*at least 800.*Write 10 more"):
        submit(member, draft, body=text(790))
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.body == ""  # nothing written


def test_a_note_needs_the_reading_minimum(launched, member):
    note = writing.start_writing(actor=member, campaign=launched, kind="note")
    with pytest.raises(StudyError, match="at least 300.*Write 1 more"):
        submit(member, note, body=text(299))
    assert submit(member, note, body=text(300)).status == "submitted"


def test_a_title_is_needed_to_hand_in(draft, member):
    with pytest.raises(StudyError, match="title"):
        submit(member, draft, title="  ")


def test_submit_return_resubmit_accept(draft, member, district):
    secretary = district.users["secretary"]
    submitted = submit(member, draft)
    assert submitted.status == "submitted" and submitted.submitted_at is not None
    with pytest.raises(StudyError, match="handed in"):
        writing.save_draft(actor=member, writing=submitted, version=submitted.version,
                           title="改", body=text(900))
    returned = writing.return_writing(actor=secretary, writing=submitted,
                                      comment="请结合本职工作谈体会。")
    assert (returned.status, returned.review_comment, returned.reviewed_by) == (
        "returned", "请结合本职工作谈体会。", secretary)
    note = Notification.objects.get(person=member.person)
    assert returned.title in note.text and f"/writing/reflection/{draft.pk}/edit/" in note.url
    edited = writing.save_draft(actor=member, writing=returned, version=returned.version,
                                title="学习心得（修改）", body=text(850))
    assert edited.status == "returned"  # being revised: still back with the member
    resubmitted = submit(member, edited, body=text(900), title="学习心得（修改）")
    assert resubmitted.status == "submitted"
    accepted = writing.accept_writing(actor=secretary, writing=resubmitted)
    assert accepted.status == "accepted"
    actions = list(AuditEntry.objects.filter(target_type="study.reflection")
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["study.reflection.started", "study.reflection.submitted",
                       "study.reflection.returned", "study.reflection.submitted",
                       "study.reflection.accepted"]


def test_the_audit_never_holds_the_text(draft, member, district):
    submit(member, draft, body=text(800, "秘"))
    writing.return_writing(actor=district.users["secretary"], writing=draft, comment="再改改")
    for entry in AuditEntry.objects.filter(target_type="study.reflection"):
        assert "秘" not in str(entry.changes)
        assert "body" not in entry.changes


def test_returning_needs_a_comment_of_at_most_1000_characters(draft, member, district):
    secretary = district.users["secretary"]
    submit(member, draft)
    with pytest.raises(StudyError, match="what should be improved"):
        writing.return_writing(actor=secretary, writing=draft, comment="   ")
    with pytest.raises(StudyError, match="at most 1000"):
        writing.return_writing(actor=secretary, writing=draft, comment="改" * 1001)
    draft.refresh_from_db()
    assert draft.status == "submitted"
    writing.return_writing(actor=secretary, writing=draft, comment="改" * 1000)


@pytest.mark.parametrize("who", ["other_secretary", "supervisor", "leader", "other_office"])
def test_who_may_not_review(draft, member, district, who):
    submit(member, draft)
    with pytest.raises(StudyError, match="not allowed"):
        writing.accept_writing(actor=district.users[who], writing=draft)
    with pytest.raises(StudyError, match="not allowed"):
        writing.return_writing(actor=district.users[who], writing=draft, comment="改")


@pytest.mark.parametrize("who", ["secretary", "office", "district_office", "admin"])
def test_the_branch_secretary_and_the_offices_above_review(draft, member, district, who):
    submit(member, draft)
    assert writing.accept_writing(actor=district.users[who], writing=draft).status == "accepted"


def test_a_secretary_does_not_review_their_own_writing(launched, district):
    secretary = district.users["secretary"]  # also a member of branch B2
    own = writing.start_writing(actor=secretary, campaign=launched, kind="reflection")
    submit(secretary, own)
    with pytest.raises(StudyError, match="not allowed"):
        writing.accept_writing(actor=secretary, writing=own)
    assert writing.accept_writing(actor=district.users["office"], writing=own).status == \
        "accepted"


def test_a_draft_cannot_be_reviewed(draft, district):
    with pytest.raises(StudyError, match="not allowed"):
        writing.accept_writing(actor=district.users["secretary"], writing=draft)


# --- the member's task follows -----------------------------------------------------------

def test_reflection_task_done_exactly_at_the_minimum_and_pending_again_when_returned(
        draft, member, district):
    person = member.person
    assert reflection_task(person).status == "pending"
    submit(member, draft)
    task = reflection_task(person)
    assert task.status == "done" and task.done_at is not None
    writing.return_writing(actor=district.users["secretary"], writing=draft, comment="再充实")
    task = reflection_task(person)
    assert task.status == "pending" and task.done_at is None
    submit(member, draft)
    assert reflection_task(person).status == "done"
    writing.accept_writing(actor=district.users["secretary"], writing=draft)
    assert reflection_task(person).status == "done"


def test_notes_count_toward_the_reading_task_only_once_handed_in(launched, member, district):
    from vanguard.study.services import reading

    person = member.person
    notes = [writing.start_writing(actor=member, campaign=launched, kind="note")
             for _ in range(2)]
    writing.save_draft(actor=member, writing=notes[0], version=1, title="草稿", body=text(400))
    writing.save_draft(actor=member, writing=notes[1], version=1, title="草稿", body=text(400))
    task = Assignment.objects.get(person=person, activity__kind="study.reading")
    assert not reading.reading_done(person, launched, task)
    submit(member, notes[0], body=text(300))
    submit(member, notes[1], body=text(300))
    assert Assignment.objects.get(pk=task.pk).status == "done"  # the list is empty here
    writing.return_writing(actor=district.users["secretary"], writing=notes[1], comment="补充")
    assert Assignment.objects.get(pk=task.pk).status == "pending"


def test_another_member_has_their_own_task(draft, member, district, launched):
    other = district.schools[0].members[-2]
    make_user("other_member", person=other)
    submit(member, draft)
    assert reflection_task(other).status == "pending"


def test_nothing_is_handed_in_once_the_phase_has_closed(draft, member, district):
    from vanguard.campaigns import services as campaigns

    plan = draft.campaign.plans.get(organization=district.schools[0].committee)
    campaigns.close_phase(actor=district.users["office"], phase=plan.phases.get(key="mobilize"),
                          override_reason="测试：提前结束学习动员阶段")
    with pytest.raises(StudyError, match="phase is not open"):
        submit(member, draft)
    # The draft itself is still saved: what the member wrote is never thrown away.
    saved = writing.save_draft(actor=member, writing=draft, version=1, title="t",
                               body=text(10))
    assert saved.characters == 10
