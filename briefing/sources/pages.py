"""Web pages and HTML fragments to article text and metadata.

A page goes through trafilatura, which finds the article among navigation,
banners, related links and footers, and reads title, author, site name, date
(htmldate) and canonical URL. Two things are added around it:

- reader comments are cut out first, by the class or id of their container:
  trafilatura sometimes takes a comment that reads like prose for article
  text, and comments are never the article;
- the page's structured data about its article, JSON-LD (`NewsArticle`,
  `@graph`, ...) or microdata (`itemprop`), gives the author and date when
  it has them, since it is what the publisher declares; trafilatura's
  reading of bylines ("Column by X, economics editor") comes next.
- the date is only ever what the page states of its article: JSON-LD,
  microdata, the publication-date meta tags, else a dateline in the
  article's header (a `<time>` or a date-classed element between the
  headline and the story that holds nothing but a date). Not trafilatura's
  date (htmldate), which may read it from the story's sentences or the URL.

The one module where HTML is parsed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from briefing.errors import SourceError
from briefing.text import dates

if TYPE_CHECKING:
    from trafilatura.settings import Document

MIN_PAGE_WORDS = 25  # less than a short paragraph of text: the page holds no article
# Class or id tokens of reader-comment containers ("comments", "comment-list",
# "reader-comments", "disqus_thread", "discussion", WordPress's "respond").
_COMMENTS = re.compile(
    r"^(?!has[-_]|no[-_])(?:comments?|comment[-_]\w[\w-]*|[\w-]*[-_]comments?|disqus\w*|discussion|respond)$", re.I
)
_BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr", "dd", "dt", "figcaption", "section", "article"}
_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|Report|LiveBlogPosting)$")
# <meta> names and properties that state when the article was published.
_DATE_METAS = frozenset(
    ["article:published_time", "og:article:published_time", "article:published", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created", "sailthru.date", "parsely-pub-date"]
)
_DATE_CLASS = re.compile(r"date|time|posted|publish", re.I)  # class, id or itemprop of an element holding a date
_STORY_WORDS = 20  # a paragraph this long is the story, not its header


@dataclass(frozen=True)
class PageText:
    """What a page says: its article text and the metadata found for it."""

    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    date_source: str | None = None  # which statement of the page gave `published` (see `text/dates.py`)


def extract(html: str, origin: str, url: str | None = None) -> PageText:
    """The article of a whole page; SourceError (naming `origin`) when it holds none."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise SourceError(f"{origin}: not an HTML page")
    linked = {**_microdata(tree), **_json_ld(tree)}
    _prune_comments(tree)
    published, date_source = _page_date(tree)
    # trafilatura annotates the result as `Document | dict | None` whatever
    # `as_dict` says; without `as_dict` it is a Document (or None).
    found = cast("Document | None", trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, favor_precision=True
    ))
    # trafilatura falls back to any text it finds (a menu, a footer): a page
    # with less than a short paragraph of it holds no article.
    text = found.text if found is not None else None
    if found is None or text is None or len(text.split()) < MIN_PAGE_WORDS:
        raise SourceError(f"{origin}: no article text found in the page")
    return PageText(
        text=text,
        title=found.title or linked.get("title") or None,
        author=linked.get("author") or found.author or None,
        outlet=found.sitename or linked.get("outlet") or None,
        published=published,
        date_source=date_source,
        url=found.url or linked.get("url") or url or None,
    )


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed entry's content), one paragraph per block."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//iframe|//form"):
        _drop(bad)
    parts: list[str] = []
    _walk(root, parts)
    paragraphs = [" ".join(p.split()) for p in "".join(parts).split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def looks_like_page(text: str) -> bool:
    """Whether `text` is a whole HTML document rather than a fragment or plain text."""
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<html" in head or "<body" in head


def looks_like_html(text: str) -> bool:
    """Whether `text` is markup: a page or a fragment with paragraph-level tags."""
    return looks_like_page(text) or bool(re.search(r"<(?:p|div|br|article|section|h[1-6]|ul|li|blockquote)\b", text[:4096], re.I))


def _walk(element, parts: list[str]) -> None:
    block = isinstance(element.tag, str) and element.tag.lower() in _BLOCKS
    if block:
        parts.append("\n\n")
    if isinstance(element.tag, str) and element.tag.lower() == "br":
        parts.append("\n\n")
    if element.text and isinstance(element.tag, str):
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n\n")


def _prune_comments(tree) -> None:
    """Remove reader-comment containers, unless one holds most of the page's text."""
    body = tree.find(".//body")
    whole = len(body.text_content()) if body is not None else 0
    for element in tree.xpath("//*[@class or @id]"):
        if element.tag in ("html", "body", "main") or element.getparent() is None:
            continue
        tokens = [*(element.get("class") or "").split(), element.get("id") or ""]
        if any(_COMMENTS.match(token) for token in tokens if token) and len(element.text_content()) < 0.5 * whole:
            _drop(element)


def _drop(element) -> None:
    """Remove an element but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _page_date(tree) -> tuple[date | None, str | None]:
    """The date the page states for its article, and which statement gave it."""
    statements = (
        (dates.JSON_LD, lambda: _json_ld(tree).get("published")),
        (dates.PAGE_METADATA, lambda: _microdata(tree).get("published")),
        (dates.PAGE_METADATA, lambda: _meta_date(tree)),
    )
    for source, value in statements:
        if day := _date(value()):
            return day, source
    day = _header_dateline(tree)
    return (day, dates.DATELINE) if day else (None, None)


def _meta_date(tree) -> str | None:
    """The first publication-date `<meta>` tag's value (`article:published_time`, `pubdate`, `dc.date`, ...)."""
    for meta in tree.xpath("//meta[@content]"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if name in _DATE_METAS:
            return meta.get("content")
    return None


def _header_dateline(tree) -> date | None:
    """A full date stated between the page's headline and its story: a `<time>`
    or a date-classed element holding nothing but the date. Dates above the
    headline (a masthead's today) or in the story and below are not read."""
    headline = tree.find(".//h1")
    if headline is None:
        return None
    for element in _after(headline):
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        text = " ".join(element.text_content().split())
        if element.tag == "p" and len(text.split()) >= _STORY_WORDS:
            return None  # the story has begun
        tokens = " ".join((element.get(a) or "") for a in ("class", "id", "itemprop"))
        if element.tag == "time" or _DATE_CLASS.search(tokens):
            day = _date(element.get("datetime")) or dates.dateline(text)
            if isinstance(day, date):
                return day
    return None


def _after(element):
    """The elements after `element` in document order (its descendants excluded)."""
    for following in element.itersiblings():
        yield from following.iter()
    parent = element.getparent()
    if parent is not None:
        yield from _after(parent)


def _json_ld(tree) -> dict[str, str]:
    """Title, author, outlet, date and URL from the page's JSON-LD article object."""
    found: dict[str, str] = {}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
            items = list(_items(data))
        except (ValueError, RecursionError):  # not JSON, or nested past any use (a hostile page)
            continue
        for item in items:
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if not any(isinstance(t, str) and _ARTICLE_TYPE.search(t) for t in types):
                continue
            values = {
                "title": _text(item.get("headline") or item.get("name")),
                "author": _names(item.get("author")),
                "outlet": _names(item.get("publisher")),
                "published": _text(item.get("datePublished") or item.get("dateCreated")),
                "url": _text(item.get("url")) or _url_of(item.get("mainEntityOfPage")),
            }
            for key, value in values.items():
                if value and key not in found:
                    found[key] = value
    return found


def _microdata(tree) -> dict[str, str]:
    """Title, author, outlet and date from the page's microdata article (`itemtype=...Article`)."""
    for scope in tree.xpath("//*[@itemscope][@itemtype]"):
        if not _ARTICLE_TYPE.search(scope.get("itemtype", "").rstrip("/")):
            continue
        values = {
            "title": _prop(scope, "headline"),
            "author": _prop(scope, "author"),
            "outlet": _prop(scope, "publisher"),
            "published": _prop(scope, "datePublished"),
        }
        return {key: value for key, value in values.items() if value}
    return {}


def _prop(scope, name: str) -> str | None:
    """A microdata property's value; for a person or organisation, its `name`."""
    values: list[str] = []
    for element in scope.xpath(f".//*[@itemprop='{name}']"):
        named = element.xpath(".//*[@itemprop='name']")
        target = named[0] if named else element
        value = target.get("content") or target.get("datetime") or target.text_content()
        text = _text(value)
        if text and text not in values:
            values.append(text)
    return "; ".join(values) or None


def _items(data: Any):
    """Every JSON object in a JSON-LD document: top level, lists and `@graph`."""
    if isinstance(data, list):
        for item in data:
            yield from _items(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _items(data["@graph"])


def _names(value: Any) -> str | None:
    """A person's or organisation's name, or several joined with '; '."""
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return "; ".join(names) or None


def _url_of(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return _text(value)


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _date(value: str | None) -> date | None:
    return dates.parse_date(value) if value else None
