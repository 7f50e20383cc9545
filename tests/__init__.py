"""kfield's tests: the source tree mirrored, real parts where they belong.

Map: mirrors the source; `tests/fuzz/` a seeded mutation corpus (logs, zips, databases) run through the real
commands; `tests/fakes.py` has `FakeHost`; `tests/lab/` builds namespace labs (`netns.py` primitives,
`office.py` the office LAN with faults, `internet.py`/`verdict.py` the Internet beyond it, `faults.py` the
fault library with its parts `proxy.py`, `dnsrelay.py`, `garp.py`, `relay.py`, `webserver.py`, and
`test_faults_lab.py` checking that each fault bites) and the signing-chain lab on loopback (`signlab.py`: a CA
with a real RFC 3161 TSA, RFC 6960 OCSP responder, CA certificate and CRL; a signing service on a secure
WebSocket); `tests/aggregate/postgres.py` starts a private PostgreSQL (initdb + pg_ctl, Unix socket only);
`tests/chromium.py` renders HTML headless

Map `benchmarks/`: speed goals, printed side by side with peers
"""
