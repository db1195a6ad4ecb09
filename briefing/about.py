"""What the tool says of itself: its version."""

from __future__ import annotations

# The distribution's name on the package index (the import name is `briefing`).
DISTRIBUTION = "briefing"


def version() -> str:
    """The installed version of the tool ("unknown" when run from a bare checkout)."""
    # importlib.metadata (and the email package it loads) is a fifth of what
    # `briefing --help` imports: only --version, fetching and editions need it.
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"
