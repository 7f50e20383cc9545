"""Check implementations, one module per area (PC, SIGN, SEC, …).

Each module registers its parameters and checks with kfield.core.registry; the list
of modules is kfield.core.registry.AREA_MODULES. Modules import heavy libraries
inside the check functions, so loading the catalogue stays fast.

Map `kfield/checks/<area>.py`: check implementations: `pc.py`, `sign.py`, `sec.py`, `lan.py`
"""
