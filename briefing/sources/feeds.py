"""RSS and Atom feeds: each entry becomes an article (feedparser).

An entry that carries the article (`content:encoded`, Atom `content`, or a
long `description`) is read from the feed; a summary-only entry is read from
the page it links to. Entries published before `since` are left out before
any page is fetched. The feed's title is the outlet, unless the linked page
names its site.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

from briefing.errors import SourceError
from briefing.models import RawDocument
from briefing.sources.pages import fragment_text
from briefing.text.dates import FEED
from briefing.text.safe import describe, safe_line, safe_text
from briefing.text.tokens import word_count
from briefing.urls import web_url

# A feed body this long is the article, not a teaser; a shorter one is used
# only when the entry links to no page (a teaser is never passed off as the
# article when its page cannot be read).
FULL_CONTENT_WORDS = 150
MIN_ENTRY_WORDS = 25
PAGE_WORKERS = 4  # linked pages fetched at once
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
# Character references to what no text may hold (NUL, surrogates, past U+10FFFF):
# feedparser's loose parser fails the whole feed on them.
_CHARREF = re.compile(rb"&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));")

Warn = Callable[[str], None]
Response = TypeVar("Response")  # whatever `fetch` gives and `read_page` reads
Fetch = Callable[[str], Response]  # a URL's response; network only, so it may run in threads
PageReader = Callable[[str, Response], RawDocument]  # a fetched response read as an article


@dataclass(frozen=True)
class Entry:
    """One feed entry as the feed describes it."""

    title: str | None
    link: str | None
    author: str | None
    published: date | None
    body: str  # the longest text the feed carries for it (content or description)


def is_feed(data: bytes, content_type: str = "") -> bool:
    """Whether `data` is an RSS or Atom document (by content type or by its root element)."""
    return content_type in FEED_TYPES or bool(_FEED_ROOT.search(data[:2048]))


def parse(data: bytes, origin: str, warn: Warn | None = None) -> tuple[str | None, list[Entry]]:
    """The feed's title and its entries; SourceError when `data` is no feed.

    An entry that cannot be read (whatever the reason) is reported to `warn`
    and left out; the others are kept.
    """
    import feedparser

    # A stream, never a string: given a string, feedparser fetches URLs and opens files.
    parsed = feedparser.parse(io.BytesIO(_CHARREF.sub(_no_bad_charref, without_dtd(data))))
    if not parsed.get("version") and not parsed.entries:
        raise SourceError(f"{origin}: not an RSS or Atom feed")
    entries = []
    for number, entry in enumerate(parsed.entries, 1):
        try:
            entries.append(_entry(entry))
        except Exception as error:
            (warn or _ignore)(f"{origin}#{number}: entry skipped ({describe(error)})")
    return _clean(parsed.feed.get("title")), entries


def without_dtd(data: bytes) -> bytes:
    """`data` without its document type declaration, entity declarations included.

    No parser, strict or loose, ever sees an entity declaration, so none can
    be expanded: a few kilobytes of nested or repeated entities would
    otherwise become gigabytes (feedparser's loose parser expands "safe"
    ones itself). Feeds use no DTD; HTML's named entities are known anyway.
    Every declaration is removed, wherever it is: one hidden behind a comment
    holding a tag would otherwise escape a search of the prolog.
    """
    parts, at = [], 0
    for found in _DOCTYPE.finditer(data):
        if found.start() >= at:  # not inside the declaration just removed
            parts.append(data[at : found.start()])
            at = _dtd_end(data, found.start())
    return b"".join(parts) + data[at:] if parts else data


def _no_bad_charref(match: re.Match) -> bytes:
    """A character reference, or nothing when it names no character text may hold."""
    digits = (match[1] or match[2]).lstrip(b"0")
    if len(digits) > 8:  # past any code point, however many zeros lead
        return b""
    point = int(match[1], 10) if match[1] else int(match[2], 16)
    return b"" if point == 0 or 0xD800 <= point <= 0xDFFF or point > 0x10FFFF else match[0]


def _dtd_end(data: bytes, start: int) -> int:
    """Where the declaration starting at `start` ends: its `>` outside quotes and the `[...]` subset."""
    depth, quote = 0, None
    for at in range(start + 2, len(data)):
        byte = data[at : at + 1]
        if quote:
            quote = None if byte == quote else quote
        elif byte in (b'"', b"'"):
            quote = byte
        elif byte == b"[":
            depth += 1
        elif byte == b"]":
            depth = max(depth - 1, 0)
        elif byte == b">" and depth == 0:
            return at + 1
    return len(data)


def _entry(entry) -> Entry:
    return Entry(
        title=_clean(entry.get("title")),
        link=_web_link(entry.get("link")),
        author=_clean(entry.get("author")),
        published=_date(entry),
        body=max((fragment_text(text) for text in _bodies(entry)), key=word_count, default=""),
    )


def read_feed(
    data: bytes, origin: str, fetch: Fetch[Response], read_page: PageReader[Response], warn: Warn, note: Warn, since: date | None = None
) -> list[RawDocument]:
    """One RawDocument per entry of the feed in `data`, in feed order.

    A summary-only entry's linked page is fetched with `fetch(url)` (a few at
    a time) and read with `read_page(url, response)`; an entry that cannot be
    read is warned about and skipped, the rest are kept.
    """
    outlet, entries = parse(data, origin, warn)
    if not entries:
        warn(f"{origin}: the feed has no entries")
    wanted = []
    for number, entry in enumerate(entries, 1):
        name = entry.link or f"{origin}#{number}"
        if since and entry.published and entry.published < since:
            note(f"{name}: published {entry.published}, before --since {since}; left out")
        else:
            wanted.append((number, entry))
    to_fetch = [entry.link for _, entry in wanted if entry.link and _needs_page(entry)]  # a page needs a link
    pages = dict(zip(to_fetch, _read_all(to_fetch, fetch, read_page), strict=True))
    documents = []
    for number, entry in wanted:
        try:
            page = pages.get(entry.link) if entry.link else None
            documents.append(_document(entry, number, origin, outlet, page))
        except SourceError as error:
            warn(error.message)
        except Exception as error:
            warn(f"{entry.link or f'{origin}#{number}'}: entry skipped ({describe(error)})")
    return documents


def _document(entry: Entry, number: int, origin: str, outlet: str | None, page) -> RawDocument:
    """The entry as an article: from its page when it was fetched and read, else from the feed."""
    name = entry.link or f"{origin}#{number}"
    from_feed = RawDocument(
        origin=name,
        text=entry.body,
        title=entry.title,
        author=entry.author,
        outlet=outlet,
        published=entry.published,
        date_source=FEED if entry.published else None,
        url=entry.link,
        has_header=False,
    )
    if isinstance(page, RawDocument):
        return replace(
            page,
            origin=name,
            title=entry.title or page.title,
            author=entry.author or page.author,
            outlet=page.outlet or outlet,
            published=entry.published or page.published,
            date_source=FEED if entry.published else page.date_source,
            url=page.url or entry.link,  # where the page was fetched from
        )
    if word_count(entry.body) >= MIN_ENTRY_WORDS and (page is None or word_count(entry.body) >= FULL_CONTENT_WORDS):
        return from_feed
    if isinstance(page, SourceError):
        raise SourceError(f"{page.message} (entry of {origin}, which carries only a summary); skipped")
    raise SourceError(f"{name}: the feed entry has no article text and no link; skipped")


def _needs_page(entry: Entry) -> bool:
    return bool(entry.link) and word_count(entry.body) < FULL_CONTENT_WORDS


def _read_all(
    links: list[str], fetch: Fetch[Response], read_page: PageReader[Response]
) -> list[RawDocument | SourceError]:
    """Each linked page, or the error that stopped it: fetched a few at a time, read one by one."""

    def attempt(link: str) -> Response | SourceError:
        try:
            return fetch(link)
        except SourceError as error:
            return error
        except Exception as error:
            return SourceError(f"{link}: cannot fetch ({describe(error)})")

    if len(links) > 1:
        with ThreadPoolExecutor(max_workers=PAGE_WORKERS) as pool:
            responses = list(pool.map(attempt, links))
    else:
        responses = [attempt(link) for link in links]
    read = []
    for link, response in zip(links, responses, strict=True):
        try:
            read.append(response if isinstance(response, SourceError) else read_page(link, response))
        except SourceError as error:
            read.append(error)
        except Exception as error:
            read.append(SourceError(f"{link}: cannot read ({describe(error)})"))
    return read


def _bodies(entry) -> list[str]:
    values = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    return [safe_text(v) for v in (*values, entry.get("summary", "")) if isinstance(v, str) and v.strip()]


def _date(entry) -> date | None:
    """The day an entry was published, in the time zone it was published in.

    feedparser's parsed times are in UTC, which moves a story published at
    00:30 in Tbilisi to the day before; the date as written keeps its day.
    """
    for key in ("published", "updated"):
        written = entry.get(key)
        if isinstance(written, str) and written.strip():
            for parse in (parsedate_to_datetime, datetime.fromisoformat):
                try:
                    return parse(written.strip().replace("Z", "+00:00")).date()
                except (TypeError, ValueError, IndexError, OverflowError):
                    continue
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            try:
                return datetime(*parsed[:6]).replace(tzinfo=UTC).date()
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _web_link(value) -> str | None:
    """An entry's link when it is a web address (feedparser also offers ids like `urn:...`)."""
    return web_url(_clean(value))


def _clean(value) -> str | None:
    return safe_line(value) if isinstance(value, str) else None


def _ignore(message: str) -> None:
    pass
