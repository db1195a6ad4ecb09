"""What the tool says of itself: its version."""

from __future__ import annotations

from importlib import metadata

# The name on the package index ("briefing" there is another project); the import name is `briefing`.
DISTRIBUTION = "cited-briefing"


def version() -> str:
    """The installed version of the tool ("unknown" when run from a bare checkout)."""
    # importlib.metadata (and the email package it loads) is a fifth of what
    # `briefing --help` imports: only --version, fetching and editions need it.

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"
