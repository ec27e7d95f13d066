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
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from milliard.io.sources import Item, iter_source
from milliard.run.runners import InlineRunner, PoolRunner, chunks
from milliard.schema import DocumentResult

CHUNK_SIZE = 64  # documents per transaction


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
    from milliard.io.sinks import open_sink

    sink = open_sink(target, resume=resume)
    ok = False
    stats = Stats()
    try:
        done = sink.done_keys() if resume else set()
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
    """The items whose key (`sinks.rows.doc_key`) is not among the target's done keys."""
    from milliard.io.sinks.rows import doc_key

    for item in items:
        if done and doc_key(item.id) in done:
            stats.skipped += 1
        else:
            yield item


def make_runner(engine: str, workers: int, scheduler: str | None, extractor):
    if engine == "dask":
        try:
            from milliard.run.dask_runner import DaskRunner
        except ImportError:
            raise RuntimeError("--engine dask needs the dask extra: pip install 'milliard[dask]'") from None
        return DaskRunner(workers, scheduler)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    if workers > 1:
        return PoolRunner(workers, extractor)
    return InlineRunner(extractor)
