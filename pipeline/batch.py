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

import time
from collections import deque
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator

from .schema import DocumentResult
from .sources import Item, iter_source

CHUNK_SIZE = 64  # documents per transaction
TASK_SIZE = 16   # documents per task: the model reads a task's pieces in shared batches

_EXTRACTORS: dict[tuple, object] = {}


def shared_extractor(cascade: bool = True, model_size: str | None = None):
    """One Extractor per process and settings: tests, fork-started workers (which inherit
    it) and Dask workers running in this process all reuse the model already loaded."""
    from .extract import Extractor

    key = (cascade, model_size)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(cascade=cascade, model_size=model_size)
    return _EXTRACTORS[key]


def process_item(extractor, item: Item) -> DocumentResult:
    from .extract import error_result

    if item.doc is None:
        return error_result(item.id, item.error.code, item.error.message)
    try:
        return extractor.extract(item.doc)
    except Exception as exc:  # one broken document must not stop a batch
        return error_result(item.id, "internal_error", f"{type(exc).__name__}: {exc}")


def process_items(extractor, items: list[Item]) -> list[DocumentResult]:
    """`process_item` for a list, in order; an extractor with `extract_many` gets the readable
    documents in one call so the model reads their pieces in shared batches (faster)."""
    many = getattr(extractor, "extract_many", None)
    if many is None:
        return [process_item(extractor, item) for item in items]
    readable = iter(many([item.doc for item in items if item.doc is not None]))
    return [process_item(extractor, item) if item.doc is None else next(readable) for item in items]


@dataclass
class Stats:
    documents: int = 0
    skipped: int = 0
    records: int = 0
    errors: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def add(self, results: Iterable[DocumentResult]) -> None:
        for res in results:
            self.documents += 1
            self.records += len(res.records)
            self.errors += res.error is not None


def run_batch(source, target: str, *, workers: int = 1, resume: bool = False, engine: str = "local",
              scheduler: str | None = None, chunk_size: int = CHUNK_SIZE, extractor=None,
              progress: Callable[[Stats], None] | None = None) -> Stats:
    """Run SOURCE into TARGET; returns the counts. `extractor` (anything with `.extract(doc)`)
    replaces the default one (tests use a fake)."""
    from .sinks import open_sink

    sink = open_sink(target, resume=resume)
    ok = False
    stats = Stats()
    try:
        done = sink.done_ids() if resume else set()
        items = skip_done(iter_source(source), done, stats)
        with make_runner(engine, workers, scheduler, extractor) as runner:
            for chunk in chunks(runner(items), chunk_size):
                sink.write(chunk)
                stats.add(res for _, res in chunk)
                if progress:
                    progress(stats)
        ok = True
    finally:
        sink.close(ok)
    return stats


def skip_done(items: Iterable[Item], done: set[str], stats: Stats) -> Iterator[Item]:
    for item in items:
        if item.id in done:
            stats.skipped += 1
        else:
            yield item


def chunks(pairs: Iterable, size: int) -> Iterator[list]:
    it = iter(pairs)
    while chunk := list(islice(it, size)):
        yield chunk


def make_runner(engine: str, workers: int, scheduler: str | None, extractor):
    if engine == "dask":
        try:
            from .batch_dask import DaskRunner
        except ImportError:
            raise RuntimeError("--engine dask needs the dask extra: pip install 'milliard[dask]'") from None
        return DaskRunner(workers, scheduler)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    if workers > 1:
        return PoolRunner(workers, extractor)
    return InlineRunner(extractor)


def ordered(batches: Iterable[list[Item]], submit, wait, window: int) -> Iterator[tuple[Item, DocumentResult]]:
    """Submit batches, keeping at most `window` in flight, and yield results in input order."""
    pending: deque = deque()

    def drain_one():
        batch, handle = pending.popleft()
        yield from zip(batch, wait(handle))

    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            yield from drain_one()
    while pending:
        yield from drain_one()


class InlineRunner:
    def __init__(self, extractor=None):
        self.extractor = extractor

    def __enter__(self):
        self.extractor = self.extractor or shared_extractor()
        return self

    def __exit__(self, *exc):
        return False

    def __call__(self, items: Iterable[Item]) -> Iterator[tuple[Item, DocumentResult]]:
        for batch in chunks(items, TASK_SIZE):
            yield from zip(batch, process_items(self.extractor, batch))


# -- local processes -----------------------------------------------------------------

_WORKER_EXTRACTOR = None


def _pool_init() -> None:
    global _WORKER_EXTRACTOR
    if _WORKER_EXTRACTOR is None:  # inherited through fork when the parent set one
        _WORKER_EXTRACTOR = shared_extractor()


def _pool_task(batch: list[Item]) -> list[DocumentResult]:
    return process_items(_WORKER_EXTRACTOR, batch)


class PoolRunner:
    """Fork-started worker processes; each builds (or inherits) one Extractor. A worker
    that dies (out of memory, a crash in native code) stops the batch with an error
    instead of hanging it (ProcessPoolExecutor, unlike multiprocessing.Pool); what was
    committed stays and `--resume` goes on from there."""

    def __init__(self, workers: int, extractor=None):
        self.workers, self.extractor = workers, extractor

    def __enter__(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _WORKER_EXTRACTOR
        _WORKER_EXTRACTOR = self.extractor  # forked children see it (None: they build one)
        self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                        initializer=_pool_init)
        return self

    def __exit__(self, exc_type, *exc):
        self.pool.shutdown(wait=exc_type is None, cancel_futures=True)
        return False

    def __call__(self, items: Iterable[Item]):
        return ordered(chunks(items, TASK_SIZE), lambda b: self.pool.submit(_pool_task, b),
                       lambda f: f.result(), window=2 * self.workers)
