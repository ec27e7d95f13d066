"""`milliard batch --engine dask`: chunks of documents as tasks on a dask.distributed cluster.

Each worker loads the spaCy model once, when it starts, through a WorkerPlugin; the
workers need milliard installed (`pip install 'milliard[dask]'`) and nothing else: the
documents travel with the tasks and the results come back to the process that writes
the sink, in input order.
"""
from __future__ import annotations

import time
from typing import Iterable

from distributed import Client, LocalCluster, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from milliard.io.sources import Item
from milliard.run.runners import TASK_SIZE, NoWorkers, check_workers, chunks, ordered, process_items, shared_extractor
from milliard.schema import DocumentResult

PLUGIN_NAME = "milliard-extractor"


class ExtractorPlugin(WorkerPlugin):
    """One Extractor per worker, its model loaded at setup rather than at the first task.
    A worker running in this process (LocalCluster(processes=False)) reuses the process's
    Extractor."""
    name = PLUGIN_NAME

    def __init__(self, warm: tuple[str, ...] = ("fr",), cascade: bool = True, model_size: str | None = None):
        self.warm, self.cascade, self.model_size = warm, cascade, model_size
        self.extractor = None

    def setup(self, worker):
        self.extractor = shared_extractor(self.cascade, self.model_size)
        for lang in self.warm:
            self.extractor.nlp(lang)

    def __getstate__(self):  # the loaded model never travels
        return {**self.__dict__, "extractor": None}


def _dask_task(batch: list[Item]) -> list[DocumentResult]:
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if plugin is None or plugin.extractor is None:
        raise RuntimeError("milliard's worker plugin is not set up on this Dask worker "
                           "(is milliard installed there, with its models?)")
    extractor = plugin.extractor
    return process_items(extractor, batch)


class DaskRunner:
    """`scheduler` (tcp://host:8786) joins an existing cluster; without it a LocalCluster
    of `workers` processes starts here and stops with the batch.

    A scheduler keeps tasks waiting for workers forever. With `worker_timeout` (seconds), a
    batch that has had no worker connected for that long (none came, or all were lost) ends
    with NoWorkers; what was committed stays and `--resume` goes on from it."""

    def __init__(self, workers: int, scheduler: str | None, worker_timeout: float | None = None):
        if not scheduler:
            check_workers(workers)
        self.workers, self.scheduler, self.worker_timeout = workers, scheduler, worker_timeout
        self.cluster = None

    def __enter__(self):
        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, dashboard_address=None)
            self.client = Client(self.cluster)
        self.client.register_plugin(ExtractorPlugin(), name=PLUGIN_NAME)
        self.window = 2 * max(1, len(self.client.scheduler_info()["workers"]))
        return self

    def __exit__(self, *exc):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        return False

    def __call__(self, items: Iterable[Item]):
        return ordered(chunks(items, TASK_SIZE), lambda b: self.client.submit(_dask_task, b, pure=False),
                       self.result, window=self.window)

    def result(self, future):
        """The task's result; while it waits, the scheduler is asked every `poll` seconds
        whether any worker is connected (a future alone would wait forever)."""
        if not self.worker_timeout:
            return future.result()
        poll = min(1.0, self.worker_timeout / 4)
        alone_since = None
        while True:
            try:
                return future.result(timeout=poll)
            except TimeoutError:  # distributed's TimeoutError is the builtin one
                pass
            if self.client.nthreads():
                alone_since = None
                continue
            alone_since = alone_since or time.monotonic()
            if time.monotonic() - alone_since >= self.worker_timeout:
                where = self.scheduler or "the local cluster"
                raise NoWorkers(f"no Dask worker connected to {where} for {self.worker_timeout:g} s "
                                "(--worker-timeout)")
