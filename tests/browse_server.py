"""A small batch database and a `milliard browse` server on it, for the browse tests.

The server is the real command (`python -m milliard.cli browse DB --port 0 --no-open`) in a
subprocess: it picks a free port on 127.0.0.1 and prints its URL alone on stdout.
"""
from __future__ import annotations

import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).parent.parent
# a few corpus articles: several kinds, currencies and rounds, a lead investor, a warning
ARTICLES = ("en-01-series-b-led-by.json", "en-03-acquisition.json", "en-08-series-a-valuation.json",
            "fr-11-conflit-x10.json", "fr-r35-meme-evenement-repete.json", "en-04-debt.json")
START_TIMEOUT = 60


def build_db(folder: Path, extractor=None) -> Path:
    """`milliard batch` of ARTICLES into folder/browse.db."""
    from milliard.run.batch import run_batch

    source = folder / "articles"
    source.mkdir(parents=True, exist_ok=True)
    for name in ARTICLES:
        shutil.copy(ROOT / "corpus" / "articles" / name, source / name)
    db = folder / "browse.db"
    run_batch(source, f"sqlite:///{db}", extractor=extractor)
    return db


def read_line(proc: subprocess.Popen, timeout: float) -> str:
    """The first line the server prints on stdout, or '' when it ends or times out first."""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    try:
        if not sel.select(timeout):
            return ""
        return proc.stdout.readline().decode().strip()
    finally:
        sel.close()


@contextmanager
def serving(db: Path, *args: str):
    """Yields the URL of `milliard browse DB --port 0 --no-open` (more options in `args`);
    stopped with SIGINT (Ctrl-C) afterwards, as a person would."""
    cmd = [sys.executable, "-m", "milliard.cli", "browse", str(db), "--port", "0", "--no-open", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = read_line(proc, START_TIMEOUT)
        if not url:
            proc.kill()
            raise RuntimeError(f"milliard browse did not start: {proc.stderr.read().decode()[-2000:]}")
        yield url
    finally:
        stop(proc)


def stop(proc: subprocess.Popen, timeout: float = 15, close: bool = True) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        deadline = time.monotonic() + timeout
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    for stream in (proc.stdout, proc.stderr) if close else ():
        stream.close()
    return proc.returncode
