"""Headless Chromium for HTML tests: a screenshot, and the DOM after the page's scripts ran."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def browser() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("chromium is not installed (.ci/apt-packages.txt installs it in CI)")
    return found


def screenshot(page: Path, shot: Path, size: str = "1200,900") -> None:
    subprocess.run([browser(), *FLAGS, f"--user-data-dir={shot.parent / 'chromium-profile'}", f"--screenshot={shot}",
                    f"--window-size={size}", page.as_uri()], capture_output=True, timeout=120, check=False)


def dom(page: Path, size: str | None = None) -> str:
    window = [f"--window-size={size}"] if size else []
    done = subprocess.run([browser(), *FLAGS, *window, f"--user-data-dir={page.parent / 'chromium-profile'}",
                           "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    return done.stdout


def probed(html: str, script: str) -> str:
    """The page with a measuring script before </body>, allowed by its hash in the page's own policy
    (kfield's pages run no script they do not name)."""
    from kfield.formats.html import script_hash

    allowed = f"'sha256-{script_hash(script)}'"
    head, policy, rest = re.match(r'(?s)(.*?http-equiv="Content-Security-Policy" content=")([^"]*)(".*)', html).groups()
    policy = policy.replace("script-src ", f"script-src {allowed} ") if "script-src " in policy \
        else f"{policy}; script-src {allowed}"
    return (head + policy + rest).replace("</body>", f"<script>{script}</script></body>")


def distinct_rows(path: Path) -> int:
    """Distinct pixel rows in a PNG (enough to tell a blank page from a drawn one)."""
    data = path.read_bytes()
    pos, chunks = 8, []
    height = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            height = struct.unpack(">II", body[:8])[1]
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = len(raw) // height
    return len({raw[i * stride + 1:(i + 1) * stride] for i in range(height)})
