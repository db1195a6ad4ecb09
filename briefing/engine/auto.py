"""The `auto` engine, the default: in this process until the work is worth a pool of processes.

Starting a pool costs about a second on a 2-core machine (each worker process
imports the package and NumPy); a build of one story, or of a few dozen
articles, is done sooner in-process. The first map big enough to pay for the
workers starts them, and the rest of the build shares them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from briefing.engine.base import Engine, LocalEngine

T = TypeVar("T")
R = TypeVar("R")

# Articles to clean or split before a pool pays off: each takes a few milliseconds.
WORTH_ARTICLES = 2000
# Stories to brief before a pool pays off: each takes a tenth of a second or more.
WORTH_STORIES = 12


class AutoEngine:
    """Local for small work; a `ProcessEngine` once one map is big enough (and there are cores to share it)."""

    name = "auto"

    def __init__(self, workers: int | None = None):
        self.workers = workers or os.cpu_count() or 1
        self._local = LocalEngine()
        self._pool: Engine | None = None

    def map(self, func: Callable[[T], R], items: Sequence[T]) -> list[R]:
        return self._engine_for(len(items) >= WORTH_ARTICLES).map(func, items)

    def each(self, func: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        return self._engine_for(len(items) >= WORTH_STORIES).each(func, items)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def _engine_for(self, worth_a_pool: bool) -> Engine:
        if self._pool is None and worth_a_pool and self.workers > 1:
            from briefing.engine.processes import ProcessEngine  # multiprocessing: only when the work is big

            self._pool = ProcessEngine(self.workers)
        return self._pool or self._local
