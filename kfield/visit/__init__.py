"""Visit logs: where a team went, what it found, fixed, escalated and taught — crash-safe.

communes.py  which commune (vietnam-provinces, the configured province)
store.py     append-only JSON Lines with checksums, fsync and a file lock
model.py     replaying a visit's events into a frozen Visit, or an Outline that counts notes and reports

Map: visit logs: `communes.py` (vietnam-provinces), `events.py` (the event schema, declared once as data;
compiled once into yes/no checks, walked field by field only for a refused event's reason), `store.py`
(append-only JSONL, fsync, lock; bounded, strict, streaming line reader), `model.py` (replay into a frozen
Visit, or an outline that counts notes and reports; the systems vocabulary), `member.py`, `visits.py`
(start/record/end/cancel/attach, list with damaged logs named, short ids, NFC input; outlines that `visit
show/list/diff` and `export` read a line at a time), `pack.py` (`logs pack`); `kfield/formats/visit.py` prints
them, `kfield/formats/when.py` turns times into local time
"""
