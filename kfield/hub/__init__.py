"""The team hub: students' laptops push their visit logs, lecturers read the reports live (docs/hub.md).

Map: the team hub: `tokens.py` (enrolment codes, per-device tokens stored hashed, revocation; `hub_*` tables
in the aggregation database), `intake.py` (one batch through the importer's reader and de-duplication,
who-sends checks, the daily count, one transaction), `app.py` (Starlette routes, limits, per-device rate,
worker threads with their own connections), `reports.py` (the report formats served live), `tls.py` (the
self-signed certificate, fingerprints), `server.py` (uvicorn), `client.py` (join, fingerprint pinning, the
per-file cursors, push with capped backoff)
"""
