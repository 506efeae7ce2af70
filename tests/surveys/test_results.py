"""Results by hand: counts per topic and per group, small groups kept together (and the
smallest shown group with them when what is kept together could be worked out), nothing
below five answers, texts in a random order; the hot issues ranked for the plan; Excel."""

import io

import openpyxl
import pytest

from vanguard.access.models import AuditEntry
from vanguard.surveys import excel, selectors
from vanguard.surveys.models import Response
from vanguard.surveys.selectors import kept_together
from vanguard.surveys.services import answers, surveys

pytestmark = pytest.mark.django_db


def public(survey, group, topics, other="", expectation=""):
    answers.submit_public_answer(survey=survey, address="198.51.100.1", group=group,
                                 topics=topics, other=other, expectation=expectation)


@pytest.fixture
def answered(opened, survey):
    """6 staff, 5 students, 2 parents, 1 other; the topics chosen, counted by hand:
    staff: fees 6, safety 3; students: safety 5, mental_health 5; parents: fees 2, other 1;
    other: scores 1. Overall fees 8, safety 8, mental_health 5, scores 1, other 1."""
    survey.refresh_from_db()
    for n in range(6):
        public(survey, "staff", ["fees", "safety"] if n < 3 else ["fees"],
               expectation=f"期望{n}")
    for _ in range(5):
        public(survey, "student", ["safety", "mental_health"])
    public(survey, "parent", ["fees"], other="食堂")
    public(survey, "parent", ["fees"])
    public(survey, "other", ["scores"])
    return survey


def test_kept_together_by_hand():
    assert kept_together({"staff": 6, "student": 7}) == (["staff", "student"], [])
    # 3 kept together could be worked out from the total: the smallest shown group joins.
    assert kept_together({"staff": 6, "student": 5, "parent": 2, "other": 1}) == (
        ["staff"], ["student", "parent", "other"])
    assert kept_together({"staff": 6, "parent": 3, "other": 2}) == (["staff"],
                                                                   ["parent", "other"])
    assert kept_together({"staff": 6, "parent": 2}) == ([], ["staff", "parent"])
    assert kept_together({"staff": 4}) == ([], ["staff"])


def test_counts_per_topic_and_group_by_hand(answered):
    result = selectors.results(answered)
    assert result.total == 14 and result.shown
    assert [(t.key, t.count) for t in result.topics] == [
        ("fees", 8), ("safety", 8), ("mental_health", 5), ("scores", 1), ("other", 1),
        ("ethics", 0), ("teaching", 0), ("service", 0), ("members", 0)]
    rows = {tuple(r.groups): (r.answers, r.counts) for r in result.rows}
    assert rows == {
        ("staff",): (6, {"fees": 6, "safety": 3}),
        ("student", "parent", "other"): (8, {"safety": 5, "mental_health": 5, "fees": 2,
                                             "other": 1, "scores": 1})}
    assert sorted(result.expectations) == [f"期望{n}" for n in range(6)]
    assert result.others == ["食堂"]


def test_texts_come_in_the_order_of_their_random_keys(answered):
    keyed = dict(Response.objects.exclude(expectation="").values_list("pk", "expectation"))
    assert selectors.results(answered).expectations == [keyed[k] for k in sorted(keyed)]


def test_below_five_answers_nothing_is_shown(opened, survey):
    survey.refresh_from_db()
    for _ in range(4):
        public(survey, "staff", ["fees"], expectation="只有四份")
    result = selectors.results(survey)
    assert result.total == 4 and not result.shown
    assert (result.topics, result.rows, result.expectations) == ([], [], [])
    assert selectors.hot_issues(survey.campaign, survey.organization).topics == []


def test_the_hot_issues_are_ranked_for_the_school_and_its_branches(answered, launched, school,
                                                                   district):
    hot = selectors.hot_issues(launched, school.branches[0])
    assert hot.survey == answered and hot.total == 14 and hot.shown
    assert [(t.key, t.count) for t in hot.topics] == [
        ("fees", 8), ("safety", 8), ("mental_health", 5), ("scores", 1), ("other", 1)]
    assert selectors.hot_issues(launched, district.schools[1].committee).survey is None
    assert selectors.hot_issues(launched, district.root).survey is None


def test_the_hot_issues_include_renders_for_readers_only(answered, launched, school, district,
                                                         rf):
    from django.template import Context, Template

    template = Template("{% load survey_tags %}{% hot_issues campaign org %}")
    for role, shown in (("office", True), ("leader", True), ("supervisor", True),
                        ("other_office", False), ("member", False)):
        request = rf.get("/")
        request.user = district.users[role]
        html = template.render(Context({"request": request, "campaign": launched,
                                        "org": school.committee}))
        assert ('data-testid="hot-issues"' in html) is shown, role
        if shown:
            assert html.index("教育乱收费") < html.index("教师和学生心理健康")


def test_the_excel_export_holds_the_hot_issues_first_and_is_audited(answered, office):
    book = openpyxl.load_workbook(io.BytesIO(excel.results_workbook(actor=office,
                                                                    survey=answered)))
    assert book.sheetnames[0] == "Hot issues"
    rows = list(book["Hot issues"].values)
    assert rows[1][:3] == (1, "教育乱收费", 8)
    by_group = list(book["By group"].values)
    assert [r[:2] for r in by_group[1:]] == [("staff and teachers", 6),
                                             ("Other groups together", 8)]
    assert AuditEntry.objects.filter(action="surveys.results.exported").count() == 1


def test_a_closed_surveys_results_stay(answered, office):
    surveys.close_survey(actor=office, survey=answered)
    assert selectors.results(answered).total == 14
