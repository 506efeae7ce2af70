"""The keepers of S1's register (an office head by a Seat, and the principal leader with an
account of their own), a few who are near them but do not keep it, and a case with a step and
a document."""

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.builders import make_person, make_user
from vanguard.core import clock
from vanguard.handling import services
from vanguard.handling.models import Case
from vanguard.oversight.models import LeadingGroup, Seat

PDF = b"%PDF-1.4\n% a decision\n%%EOF\n"


@dataclass
class Keepers:
    office_head: object
    principal: object
    # Near the register but not keepers of S1's.
    office_staff: object
    other_principal: object
    district_head: object


def make_keepers(launched, district) -> Keepers:
    s1, s2 = district.schools[0], district.schools[-1]
    group = LeadingGroup.objects.create(campaign=launched, organization=s1.committee,
                                        name="S1 领导小组", office_name="办公室")
    head_person = make_person("办公室主任", s1.school)
    Seat.objects.create(group=group, person=head_person, post=Seat.Post.OFFICE_HEAD)
    staff_person = make_person("办公室干事", s1.school)
    Seat.objects.create(group=group, person=staff_person, post=Seat.Post.OFFICE_STAFF)
    # The deputy (the `leader` user's person) sits in the group too: still not a keeper.
    Seat.objects.create(group=group, person=s1.members[1], post=Seat.Post.DEPUTY)
    root_group = LeadingGroup.objects.create(campaign=launched, organization=district.root,
                                             name="区领导小组")
    district_person = make_person("区工委书记", None)
    Seat.objects.create(group=root_group, person=district_person, post=Seat.Post.HEAD)
    return Keepers(
        office_head=make_user("office_head", person=head_person),
        principal=make_user("principal", person=s1.members[0]),
        office_staff=make_user("office_staff", person=staff_person),
        other_principal=make_user("other_principal", person=s2.members[0]),
        district_head=make_user("district_head", person=district_person),
    )


def pdf(name="处分决定.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_case(keeper, district, *, member_index=4, kind=Case.Kind.DISCIPLINARY,
              grounds="违反廉洁纪律，收受家长礼金。", with_document=True) -> Case:
    member = district.schools[0].members[member_index].member
    case = services.open_case(actor=keeper, member=member, kind=kind,
                              opened_on=clock.today() - dt.timedelta(days=10), grounds=grounds)
    services.add_step(actor=keeper, case=case, kind="talk",
                      happened_on=clock.today() - dt.timedelta(days=9),
                      text="谈话帮助记录：本人认识到错误。",
                      upload=pdf() if with_document else None)
    return case
