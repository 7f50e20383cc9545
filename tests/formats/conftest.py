import pytest

from tests.formats.sample import make_report


@pytest.fixture
def report():
    return make_report()
