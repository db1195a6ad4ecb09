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
from collections.abc import Mapping, Sequence
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
    from . import render

    env = render.template_env(config.templates)
    targets = output_paths(config.out if out is None else out, config.formats)
    staged: dict[Path, Path] = {}
    try:
        with report.stage("render"):
            html = render.to_html(briefing, env) if {"html", "pdf"} & set(config.formats) else ""
            texts = {
                "html": lambda: html,
                "md": lambda: render.to_markdown(briefing, env),
                "json": lambda: render.to_json(briefing),
            }
            for fmt in config.formats:
                if fmt in texts:
                    staged[targets[fmt]] = _stage_bytes(targets[fmt], texts[fmt]().encode("utf-8"))
        if "pdf" in config.formats:
            with report.stage("pdf"):
                staged[targets["pdf"]] = _stage_pdf(targets["pdf"], html, config)
        for target, temporary in staged.items():
            os.replace(temporary, target)
        staged.clear()
    finally:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
    return list(targets.values())


def publish(files: Mapping[str, Path], out: Path) -> list[Path]:
    """Copy rendered files (by format) to `out/briefing.<format>`, all replaced together."""
    targets = output_paths(out, list(files))
    staged: dict[Path, Path] = {}
    try:
        for fmt, source in files.items():
            temporary = _temporary(targets[fmt])
            staged[targets[fmt]] = temporary
            shutil.copyfile(source, temporary)
            _fsync(temporary)
        for target, temporary in staged.items():
            os.replace(temporary, target)
        staged.clear()
    finally:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
    return list(targets.values())


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _stage_pdf(target: Path, html: str, config: Config) -> Path:
    from . import pdf, render

    temporary = _temporary(target)
    pdf.write_pdf(html, temporary, render.assets_dir(config.templates))
    return temporary


def _stage_bytes(target: Path, data: bytes) -> Path:
    temporary = _temporary(target)
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _temporary(target: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    # mkstemp makes the file private (0600); outputs are for readers and web servers.
    os.chmod(name, 0o666 & ~_umask())
    return Path(name)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(target: Path, data: bytes) -> None:
    """Write one file so that readers see the old or the new content, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(_stage_bytes(target, data), target)
