"""URL rows: leading groups of school S1 (the campaign's list, forming one, the Word list, one
group, editing, seats and roles) and the leader's own figures."""

from tests.access.url_table import POST_ONLY, ROLES, S1_READERS, row

CAMPAIGN_READERS = {**dict.fromkeys(ROLES[1:], 200), "member": 404}
# Only the office (the school's, the district's above it, the admin) edits the group.
S1_MANAGERS = {**S1_READERS, "other_secretary": 403, "secretary": 403, "leader": 403,
               "supervisor": 403}
# A person in a school's leadership team (the "leader" user is S1's deputy); everybody else
# is refused, whatever roles they hold.
LEADERS = {**dict.fromkeys(ROLES[1:], 403), "leader": 200}

ROWS = [
    row("oversight:leading_groups", "leading_campaign", CAMPAIGN_READERS),
    row("oversight:leading_group_create", "leading_campaign", POST_ONLY),
    row("oversight:leading_groups_word", "leading_campaign", CAMPAIGN_READERS),
    row("oversight:leader_figures", "leading_campaign", LEADERS),
    row("oversight:leading_group", "s1_leading_group", S1_READERS),
    row("oversight:leading_group_edit", "s1_leading_group", S1_MANAGERS),
    row("oversight:seat_add", "s1_leading_group", POST_ONLY),
    row("oversight:roles_refresh", "s1_leading_group", POST_ONLY),
    row("oversight:seat_remove", "s1_seat", POST_ONLY),
]


def targets(launched, district) -> dict:
    from vanguard.oversight.models import Seat
    from vanguard.oversight.services import leading

    s1 = district.schools[0]
    group = leading.create_leading_group(actor=district.users["office"], campaign=launched,
                                         organization=s1.committee)
    # People without an account, so that no role of the table's users changes.
    leading.add_seat(actor=district.users["office"], group=group, person=s1.members[0],
                     post=Seat.Post.HEAD)
    seat = leading.add_seat(actor=district.users["office"], group=group, person=s1.members[2],
                            post=Seat.Post.OFFICE_HEAD)
    return {"leading_campaign": {"campaign": launched.pk}, "s1_leading_group": {"pk": group.pk},
            "s1_seat": {"pk": seat.pk}}
