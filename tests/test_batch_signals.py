"""A batch and the signals that end it: workers never outlive the run, SIGINT/SIGTERM end it
with one line and 130/143, and --resume goes on from what was committed; --workers is capped."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from test_batch import _sqlite_count, sqlite_dump, write_feed
from test_sinks import FakeExtractor

from milliard.run import runners
from milliard.run.batch import run_batch

TESTS = Path(__file__).parent

# `milliard batch` as typed, with a slow fake extractor in place of the model (forked workers
# inherit the patched function)
CLI_CHILD = """
import sys
sys.path.insert(0, {tests!r})
from test_sinks import FakeExtractor
from milliard.run import runners
runners.shared_extractor = lambda *a, **k: FakeExtractor(delay=0.05)
from milliard.cli import main
sys.argv = ["milliard", *{args!r}]
main()
"""


def start_batch(src: Path, db: Path, *args: str) -> subprocess.Popen:
    code = CLI_CHILD.format(tests=str(TESTS), args=["batch", str(src), "--to", f"sqlite:///{db}", *args])
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_for_commits(child: subprocess.Popen, db: Path, at_least: int) -> None:
    count, deadline = _sqlite_count(db), time.monotonic() + 60
    while count() < at_least and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert child.poll() is None, f"the batch ended before the signal: {child.stderr.read()!r}"


def workers_of(pid: int, n: int) -> list[psutil.Process]:
    deadline = time.monotonic() + 30
    while len(kids := psutil.Process(pid).children()) < n and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(kids) == n
    return kids


def gone(processes: list[psutil.Process], within: float = 10) -> bool:
    _, alive = psutil.wait_procs(processes, timeout=within)
    return not [p for p in alive if p.status() != psutil.STATUS_ZOMBIE]


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_ends_the_run_with_one_line_and_resume_goes_on(tmp_path, signum, code):
    src, db = write_feed(tmp_path / "feed.jsonl", 200), tmp_path / "m.db"
    child = start_batch(src, db, "--workers", "2", "--chunk-size", "5")
    try:
        workers = workers_of(child.pid, 2)
        wait_for_commits(child, db, 10)
        child.send_signal(signum)
        _, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    committed = _sqlite_count(db)()
    assert child.returncode == code
    assert err.splitlines() == [f"milliard: interrupted; {committed} documents committed, resume with --resume"]
    assert gone(workers)
    stats = run_batch(src, f"sqlite:///{db}", resume=True, extractor=FakeExtractor(), chunk_size=5)
    assert stats.skipped == committed and stats.documents == 200 - committed
    reference = tmp_path / "reference.db"
    run_batch(src, f"sqlite:///{reference}", extractor=FakeExtractor(), chunk_size=5)
    assert sqlite_dump(db) == sqlite_dump(reference)


def test_workers_die_with_a_parent_killed_by_sigkill(tmp_path):
    src, db = write_feed(tmp_path / "feed.jsonl", 200), tmp_path / "m.db"
    child = start_batch(src, db, "--workers", "2", "--chunk-size", "5")
    try:
        workers = workers_of(child.pid, 2)
        wait_for_commits(child, db, 5)
        child.kill()
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert gone(workers), "a worker outlived its parent"


def test_workers_beyond_twice_the_cpus_are_refused_before_anything_is_written(tmp_path):
    src, db = write_feed(tmp_path / "feed.jsonl", 3), tmp_path / "m.db"
    too_many = runners.max_workers() + 1
    done = subprocess.run([sys.executable, "-m", "milliard.cli", "batch", str(src), "--to", f"sqlite:///{db}",
                           "--workers", str(too_many)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"milliard: --workers {too_many} is more than this machine can run: "
                                        f"at most {runners.max_workers()} (2 per CPU; each worker holds its own model)"]
    assert not db.exists()
    with pytest.raises(runners.WorkersError):
        run_batch(src, f"sqlite:///{db}", workers=too_many, extractor=FakeExtractor())
    assert not db.exists()
    assert os.cpu_count() and runners.max_workers() >= 2


@pytest.mark.parametrize("documents, tasks", [(0, 0), (1, 1), (40, 3)])
def test_workers_start_only_as_many_as_there_are_tasks(tmp_path, documents, tasks):
    import multiprocessing

    from milliard.io.sources import iter_source

    workers = min(4, runners.max_workers())
    src = write_feed(tmp_path / "feed.jsonl", documents)
    before = set(multiprocessing.active_children())
    with runners.PoolRunner(workers, FakeExtractor()) as runner:
        results = list(runner(iter_source(src)))
        started = set(multiprocessing.active_children()) - before
    assert len(results) == documents
    assert len(started) == min(tasks, workers)  # all `workers` were forked, even for one document
