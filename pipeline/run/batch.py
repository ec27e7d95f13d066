"""`milliard batch`: stream a source through the Extractor into a sink, chunk by chunk.

The source is read lazily and at most a few chunks are in flight, so memory stays flat
however long the source is. Each chunk is one transaction in a database sink, and the
`documents` rows written in it are what `--resume` skips, so a run killed at any point
resumes to the same content an uninterrupted run gives.

Engines: `local` runs in this process (workers=1) or in fork-started processes (each
worker builds its Extractor once; MEASURED.md: spawn costs 4x); `dask` sends chunks to a
dask.distributed cluster whose workers load the model once through a WorkerPlugin.
Results are always written in input order.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from milliard.io.sources import Item, iter_source
from milliard.run.budget import DEFAULT_SECONDS
from milliard.run.runners import InlineRunner, NoWorkers, PoolRunner, chunks
from milliard.schema import DocumentResult

CHUNK_SIZE = 64  # documents per transaction


@dataclass
class Stats:
    documents: int = 0
    skipped: int = 0
    records: int = 0
    errors: int = 0
    conflicts: int = 0
    seen: int = 0  # documents processed, committed or in the chunk being filled (the progress bar)
    started: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def add(self, results: Iterable[DocumentResult]) -> None:
        for res in results:
            self.documents += 1
            self.records += len(res.records)
            self.errors += res.error is not None


class Interrupted(BaseException):
    """SIGINT or SIGTERM ended the batch; `stats` counts what was committed. A BaseException,
    so that no `except Exception` of a stage or a sink takes it for a document's failure."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum, self.stats = signum, Stats()


class StopSignals:
    """SIGINT and SIGTERM end the run: at once while it reads or waits for the workers, and
    after the commit when one arrives while a chunk is written, so the count of committed
    documents is exact. Inactive, or outside the main thread (the only one signals reach), it
    changes no handler."""

    def __init__(self, active: bool = True):
        self.active = active
        self.received: int | None = None
        self.writing = False

    def __enter__(self):
        self.saved = {}
        if self.active and threading.current_thread() is threading.main_thread():
            self.saved = {s: signal.signal(s, self.handle) for s in (signal.SIGINT, signal.SIGTERM)}
        return self

    def __exit__(self, *exc):
        for signum, handler in self.saved.items():
            signal.signal(signum, handler)
        return False

    def handle(self, signum, frame):
        self.received = signum
        if not self.writing:
            raise Interrupted(signum)

    @contextmanager
    def write(self):
        self.writing = True
        try:
            yield
        finally:
            self.writing = False
        if self.received is not None:
            raise Interrupted(self.received)


def run_batch(source, target: str, *, workers: int = 1, resume: bool = False, engine: str = "local",
              scheduler: str | None = None, chunk_size: int = CHUNK_SIZE, extractor=None,
              progress: Callable[[Stats], None] | None = None, stop_on_signals: bool = False,
              time_budget: float | None = DEFAULT_SECONDS, namespace: str | None = None,
              on_conflict: Callable[[object], None] | None = None,
              on_result: Callable[[Stats], None] | None = None, worker_timeout: float | None = None) -> Stats:
    """Run SOURCE into TARGET; returns the counts. `extractor` (anything with `.extract(doc)`)
    replaces the default one (tests use a fake). With `stop_on_signals` (the CLI), SIGINT and
    SIGTERM raise Interrupted, which carries the counts of what was committed. A document
    that takes over `time_budget` seconds (None or 0: no budget) is a `timeout` error (run.budget).
    `namespace` names the source's documents (sources.iter_source); every conflict the sink
    reports (a stored id from another source, other content: not written) goes to `on_conflict`.
    `progress` is called after each commit, `on_result` after each document processed
    (`stats.seen`), before its chunk is committed. With the Dask engine, `worker_timeout`
    seconds without any worker raise NoWorkers, which carries the counts (dask_runner)."""
    from milliard.extraction.extractor import MAX_CHARS
    from milliard.io.sinks import open_sink

    runner = make_runner(engine, workers, scheduler, extractor, time_budget, worker_timeout)  # refuses bad settings before the sink opens
    sink = open_sink(target, resume=resume)
    ok = False
    stats = Stats()
    try:
        with StopSignals(stop_on_signals) as signals:
            done = sink.done_keys() if resume else {}
            items = skip_done(iter_source(source, max_chars=MAX_CHARS, namespace=namespace), done, stats)
            with runner:
                for chunk in chunks(counted(runner(items), stats, on_result), chunk_size):
                    with signals.write():
                        conflicts = sink.write(chunk)
                        stats.add(res for _, res in chunk)
                    stats.conflicts += len(conflicts)
                    for conflict in conflicts if on_conflict else ():
                        on_conflict(conflict)
                    if progress:
                        progress(stats)
        ok = True
    except (Interrupted, NoWorkers) as stop:
        stop.stats = stats
        raise
    finally:
        sink.close(ok)
    return stats


def counted(pairs: Iterable, stats: Stats, on_result: Callable[[Stats], None] | None) -> Iterator:
    """The pairs as they come from the workers, each counted in `stats.seen` (a chunk takes
    a while to fill: a progress bar moves with each document, not each commit)."""
    for pair in pairs:
        stats.seen += 1
        if on_result:
            on_result(stats)
        yield pair


def skip_done(items: Iterable[Item], done: dict[str, str | None], stats: Stats) -> Iterator[Item]:
    """The items not done: whose key (`sinks.rows.doc_key`) is not among the target's done
    keys, or is there from another source (`done`: key -> source, None when the target does
    not say; a document of the same id from elsewhere must reach the sink, which reports the
    conflict, never be skipped as done)."""
    from milliard.io.sinks.rows import doc_key

    for item in items:
        key = doc_key(item.id) if done else None
        if key in done and done[key] in (None, item.source):
            stats.skipped += 1
        else:
            yield item


def make_runner(engine: str, workers: int, scheduler: str | None, extractor, budget: float | None = None,
                worker_timeout: float | None = None):
    if engine == "dask":
        try:
            from milliard.run.dask_runner import DaskRunner
        except ImportError:
            raise RuntimeError("--engine dask needs the dask extra: pip install 'milliard[dask]'") from None
        return DaskRunner(workers, scheduler, worker_timeout)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    if workers > 1:
        return PoolRunner(workers, extractor, budget)
    return InlineRunner(extractor, budget)
