"""Sources to RawDocuments: one reader per format, keyed by file suffix.

A source is a file, a folder (read recursively) or an http(s) URL:

- `.txt .md`: plain text; `clean` finds title, byline and dateline. Front
  matter (`---` / `key: value` lines / `---`) or a `sources.toml` beside the
  file adds metadata (see `manifest.py`).
- `.html .htm .xhtml`: saved web pages, through `pages.extract`.
- `.xml .rss .atom`: RSS and Atom feeds, one article per entry (`feeds.py`).
- `.jsonl .ndjson`: exports, one article per line (`text` or `html`, and
  optional `title`, `url`, `outlet`, `author`, `published`).
- URLs: fetched (`fetch.py`), then read as the page, feed or text they are.

Disk and network are touched here and nowhere else upstream of the writers.
A source that cannot be used is reported through `warn` (which raises under
--strict) and skipped; a path that does not exist, or a run with nothing
usable, is an error. Sources are written by anyone: whatever a reader raises
on one file, URL, feed entry or JSONL line (not only the errors foreseen) is
one warning naming it, and every document read is made safe (`text.safe`)
before anything else sees it.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from briefing.errors import BriefingError, SourceError
from briefing.models import RawDocument
from briefing.report import Step
from briefing.sources import feeds, pages
from briefing.sources.fetch import Fetcher, Page
from briefing.sources.metadata import Manifests, front_matter
from briefing.sources.suffixes import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    files_read_in,
    is_article,
)
from briefing.text.dates import JSONL, parse_date
from briefing.text.safe import describe, safe_line, safe_text
from briefing.urls import is_url, without_password

Warn = Callable[[str], None]
Source = Path | str  # a path, or a URL as the user wrote it

JSONL_FIELDS = ("title", "url", "outlet", "author", "published")
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines")
# A file with this share of control bytes in its first block is not text.
_BINARY_SHARE = 0.10
MIN_PAGE_WORDS = pages.MIN_PAGE_WORDS


@dataclass(frozen=True)
class Intake:
    """What readers need besides the bytes: limits, the fetcher, --since, and where to report."""

    warn: Warn
    note: Warn
    max_bytes: int
    fetcher: Fetcher
    since: date | None = None


Reader = Callable[[str, bytes, Intake], list[RawDocument]]


def read_sources(
    paths: Iterable[Source],
    warn: Warn,
    max_bytes: int,
    skip: Iterable[Path] = (),
    *,
    fetcher: Fetcher | None = None,
    since: date | None = None,
    note: Warn | None = None,
    step: Step | None = None,
) -> list[RawDocument]:
    """Every article in `paths` (files, folders, URLs), in a stable order; unusable ones warned and skipped.

    `fetcher` fetches URLs (default: no cache); feed entries published before
    `since` are left out before their pages are fetched, and reported by `note`.
    `step` is told how many sources there are and when each is read.
    """
    intake = Intake(warn, note or (lambda message: None), max_bytes, fetcher or Fetcher(max_bytes=max_bytes), since)
    manifests = Manifests(warn)
    documents: list[RawDocument] = []
    sources = expand(paths, [str(p.resolve()) for p in skip])
    if step:
        step.expect(len(sources))
    for source in sources:
        if step:
            step.advance(str(source))
        try:
            if isinstance(source, str):  # `expand` leaves only URLs as text, every path a Path
                found = read_url(source, intake)
            else:
                found = manifests.apply(source, read_path(source, intake))
            documents.extend(made_safe(document) for document in found)
        except SourceError as error:
            warn(error.message)
        except BriefingError:  # --strict turned a warning into the end of the run
            raise
        except Exception as error:
            warn(f"{_shown(source)}: cannot read ({describe(error)}); skipped")
    return documents


def made_safe(document: RawDocument) -> RawDocument:
    """`document` with its text and every metadata value made safe, and no password in its URLs."""
    return replace(
        document,
        origin=safe_line(without_password(document.origin)) or "?",
        text=safe_text(document.text),
        title=safe_line(document.title),
        author=safe_line(document.author),
        outlet=safe_line(document.outlet),
        url=safe_line(without_password(document.url)) if document.url else None,
        claimed_url=safe_line(without_password(document.claimed_url)) if document.claimed_url else None,
    )


def _shown(source: Source) -> str:
    return safe_line(without_password(source) if isinstance(source, str) else str(source)) or "?"


def expand(paths: Iterable[Source], skip: Sequence[str | Path] = ()) -> list[Source]:
    """URLs and files named, and the article files inside folders named (recursively, sorted; see
    `suffixes.files_read_in`: not inside the resolved folders `skip`, nor any briefing's output folder)."""
    found: list[Source] = []
    for path in paths:
        if is_url(path):
            found.append(path)
            continue
        path = Path(path)
        if not path.exists():
            raise SourceError(f"{path}: no such file or folder")
        if path.is_dir():
            found.extend(file for file, _ in files_read_in(path, skip) if is_article(file.name))
        else:
            found.append(path)
    return list(dict.fromkeys(found))  # a source named twice is read once


def read_path(path: Path, intake: Intake) -> list[RawDocument]:
    """The articles of one file, by its suffix (by its content when the suffix says nothing)."""
    try:
        size = path.stat().st_size
        if size > intake.max_bytes:
            raise SourceError(f"{path}: too large ({size:,} bytes; the limit is {intake.max_bytes:,})")
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{path}: cannot read ({error.strerror or error})") from None
    return reader_for(path.suffix.lower(), data)(str(path), data, intake)


def reader_for(suffix: str, data: bytes) -> Reader:
    """The reader of a file suffix; an unknown suffix is sniffed: feed, page, else text."""
    if suffix in READERS:
        return READERS[suffix]
    head = data[:2048].decode("utf-8", "replace")
    if feeds.is_feed(data):
        return read_feed
    return read_html if pages.looks_like_page(head) else read_text


def read_text(origin: str, data: bytes, intake: Intake | None = None, charset: str | None = None) -> list[RawDocument]:
    """Plain text or Markdown (in the `charset` a server declared, if any):
    title, byline and dateline are found by `clean`."""
    text = _text_of(origin, data, charset)
    meta, body = front_matter(text, origin)
    if not body.strip():
        raise SourceError(f"{origin}: no text in the file")
    return [RawDocument(origin=origin, text=body, **meta)]


def read_html(origin: str, data: bytes, intake: Intake | None = None, url: str | None = None, charset: str | None = None) -> list[RawDocument]:
    """A web page: its article text and metadata (see `pages.extract`).

    For a fetched page (`url`: where it was fetched from) that address is the
    page's URL; the address the page gives itself is kept as its claim.
    """
    page = pages.extract(_text_of(origin, data, charset), origin, url)
    claimed = page.url if url and page.url and _differ(page.url, url) else None
    return [
        RawDocument(
            origin=origin,
            text=page.text,
            title=page.title,
            author=page.author,
            outlet=page.outlet,
            published=page.published,
            date_source=page.date_source,
            url=url or page.url,
            claimed_url=claimed,
            has_header=False,
        )
    ]


def _differ(claimed: str, fetched: str) -> bool:
    """Whether two addresses name different pages (scheme, `www.` and a final slash aside)."""

    def key(address: str) -> str:
        parts = urlsplit(address)
        return f"{(parts.hostname or '').removeprefix('www.')}{parts.path.rstrip('/')}?{parts.query}"

    try:
        return key(claimed) != key(fetched)
    except ValueError:
        return True


def read_feed(origin: str, data: bytes, intake: Intake) -> list[RawDocument]:
    """An RSS or Atom feed: one article per entry, summary-only entries from their pages."""

    def read_page(link: str, page: Page) -> RawDocument:
        return _read_page(link, page)[0]

    def fetch_link(link: str) -> Page:
        # A link the feed gave: to a private address only on the site of the feed's own URL.
        return intake.fetcher.fetch(link, found_in=origin if is_url(origin) else "")

    return feeds.read_feed(data, origin, fetch_link, read_page, intake.warn, intake.note, intake.since)


def read_jsonl(origin: str, data: bytes, intake: Intake) -> list[RawDocument]:
    """A JSON lines export: one article per line; a bad line is warned about and skipped."""
    documents, lines = [], 0
    for number, line in enumerate(_text_of(origin, data).splitlines(), 1):
        if line.strip():
            lines += 1
            try:
                documents.append(_record(f"{origin}:{number}", line, intake.warn))
            except SourceError as error:
                intake.warn(error.message)
            except BriefingError:
                raise
            except Exception as error:
                intake.warn(f"{origin}:{number}: line skipped ({describe(error)})")
    if not lines:
        raise SourceError(f"{origin}: no text in the file")
    return documents


def _record(where: str, line: str, warn: Warn) -> RawDocument:
    try:
        record = json.loads(line)
    except ValueError as error:
        raise SourceError(f"{where}: not valid JSON ({error})") from None
    if not isinstance(record, dict):
        raise SourceError(f"{where}: not a JSON object")
    meta: dict[str, Any] = {}  # strings as read, then `published` a date
    for field in JSONL_FIELDS:
        value = record.get(field)
        if isinstance(value, list) and field == "author" and all(isinstance(v, str) for v in value):
            value = "; ".join(value)
        if value is not None and not isinstance(value, str):
            raise SourceError(f"{where}: '{field}' must be a string, not {value!r}")
        meta[field] = safe_line(value) if value else None
    if meta["published"]:
        day = parse_date(meta["published"])
        if day is None:
            warn(f"{where}: 'published' is not a date ({meta['published']!r}); ignored")
        meta["published"] = day
    meta["date_source"] = JSONL if meta["published"] else None
    text, html = record.get("text"), record.get("html")
    text, html = (safe_text(v) if isinstance(v, str) else v for v in (text, html))
    if isinstance(text, str) and text.strip():
        return RawDocument(origin=where, text=text, **meta)
    if isinstance(html, str) and html.strip():
        if pages.looks_like_page(html):
            page = pages.extract(html, where, meta["url"])
            found = {k: getattr(page, k) for k in (*JSONL_FIELDS, "date_source")}
            merged = {k: meta[k] or found[k] for k in JSONL_FIELDS}
            merged["date_source"] = meta["date_source"] or found["date_source"]
            return RawDocument(origin=where, text=page.text, has_header=False, **merged)
        return RawDocument(origin=where, text=pages.fragment_text(html), has_header=False, **meta)
    raise SourceError(f"{where}: no 'text' or 'html' in the record")


def read_url(url: str, intake: Intake) -> list[RawDocument]:
    """A web address: fetched (or read from the cache), then read as a page, a feed or text."""
    page = intake.fetcher.fetch(url)
    if feeds.is_feed(page.data, page.content_type):
        if page.from_cache:
            page = _revalidated(url, page, intake)
        return read_feed(without_password(url), page.data, intake)
    if page.content_type in JSONL_TYPES or urlsplit(page.final_url).path.lower().endswith(JSONL_SUFFIXES):
        return read_jsonl(without_password(url), page.data, intake)
    return _read_page(without_password(url), page)


def _read_page(url: str, page: Page) -> list[RawDocument]:
    """A fetched page or text; a feed's entry linking to another feed is not read."""
    head = page.data[:2048].decode("utf-8", "replace")
    if feeds.is_feed(page.data, page.content_type):
        raise SourceError(f"{url}: a feed, where a page was expected")
    if page.content_type in ("text/html", "application/xhtml+xml") or pages.looks_like_page(head):
        return read_html(url, page.data, url=page.final_url, charset=page.charset)
    if page.content_type.startswith("text/"):
        return [replace(doc, url=page.final_url) for doc in read_text(url, page.data, charset=page.charset)]
    raise SourceError(f"{url}: not a web page, feed or text ({page.content_type})")


def _revalidated(url: str, cached: Page, intake: Intake) -> Page:
    """A cached feed asked for again: feeds change between scheduled builds."""
    try:
        return intake.fetcher.fetch(url, revalidate=True)
    except SourceError as error:
        intake.warn(f"{error.message}; using the copy fetched {cached.fetched_at:%Y-%m-%d %H:%M} UTC")
        return cached


def _text_of(origin: str, data: bytes, charset: str | None = None) -> str:
    text = decode(data, origin, charset)
    if not text.strip():
        raise SourceError(f"{origin}: no text in the file")
    return text


def decode(data: bytes, path: Path | str, charset: str | None = None) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 by BOM, the declared `charset`, else detected."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_as(data, encoding, path)
    text: str | None = None
    for candidate in (charset, _utf16_without_bom(data), "utf-8"):  # None: no such encoding to try
        try:
            text = data.decode(candidate) if candidate else None
        except (UnicodeDecodeError, LookupError):
            continue
        if text is not None:
            break
    if text is None:
        text = _detect(data, path)
    if _looks_binary(text):
        raise SourceError(f"{path}: binary file, not text")
    return text.replace("\x00", "")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM, told by its NUL bytes: mostly Latin or Cyrillic text
    puts a NUL (or a small high byte) in every other byte, on one side only."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode_as(data: bytes, encoding: str, path: Path | str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not valid {encoding.upper()} text") from None


def _detect(data: bytes, path: Path | str) -> str:
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


READERS: dict[str, Reader] = {
    **dict.fromkeys(TEXT_SUFFIXES, read_text),
    **dict.fromkeys(HTML_SUFFIXES, read_html),
    **dict.fromkeys(FEED_SUFFIXES, read_feed),
    **dict.fromkeys(JSONL_SUFFIXES, read_jsonl),
}
