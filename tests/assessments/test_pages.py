"""The pages: the office prepares, draws, opens, prints and closes; a respondent answers with a
slip's code on the phone page; readers see the results with intervals and the too-few cells;
anyone checks the sample; the superior's office sees and closes its remedial rounds."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from tests.assessments.conftest import all_ratings
from tests.assessments.test_remedial import run_assessment, with_not
from vanguard.assessments.models import Assessment, Part, RemedialRound, Respondent, Response
from vanguard.assessments.services import answers
from vanguard.core import clock

pytestmark = pytest.mark.django_db


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_office_runs_the_assessment_through_its_pages(activity, roster, office, client):
    client.force_login(office)
    page = client.get(reverse("assessments:campaign", args=[activity.plan.campaign_id]))
    assert page.status_code == 200 and b"Prepare the assessment" in page.content
    client.post(reverse("assessments:create", args=[activity.plan.campaign_id, activity.pk]))
    assessment = Assessment.objects.get()
    detail = reverse("assessments:detail", args=[assessment.pk])
    numbers = "\n".join(p.staff_no for p in roster["student"][:2])
    response = client.post(reverse("assessments:add_representatives", args=[assessment.pk]),
                           {"numbers": numbers}, follow=True)
    assert "2 representatives added" in messages_of(response)
    response = client.post(reverse("assessments:draw", args=[assessment.pk]),
                           {"margin": "0.2", "confidence": "0.95"}, follow=True)
    assert "The sample is drawn" in messages_of(response)
    assert b'data-testid="sample-record"' in response.content
    closes_on = clock.today() + dt.timedelta(days=2)
    client.post(reverse("assessments:open", args=[assessment.pk]), {"closes_on": closes_on})
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.OPEN
    slips = client.post(reverse("assessments:slips", args=[assessment.pk]))
    assert slips["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-cache" in slips["Cache-Control"] or "no-store" in slips["Cache-Control"]
    doc = Document(io.BytesIO(slips.content))
    assert len(doc.inline_shapes) == Respondent.objects.filter(assessment=assessment).count()
    client.post(reverse("assessments:close", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.CLOSED
    assert client.get(detail).status_code == 200


def test_bad_form_input_is_a_message_and_changes_nothing(assessment, roster, office, client):
    client.force_login(office)
    response = client.post(reverse("assessments:add_representatives", args=[assessment.pk]),
                           {"numbers": "NOBODY-1\n" + roster["staff"][0].staff_no}, follow=True)
    assert "NOBODY-1" in messages_of(response)
    response = client.post(reverse("assessments:add_representatives", args=[assessment.pk]),
                           {"numbers": "x" * 20001}, follow=True)
    assert "At most 20000 characters" in messages_of(response)
    response = client.post(reverse("assessments:draw", args=[assessment.pk]),
                           {"margin": "0.001", "confidence": "0.95"}, follow=True)
    assert response.status_code == 200 and messages_of(response)
    response = client.post(reverse("assessments:draw", args=[assessment.pk]),
                           {"margin": "0.01", "confidence": "0.95"}, follow=True)
    assert "that is not a sample" in messages_of(response)
    assert not Respondent.objects.exists()
    assessment.refresh_from_db()
    assert assessment.sample_drawn_at is None


def test_the_answer_page_takes_a_slips_code_and_the_answers(assessment, opened, client):
    url = reverse("assessments:answer")
    start = client.get(url)
    assert b'data-answer-token="1"' in start.content and b"assessments/answer.js" in start.content
    token = next(iter(opened.values()))
    questions = client.post(url, {"token": token})
    assert b'data-testid="answers"' in questions.content
    missing = client.post(url, {"token": token, "answer": "1", "q_overall": "satisfied"})
    assert b"Answer this question." in missing.content and not Response.objects.exists()
    bad = {f"q_{k}": "excellent" for k in all_ratings(assessment)}
    refused = client.post(url, {"token": token, "answer": "1", **bad})
    assert b"Choose one of the four answers." in refused.content
    good = {f"q_{k}": v for k, v in all_ratings(assessment).items()}
    done = client.post(url, {"token": token, "answer": "1", **good})
    assert b'data-testid="answer-done"' in done.content and Response.objects.count() == 1
    again = client.post(url, {"token": token})
    assert b'data-testid="token-error"' in again.content


def test_a_logged_in_respondent_sees_their_own_questions(assessment, opened, client, district):
    client.force_login(district.users["member"])
    page = client.get(reverse("assessments:answer"))
    assert b'data-testid="own-answers"' in page.content


def test_results_show_counts_intervals_and_too_few(assessment, opened, office, client,
                                                   district):
    assessment.refresh_from_db()
    reps = [t for pk, t in opened.items()
            if Respondent.objects.get(pk=pk).part == Part.SAMPLE and
            Respondent.objects.get(pk=pk).group == "staff"]
    for token in reps[:6]:
        answers.submit_answers(token=token, ratings=all_ratings(assessment))
    client.force_login(office)
    before = client.get(reverse("assessments:results", args=[assessment.pk]))
    assert b'data-testid="not-closed"' in before.content
    client.post(reverse("assessments:close", args=[assessment.pk]))
    page = client.get(reverse("assessments:results", args=[assessment.pk]))
    text = page.content.decode()
    assert 'data-testid="group-sample-staff"' in text and 'data-testid="interval"' in text
    assert 'data-testid="too-few"' in text  # the representatives: nobody answered
    staff = next(r for r in page.context["rows"] if (r.part, r.group) == ("sample", "staff"))
    assert (staff.answered, staff.selected, staff.population) == (6, 14, 30)
    overall = staff.questions[0]
    assert overall.counts["satisfied"] == 6 and overall.satisfied == 1.0
    assert overall.low < 1.0 <= overall.high + 1e-9
    # The district's supervisor reads them too; the other school's office does not.
    client.force_login(district.users["supervisor"])
    assert client.get(reverse("assessments:results", args=[assessment.pk])).status_code == 200
    client.force_login(district.users["other_office"])
    assert client.get(reverse("assessments:results", args=[assessment.pk])).status_code == 404


def test_anyone_can_check_the_sample_without_seeing_names(assessment, drawn, client, roster):
    page = client.get(reverse("assessments:check", args=[assessment.pk]))
    assert b'data-testid="check-ok"' in page.content
    assert roster["staff"][0].name.encode() not in page.content


def test_the_superior_sees_and_closes_a_remedial_round(assessment, office, school, district,
                                                       client):
    run_assessment(assessment, office, school, with_not(assessment, 6, 4, "overall"))
    remedial = RemedialRound.objects.get()
    client.force_login(district.users["district_office"])
    listing = client.get(reverse("assessments:remedial_list"))
    assert school.committee.name.encode() in listing.content
    detail = client.get(reverse("assessments:remedial_detail", args=[remedial.pk]))
    assert b'data-testid="steps"' in detail.content and b'data-testid="following"' in detail.content
    refused = client.post(reverse("assessments:remedial_close", args=[remedial.pk]), follow=True)
    assert "has not been held" in messages_of(refused)
    following = Assessment.objects.get(round=2)
    run_assessment(following, office, school, with_not(following, 6, 0, "overall"))
    closed = client.post(reverse("assessments:remedial_close", args=[remedial.pk]), follow=True)
    assert "The round is closed." in messages_of(closed)
    # The school's office sees the round, without the close button.
    client.force_login(office)
    page = client.get(reverse("assessments:remedial_detail", args=[remedial.pk]))
    assert page.status_code == 200 and not page.context["can_close"]
