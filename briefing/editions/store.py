"""The edition store: `out/editions/<UTC time>/`, each folder the outputs of one build and its manifest.

An edition folder appears whole: it is rendered in a staging folder, which is
renamed into place once every output and the manifest are written. Editions
sort by name; a name that would not sort after the latest one is suffixed.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger("briefing")

EDITIONS_DIR = "editions"
MANIFEST = "manifest.json"
STAMP_FORMAT = "%Y-%m-%dT%H%M%SZ"
_EDITION_NAME = re.compile(r"^(\d{4}-\d\d-\d\dT\d{6}Z)(?:\.(\d+))?$")


@dataclass(frozen=True)
class Edition:
    """One edition folder and its manifest."""

    path: Path
    manifest: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.manifest["created"])

    def outputs(self) -> dict[str, Path]:
        """The edition's files, by format."""
        return {fmt: self.path / entry["file"] for fmt, entry in self.manifest["outputs"].items()}


def editions(out: Path) -> list[Edition]:
    """Every complete edition in `out`, oldest first."""
    folder = out / EDITIONS_DIR
    if not folder.is_dir():
        return []
    found = []
    for path in sorted((p for p in folder.iterdir() if _EDITION_NAME.match(p.name)), key=_order):
        try:
            found.append(Edition(path, json.loads((path / MANIFEST).read_text("utf-8"))))
        except (OSError, ValueError):
            log.warning("%s: no readable manifest, ignored", path)
    return found


def latest_edition(out: Path) -> Edition | None:
    """The newest complete edition, if any."""
    found = editions(out)
    return found[-1] if found else None


def find_edition(out: Path, name: str | None) -> Edition | None:
    path = out / EDITIONS_DIR / name if name else None
    if path is None or not (path / MANIFEST).is_file():
        return None
    try:
        return Edition(path, json.loads((path / MANIFEST).read_text("utf-8")))
    except (OSError, ValueError):
        return None


def prune(out: Path, keep: int) -> list[Path]:
    """Delete all but the `keep` newest editions (`keep` 0: delete none)."""
    if keep <= 0:
        return []
    doomed = [edition.path for edition in editions(out)[:-keep]]
    for path in doomed:
        shutil.rmtree(path, ignore_errors=True)
    return doomed


def _order(path: Path) -> tuple[str, int]:
    match = _EDITION_NAME.match(path.name)
    return (match.group(1), int(match.group(2) or 0)) if match else (path.name, 0)


def edition_name(folder: Path, now: datetime) -> str:
    """The UTC time of the build; suffixed when that would not sort after every edition."""
    name = now.astimezone(UTC).strftime(STAMP_FORMAT)
    taken = sorted((p for p in folder.iterdir() if _EDITION_NAME.match(p.name)), key=_order)
    if taken and _order(folder / name) <= _order(taken[-1]):
        base, number = _order(taken[-1])
        name = f"{base}.{number + 1}"
    return name


def manifest_bytes(data: dict) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
