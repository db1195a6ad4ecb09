"""`briefing init`: a commented `briefing.toml` for a folder of articles.

Every option is written commented out with its default and help, as declared
in config.py (so a key added there appears here too), and the topics
discovered in the articles become the starting `[[sections]]` profile: a
title, the terms that name it and, as a description, the opening words of its
first passage, in the articles' own vocabulary, ready to edit.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefing.config import DEFAULT_CONFIG_NAME, TABLES, Config, describe, key_of, options_in
from briefing.errors import ConfigError
from briefing.models import Section
from briefing.pipeline import segment_sources
from briefing.report import Report

DESCRIPTION_WORDS = 40  # enough words to match on, short enough to read and rewrite

_HEADER = """\
# briefing.toml for the articles in this folder, written by `briefing init`.
# Every key is optional; a commented line shows the default. Paths are relative
# to this file. Build with:  briefing build {folder}
# Editors that read JSON Schema can check this file against
# briefing/schemas/briefing.toml.schema.json.
"""

_SECTIONS_NOTE = """\
# The profile: the sections of the briefing, in reading order. These were
# discovered in the articles; rename them, merge them, write descriptions in the
# words articles use about each subject, and check with `briefing sections {folder}`.
# Remove every [[sections]] table to let each build discover topics afresh.
"""


def write_starter_config(folder: Path, *, force: bool = False, topics: int = 0, report: Report | None = None) -> Path:
    """Write `folder/briefing.toml` for the articles in `folder`; refuse to overwrite unless `force`."""
    target = folder / DEFAULT_CONFIG_NAME
    if not folder.is_dir():
        raise ConfigError(f"{folder}: not a folder")
    if target.exists() and not force:
        raise ConfigError(f"{target} exists; use --force to replace it")
    sections = segment_sources(Config(sources=(folder,), discover=topics, out=folder / "out"), report)
    target.write_text(starter_text(sections, folder.name or str(folder)), "utf-8")
    return target


def starter_text(sections: Sequence[Section], folder: str) -> str:
    """The text of a starter config: every option commented, then the discovered sections."""
    parts = [_HEADER.format(folder=folder), 'sources = ["."]\n']
    defaults = Config()
    for table in TABLES:
        names = [n for n in options_in(table) if n not in ("sources", "sections")]
        if table:
            parts.append(f"\n[{table}]\n")
        parts += [f"# {key_of(name)} = {_toml(getattr(defaults, name))}  # {describe(name)}\n" for name in names]
    parts.append("\n" + _SECTIONS_NOTE.format(folder=folder))
    for section in sections:
        parts.append(_section_text(section))
    return "".join(parts)


def _section_text(section: Section) -> str:
    terms = [t.strip().lower() for t in section.title.split(",") if t.strip()]
    opening = " ".join(section.passages[0].text.split()[:DESCRIPTION_WORDS]) if section.passages else ""
    return (
        f"\n[[sections]]\ntitle = {_toml(section.title)}\n"
        f"description = {_toml(opening)}\n"
        f"terms = {_toml(terms)}\n"
        f"# {len(section.passages)} passages\n"
    )


def _toml(value: Any) -> str:
    """A value written as TOML (JSON's string escapes are TOML's)."""
    if value is None:  # no default: a placeholder to fill in
        return '"..."'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)
