"""A tiny TCP listener for lab hosts: `python listen.py IP:PORT ...` accepts and closes.

Stands in for a printer's 9100/631 or a PC's 445/3389 so port scans have something real
to find; it writes "ready" on stdout once every socket listens.
"""

import selectors
import socket
import sys


def main(endpoints: list[str]) -> None:
    selector = selectors.DefaultSelector()
    for endpoint in endpoints:
        ip, port = endpoint.rsplit(":", 1)
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((ip, int(port)))
        server.listen(64)
        selector.register(server, selectors.EVENT_READ)
    print("ready", flush=True)
    while True:
        for key, _ in selector.select():
            conn, _ = key.fileobj.accept()
            conn.close()


if __name__ == "__main__":
    main(sys.argv[1:])
