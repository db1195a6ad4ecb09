"""Publishing: an edition's files become `out/briefing.*`, all replaced together."""

from __future__ import annotations

from pathlib import Path

from briefing.editions.store import Edition
from briefing.files import file_hash
from briefing.output.writer import output_paths, publish


def publish_edition(edition: Edition, out: Path) -> None:
    """Make `edition` the latest briefing in `out`."""
    publish(edition.outputs(), out)


def restore_outputs(edition: Edition, out: Path) -> bool:
    """Publish `edition` again when the plain outputs are missing or not its files."""
    outputs = edition.outputs()
    targets = output_paths(out, list(outputs))
    if all(targets[fmt].is_file() and file_hash(targets[fmt]) == edition.manifest["outputs"][fmt]["sha256"] for fmt in outputs):
        return False
    publish_edition(edition, out)
    return True
