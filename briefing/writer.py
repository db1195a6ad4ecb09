"""Writing the outputs: every format rendered first, then all swapped in at once.

Each file is written to a temporary name in the output folder and renamed
over the old one only when every format has rendered, so a failure (or an
interrupt) leaves the previous briefing whole and no temporary files behind.
`publish` does the same with files already rendered (an edition's) copied in.

This module imports nothing heavy at load time: the up-to-date check of a
scheduled build goes through it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .errors import OutputError
from .models import Briefing

if TYPE_CHECKING:
    from .pipeline import Report


def build_and_write(config: Config, now: datetime | None = None, report: Report | None = None) -> list[Path]:
    """Build the briefing of `config` and write its formats to `config.out` (no edition)."""
    from .pipeline import Report, build

    check_output_dir(config.out)
    report = report or Report(strict=config.strict)
    briefing = build(config, report, now)
    return write_briefing(briefing, config, report)


def output_paths(out: Path, formats: Sequence[str]) -> dict[str, Path]:
    """Where each format is written: `out/briefing.<format>`."""
    return {fmt: out / f"briefing.{fmt}" for fmt in formats}


def check_output_dir(out: Path) -> None:
    """Fail before any work when `out` cannot be created or written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out}: cannot create the output folder ({error.strerror or error})") from None
    if not out.is_dir() or not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"{out}: output folder is not writable")


def write_briefing(briefing: Briefing, config: Config, report: Report, out: Path | None = None) -> list[Path]:
    """Render each requested format into `out` (default `config.out`), then replace the old outputs together."""
    from . import pdf, render

    env = render.template_env(config.templates)
    targets = output_paths(config.out if out is None else out, config.formats)
    renderers = {
        "html": lambda: render.to_html(briefing, env),
        "md": lambda: render.to_markdown(briefing, env),
        "json": lambda: render.to_json(briefing),
    }
    with report.stage("render"):
        texts = {fmt: renderers[fmt]() for fmt in renderers if fmt in config.formats}
        html = texts.get("html") or (render.to_html(briefing, env) if "pdf" in config.formats else "")
    with swapped_in() as temporary_for:
        for fmt, text in texts.items():
            _write(temporary_for(targets[fmt]), text.encode("utf-8"))
        if "pdf" in config.formats:
            with report.stage("pdf"):
                pdf.write_pdf(html, temporary_for(targets["pdf"]), render.assets_dir(config.templates))
    return list(targets.values())


def publish(files: Mapping[str, Path], out: Path) -> list[Path]:
    """Copy rendered files (by format) to `out/briefing.<format>`, all replaced together."""
    targets = output_paths(out, list(files))
    with swapped_in() as temporary_for:
        for fmt, source in files.items():
            temporary = temporary_for(targets[fmt])
            shutil.copyfile(source, temporary)
            _fsync(temporary)
    return list(targets.values())


def write_atomic(target: Path, data: bytes) -> None:
    """Write one file so that readers see the old or the new content, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with swapped_in() as temporary_for:
        _write(temporary_for(target), data)


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


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _temporary(target: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    # mkstemp makes the file private (0600); outputs are for readers and web servers.
    os.chmod(name, 0o666 & ~umask())
    return Path(name)


def umask() -> int:
    """The process's file-creation mask (reading it means setting it back)."""
    current = os.umask(0)
    os.umask(current)
    return current
