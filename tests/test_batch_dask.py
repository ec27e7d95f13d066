"""`--engine dask --worker-timeout S`: a cluster without workers (none came, or all were
lost) for S seconds ends the batch with one line and exit 1, and what was committed resumes.
Schedulers here listen on 127.0.0.1 only; the model is a fast fake."""
from __future__ import annotations

import subprocess
import sys

import pytest
from test_batch import _sqlite_count, sqlite_dump, write_feed
from test_batch_signals import CLI_CHILD, TESTS
from test_sinks import FakeExtractor

from milliard.run.batch import run_batch
from milliard.run.runners import NoWorkers

pytest.importorskip("distributed")


class FakeWorkerExtractor(FakeExtractor):
    def nlp(self, lang: str):  # the worker plugin warms the model of a language: nothing to load
        return None


def loopback_cluster(workers: int):
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, processes=False, threads_per_worker=1, protocol="tcp",
                        host="127.0.0.1", dashboard_address=None)


def test_a_scheduler_without_workers_stops_the_batch(tmp_path):
    src = write_feed(tmp_path / "feed.jsonl", 40)
    db = tmp_path / "m.db"
    with loopback_cluster(0) as cluster, pytest.raises(NoWorkers) as stop:
        run_batch(src, f"sqlite:///{db}", engine="dask", scheduler=cluster.scheduler_address, worker_timeout=0.5)
    assert "no Dask worker connected to tcp://127.0.0.1:" in str(stop.value) and "0.5 s" in str(stop.value)
    assert stop.value.stats.documents == 0 and _sqlite_count(db)() == 0


def test_lost_workers_stop_the_batch_and_resume_finishes_it(tmp_path, monkeypatch):
    from milliard.run import dask_runner

    # the in-process worker's plugin builds its extractor with this function: a fast fake
    monkeypatch.setattr(dask_runner, "shared_extractor", lambda *a, **k: FakeWorkerExtractor(delay=0.01))
    src = write_feed(tmp_path / "feed.jsonl", 200)
    db, reference = tmp_path / "m.db", tmp_path / "reference.db"
    run_batch(src, f"sqlite:///{reference}", extractor=FakeExtractor())
    with loopback_cluster(1) as cluster:
        def lose_the_workers(stats):  # after the first commit, the cluster loses its only worker
            cluster.scale(0)

        with pytest.raises(NoWorkers) as stop:
            run_batch(src, f"sqlite:///{db}", engine="dask", scheduler=cluster.scheduler_address,
                      worker_timeout=0.5, chunk_size=16, progress=lose_the_workers)
    committed = stop.value.stats.documents
    assert 0 < committed < 200 and _sqlite_count(db)() == committed
    resumed = run_batch(src, f"sqlite:///{db}", extractor=FakeExtractor(), resume=True)
    assert resumed.skipped == committed and resumed.documents == 200 - committed
    assert sqlite_dump(db) == sqlite_dump(reference)


def test_the_command_says_it_in_one_line_and_exits_1(tmp_path):
    src = write_feed(tmp_path / "feed.jsonl", 10)
    with loopback_cluster(0) as cluster:
        args = ["batch", str(src), "--to", f"sqlite:///{tmp_path / 'm.db'}", "--engine", "dask",
                "--scheduler", cluster.scheduler_address, "--worker-timeout", "0.5"]
        proc = subprocess.run([sys.executable, "-c", CLI_CHILD.format(tests=str(TESTS), args=args)],
                              capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert line.startswith("milliard: no Dask worker connected to tcp://127.0.0.1:")
    assert line.endswith("for 0.5 s (--worker-timeout); 0 documents committed, resume with --resume")


def test_worker_timeout_needs_the_dask_engine(tmp_path):
    from typer.testing import CliRunner

    from milliard.cli import app

    result = CliRunner().invoke(app, ["batch", str(write_feed(tmp_path / "f.jsonl", 2)), "--to", "-",
                                      "--worker-timeout", "5"])
    assert result.exit_code == 2 and "--worker-timeout needs --engine dask" in result.stderr
