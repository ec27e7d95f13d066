"""Find and run headless Chromium for the tests that look at a rendered page.

Debian's `chromium` package (installed by `make test` through tools/ensure-chromium.sh when
running as root). Without it the browser tests skip with the reason, except under CI=true,
where a missing browser is a failure.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Offline and quiet: no sandbox (root in a container), no GPU, nothing fetched in the background.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage",
         "--hide-scrollbars")
TIMEOUT = 90


def find_chromium() -> str | None:
    """$MILLIARD_CHROMIUM, else the first Chromium on PATH."""
    chosen = os.environ.get("MILLIARD_CHROMIUM")
    if chosen:
        return chosen if shutil.which(chosen) else None
    return next((path for path in map(shutil.which, NAMES) if path), None)


def require_chromium() -> str:
    path = find_chromium()
    if path:
        return path
    reason = "headless Chromium not found (apt-get install chromium, or set MILLIARD_CHROMIUM)"
    if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        pytest.fail(reason + "; CI=true requires it")
    pytest.skip(reason)


def address(page: Path | str) -> str:
    """A local file, or a URL as it is (a server of the test's own, on 127.0.0.1)."""
    return page if isinstance(page, str) else page.resolve().as_uri()


def run(page: Path | str, *args: str) -> subprocess.CompletedProcess:
    """Chromium on a local file or URL with a fresh profile; fails the test on a non-zero exit."""
    chromium = require_chromium()
    with tempfile.TemporaryDirectory(prefix="milliard-chromium-") as profile:
        cmd = [chromium, *FLAGS, f"--user-data-dir={profile}", *args, address(page)]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT,
                              env={**os.environ, "HOME": profile})
    if done.returncode != 0:
        pytest.fail(f"chromium exited {done.returncode}: {done.stderr[-2000:]}")
    return done


def dump_dom(page: Path | str) -> str:
    """The DOM after the page has loaded, serialised."""
    return run(page, "--dump-dom").stdout


def screenshot(page: Path | str, out: Path, size: str = "1200,1600") -> Path:
    run(page, f"--screenshot={out.resolve()}", f"--window-size={size}")
    if not out.exists() or out.stat().st_size == 0:
        pytest.fail(f"chromium wrote no screenshot at {out}")
    return out
