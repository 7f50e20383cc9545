#!/bin/sh
# kfield USB kit (@@PURPOSE@@). Checks every file against MANIFEST.sha256 with verify.py
# first; refuses (exit 2) if one is missing or changed. Run it as: sh @@NAME@@ [ARGS]
KIT=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 2
PY=""
for candidate in python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 \
        && "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' >/dev/null 2>&1; then
        PY=$candidate
        break
    fi
done
if [ -z "$PY" ]; then
    echo "kfield: không tìm thấy Python 3.10 trở lên (đã thử python3, python); hãy cài Python 3.10+ rồi chạy lại." >&2
    echo "kfield: no Python 3.10 or newer found (tried python3, python); install Python 3.10+ and try again." >&2
    exit 2
fi
"$PY" -I "$KIT/verify.py" || exit 2
# kfield keeps what it records on the stick (kfield-data/), nothing in the PC's home folder.
KFIELD_KIT=$KIT
export KFIELD_KIT
# The zipapp unpacks into a fresh temporary folder, removed afterwards: nothing is left on
# the office PC, and nothing is written to the (possibly read-only) stick.
if [ -z "${SHIV_ROOT:-}" ]; then
    SHIV_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/kfield-shiv.XXXXXX") || exit 2
    export SHIV_ROOT
    trap 'rm -rf "$SHIV_ROOT"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
fi
"$PY" -I "$KIT/kfield.pyz" @@COMMAND@@
