"""The `dask` engine: the map as tasks on a Dask cluster (dask.distributed).

With a scheduler address it uses that cluster, whose workers must have the
same version of briefing installed; without one it starts a LocalCluster of
worker processes on this machine. What crosses the network: each batch of
articles (their text and metadata) with the function to run on it, and the
cleaned articles and their sentences coming back; then each story (its
articles, passages and the options) out and its briefing back; then each
story's briefing out and its rendered files (bytes) back. Sources are read,
and outputs written, on the machine that runs `briefing build`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from briefing.engine.base import apply_batch, batches
from briefing.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

# How long to try reaching a named scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = "20s"
# Tasks per worker thread: enough to balance uneven batches, few enough to keep the scheduler idle.
TASKS_PER_THREAD = 4


class DaskEngine:
    """A dask.distributed Client, connected on first use and closed by `close`."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        self.scheduler = scheduler
        self.workers = workers or os.cpu_count() or 1
        self._client: Any = None
        self._cluster: Any = None

    def map(self, func: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if not items:
            return []
        client = self._connect()
        threads = sum(client.nthreads().values()) or 1
        parts = batches(items, threads * TASKS_PER_THREAD)
        # pure=False: two batches with equal contents are still two tasks, each with its own result.
        futures = client.map(apply_batch, [func] * len(parts), parts, pure=False)
        return [result for part in client.gather(futures) for result in part]

    def each(self, func: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        if not items:
            return iter(())
        futures = self._connect().map(func, list(items), pure=False)
        return (future.result() for future in futures)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    def _connect(self) -> Any:
        if self._client is not None:
            return self._client
        try:
            # dask.distributed is an optional extra and takes a second to import.
            from distributed import Client, LocalCluster
        except ImportError:
            raise ConfigError("the dask engine needs dask.distributed: pip install 'cited-briefing[dask]'") from None
        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except OSError as error:
                raise ConfigError(f"--scheduler {self.scheduler}: cannot reach the Dask scheduler ({error})") from None
        else:
            self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                         dashboard_address=":0")  # no fixed port to collide on
            self._client = Client(self._cluster)
        return self._client
