"""URL rows: the leadership team and departments page of school S1 (its top organization
S1-C) and the forms that keep them; a branch has no such page."""

from tests.access.url_table import POST_ONLY, ROLES, row

# Readers of S1's top organization: its office and leader, the supervisor and admin above
# it; a branch secretary, a member and the other school's office do not read S1-C.
S1_TOP_READERS = {**dict.fromkeys(ROLES[1:], 404), "leader": 200, "office": 200,
                  "supervisor": 200, "admin": 200}

ROWS = [
    row("people:team", "s1_top", S1_TOP_READERS),
    row("people:team", "branch", dict.fromkeys(ROLES[1:], 404)),
    row("people:team_leader_add", "s1_top", POST_ONLY),
    row("people:team_leader_change", "s1_team_leader", POST_ONLY),
    row("people:team_leader_principal", "s1_team_leader", POST_ONLY),
    row("people:team_leader_remove", "s1_team_leader", POST_ONLY),
    row("people:team_department_add", "s1_top", POST_ONLY),
    row("people:team_department_head", "s1_top", POST_ONLY),
    row("people:team_department_rename", "s1_department", POST_ONLY),
    row("people:team_department_remove", "s1_department", POST_ONLY),
]


def targets(launched, district) -> dict:
    from vanguard.people.models import Department, Leader

    s1 = district.schools[0]
    leader = Leader.objects.filter(team__school=s1.school, is_principal=False).first()
    department = Department.objects.filter(school=s1.school).first()
    return {"s1_top": {"code": s1.committee.code},
            "s1_team_leader": {"code": s1.committee.code, "pk": leader.pk},
            "s1_department": {"code": s1.committee.code, "pk": department.pk}}
