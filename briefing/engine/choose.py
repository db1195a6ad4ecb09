"""Choosing an engine by name, and running one for the length of a build."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from briefing.engine.base import ENGINES, Engine, LocalEngine
from briefing.errors import ConfigError


def make_engine(name: str = "auto", scheduler: str | None = None, workers: int | None = None) -> Engine:
    """The engine called `name`; `scheduler` is a Dask scheduler's address (tcp://host:8786)."""
    if name == "auto":
        from briefing.engine.auto import AutoEngine

        return AutoEngine(workers)
    if name == "local":
        return LocalEngine()
    if name == "process":
        from briefing.engine.processes import ProcessEngine  # multiprocessing: only when asked for

        return ProcessEngine(workers)
    if name == "dask":
        from briefing.engine.dask_cluster import DaskEngine  # dask is an optional extra

        return DaskEngine(scheduler, workers)
    raise ConfigError(f"'engine' must be one of {', '.join(ENGINES)}, not {name!r}")


@contextmanager
def running(name: str = "auto", scheduler: str | None = None, workers: int | None = None) -> Iterator[Engine]:
    """An engine for the length of a block, shut down after it (its pool or cluster with it)."""
    engine = make_engine(name, scheduler, workers)
    try:
        yield engine
    finally:
        engine.close()
