"""The USB stick kit: a zipapp, a wheelhouse, launchers and a manifest (`kfield usb init`).

Map: the USB kit: `installed.py` (the installed dependency closure as files), `zipapp.py` (shiv), `wheels.py`
(installed distributions packed back into wheels, offline), `manifest.py` (MANIFEST.sha256 write/verify, the
stamp, and `--run` for the Windows launchers; stdlib only: copied onto the stick as `verify.py`), `check.py`
(`usb verify`), `kit.py` (`usb init`), `stick.py` (the stick's settings: the last visit's commune),
`templates/` (launchers, guides for the whole field day)
"""
