"""One build at a time per output folder: `out/.lock`, an advisory `flock` on a file in it.

The lock file is opened without following a symlink: something planted at
`out/.lock` (a link to /etc/passwd, say) must neither be truncated nor
opened; the planted link is removed and a plain lock file made in its place.
The lock is the `flock` kind that the `filelock` package takes, so either
can wait for the other.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.errors import OutputError

log = logging.getLogger("briefing")

LOCK_FILE = ".lock"
_POLL = 0.05  # seconds between two tries while another build holds the lock


@contextmanager
def build_lock(out: Path, timeout: float) -> Iterator[None]:
    """Hold `out/.lock` for a build; wait up to `timeout` seconds for another build to finish."""
    handle = _open_lock_file(out / LOCK_FILE)
    try:
        if not _try_lock(handle):
            log.warning("another build is writing to %s; waiting up to %g s", out, timeout)
            given_up = time.monotonic() + timeout
            while not _try_lock(handle):
                if time.monotonic() >= given_up:
                    raise OutputError(
                        f"{out}: another build is still running (lock {out / LOCK_FILE}); gave up after {timeout:g} s"
                    )
                time.sleep(_POLL)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def _open_lock_file(path: Path) -> int:
    """The lock file, opened for the lock and never through a symlink; one planted there is replaced."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    for attempt in range(2):
        try:
            handle = os.open(path, flags, 0o644)
        except OSError as error:
            if error.errno == errno.ELOOP and attempt == 0:
                log.warning("%s was a symlink; replaced by a lock file", path)
                path.unlink(missing_ok=True)  # the link itself, not what it points to
                continue
            raise OutputError(f"{path}: cannot open the lock file ({error.strerror or error})") from None
        if stat.S_ISREG(os.fstat(handle).st_mode):
            return handle
        os.close(handle)
        break
    raise OutputError(f"{path}: the lock file is not a plain file; remove it")


def _try_lock(handle: int) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
