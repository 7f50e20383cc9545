"""Claim an IPv4 address on a LAN: `python garp.py IFACE IP MAC [INTERVAL_S]` sends a gratuitous
ARP request (sender = target = IP, from MAC) every INTERVAL_S seconds (default 0.3), as a box
configured with someone else's address keeps doing. Prints "ready" after the first one.
"""

import socket
import sys
import time


def frame(ip: str, mac: str) -> bytes:
    hw, addr = bytes.fromhex(mac.replace(":", "")), socket.inet_aton(ip)
    arp = b"\x00\x01\x08\x00\x06\x04\x00\x01" + hw + addr + b"\x00" * 6 + addr
    return b"\xff" * 6 + hw + b"\x08\x06" + arp


def main(iface: str, ip: str, mac: str, interval: float = 0.3) -> None:
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    sock.bind((iface, 0))
    packet = frame(ip, mac)
    sock.send(packet)
    print("ready", flush=True)
    while True:
        time.sleep(interval)
        sock.send(packet)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]) if len(sys.argv) > 4 else 0.3)
