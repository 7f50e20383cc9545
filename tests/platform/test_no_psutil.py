"""Without a loadable psutil (a zipapp made for another OS or Python) the checks that need it
skip with the reason, instead of failing with an error."""

import sys

import pytest

from kfield.core.result import Status
from kfield.platform.base import Host, NotSupported
from kfield.testing import compute_check


@pytest.fixture
def no_psutil(monkeypatch):
    monkeypatch.setitem(sys.modules, "psutil", None)       # `import psutil` raises ImportError


def test_host_says_not_supported_with_the_reason(no_psutil):
    with pytest.raises(NotSupported) as caught:
        Host().memory()
    assert caught.value.key == "platform.no_psutil" and "psutil" in caught.value.params["reason"]


def test_memory_check_skips_with_the_reason(no_psutil):
    result = compute_check("PC003", host=Host())
    assert result.status is Status.SKIP and result.summary.key == "platform.no_psutil"
