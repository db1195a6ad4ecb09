"""Metadata a user adds to article files: front matter, and a folder's `sources.toml`.

Front matter opens a text or Markdown file:

    ---
    title: Kremlin plays down South Ossetia's bid to join Russia
    outlet: RFE/RL
    published: 2022-03-31
    ---

A `sources.toml` describes the files beside it, one table per file name:

    ["003_kremlin.txt"]
    outlet = "RFE/RL"
    author = "Jane Roe"
    published = 2022-03-31
    url = "https://www.example.org/kremlin-story"

Both only fill in what a file's own metadata lacks, front matter first: a
page's `og:` data or a feed's fields stay as they are. For plain text they
come before the byline and dateline that cleaning finds in the text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from briefing.models import RawDocument

MANIFEST = "sources.toml"
FIELDS = ("title", "author", "outlet", "published", "url")
ALIASES = {"date": "published", "link": "url", "site": "outlet", "publisher": "outlet", "authors": "author"}
_FRONT = re.compile(r"\A---[ \t]*\n(?P<block>(?:.*\n){0,40}?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")

Warn = Callable[[str], None]


def front_matter(text: str, origin: str) -> tuple[dict[str, Any], str]:
    """The metadata in `text`'s front matter, and the text after it (all of it when there is none)."""
    normalized = text.lstrip("\ufeff").replace("\r\n", "\n")
    match = _FRONT.match(normalized)
    if not match:
        return {}, text
    lines = [line for line in match["block"].splitlines() if line.strip() and not line.lstrip().startswith("#")]
    # YAML: `key: value` lines, and indented or `- ` continuation lines (lists).
    if not lines or not all(_KEY.match(line) or line[:1] in " \t-" for line in lines):
        return {}, text
    meta: dict[str, Any] = {}
    for line in lines:
        found = _KEY.match(line)
        if found:
            key = ALIASES.get(found["key"].lower(), found["key"].lower())
            value = found["value"].strip().strip("\"'").strip()
            if key in FIELDS and value and key not in meta:
                meta[key] = _date(value) if key == "published" else value
    return {k: v for k, v in meta.items() if v}, normalized[match.end() :]


class Manifests:
    """The `sources.toml` of each folder, read once; problems in it are warned about."""

    def __init__(self, warn: Warn):
        self._warn = warn
        self._folders: dict[Path, dict[str, dict[str, Any]]] = {}

    def apply(self, path: Path, documents: list[RawDocument]) -> list[RawDocument]:
        """`documents` read from `path`, with the fields they lack filled from its manifest entry."""
        entry = self._entries(path.parent).get(path.name)
        if not entry:
            return documents
        return [replace(doc, **{k: v for k, v in entry.items() if getattr(doc, k) is None}) for doc in documents]

    def _entries(self, folder: Path) -> dict[str, dict[str, Any]]:
        folder = folder.resolve()
        if folder not in self._folders:
            self._folders[folder] = self._read(folder / MANIFEST)
        return self._folders[folder]

    def _read(self, manifest: Path) -> dict[str, dict[str, Any]]:
        if not manifest.is_file():
            return {}
        try:
            data = tomllib.loads(manifest.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            self._warn(f"{manifest}: cannot be used ({error}); its metadata is ignored")
            return {}
        entries = {}
        for name, table in data.items():
            if not isinstance(table, dict):
                self._warn(f"{manifest}: '{name}' must be a table of metadata, like [\"{name}\"]")
                continue
            if not (manifest.parent / name).is_file():
                self._warn(f"{manifest}: '{name}' names no file beside it")
            entries[name] = self._entry(manifest, name, table)
        return entries

    def _entry(self, manifest: Path, name: str, table: dict[str, Any]) -> dict[str, Any]:
        entry = {}
        for key, value in table.items():
            field = ALIASES.get(key, key)
            if field not in FIELDS:
                self._warn(f"{manifest}: unknown key '{name}.{key}' (known: {', '.join(FIELDS)})")
            elif field == "published" and _date(value) is None:
                self._warn(f"{manifest}: '{name}.{key}' must be a date like 2022-04-01, not {value!r}")
            elif field != "published" and not (isinstance(value, str) and value.strip()):
                self._warn(f"{manifest}: '{name}.{key}' must be a string, not {value!r}")
            else:
                entry[field] = _date(value) if field == "published" else " ".join(value.split())
        return entry


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        from briefing.text.clean import parse_date

        return parse_date(value)
    return None

