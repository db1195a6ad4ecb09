"""An edition's digest: what a reader is told about it without opening it.

Stored in the edition's manifest when it is written, so that the feed of
editions, the notifications and the preview server can say what each
edition brought (its "New since" section, or its key points on a first
edition) with numbered citations, whatever formats the edition has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefing.editions.store import Edition
from briefing.models import Briefing, Source, SummarySentence
from briefing.urls import web_url


@dataclass(frozen=True)
class Point:
    """One verbatim sentence, the citation numbers of the sources carrying it, and who it quotes or
    names as its source gives them, as the briefing shows it ("Anatoly Bibilov, per [5]")."""

    text: str
    sources: tuple[int, ...]
    who: str = ""

    def cited(self) -> str:
        """The sentence on one line, then its citation and who: "... [2, 5] — Anatoly Bibilov, per [2]"."""
        line = f"{' '.join(self.text.split())} [{', '.join(map(str, self.sources))}]"
        return f"{line} — {self.who}" if self.who else line


@dataclass(frozen=True)
class Cited:
    """A source a digest cites: its number, title, outlet and address."""

    id: int
    title: str
    outlet: str | None
    url: str | None


@dataclass(frozen=True)
class Digest:
    """What an edition brought: the "New since" points, else (first edition) the key points."""

    title: str
    heading: str  # "New since 2026-01-02 03:04 UTC" or "Key points"
    points: tuple[Point, ...]
    sources: tuple[Cited, ...]
    removed: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "heading": self.heading,
            "points": [{"text": p.text, "sources": list(p.sources), "who": p.who} for p in self.points],
            "sources": [{"id": s.id, "title": s.title, "outlet": s.outlet, "url": s.url} for s in self.sources],
            "removed": list(self.removed),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Digest:
        """A digest read back from a manifest (an edition's own file: checked, not trusted)."""
        points = tuple(
            Point(str(p["text"]), tuple(int(n) for n in p["sources"]), str(p.get("who") or ""))
            for p in data.get("points", [])
        )
        sources = tuple(
            Cited(int(s["id"]), str(s["title"]), _text(s.get("outlet")), web_url(_text(s.get("url"))))
            for s in data.get("sources", [])
        )
        return cls(str(data["title"]), str(data["heading"]), points, sources, tuple(map(str, data.get("removed", []))))


def digest_of(briefing: Briefing) -> Digest:
    """The digest of a briefing: its "New since" section when it has one, else its key points."""
    if briefing.new_since is not None and briefing.new_since.summary:
        heading, sentences = briefing.new_since.title, briefing.new_since.summary
    else:
        heading, sentences = "Key points", briefing.key_points
    points = tuple(Point(s.text, s.sources, _who(s)) for s in sentences)
    return Digest(briefing.title, heading, points, _cited(briefing.sources, sentences), briefing.removed)


def _who(sentence: SummarySentence) -> str:
    """Who a sentence quotes or names, as the briefing shows it beside the sentence: the speaker it does
    not name in full, per its source, and the full name of a person it names by one word."""
    shown = []
    if (sentence.speaker or sentence.speaker_role) and not sentence.speaker_named:
        shown.append(f"{sentence.speaker or sentence.speaker_role}, per [{sentence.sources[0]}]")
    shown += [f"{person.written}: {person.name}" for person in sentence.people]
    return " — ".join(shown)


def read_digest(edition: Edition) -> Digest | None:
    """The digest stored in an edition's manifest, if it has a readable one."""
    data = edition.manifest.get("digest")
    try:
        return Digest.from_dict(data) if isinstance(data, dict) else None
    except (KeyError, TypeError, ValueError):  # a manifest from an older version, or tampered with
        return None


def as_text(digest: Digest, links: dict[str, str]) -> str:
    """The digest as plain text with numbered citations, the cited sources, and `links` (label -> URL)."""
    lines = [f"{digest.heading}:", ""]
    lines += [f"- {p.cited()}" for p in digest.points]
    if not digest.points:
        lines.append("- Nothing new in the articles added or changed.")
    if digest.removed:
        lines += ["", "No longer in the sources: " + "; ".join(digest.removed)]
    lines += ["", "Sources:"]
    for source in digest.sources:
        where = f", {source.outlet}" if source.outlet else ""
        lines.append(f"[{source.id}] {source.title}{where}" + (f" <{source.url}>" if source.url else ""))
    if links:
        lines += [""] + [f"{label}: {url}" for label, url in links.items()]
    return "\n".join(lines) + "\n"


def _cited(sources: Sequence[Source], sentences: Sequence[SummarySentence]) -> tuple[Cited, ...]:
    wanted = {n for s in sentences for n in s.sources}
    return tuple(Cited(s.id, s.title, s.outlet, web_url(s.url) or web_url(s.origin)) for s in sources if s.id in wanted)


def _text(value: Any) -> str | None:
    return str(value) if value is not None else None
