"""The ground floor of disk work: atomic writes, sets of files swapped in together, content hashes.

Every stage that writes (the page cache, the article cache, the outputs, the
editions) goes through here, so that a reader or a web server sees the old
file or the new one, never half of one, and an interrupted run leaves no
temporary file behind.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


def write_atomic(target: Path, data: bytes) -> None:
    """Write one file so that readers see the old or the new content, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with swapped_in() as temporary_for:
        write_synced(temporary_for(target), data)


@contextmanager
def swapped_in() -> Iterator[Callable[[Path], Path]]:
    """Hands out a temporary file beside each target; when the block ends
    well, every temporary is renamed over its target, and when it fails (or
    is interrupted) every temporary is removed and the targets stay as they were."""
    staged: dict[Path, Path] = {}

    def temporary_for(target: Path) -> Path:
        staged[target] = _temporary(target)
        return staged[target]

    try:
        yield temporary_for
        for target, temporary in staged.items():
            os.replace(temporary, target)
        staged.clear()
    finally:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)


def write_synced(path: Path, data: bytes) -> None:
    """Write `data` to `path` and flush it to disk before returning."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def fsync_file(path: Path) -> None:
    """Flush a file someone else wrote (a copy) to disk."""
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def umask() -> int:
    """The process's file-creation mask (reading it means setting it back)."""
    current = os.umask(0)
    os.umask(current)
    return current


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes; "unreadable" when it cannot be read (the build reports that itself)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    except OSError:
        return "unreadable"  # a later fix of the file changes the hash
    return digest.hexdigest()


def tree_hash(files: Iterable[Path]) -> str:
    """One hash of several files' names and contents, in the order given."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.name}\0{file_hash(path)}\0".encode())
    return digest.hexdigest()


def _temporary(target: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    # mkstemp makes the file private (0600); outputs are for readers and web servers.
    os.chmod(name, 0o666 & ~umask())
    return Path(name)
