"""TCP connect scan with non-blocking sockets and one selector: no threads, no privileges.

An "open" port completed the handshake; a refused one answered RST; anything else
(timeout, unreachable) is not open. Batches keep the number of open sockets below
the usual 1024-descriptor limit. A port silent within the timeout is asked once more, with
a new handshake (as nmap retransmits): a first SYN is easily lost while the neighbour's
address is still being resolved, or on a busy link.
"""

from __future__ import annotations

import errno
import selectors
import socket
import time

BATCH = 256
IN_PROGRESS = {errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY, getattr(errno, "WSAEWOULDBLOCK", 10035)}


def open_ports(targets: list[tuple[str, int]], timeout: float = 0.8, on_batch=None) -> set[tuple[str, int]]:
    found, silent = _scan(targets, timeout, on_batch)
    if silent:
        found |= _scan(silent, timeout, None)[0]
    return found


def _scan(targets, timeout: float, on_batch) -> tuple[set, list]:
    """(the open ports, the ones that neither answered nor refused in time)."""
    found: set[tuple[str, int]] = set()
    silent: list[tuple[str, int]] = []
    for start in range(0, len(targets), BATCH):
        opened, quiet = _batch(targets[start:start + BATCH], timeout)
        found |= opened
        silent += quiet
        if on_batch:
            on_batch(min(start + BATCH, len(targets)), len(targets))
    return found, silent


def _batch(targets: list[tuple[str, int]], timeout: float) -> tuple[set, list]:
    selector, found = selectors.DefaultSelector(), set()
    try:
        for target in targets:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            code = sock.connect_ex(target)
            if code == 0:
                found.add(target)
                sock.close()
            elif code in IN_PROGRESS:
                selector.register(sock, selectors.EVENT_WRITE, target)
            else:
                sock.close()
        found |= _collect(selector, timeout)
        return found, [key.data for key in selector.get_map().values()]
    finally:
        for key in list(selector.get_map().values()):
            key.fileobj.close()
        selector.close()


def _collect(selector, timeout: float) -> set[tuple[str, int]]:
    """The handshakes completed before the deadline; the silent sockets stay registered."""
    found, deadline = set(), time.monotonic() + timeout
    while selector.get_map() and (left := deadline - time.monotonic()) > 0:
        for key, _ in selector.select(left):
            sock = key.fileobj
            if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                found.add(key.data)
            selector.unregister(sock)
            sock.close()
    return found
