import pytest

from gongkai.selfcheck import selectors
from gongkai.testing import TODAY


@pytest.fixture
def check():
    """check(agency, code, today=TODAY) → the finding of one indicator at one agency."""

    def run(agency, code, today=TODAY):
        return selectors.evaluate_all([agency], today)[agency.pk].finding(code)

    return run
