"""The demo school in phase 2 as the phase 2 demo modules see it: its plan, its people by
place in the tree, its accounts, and the phase's calendar."""

import datetime as dt
from dataclasses import dataclass, field

from vanguard.access.models import Role, User
from vanguard.campaigns.models import Activity, Plan
from vanguard.people.models import Leader, Member, Organization, Person


@dataclass
class DemoSchool:
    plan: Plan
    top: Organization
    branches: list[Organization]
    office: User  # the school's office
    district_office: User
    leaders: list[Leader] = field(default_factory=list)  # the principal first
    members: dict[int, list[Person]] = field(default_factory=dict)  # branch index → people

    @classmethod
    def load(cls, plan: Plan, branches: list[Organization], district_office: User):
        top = plan.organization
        school = cls(plan=plan, top=top, branches=branches,
                     office=top.roles.get(kind=Role.Kind.OFFICE).user,
                     district_office=district_office)
        school.leaders = list(Leader.objects.filter(team__school_id=top.school_id)
                              .select_related("person__user").order_by("-is_principal", "id"))
        for index, branch in enumerate(branches):
            school.members[index] = [m.person for m in Member.objects.filter(
                organization=branch).select_related("person__user").order_by("id")]
        return school

    @property
    def campaign(self):
        return self.plan.campaign

    def step(self, key: str) -> Activity:
        return self.plan.activities.select_related("phase", "plan__organization",
                                                   "plan__campaign").get(key=key)

    def day(self, offset: int) -> dt.date:
        """A day of the review phase: 0 is the day it starts (by the plan)."""
        return self.plan.phases.get(key="review").starts_on + dt.timedelta(days=offset)

    def secretary(self, index: int) -> Person:
        """A branch's secretary: the demo makes the last member of each branch secretary."""
        return self.members[index][-1]

    def person(self, key: str) -> Person:
        """"principal", "leader:N" or "bI:N" (the Nth member of branch I, from 1)."""
        if key == "principal":
            return self.leaders[0].person
        kind, _sep, number = key.partition(":")
        if kind == "leader":
            return self.leaders[int(number)].person
        return self.members[int(kind[1:]) - 1][int(number)]

    def subject(self, key: str) -> str:
        """The subject token the opinion forms use for a key of opinion_texts."""
        if key in ("team", "party_org"):
            return key
        if key.startswith("branch:B"):
            return f"branch:{self.branches[int(key[8:]) - 1].pk}"
        kind = "member" if key.startswith("b") else "leader"
        return f"{kind}:{self.person(key).pk}"
