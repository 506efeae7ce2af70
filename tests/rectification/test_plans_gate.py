"""The rectify phase's gate: members' plans approved (the check), the primary organizations'
and teams' plans approved (facts), and the ledger's figures with overdue items as a figure
the gate shows without waiting for it."""

import datetime as dt

import pytest

from tests.rectification.plans_support import (
    a_deadline,
    approved_member_plan,
    item,
    start_unit_plan,
)
from vanguard.campaigns.gates import evaluate_gate
from vanguard.core import clock
from vanguard.rectification.models import Owner
from vanguard.rectification.services import plans as services

pytestmark = pytest.mark.django_db


def checks(plan) -> dict:
    phase = plan.phases.get(key="rectify")
    return {r.label: r for r in evaluate_gate(phase)
            if r.activity_key in ("rectification_plan", "solve_problems")}


def test_gate_counts_members_plans_approved(rectify_open, district):
    before = checks(rectify_open)["党员个人整改方案经审核"]
    assert (before.done, before.required, before.passed) == (0, 6, False)
    approved_member_plan(rectify_open, district)
    after = checks(rectify_open)["党员个人整改方案经审核"]
    assert (after.done, after.required) == (1, 6)


def test_gate_shows_branch_and_team_plans_approved(rectify_open, district):
    facts = checks(rectify_open)
    assert (facts["Primary organizations' plans approved"].done,
            facts["Primary organizations' plans approved"].required) == (0, 2)
    assert (facts["Leadership teams' plans approved"].done,
            facts["Leadership teams' plans approved"].required) == (0, 1)
    office = district.users["office"]
    team = start_unit_plan(rectify_open, district, Owner.TEAM)
    branch = start_unit_plan(rectify_open, district, Owner.ORGANIZATION,
                             organization=district.schools[0].branches[0])
    for plan in (team, branch):
        services.add_item(actor=office, plan=plan, data=item(plan))
        services.submit_plan(actor=office, plan=plan)
    services.decide_plan(actor=district.users["district_office"], plan=team, approve=True)
    # The school office wrote the branch's plan here, so another office decides it.
    services.decide_plan(actor=district.users["district_office"], plan=branch, approve=True)
    facts = checks(rectify_open)
    assert facts["Primary organizations' plans approved"].done == 1
    assert facts["Leadership teams' plans approved"].done == 1
    assert facts["Leadership teams' plans approved"].passed


def test_gate_shows_ledger_figures_with_overdue_as_a_figure(rectify_open, district,
                                                           monkeypatch):
    approved_member_plan(rectify_open, district)
    monkeypatch.setattr(clock, "today", lambda: a_deadline(rectify_open) + dt.timedelta(1))
    facts = checks(rectify_open)
    assert facts["Rectification items"].done == 1
    assert facts["Items solved"].done == 0
    overdue = facts["Items overdue"]
    assert (overdue.done, overdue.required) == (1, 0)
    assert overdue.passed  # shown, not waited for
