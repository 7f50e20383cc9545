"""Which interface is "the" LAN interface of this PC, and its address."""

from __future__ import annotations

import ipaddress

from kfield.platform.base import Interface, Route

# Virtual adapters that hold addresses but are not the office LAN.
VIRTUAL_PREFIXES = ("docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "vethernet", "virtualbox",
                    "vmware", "tailscale", "zt", "wg", "tun", "tap", "ifb", "dummy")


def is_link_local(ip: str) -> bool:
    return ipaddress.IPv4Address(ip).is_link_local


def physical(interfaces: list[Interface]) -> list[Interface]:
    return [i for i in interfaces if not i.loopback and not i.name.lower().startswith(VIRTUAL_PREFIXES)]


def pick(interfaces: list[Interface], route: Route | None) -> Interface | None:
    """The default route's interface; else an up one with an address; else any up one."""
    by_name = {i.name: i for i in interfaces}
    if route and route.interface in by_name and not by_name[route.interface].loopback:
        return by_name[route.interface]
    candidates = [i for i in physical(interfaces) if i.up]
    with_address = [i for i in candidates if usable_address(i)]
    return (with_address or candidates or [None])[0]


def usable_address(interface: Interface) -> tuple[str, int] | None:
    """The first IPv4 address that is not link-local (169.254/16)."""
    return next(((ip, n) for ip, n in interface.ipv4 if not is_link_local(ip)), None)


def subnet(interface: Interface) -> ipaddress.IPv4Network | None:
    address = usable_address(interface)
    return ipaddress.IPv4Network(f"{address[0]}/{address[1]}", strict=False) if address else None
