"""Network primitives: probes, neighbour discovery, DNS, DHCP, OUI vendors, throughput.

Map: network primitives the LAN checks and `lan scan` share: `probe.py` (ICMP via icmplib, TCP fallback, UDP
solicit), `dnsq.py` (dnspython), `web.py` (a page fetched as a browser here would: the system proxy via
`proxy_for`, CONNECT tunnels, each step timed, each failure named — reset, proxy, certificate…), `layer2.py`
(scapy ARP sweep, RFC 5227 probe, every MAC answering for one address, DHCP DISCOVERs as this PC and as a new
device with a fresh random MAC), `portscan.py` (non-blocking connect scan), `oui.py`, `local.py` (which
interface is the LAN), `scan.py` (`lan scan` core); speed: `wire.py` (`net speed`'s engine: a hard byte cap on
the wire, a wall-time goal, streams, cut, latency idle and under download and upload), `tcpinfo.py` (Linux
`TCP_INFO` counters), `rate.py` (steady rate), `cloudflare.py`, `abroad.py`
(a server in Vietnam against one abroad: the verdict on the international link), `ookla.py` (Speedtest.net list, nearest server
by `/hello` to five at once; its connection kept for the measurement), `throughput.py` (`kfield serve` and
`lan speed`)
"""
