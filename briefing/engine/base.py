"""The engine interface, the in-process engine, and what every engine uses to cut work into batches."""


from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("auto", "local", "process", "dask")


class Engine(Protocol):
    """Maps a pure function over items, keeping their order."""

    name: str

    def map(self, func: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """`func` over many light items (articles), cut into a few batches per worker."""
        ...

    def each(self, func: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        """`func` over few, costly, uneven items (whole stories), each a task of its own:
        the results in order, each as soon as it and those before it are done."""
        ...

    def close(self) -> None: ...


class LocalEngine:
    """Everything in this process: no start-up cost, the right choice below a few thousand articles."""

    name = "local"

    def map(self, func: Callable[[T], R], items: Sequence[T]) -> list[R]:
        return [func(item) for item in items]

    def each(self, func: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        return (func(item) for item in items)

    def close(self) -> None:
        pass


def batches(items: Sequence[T], count: int) -> list[Sequence[T]]:
    """`items` cut into at most `count` runs of nearly equal length, in order."""
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    cuts, start = [], 0
    for number in range(count):
        end = start + size + (number < extra)
        cuts.append(items[start:end])
        start = end
    return cuts


def apply_batch(func: Callable[[T], R], batch: Sequence[T]) -> list[R]:
    """`func` over one batch: what a worker process or a Dask task runs."""
    return [func(item) for item in batch]
