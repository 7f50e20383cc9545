"""Visit logs: where a team went, what it found, fixed, escalated and taught — crash-safe.

communes.py  which commune (vietnam-provinces, the configured province)
store.py     append-only JSON Lines with checksums, fsync and a file lock
model.py     replaying a visit's events into a frozen Visit, or an Outline that counts notes and reports
"""
