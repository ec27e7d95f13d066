"""How documents are processed: in this process, or in fork-started worker processes
(each builds its Extractor once; MEASURED.md: spawn costs 4x). The Dask engine
(`dask_runner`) reuses `process_items` and `ordered`. Results always come in input order."""
from __future__ import annotations

import os
import signal
import sys
from collections import deque
from itertools import chain, islice
from typing import Iterable, Iterator

from milliard.io.sources import Item
from milliard.run.budget import OverBudget, time_limit
from milliard.schema import DocumentResult

TASK_SIZE = 16   # documents per task: the model reads a task's pieces in shared batches

_EXTRACTORS: dict[tuple, object] = {}


def shared_extractor(cascade: bool = True, model_size: str | None = None):
    """One Extractor per process and settings: tests, fork-started workers (which inherit
    it) and Dask workers running in this process all reuse the model already loaded."""
    from milliard.extraction.extractor import Extractor

    key = (cascade, model_size)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(cascade=cascade, model_size=model_size)
    return _EXTRACTORS[key]


def process_item(extractor, item: Item) -> DocumentResult:
    """The item's result: its reading error, or the extractor's result through the one
    per-document error wrapper (`extractor.guarded`): one broken document never stops a batch."""
    from milliard.extraction.extractor import error_result, guarded

    if item.doc is None:
        return error_result(item.id, item.error.code, item.error.message)
    return guarded(item.id, extractor.extract, item.doc)


def process_items(extractor, items: list[Item], budget: float | None = None) -> list[DocumentResult]:
    """`process_item` for a list, in order; an extractor with `extract_many` gets the readable
    documents in one call so the model reads their pieces in shared batches (faster).

    `budget` (seconds) bounds each document: when the call overruns it, each document is run
    again alone under its own budget, and one that overruns it is a `timeout` error."""
    many = getattr(extractor, "extract_many", None)
    if many is None:
        return [within_budget(extractor, item, budget) for item in items]
    readable = [item for item in items if item.doc is not None]
    try:
        with time_limit(budget):
            results = list(many([item.doc for item in readable]))
    except OverBudget:  # one of them is too slow: find which
        results = [within_budget(extractor, item, budget) for item in readable]
    done = iter(results)
    return [process_item(extractor, item) if item.doc is None else next(done) for item in items]


def within_budget(extractor, item: Item, budget: float | None) -> DocumentResult:
    from milliard.extraction.extractor import error_result

    try:
        with time_limit(budget):
            return process_item(extractor, item)
    except OverBudget:
        return error_result(item.id, "timeout", f"processing took over the time budget of {budget:g} s "
                                                "per document (--time-budget); the batch went on")


def chunks(pairs: Iterable, size: int) -> Iterator[list]:
    it = iter(pairs)
    while chunk := list(islice(it, size)):
        yield chunk


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
    def __init__(self, extractor=None, budget: float | None = None):
        self.extractor, self.budget = extractor, budget

    def __enter__(self):
        self.extractor = self.extractor or shared_extractor()
        return self

    def __exit__(self, *exc):
        return False

    def __call__(self, items: Iterable[Item]) -> Iterator[tuple[Item, DocumentResult]]:
        for batch in chunks(items, TASK_SIZE):
            yield from zip(batch, process_items(self.extractor, batch, self.budget))


class NoWorkers(RuntimeError):
    """No worker to run the tasks (a Dask cluster that has had none for --worker-timeout);
    run_batch sets `stats`, the counts of what was committed."""
    stats = None


# -- local processes -----------------------------------------------------------------

class WorkersError(ValueError):
    """More worker processes asked for than this machine can hold."""


def max_workers() -> int:
    """Twice the CPUs this process may run on: more workers only queue for the CPUs, and each
    holds a loaded model (~500 MB)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 * cpus


def check_workers(workers: int) -> None:
    cap = max_workers()
    if workers > cap:
        raise WorkersError(f"--workers {workers} is more than this machine can run: at most {cap} "
                           f"(2 per CPU; each worker holds its own model)")


_WORKER_EXTRACTOR = None
_WORKER_BUDGET: float | None = None
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this worker when the process that forked it ends, however it
    ends (kill -9 included); without it a worker blocked on the task queue outlives the run."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before the prctl took effect
        os._exit(1)


def _pool_init(parent: int) -> None:
    global _WORKER_EXTRACTOR
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited through fork
    if _WORKER_EXTRACTOR is None:  # inherited through fork when the parent set one
        _WORKER_EXTRACTOR = shared_extractor()


def _pool_task(batch: list[Item]) -> list[DocumentResult]:
    return process_items(_WORKER_EXTRACTOR, batch, _WORKER_BUDGET)


class PoolRunner:
    """Fork-started worker processes; each builds (or inherits) one Extractor. A worker
    that dies (out of memory, a crash in native code) stops the batch with an error
    instead of hanging it (ProcessPoolExecutor, unlike multiprocessing.Pool); what was
    committed stays and `--resume` goes on from there. Workers die with this process.

    Workers start lazily: no more than there are tasks (TASK_SIZE documents) to give them, so a
    one-document batch with `--workers 4` forks one worker, not four models' worth."""

    def __init__(self, workers: int, extractor=None, budget: float | None = None):
        check_workers(workers)
        self.workers, self.extractor, self.budget = workers, extractor, budget
        self.pool = None

    def __enter__(self):
        global _WORKER_EXTRACTOR, _WORKER_BUDGET
        _WORKER_EXTRACTOR = self.extractor  # forked children see it (None: they build one)
        _WORKER_BUDGET = self.budget
        return self

    def start(self, workers: int) -> None:
        """Fork WORKERS processes. They are all forked at the first task, before any thread of
        this process but the pool's own (ProcessPoolExecutor's rule for the fork start method):
        a fork taken later, while another thread holds a lock, could hang a worker."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                        initializer=_pool_init, initargs=(os.getpid(),))

    def __exit__(self, exc_type, *exc):
        if self.pool is None:  # no document came: no worker was started
            return False
        if exc_type is not None:  # stopped (a signal, a failed write): busy workers are not waited for
            for process in list((self.pool._processes or {}).values()):
                process.kill()
        # then wait for the pool's own thread (quick: the workers are gone), which must not be
        # left to the interpreter's exit (a race there prints a traceback in Python 3.11)
        self.pool.shutdown(wait=True, cancel_futures=True)
        return False

    def __call__(self, items: Iterable[Item]) -> Iterator[tuple[Item, DocumentResult]]:
        tasks = chunks(items, TASK_SIZE)
        first = list(islice(tasks, self.workers))  # read ahead: one task for each worker, at most
        if not first:
            return iter(())
        self.start(len(first))
        return ordered(chain(first, tasks), lambda b: self.pool.submit(_pool_task, b),
                       lambda f: f.result(), window=2 * self.workers)
