"""Leading groups: forming them, seats and their validations, and the roles that follow from
the record (granted, taken back, never touching a role granted by hand)."""

import pytest

from tests.builders import make_person, make_user
from vanguard.access.models import AuditEntry, Role
from vanguard.campaigns.models import Campaign
from vanguard.oversight.models import LeadingGroup, Seat
from vanguard.oversight.services import leading as services
from vanguard.oversight.services.leading import LeadingGroupError

P = Seat.Post


@pytest.fixture
def s1_group(launched, district):
    return services.create_leading_group(actor=district.users["office"], campaign=launched,
                                         organization=district.schools[0].committee,
                                         office_name="领导小组办公室")


def counts():
    return (LeadingGroup.objects.count(), Seat.objects.count(), Role.objects.count(),
            AuditEntry.objects.count())


def refused(call, code: str, *, contains: str = "") -> LeadingGroupError:
    before = counts()
    with pytest.raises(LeadingGroupError) as caught:
        call()
    assert caught.value.code == code, caught.value.text
    assert contains in caught.value.text
    assert counts() == before
    return caught.value


# --- forming a group --------------------------------------------------------------------------

def test_office_forms_its_school_group_with_a_default_name_and_an_audit_entry(s1_group,
                                                                             district):
    assert s1_group.organization == district.schools[0].committee
    assert "S1学校党委" in s1_group.name
    entry = AuditEntry.objects.get(action="oversight.leading_group.created")
    assert entry.target_id == str(s1_group.pk)


def test_district_office_forms_the_district_group(launched, district):
    group = services.create_leading_group(actor=district.users["district_office"],
                                          campaign=launched, organization=district.root,
                                          name="区先进性教育活动领导小组")
    assert group.name == "区先进性教育活动领导小组"


def test_a_branch_is_not_a_level(launched, district):
    refused(lambda: services.create_leading_group(
        actor=district.users["office"], campaign=launched,
        organization=district.schools[0].branches[0]), "not_a_level")


def test_one_group_per_level(s1_group, launched, district):
    refused(lambda: services.create_leading_group(
        actor=district.users["office"], campaign=launched,
        organization=district.schools[0].committee), "exists")


@pytest.mark.parametrize("role", ["member", "secretary", "other_secretary", "supervisor",
                                  "leader", "other_office"])
def test_only_the_office_forms_a_group(role, launched, district):
    refused(lambda: services.create_leading_group(
        actor=district.users[role], campaign=launched,
        organization=district.schools[0].committee), "forbidden")


def test_closed_campaign_is_read_only(s1_group, launched, district):
    Campaign.objects.filter(pk=launched.pk).update(state=Campaign.State.CLOSED)
    s1_group.campaign.refresh_from_db()
    refused(lambda: services.add_seat(actor=district.users["office"], group=s1_group,
                                      person=district.schools[0].members[0], post=P.HEAD),
            "closed")


def test_edit_keeps_the_bounds(s1_group, district):
    office = district.users["office"]
    refused(lambda: services.edit_leading_group(actor=office, group=s1_group, name=""),
            "empty")
    refused(lambda: services.edit_leading_group(actor=office, group=s1_group, name="x",
                                                duties="长" * 4001), "too_long")
    services.edit_leading_group(actor=office, group=s1_group, name="新名称",
                                office_name="办公室", duties="负责日常工作")
    s1_group.refresh_from_db()
    assert (s1_group.name, s1_group.duties) == ("新名称", "负责日常工作")
    entry = AuditEntry.objects.filter(action="oversight.leading_group.edited").get()
    assert entry.changes["name"][1] == "新名称"


# --- seats and their validations --------------------------------------------------------------

def test_school_head_must_be_the_principal_leader(s1_group, district):
    s1 = district.schools[0]
    error = refused(lambda: services.add_seat(actor=district.users["office"], group=s1_group,
                                              person=s1.members[1], post=P.HEAD),
                    "not_principal")
    assert s1.members[0].name in error.text  # names the principal leader
    seat = services.add_seat(actor=district.users["office"], group=s1_group,
                             person=s1.members[0], post=P.HEAD, duty="全面负责")
    assert seat.post == P.HEAD


def test_one_head_and_one_office_head(s1_group, district):
    s1, office = district.schools[0], district.users["office"]
    services.add_seat(actor=office, group=s1_group, person=s1.members[0], post=P.HEAD)
    services.add_seat(actor=office, group=s1_group, person=s1.members[2], post=P.OFFICE_HEAD)
    error = refused(lambda: services.add_seat(actor=office, group=s1_group,
                                              person=s1.members[4], post=P.OFFICE_HEAD),
                    "one_head")
    assert s1.members[2].name in error.text
    refused(lambda: services.add_seat(actor=office, group=s1_group, person=s1.members[1],
                                      post=P.HEAD), "one_head")


def test_a_person_sits_once_on_each_side(s1_group, district):
    s1, office = district.schools[0], district.users["office"]
    services.add_seat(actor=office, group=s1_group, person=s1.members[2], post=P.MEMBER)
    refused(lambda: services.add_seat(actor=office, group=s1_group, person=s1.members[2],
                                      post=P.DEPUTY), "seated")
    # the group and its office may share a person (a member who heads the office)
    services.add_seat(actor=office, group=s1_group, person=s1.members[2], post=P.OFFICE_HEAD)


def test_a_person_of_another_school_is_refused(s1_group, district):
    other = district.schools[-1].members[2]
    error = refused(lambda: services.add_seat(actor=district.users["office"], group=s1_group,
                                              person=other, post=P.MEMBER), "not_of_level")
    assert other.name in error.text


def test_bad_post_and_long_duty_are_refused(s1_group, district):
    person = district.schools[0].members[2]
    refused(lambda: services.add_seat(actor=district.users["office"], group=s1_group,
                                      person=person, post="boss"), "post")
    refused(lambda: services.add_seat(actor=district.users["office"], group=s1_group,
                                      person=person, post=P.MEMBER, duty="x" * 201),
            "too_long")


def test_district_level_takes_people_with_a_role_or_membership_in_the_tree(launched,
                                                                          district):
    office = district.users["district_office"]
    group = services.create_leading_group(actor=office, campaign=launched,
                                          organization=district.root)
    staff = make_person("区工委干部", None, category="staff")
    refused(lambda: services.add_seat(actor=office, group=group, person=staff,
                                      post=P.OFFICE_STAFF), "not_of_level")
    make_user("district_staff", person=staff, roles=[(Role.Kind.MEMBER, district.root)])
    services.add_seat(actor=office, group=group, person=staff, post=P.OFFICE_STAFF)
    # a school's member is a person of the district too; the head above the schools is free
    services.add_seat(actor=office, group=group, person=district.schools[1].members[0],
                      post=P.HEAD)
    assert Role.objects.filter(user__username="district_staff", kind="office",
                               organization=district.root,
                               source=f"leading_group:{group.pk}").exists()


@pytest.mark.parametrize("role", ["member", "secretary", "supervisor", "leader",
                                  "other_office"])
def test_only_the_office_manages_seats(role, s1_group, district):
    refused(lambda: services.add_seat(actor=district.users[role], group=s1_group,
                                      person=district.schools[0].members[2], post=P.MEMBER),
            "forbidden")


def test_other_school_office_cannot_remove_a_seat(s1_group, district):
    seat = services.add_seat(actor=district.users["office"], group=s1_group,
                             person=district.schools[0].members[2], post=P.MEMBER)
    refused(lambda: services.remove_seat(actor=district.users["other_office"], seat=seat),
            "forbidden")
    refused(lambda: services.edit_seat_duty(actor=district.users["supervisor"], seat=seat,
                                            duty="x"), "forbidden")


def test_district_office_manages_a_school_group(s1_group, district):
    seat = services.add_seat(actor=district.users["district_office"], group=s1_group,
                             person=district.schools[0].members[2], post=P.MEMBER)
    services.edit_seat_duty(actor=district.users["district_office"], seat=seat, duty="联系支部")
    seat.refresh_from_db()
    assert seat.duty == "联系支部"


# --- roles follow from the record ------------------------------------------------------------

def source_roles(group):
    return set(Role.objects.filter(source=f"leading_group:{group.pk}")
               .values_list("user__username", "kind", "organization__code"))


def test_seats_grant_roles_and_removing_takes_only_their_own_back(s1_group, district):
    s1, office = district.schools[0], district.users["office"]
    secretary = district.users["secretary"]  # person members[3]: secretary of B2 by hand
    seat = services.add_seat(actor=office, group=s1_group, person=s1.members[3],
                             post=P.OFFICE_STAFF)
    assert source_roles(s1_group) == {("secretary", "office", "S1-C")}
    assert Role.objects.filter(user=secretary, kind="secretary", source="").exists()
    services.remove_seat(actor=office, seat=seat)
    assert source_roles(s1_group) == set()
    assert list(Role.objects.filter(user=secretary).values_list("kind", flat=True)) == [
        "secretary"]
    assert AuditEntry.objects.filter(action="oversight.leading_group.roles_synced").count() == 2


def test_a_hand_granted_role_is_neither_duplicated_nor_removed(s1_group, district):
    s1, office = district.schools[0], district.users["office"]
    leader = district.users["leader"]  # holds "leader" at S1-C by hand
    seat = services.add_seat(actor=office, group=s1_group, person=s1.members[1],
                             post=P.DEPUTY)
    assert source_roles(s1_group) == set()
    assert Role.objects.filter(user=leader, kind="leader").count() == 1
    services.remove_seat(actor=office, seat=seat)
    assert Role.objects.filter(user=leader, kind="leader", source="").count() == 1


def test_a_person_without_account_gets_no_role_until_refreshed(s1_group, district):
    s1, office = district.schools[0], district.users["office"]
    services.add_seat(actor=office, group=s1_group, person=s1.members[0], post=P.HEAD)
    assert source_roles(s1_group) == set()
    make_user("principal", person=s1.members[0])
    assert services.refresh_roles(actor=office, group=s1_group) == (1, 0)
    assert source_roles(s1_group) == {("principal", "leader", "S1-C")}
    assert services.sync_roles(s1_group) == (0, 0)  # idempotent


def test_a_role_given_up_by_one_campaign_follows_another_campaign_at_the_level(s1_group,
                                                                                launched,
                                                                                district):
    from vanguard.campaigns import services as campaigns

    s1, office = district.schools[0], district.users["office"]
    second = campaigns.launch_campaign(actor=district.users["district_office"],
                                       template_key="theme-education-2019",
                                       organization=district.root,
                                       starts_on=launched.starts_on)
    other = services.create_leading_group(actor=office, campaign=second,
                                          organization=s1.committee)
    seat = services.add_seat(actor=office, group=s1_group, person=s1.members[3],
                             post=P.OFFICE_STAFF)
    services.add_seat(actor=office, group=other, person=s1.members[3], post=P.OFFICE_STAFF)
    assert source_roles(other) == set()  # the first record's role already stands
    services.remove_seat(actor=office, seat=seat)
    assert source_roles(other) == {("secretary", "office", "S1-C")}
