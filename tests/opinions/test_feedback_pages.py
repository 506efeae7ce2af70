"""The feedback pages: the subject reads summaries (never the text or the giver), the k ≥ 5
rule on the page and the Word sheet, 404 for anyone else's feedback, the release page, and
the member's task panel."""

import io

import docx
import pytest
from django.urls import reverse

from tests.builders import make_user
from tests.opinions.opinion_rows import add_opinion, s1_intake, token_of
from vanguard.campaigns.models import Assignment
from vanguard.opinions import task_panels
from vanguard.opinions.models import Channel, Feedback, Opinion, SourceGroup
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


@pytest.fixture
def released(intake, launched, office, member):
    """The member's feedback: five hotline opinions from parents, one by box from a retiree
    (named), all sorted and released."""
    person = member.person
    for i in range(5):
        add_opinion(intake, token_of(person), status=Opinion.Status.SORTED,
                    summary=f"家长反映{i}", text=f"原话{i}", channel=Channel.HOTLINE,
                    source_group=SourceGroup.PARENT)
    add_opinion(intake, token_of(person), status=Opinion.Status.SORTED, summary="老同志建议",
                text="原话老同志", anonymous=False, giver_name="李老师",
                source_group=SourceGroup.RETIRED)
    return services.release_feedback(actor=office, campaign=launched,
                                     subject_token_or_resolved=token_of(person))


def detail(feedback):
    return reverse("opinions:feedback", args=[feedback.pk])


def test_member_reads_summaries_never_texts_or_givers(client, member, released):
    client.force_login(member)
    page = client.get(detail(released)).content.decode()
    assert "家长反映0" in page and "老同志建议" in page
    assert "原话" not in page and "李老师" not in page


def test_k_rule_on_the_page(client, member, released):
    client.force_login(member)
    lines = client.get(detail(released)).context["lines"]
    shown = {line.opinion.summary: (line.channel, line.source_group) for line in lines}
    assert shown["家长反映0"] == (Channel.HOTLINE.label, SourceGroup.PARENT.label)
    assert shown["老同志建议"] == (None, None)


def test_my_feedback_lists_it_and_marking_read_through_the_page(client, member, released,
                                                                launched):
    client.force_login(member)
    page = client.get(reverse("opinions:my_feedback", args=[launched.pk]))
    assert [f.pk for f, _label in page.context["rows"]] == [released.pk]
    for opinion in released.opinions.all():
        assert client.post(reverse("opinions:opinion_read", args=[opinion.pk])).status_code \
            == 302
    assert Feedback.objects.get(pk=released.pk).read_on is not None
    again = client.post(reverse("opinions:opinion_read", args=[opinion.pk]), follow=True)
    assert "already marked this opinion read" in again.content.decode()


def test_response_too_long_through_the_page_changes_nothing(client, member, released):
    opinion = released.opinions.first()
    client.force_login(member)
    response = client.post(reverse("opinions:opinion_respond", args=[opinion.pk]),
                           {"response": "答" * 1001}, follow=True)
    assert "at most 1000" in response.content.decode()
    assert Opinion.objects.get(pk=opinion.pk).response == ""


def test_office_sees_the_response_on_its_preview(client, member, released, office):
    opinion = released.opinions.first()
    services.respond(actor=member, opinion=opinion, response="我会改进")
    client.force_login(office)
    page = client.get(detail(released)).content.decode()
    assert "我会改进" in page and "原话" not in page


@pytest.mark.parametrize("user", ["secretary", "leader", "other_secretary", "other_office",
                                  "supervisor"])
def test_someone_elses_feedback_is_404(client, district, released, user):
    client.force_login(district.users[user])
    assert client.get(detail(released)).status_code == 404
    assert client.get(reverse("opinions:feedback_word", args=[released.pk])).status_code == 404
    opinion = released.opinions.first()
    assert client.post(reverse("opinions:opinion_read", args=[opinion.pk])).status_code == 404


def test_a_member_reading_a_leaders_feedback_is_404(client, district, launched, office,
                                                    member):
    leader = district.users["leader"]
    feedback = services.release_feedback(actor=office, campaign=launched,
                                         subject_token_or_resolved=f"leader:{leader.person.pk}")
    client.force_login(member)
    assert client.get(detail(feedback)).status_code == 404
    client.force_login(leader)
    assert client.get(detail(feedback)).status_code == 200


def test_principal_leader_sees_team_feedback_on_their_page(client, district, launched, office):
    principal = make_user("principal", person=district.schools[0].members[0])
    services.release_feedback(actor=office, campaign=launched, subject_token_or_resolved="team")
    client.force_login(principal)
    rows = client.get(reverse("opinions:my_feedback", args=[launched.pk])).context["rows"]
    assert [f.subject_kind for f, _label in rows] == ["team"]
    client.force_login(district.users["leader"])
    rows = client.get(reverse("opinions:my_feedback", args=[launched.pk])).context["rows"]
    assert rows == []


def test_empty_feedback_is_acknowledged_with_one_click(client, launched, office, member):
    feedback = services.release_feedback(actor=office, campaign=launched,
                                         subject_token_or_resolved=token_of(member.person))
    client.force_login(member)
    assert "No opinions about you" in client.get(detail(feedback)).content.decode()
    client.post(reverse("opinions:feedback_acknowledge", args=[feedback.pk]))
    assert Feedback.objects.get(pk=feedback.pk).read_on is not None


def test_word_sheet_has_the_title_table_and_signature(client, member, released):
    client.force_login(member)
    response = client.get(reverse("opinions:feedback_word", args=[released.pk]))
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "反馈意见" in text and member.person.name in text and "本人签字" in text
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert len(cells) == 7
    retiree = next(row for row in cells if row[2] == "老同志建议")
    assert retiree[4:] == ["—", "—"]
    assert "原话" not in text + str(cells) and "李老师" not in text + str(cells)


def test_release_page_lists_branches_and_releases_a_member(client, launched, district, office):
    s1 = district.schools[0]
    client.force_login(office)
    page = client.get(reverse("opinions:release", args=[launched.pk]))
    assert [b["branch"] for b in page.context["branches"]] == s1.branches
    client.post(reverse("opinions:release_subject", args=[launched.pk]),
                {"subject": token_of(s1.members[5]), "school": s1.committee.pk})
    assert Feedback.objects.filter(subject_person=s1.members[5]).exists()
    client.post(reverse("opinions:release_branch", args=[launched.pk, s1.branches[0].pk]))
    assert Feedback.objects.count() == 4


def test_release_page_refuses_a_branch_with_unsorted_opinions(client, launched, district,
                                                              office, intake):
    s1 = district.schools[0]
    add_opinion(intake, token_of(s1.members[0]))
    client.force_login(office)
    response = client.post(reverse("opinions:release_branch",
                                   args=[launched.pk, s1.branches[0].pk]), follow=True)
    assert "not sorted yet" in response.content.decode()
    assert not Feedback.objects.exists()


def test_other_office_cannot_release_an_s1_branch(client, launched, district):
    client.force_login(district.users["other_office"])
    response = client.post(reverse("opinions:release_branch",
                                   args=[launched.pk, district.schools[0].branches[0].pk]))
    assert response.status_code == 404


def test_task_panel_follows_release_and_reading(launched, office, member, rf):
    task = Assignment.objects.get(person=member.person, activity__kind="opinions.intake")
    assert "not been released" in task_panels.feedback_panel(task, rf.get("/"))
    feedback = services.release_feedback(actor=office, campaign=launched,
                                         subject_token_or_resolved=token_of(member.person))
    panel = task_panels.feedback_panel(task, rf.get("/"))
    assert "acknowledge" in panel
    assert reverse("opinions:my_feedback", args=[launched.pk]) in panel
    services.acknowledge_feedback(actor=member, feedback=feedback)
    assert "you have read your feedback" in task_panels.feedback_panel(task, rf.get("/"))


def test_my_tasks_shows_the_panel_when_the_review_phase_is_open(client, review_open, member):
    client.force_login(member)
    page = client.get(reverse("campaigns:my_tasks")).content.decode()
    assert reverse("opinions:my_feedback", args=[review_open.campaign_id]) in page
