"""The feed of editions: `out/editions.atom`, one entry per edition, newest first.

Each entry's content is the edition's digest (its "New since" section, or its
key points on a first edition) with numbered citations, and it links to the
edition's PDF and HTML. Links are relative to the feed unless a base URL says
where `out/` is served from.
"""

from __future__ import annotations

import hashlib
import html
from datetime import UTC
from pathlib import Path

from briefing.editions.digest import Digest, read_digest
from briefing.editions.store import EDITIONS_DIR, Edition, editions
from briefing.files import write_atomic

FEED_FILE = "editions.atom"
# Editions listed in the feed: a reader wants the recent ones, and the file stays small.
MAX_ENTRIES = 50


def write_feed(out: Path, base_url: str | None = None) -> Path:
    """Write `out/editions.atom` for the editions in `out` (atomically) and return its path."""
    # feedgen pulls in lxml: only a build that made an edition needs it.
    from feedgen.feed import FeedGenerator

    found = editions(out)
    base = _base(base_url)
    generator = FeedGenerator()
    latest = found[-1] if found else None
    latest_digest = read_digest(latest) if latest else None
    title = latest_digest.title if latest_digest else "briefing"
    generator.id(base + FEED_FILE if base else f"urn:briefing:{_feed_key(out)}")
    generator.title(f"{title}: editions")
    generator.link(href=base + FEED_FILE if base else FEED_FILE, rel="self")
    generator.link(href=(base or "") + "briefing.html", rel="alternate")
    generator.updated(latest.created.astimezone(UTC) if latest else None)
    generator.generator("briefing")
    # feedgen lists entries in the order they are added, newest first here.
    for edition in reversed(found[-MAX_ENTRIES:]):
        _add_entry(generator, edition, base)
    target = out / FEED_FILE
    write_atomic(target, _with_link_attributes(generator.atom_str(pretty=True), generator))
    return target


def edition_links(edition: Edition, base_url: str | None) -> dict[str, str]:
    """The edition's PDF and HTML (those it has), as links from the feed or a message."""
    base = _base(base_url)
    names = {"pdf": "PDF", "html": "HTML"}
    return {
        names[fmt]: f"{base}{EDITIONS_DIR}/{edition.name}/{path.name}"
        for fmt, path in edition.outputs().items()
        if fmt in names
    }


def _add_entry(generator, edition: Edition, base: str) -> None:
    digest = read_digest(edition)
    entry = generator.add_entry(order="append")
    entry.id(f"{base}{EDITIONS_DIR}/{edition.name}/" if base else f"urn:briefing:edition:{edition.name}")
    entry.title(f"{digest.title}: {digest.heading}" if digest else f"Edition {edition.name}")
    entry.updated(edition.created.astimezone(UTC))
    entry.published(edition.created.astimezone(UTC))
    links = edition_links(edition, base or None)
    for label, href in links.items():
        kind = "text/html" if label == "HTML" else "application/pdf"
        entry.link(href=href, rel="alternate" if label == "HTML" else "related", title=label, type=kind)
    entry.content(_content_html(digest, links) if digest else f"Edition {edition.name}.", type="html")


def _with_link_attributes(atom: bytes, generator) -> bytes:
    """feedgen 1.0 writes only the href of an entry's links (its issue #135): put their rel and title back."""
    from lxml import etree  # already loaded by feedgen, which this runs after

    wanted = {link["href"]: link for entry in generator.entry() for link in entry.link() or ()}
    tree = etree.fromstring(atom)
    for element in tree.iterfind("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}link"):
        for name in ("rel", "title", "type"):
            value = wanted.get(element.get("href"), {}).get(name)
            if value:
                element.set(name, value)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _content_html(digest: Digest, links: dict[str, str]) -> str:
    """The digest as HTML: its points with citations, the cited sources, the edition's files."""
    e = html.escape
    points = "".join(
        f"<li>{e(p.cited())}</li>" for p in digest.points
    ) or "<li>Nothing new in the articles added or changed.</li>"
    sources = "".join(
        f"<li>[{s.id}] "
        + (f'<a href="{e(s.url)}">{e(s.title)}</a>' if s.url else e(s.title))
        + (f", {e(s.outlet)}" if s.outlet else "")
        + "</li>"
        for s in digest.sources
    )
    files = " · ".join(f'<a href="{e(href)}">{e(label)}</a>' for label, href in links.items())
    removed = f"<p>No longer in the sources: {e('; '.join(digest.removed))}</p>" if digest.removed else ""
    return f"<h2>{e(digest.heading)}</h2><ul>{points}</ul>{removed}<h3>Sources</h3><ul>{sources}</ul><p>{files}</p>"


def _base(base_url: str | None) -> str:
    return base_url.rstrip("/") + "/" if base_url else ""


def _feed_key(out: Path) -> str:
    return hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
