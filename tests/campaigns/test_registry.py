"""The activity-kind registry: kinds plug in by key, a duplicate key is refused."""

import pytest
from django.core.exceptions import ValidationError

from vanguard.campaigns import registry
from vanguard.campaigns.activities import AssignmentKind
from vanguard.campaigns.models import Activity


class VisitKind(AssignmentKind):
    key = "tests.visit"
    label = "Visit"


def test_apps_register_their_kinds_at_start_up():
    assert {"campaigns.task", "meetings.mobilization"} <= set(registry.keys())


def test_a_duplicate_key_is_refused():
    with pytest.raises(registry.DuplicateKind):
        registry.register(registry.get("campaigns.task"))


def test_a_temporary_kind_is_known_only_inside_its_block():
    with registry.register_temporarily(VisitKind()):
        assert "tests.visit" in registry.keys()
    assert "tests.visit" not in registry.keys()


def test_an_object_that_is_not_a_kind_is_refused():
    class Half:
        key = "tests.half"

    with pytest.raises(TypeError):
        registry.register(Half())
    assert "tests.half" not in registry.keys()


def test_an_activity_of_an_unknown_kind_does_not_validate():
    with pytest.raises(ValidationError):
        Activity(kind="nobody.knows").clean()
