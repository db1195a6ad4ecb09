"""What one run says besides its outputs: warnings, notes, stage timings and progress.

Every layer reports through a `Report`; under --strict a warning fails the run.
A stage is timed with `with report.stage(name, total) as step:`; a stage that
goes item by item calls `step.advance()` after each, so that a `Progress`
display (the CLI's bar on a terminal, periodic lines in a log) shows how far
it is. Without a display, progress costs a function call per item.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from briefing.errors import StrictError

log = logging.getLogger("briefing")


class Progress(Protocol):
    """Something that shows progress: told when a stage begins, moves on and ends."""

    def begin(self, stage: str, total: int | None) -> None: ...

    def advance(self, stage: str, done: int, total: int | None, item: str) -> None: ...

    def end(self, stage: str, seconds: float) -> None: ...


@dataclass
class Step:
    """Progress within one running stage: `advance()` after each item; `total` when known."""

    stage: str
    total: int | None = None
    done: int = 0
    progress: Progress | None = None

    def expect(self, total: int) -> None:
        """The number of items, once the stage knows it."""
        self.total = total
        if self.progress:
            self.progress.begin(self.stage, total)

    def advance(self, item: str = "") -> None:
        """One more item done (`item` names it, for a display that shows the latest)."""
        self.done += 1
        if self.progress:
            self.progress.advance(self.stage, self.done, self.total, item)


@dataclass
class Report:
    """Warnings and stage timings of one run; under --strict a warning fails it."""

    strict: bool = False
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what was done, not wrong: merges, --since
    progress: Progress | None = None
    echo: bool = True  # log each warning and note as it comes (False: a part's report, told by `retell`)

    def warn(self, message: str) -> None:
        if self.strict:
            raise StrictError(f"{message} (--strict)")
        if self.echo:
            log.warning(message)
        self.warnings.append(message)

    def warn_late(self, message: str) -> None:
        """A warning about something after the outputs stand (a delivery that failed): never fails the run."""
        log.warning(message)
        self.warnings.append(message)

    def note(self, message: str) -> None:
        if self.echo:
            log.info(message)
        self.notes.append(message)

    def retell(self, whole: Report) -> None:
        """Tell `whole` (the build's report) what this part's report gathered: its warnings, notes and timings."""
        for message in self.warnings:
            whole.warn(message)
        for message in self.notes:
            whole.note(message)
        for name, seconds in self.timings.items():
            whole.timings[name] = whole.timings.get(name, 0.0) + seconds

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Step]:
        """Time the stage `name` (of `total` items, when known) and show its progress."""
        log.info("%-10s ...", name)
        if self.progress:
            self.progress.begin(name, total)
        started = time.perf_counter()
        try:
            yield Step(name, total, 0, self.progress)
        finally:
            seconds = time.perf_counter() - started
            self.timings[name] = self.timings.get(name, 0.0) + seconds
            if self.progress:
                self.progress.end(name, seconds)
            if self.echo:
                log.info("%-10s %.3f s", name, self.timings[name])
