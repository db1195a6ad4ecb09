"""Paths to RawDocuments: one reader per format, keyed by file suffix.

Disk is touched here and nowhere else upstream of the writers. A file that
cannot be used is reported through `warn` (which raises under --strict) and
skipped; a path that does not exist, or a run with nothing usable, is an error.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import SourceError
from .models import RawDocument

Warn = Callable[[str], None]
Reader = Callable[[Path, str], RawDocument]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# A file with this share of control bytes in its first block is not text.
_BINARY_SHARE = 0.10
MIN_PAGE_WORDS = 25


def read_sources(paths: Iterable[Path], warn: Warn, max_bytes: int, skip: Iterable[Path] = ()) -> list[RawDocument]:
    """Every article under `paths`, in a stable order; unreadable files warned and skipped."""
    skipped = [p.resolve() for p in skip]
    documents = []
    for path in expand(paths, skipped):
        try:
            documents.append(read_file(path, max_bytes))
        except SourceError as error:
            warn(error.message)
    return documents


def expand(paths: Iterable[Path], skip: list[Path]) -> list[Path]:
    """Files named, and the article files inside folders named (recursively, sorted)."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise SourceError(f"{path}: no such file or folder")
        if path.is_dir():
            found = [p for p in sorted(path.rglob("*")) if _is_article_file(p) and not _inside(p, skip)]
            files.extend(found)
        else:
            files.append(path)
    return list(dict.fromkeys(files))  # a file named twice is read once


def _is_article_file(path: Path) -> bool:
    return (
        path.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES
        and not any(part.startswith(".") for part in path.parts[-1:])
        and path.is_file()
    )


def _inside(path: Path, folders: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(folder) for folder in folders)


def read_file(path: Path, max_bytes: int) -> RawDocument:
    """One article file as a RawDocument; SourceError names the file and the problem."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(f"{path}: too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{path}: cannot read ({error.strerror or error})") from None
    text = decode(data, path)
    if not text.strip():
        raise SourceError(f"{path}: no text in the file")
    return _reader_for(path)(path, text)


def _reader_for(path: Path) -> Reader:
    return read_html if path.suffix.lower() in HTML_SUFFIXES else read_text


def read_text(path: Path, text: str) -> RawDocument:
    """Plain text or Markdown: title, byline and dateline are found by `clean`."""
    return RawDocument(origin=str(path), text=text)


def read_html(path: Path, text: str) -> RawDocument:
    """A saved web page: the article text and its metadata, through trafilatura."""
    import trafilatura

    extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, favor_precision=True)
    # trafilatura falls back to any text it finds (a menu, a footer): a page
    # with less than a short paragraph of it holds no article.
    if extracted is None or len((extracted.text or "").split()) < MIN_PAGE_WORDS:
        raise SourceError(f"{path}: no article text found in the page")
    from .clean import parse_date

    return RawDocument(
        origin=str(path),
        text=extracted.text,
        title=extracted.title or None,
        author=extracted.author or None,
        outlet=extracted.sitename or None,
        published=parse_date(extracted.date) if extracted.date else None,
        url=extracted.url or None,
        has_header=False,
    )


def decode(data: bytes, path: Path) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 by BOM, else detected."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_as(data, encoding, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect(data, path)
    if _looks_binary(text):
        raise SourceError(f"{path}: binary file, not text")
    return text.replace("\x00", "")


def _decode_as(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not valid {encoding.upper()} text") from None


def _detect(data: bytes, path: Path) -> str:
    from charset_normalizer import from_bytes

    if _looks_binary(data[:4096].decode("latin-1")):
        raise SourceError(f"{path}: binary file, not text")
    best = from_bytes(data).best()
    if best is None:
        raise SourceError(f"{path}: unknown text encoding (not UTF-8)")
    return str(best)


def _looks_binary(text: str) -> bool:
    head = text[:4096]
    if not head:
        return False
    control = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f")
    return control / len(head) > _BINARY_SHARE

