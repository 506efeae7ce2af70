import pytest

from tests.handling.support import make_case, make_keepers


@pytest.fixture
def keepers(launched, district):
    return make_keepers(launched, district)


@pytest.fixture
def case(keepers, district):
    return make_case(keepers.office_head, district)
