"""Lecturer aggregation: many students' visit logs into one database, and the review's reports.

Map: lecturer aggregation: `sources.py` (folders and zips: no links followed, regular files only,
traversal/link/bomb limits, one inflation budget, end-record and overlap checks), `db.py` (SQLite /
PostgreSQL, the schema, checks before writing), `rows.py` (facts derived from an event), `importer.py`
(idempotent batches, conflicts, bounded quarantine), `reports.py` (coverage, systems, faults, schools, members
→ `Table`), `readiness.py` + `readiness.yaml` (the readiness rules as data, `readiness` and `pcs` tables)
"""
