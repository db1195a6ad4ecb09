"""What one run says besides its outputs: warnings, notes and stage timings.

Every layer reports through a `Report`; under --strict a warning fails the run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from briefing.errors import StrictError

log = logging.getLogger("briefing")


@dataclass
class Report:
    """Warnings and stage timings of one run; under --strict a warning fails it."""

    strict: bool = False
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what was done, not wrong: merges, --since

    def warn(self, message: str) -> None:
        if self.strict:
            raise StrictError(f"{message} (--strict)")
        log.warning(message)
        self.warnings.append(message)

    def note(self, message: str) -> None:
        log.info(message)
        self.notes.append(message)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started
            log.info("%-10s %.3f s", name, self.timings[name])
