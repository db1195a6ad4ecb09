"""One build at a time per output folder: `out/.lock`."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from briefing.errors import OutputError

log = logging.getLogger("briefing")

LOCK_FILE = ".lock"


@contextmanager
def build_lock(out: Path, timeout: float) -> Iterator[None]:
    """Hold `out/.lock` for a build; wait up to `timeout` seconds for another build to finish."""
    lock = FileLock(str(out / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log.warning("another build is writing to %s; waiting up to %g s", out, timeout)
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise OutputError(
                f"{out}: another build is still running (lock {out / LOCK_FILE}); gave up after {timeout:g} s"
            ) from None
    try:
        yield
    finally:
        lock.release()
