"""The sizes the generator builds: one school, a district, a city (the issue's figures)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    districts: int  # 0: the root is the district itself (no city level above it)
    schools_per_district: int
    branches_per_school: int
    members_per_school: int
    public_per_school: int
    activists_per_school: int = 4  # counted among the public: applicants, not members
    leaders_per_school: int = 4
    hours_per_member: int = 33  # ledger lines per member, on average

    @property
    def schools(self) -> int:
        return max(self.districts, 1) * self.schools_per_district

    @property
    def branches(self) -> int:
        return self.schools * self.branches_per_school

    @property
    def members(self) -> int:
        return self.schools * self.members_per_school

    @property
    def public(self) -> int:
        return self.schools * self.public_per_school


SCALES = {
    "school": Scale("school", districts=0, schools_per_district=1, branches_per_school=4,
                    members_per_school=80, public_per_school=200),
    "district": Scale("district", districts=0, schools_per_district=100, branches_per_school=3,
                      members_per_school=50, public_per_school=100),
    "city": Scale("city", districts=12, schools_per_district=100, branches_per_school=3,
                  members_per_school=50, public_per_school=100),
}
