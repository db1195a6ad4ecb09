"""What the tool says of itself: its version."""

from __future__ import annotations

from importlib import metadata

# The name on the package index ("briefing" there is another project); the import name is `briefing`.
DISTRIBUTION = "cited-briefing"


def version() -> str:
    """The installed version of the tool ("unknown" when run from a bare checkout)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"
