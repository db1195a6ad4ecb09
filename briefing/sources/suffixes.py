"""Which files in a source folder are read: articles by suffix, and the metadata beside them.

Kept apart from the readers so that the up-to-date check (editions/fingerprint.py)
knows which files a build reads without importing them: both walk a folder with
`files_read_in`, so a file the build reads is a file the check hashes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + JSONL_SUFFIXES
SOURCES_MANIFEST = "sources.toml"  # a folder's metadata file (metadata.py)
OUTPUT_MARK = ".briefing-output"  # in every output folder: a source folder's walk never reads one


def files_read_in(folder: Path, skip: Sequence[str | Path] = ()) -> Iterator[tuple[Path, str]]:
    """Each file a build reads under `folder` (article files and sources.toml), in path order, with its
    resolved path: never a hidden name or what is under one, never through a linked folder, never inside
    a resolved path of `skip` or a folder holding OUTPUT_MARK (a briefing's output: this build's or another's).

    os.scandir, not Path.rglob: at 19,000 files pathlib's sorting and resolving take seconds.
    """
    yield from _walk(str(folder), os.path.realpath(folder), tuple(str(folder) for folder in skip))


def _walk(path: str, real: str, skip: tuple[str, ...]) -> Iterator[tuple[Path, str]]:
    if real in skip or any(real.startswith(folder + os.sep) for folder in skip):
        return
    try:
        entries = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError:  # unreadable: the build says so when it reads the folder's files
        return
    if any(entry.name == OUTPUT_MARK for entry in entries):
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, os.path.join(real, entry.name), skip)
        elif is_read(entry.name) and entry.is_file():
            resolved = os.path.realpath(entry.path) if entry.is_symlink() else os.path.join(real, entry.name)
            if not any(resolved.startswith(folder + os.sep) for folder in skip):
                yield Path(entry.path), resolved


def is_read(name: str) -> bool:
    """Whether a build reads a file of this name in a source folder."""
    return is_article(name) or name == SOURCES_MANIFEST


def is_article(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES
