"""The fault library does what each kind says, seen from the lab's PC with ordinary tools (curl,
getent, ip) rather than with kfield: a fault that silently failed to bite would make every verdict
test on it meaningless (a gratuitous ARP that creates no neighbour entry did exactly that once)."""

import re
import shutil
import time

import pytest

from tests.lab.faults import DEAD_DNS, GATEWAY, IMPOSTOR_MAC, PROXY_PORT
from tests.lab.internet import PORTAL
from tests.lab.verdict import portal

pytestmark = [pytest.mark.lab, pytest.mark.timeout(600)]
TIMES = "%{http_code} %{time_connect} %{time_starttransfer}"


@pytest.fixture(scope="module")
def lab(fault_lab):
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed (see .ci/apt-packages.txt)")
    return fault_lab


def curl(lab, url, *options, seconds=6):
    """(curl's exit code, HTTP status, connect s, first byte s) from the PC, with the lab's env."""
    env = ["env", *(f"{k}={v}" for k, v in lab.env.items())]
    done = lab.client.run(*env, "curl", "--cacert", str(lab.ca_file), "-s", "-o", "/dev/null", "-m", str(seconds),
                          "-w", TIMES, *options, url, check=False, timeout=seconds + 10)
    code, connect, first = (done.stdout.split() + ["0", "0", "0"])[:3]
    return done.returncode, int(code), float(connect), float(first)


def lookup_s(lab, name="eoffice.kfield.test"):
    started = time.monotonic()
    done = lab.client.run("getent", "ahostsv4", name, check=False)
    return done.returncode, time.monotonic() - started


def test_proxy_only_reaches_the_portals_through_the_proxy_and_nothing_directly(lab):
    with lab.proxy_only():
        assert curl(lab, PORTAL)[:2] == (0, 200)
        assert curl(lab, PORTAL, "--noproxy", "*", seconds=3)[0] != 0


def test_proxy_auth_wants_a_login(lab):
    with lab.proxy_auth():
        assert curl(lab, "http://tsa.kfield.test/")[1] == 407


def test_dns_slow_holds_every_answer(lab):
    with lab.dns_slow():
        code, took = lookup_s(lab)
    assert code == 0 and 1.4 <= took <= 4, took


@pytest.mark.parametrize("fault", ["dns_refused", "dns_servfail"])
def test_a_refusing_resolver_answers_at_once_and_resolves_nothing(lab, fault):
    with getattr(lab, fault)():
        code, took = lookup_s(lab)
    assert code != 0 and took < 1, (code, took)


def test_dead_first_resolver_costs_its_timeout(lab):
    with lab.dns_first_dead():
        code, took = lookup_s(lab)
        conf = lab.client.run("cat", "/etc/resolv.conf").stdout
    assert code == 0 and took >= 4.5, took
    assert conf.split()[:2] == ["nameserver", DEAD_DNS]


def test_router_impostor_holds_the_pcs_neighbour_entry(lab):
    with lab.router_impostor():
        time.sleep(1)
        entry = lab.client.run("ip", "neigh", "show", GATEWAY).stdout
    assert IMPOSTOR_MAC in entry, entry


def test_international_faults_spare_domestic_servers(lab):
    with lab.intl_delay():
        far, near = curl(lab, portal("intl1")), curl(lab, PORTAL)
    assert far[2] >= 0.8 and near[2] < 0.3, (far, near)
    with lab.intl_down():
        assert curl(lab, portal("intl1"), seconds=2)[0] == 28 and curl(lab, PORTAL)[1] == 200
    with lab.reset_filter():
        assert curl(lab, portal("intl2"))[0] == 7 and curl(lab, PORTAL)[1] == 200


def test_broken_portals_fail_each_in_its_way(lab):
    assert curl(lab, portal("e502"))[1] == 502
    assert curl(lab, portal("partial"))[0] == 18            # transfer closed with data outstanding
    assert curl(lab, portal("loop"), "-L", "--max-redirs", "5")[0] == 47   # too many redirects


def test_a_missing_name_is_missing_from_every_resolver(lab):
    with lab.portal_nxdomain():
        for server in ("198.19.1.53", "198.19.1.54"):
            assert not lab.answers_name(server, "intl2.kfield.test")
        assert lab.answers_name("198.19.1.54", "intl1.kfield.test")


def test_clock_behind_is_400_days_behind(lab):
    with lab.clock_behind():
        env = ["env", *(f"{k}={v}" for k, v in lab.env.items())]
        shown = float(lab.client.run(*env, "date", "+%s").stdout)
    assert 399 <= (time.time() - shown) / 86400 <= 401


def test_half_working_ipv6_publishes_an_address_that_goes_nowhere(lab):
    with lab.ipv6_half():
        addresses = lab.client.run("getent", "ahosts", "eoffice.kfield.test").stdout
        assert "fd00:19::10" in addresses
        assert curl(lab, PORTAL, "-6", seconds=2)[0] != 0 and curl(lab, PORTAL)[1] == 200


def test_pppoe_mtu_still_carries_big_pages(lab):
    with lab.pppoe_mtu():
        assert curl(lab, "https://eoffice.kfield.test/big")[:2] == (0, 200)


def test_flapping_link_goes_down_and_up(lab):
    seen = set()
    with lab.flapping():
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            state = lab.client.run("ip", "-br", "link", "show", "eth0").stdout
            seen.add("LOWER_UP" in state and not re.search(r"NO-CARRIER|DOWN", state.split()[1]))
            time.sleep(0.1)
    assert seen == {True, False}
