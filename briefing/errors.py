"""Errors a user can act on. The CLI prints `message` as one line and exits 1."""

from __future__ import annotations

import importlib

from briefing.about import DISTRIBUTION


class BriefingError(Exception):
    """Base of every error meant for the user; `message` is one line."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = " ".join(message.split())


class ConfigError(BriefingError):
    """A config file or option that is wrong: names the key or file."""


class SourceError(BriefingError):
    """An input that cannot be read or holds no article."""


class TemplateError(BriefingError):
    """A template directory or template that cannot be used."""


class OutputError(BriefingError):
    """An output directory that cannot be written."""


class StrictError(BriefingError):
    """A warning turned into a failure by --strict."""


class MissingExtraError(BriefingError):
    """An optional part of briefing that is not installed: names the extra that brings it."""


def require_extra(module: str, extra: str, feature: str) -> None:
    """Import `module` (an optional dependency), or raise MissingExtraError that
    says which extra of the distribution to install for `feature`."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"{feature} needs the optional part '{extra}': pip install '{DISTRIBUTION}[{extra}]'"
        ) from None
