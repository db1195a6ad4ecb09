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

from briefing.errors import SourceError
from briefing.models import RawDocument
from briefing.sources.pages import fragment_text
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

Warn = Callable[[str], None]
Fetch = Callable[[str], object]  # a URL's response; network only, so it may run in threads
PageReader = Callable[[str, object], RawDocument]  # a fetched response read as an article


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


def parse(data: bytes, origin: str) -> tuple[str | None, list[Entry]]:
    """The feed's title and its entries; SourceError when `data` is no feed."""
    import feedparser

    # A stream, never a string: given a string, feedparser fetches URLs and opens files.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.get("version") and not parsed.entries:
        raise SourceError(f"{origin}: not an RSS or Atom feed")
    entries = [
        Entry(
            title=_clean(entry.get("title")),
            link=_web_link(entry.get("link")),
            author=_clean(entry.get("author")),
            published=_date(entry),
            body=max((fragment_text(text) for text in _bodies(entry)), key=word_count, default=""),
        )
        for entry in parsed.entries
    ]
    return _clean(parsed.feed.get("title")), entries


def read_feed(
    data: bytes, origin: str, fetch: Fetch, read_page: PageReader, warn: Warn, note: Warn, since: date | None = None
) -> list[RawDocument]:
    """One RawDocument per entry of the feed in `data`, in feed order.

    A summary-only entry's linked page is fetched with `fetch(url)` (a few at
    a time) and read with `read_page(url, response)`; an entry that cannot be
    read is warned about and skipped, the rest are kept.
    """
    outlet, entries = parse(data, origin)
    if not entries:
        warn(f"{origin}: the feed has no entries")
    wanted = []
    for number, entry in enumerate(entries, 1):
        name = entry.link or f"{origin}#{number}"
        if since and entry.published and entry.published < since:
            note(f"{name}: published {entry.published}, before --since {since}; left out")
        else:
            wanted.append((number, entry))
    to_fetch = [entry.link for _, entry in wanted if _needs_page(entry)]
    pages = dict(zip(to_fetch, _read_all(to_fetch, fetch, read_page), strict=True))
    documents = []
    for number, entry in wanted:
        try:
            documents.append(_document(entry, number, origin, outlet, pages.get(entry.link)))
        except SourceError as error:
            warn(error.message)
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
            url=page.url or entry.link,
        )
    if word_count(entry.body) >= MIN_ENTRY_WORDS and (page is None or word_count(entry.body) >= FULL_CONTENT_WORDS):
        return from_feed
    if isinstance(page, SourceError):
        raise SourceError(f"{page.message} (entry of {origin}, which carries only a summary); skipped")
    raise SourceError(f"{name}: the feed entry has no article text and no link; skipped")


def _needs_page(entry: Entry) -> bool:
    return bool(entry.link) and word_count(entry.body) < FULL_CONTENT_WORDS


def _read_all(links: list[str], fetch: Fetch, read_page: PageReader) -> list[RawDocument | SourceError]:
    """Each linked page, or the error that stopped it: fetched a few at a time, read one by one."""

    def attempt(link: str) -> object:
        try:
            return fetch(link)
        except SourceError as error:
            return error

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
    return read


def _bodies(entry) -> list[str]:
    values = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    return [v for v in (*values, entry.get("summary", "")) if isinstance(v, str) and v.strip()]


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
                except (TypeError, ValueError, IndexError):
                    continue
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime(*parsed[:6], tzinfo=UTC).date()
    return None


def _web_link(value) -> str | None:
    """An entry's link when it is a web address (feedparser also offers ids like `urn:...`)."""
    return web_url(_clean(value))


def _clean(value) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None
