"""The phase-1 gate counts reached graduates apart: a figure (never blocking), only on the
first phase and only where the scope has graduates; the unreached are listed by name."""

import pytest
from django.urls import reverse

from tests.oversight.coverage_support import graduate
from vanguard.campaigns.gates import evaluate_gate, missing_items
from vanguard.campaigns.models import Campaign
from vanguard.core import clock
from vanguard.oversight.models import ContactAttempt, Participation
from vanguard.oversight.selectors.coverage import graduates_reached

pytestmark = pytest.mark.django_db
KEY = graduates_reached.key


@pytest.fixture
def graduates(launched, district):
    """S1: 甲 reached by phone, 乙 with a participation record, 丙 tried without an answer,
    丁 reached only in another campaign. S2: 戊, never tried."""
    s1, s2 = district.schools[0], district.schools[-1]
    made = {name: graduate(branch, name) for name, branch in [
        ("毕业生甲", s1.branches[-1]), ("毕业生乙", s1.branches[0]),
        ("毕业生丙", s1.branches[-1]), ("毕业生丁", s1.branches[0]),
        ("毕业生戊", s2.branches[0])]}
    today = clock.today()
    ContactAttempt.objects.create(campaign=launched, member=made["毕业生甲"], made_on=today,
                                  channel="phone", result="reached")
    ContactAttempt.objects.create(campaign=launched, member=made["毕业生甲"], made_on=today,
                                  channel="phone", result="no_answer")
    Participation.objects.create(campaign=launched, member=made["毕业生乙"], mode="local",
                                 place="杭州")
    ContactAttempt.objects.create(campaign=launched, member=made["毕业生丙"], made_on=today,
                                  channel="message", result="no_answer")
    other = Campaign.objects.create(name="另一个", template=launched.template,
                                    template_source="", organization=district.root,
                                    starts_on=today, ends_on=today)
    ContactAttempt.objects.create(campaign=other, member=made["毕业生丁"], made_on=today,
                                  channel="phone", result="reached")
    return made


def _fact(checks):
    return [c for c in checks if c.activity_key == KEY]


def test_the_first_phase_counts_reached_graduates(launched, district, graduates):
    plan = launched.plans.get(organization=district.schools[0].committee)
    phase = plan.phases.get(key="mobilize")
    checks = evaluate_gate(phase)
    [fact] = _fact(checks)
    # Counted by hand: 甲 (reached) and 乙 (participation) of 甲乙丙丁.
    assert (fact.done, fact.required, fact.min_share, fact.passed) == (2, 4, 0, True)
    assert "reached 2 of 4" in fact.label
    names, more = missing_items(phase, checks)[KEY]
    assert more == 0
    assert sorted(n.split("（")[0] for n in names) == ["毕业生丁", "毕业生丙"]


def test_the_district_plan_counts_every_school(launched, district, graduates):
    plan = launched.plans.get(organization=district.root)
    [fact] = _fact(evaluate_gate(plan.phases.get(key="mobilize")))
    assert (fact.done, fact.required) == (2, 5)


def test_no_figure_on_later_phases_or_without_graduates(launched, district, graduates):
    s1_plan = launched.plans.get(organization=district.schools[0].committee)
    assert _fact(evaluate_gate(s1_plan.phases.get(key="review"))) == []
    Participation.objects.filter(member__person__name="毕业生戊").delete()
    from vanguard.people.models import Member

    Member.objects.filter(person__name="毕业生戊").update(relation_retained=False)
    s2_plan = launched.plans.get(organization=district.schools[-1].committee)
    assert _fact(evaluate_gate(s2_plan.phases.get(key="mobilize"))) == []


def test_the_figure_never_holds_the_gate(launched, district, graduates):
    plan = launched.plans.get(organization=district.schools[0].committee)
    phase = plan.phases.get(key="mobilize")
    without = [c for c in evaluate_gate(phase) if c.activity_key != KEY]
    assert all(c.passed for c in evaluate_gate(phase) if c.activity_key == KEY)
    assert len(evaluate_gate(phase)) == len(without) + 1


def test_the_gate_page_shows_the_figure_and_the_unreached(launched, district, graduates,
                                                         client):
    plan = launched.plans.get(organization=district.schools[0].committee)
    phase = plan.phases.get(key="mobilize")
    client.force_login(district.users["office"])
    page = client.get(reverse("campaigns:phase", args=[phase.pk])).content.decode()
    assert "Graduates whose relation stays here: reached 2 of 4" in page
    assert "毕业生丙" in page and "毕业生丁" in page
