"""Shared helpers of the supervision tests: people for a group, and a group at work."""

import datetime as dt

from tests.builders import make_person, make_user
from vanguard.core import clock
from vanguard.oversight.services import supervision as services


def group_people(district, *names):
    """District staff who can sign in (no school), one user each."""
    people = []
    for name in names:
        person = make_person(f"督导{name}", None, category="staff")
        make_user(f"sup_{name}", person=person)
        person.refresh_from_db()
        people.append(person)
    return people


def send(launched, district, members, schools=None, **kwargs):
    today = clock.today()
    return services.send_group(
        actor=district.users["district_office"], campaign=launched,
        organization=district.root, name=kwargs.pop("name", "第一督导组"), members=members,
        schools=schools or [district.schools[0].school],
        starts_on=kwargs.pop("starts_on", today),
        ends_on=kwargs.pop("ends_on", today + dt.timedelta(days=30)), **kwargs)
