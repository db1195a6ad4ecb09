"""What the tool says of itself: its version."""

from __future__ import annotations

# The name on the package index ("briefing" there is another project); the import name is `briefing`.
DISTRIBUTION = "cited-briefing"
# The one place the version is written: pyproject.toml reads it from here (`[tool.setuptools.dynamic]`).
__version__ = "0.1.0"


def version() -> str:
    """The tool's version.

    A constant, not the installed distribution's metadata: `importlib.metadata`
    and the email package it loads cost a cold build or an up-to-date check
    tens of milliseconds, and every build records the version (in the
    editions' fingerprint)."""
    return __version__
