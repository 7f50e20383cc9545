"""kfield under wine with the real Windows CPython.

Map: the wine harness (`wine.py`: prefix template in an empty namespace, ProcessPrng stub from
`processprng.c`, cache under `~/.cache/kfield-tests/wine`) and kfield's commands and the Windows kit under the
real Windows CPython; `test_field_day.py` the whole day from the stick to the lecturer's readiness view
"""
