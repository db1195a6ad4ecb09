"""The `process` engine: the map on this machine's cores, with concurrent.futures."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import TypeVar

from briefing.engine.base import apply_batch, batches

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more than it saves: they are mapped in-process.
MIN_ITEMS = 64
# Batches per worker: enough to even out uneven articles, few enough to keep pickling cheap.
BATCHES_PER_WORKER = 4


class ProcessEngine:
    """A pool of worker processes, started on first use and shut down by `close`."""

    name = "process"

    def __init__(self, workers: int | None = None):
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def map(self, func: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if len(items) < MIN_ITEMS or self.workers == 1:
            return [func(item) for item in items]
        parts = batches(items, self.workers * BATCHES_PER_WORKER)
        return [result for part in self._started().map(partial(apply_batch, func), parts) for result in part]

    def each(self, func: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        if len(items) < 2 or self.workers == 1:
            return (func(item) for item in items)
        return self._started().map(func, items)  # chunksize 1: a big story does not hold up a batch of small ones

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: the scheduler and watcher run threads, which a fork would copy mid-step.
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
