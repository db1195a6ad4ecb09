"""What is new since an earlier edition: the edition to compare with, the
articles added, changed and removed since it, and the "New since" section."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC
from pathlib import Path

from briefing import pipeline
from briefing.config import Config
from briefing.editions.cache import ArticleCache
from briefing.editions.store import Edition, find_edition
from briefing.models import Article, Briefing, Passage, SummarySection
from briefing.story import people
from briefing.story.novelty import Changes, compare, new_since_section
from briefing.text.similarity import Knowledge


def baseline(out: Path, previous: Edition | None, articles: dict[str, dict]) -> tuple[Edition | None, Changes]:
    """The edition "New since" compares with, and the article changes since it.

    That is the previous edition, unless it holds the very same articles
    (a rebuild for a config or template change): then the one it compared with,
    so that its "New since" section carries over.
    """
    changes = changes_since(previous, articles)
    if previous is None or changes:
        return previous, changes
    earlier = find_edition(out, previous.manifest.get("baseline"))
    return earlier, changes_since(earlier, articles) if earlier else changes


def _new_since(fresh: list[Passage], articles: list[Article], known: Knowledge, config: Config,
               title: str) -> SummarySection:
    """The "New since" section of the `fresh` passages, kept to the rules of a build's sections: no
    claim whose speaker is unknown, a speaker the bullet does not name shown, people named in full once."""
    who = pipeline.story_who(articles, fresh)
    attributed, _ = who
    section = new_since_section(fresh, known, config.new_since_words, config.summarizer, title, keep=attributed.usable)
    by_place = {(s.article, s.start): s for p in fresh for s in p.sentences}
    credited = tuple(pipeline.with_speaker(cited, pipeline.source_sentence(cited, by_place), who)
                     for cited in section.summary)
    return replace(section, summary=people.named_once(credited))


def changes_since(edition: Edition | None, articles: dict[str, dict]) -> Changes:
    """Articles new, changed and removed since `edition` (all new when there is none)."""
    old = {origin: entry["text"] for origin, entry in edition.manifest.get("articles", {}).items()} if edition else {}
    return compare(old, {origin: entry["text"] for origin, entry in articles.items()})


def with_new_since(briefing: Briefing, served, baseline: Edition, changes: Changes, cache: ArticleCache, config: Config) -> Briefing:
    """The briefing opening with what is new since `baseline`, and noting removed articles."""
    old_articles = baseline.manifest.get("articles", {})
    current = {article.origin: passages for article, passages in served}
    known = list(baseline.manifest.get("sentences", []))
    for origin, entry in old_articles.items():
        if origin in current and origin not in changes.changed:
            old_passages = current[origin]
        else:  # changed or removed since: its old text, if the cache still has it
            stored = cache.stored(entry.get("cache") or "")
            old_passages = stored[1] if stored else ()
        known += [s.text for p in old_passages for s in p.sentences]
    fresh = [p for origin in (*changes.new, *changes.changed) for p in current[origin]]
    section = None
    if changes.new or changes.changed:
        title = f"New since {baseline.created.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
        section = _new_since(fresh, [article for article, _ in served], Knowledge(known), config, title)
    removed = tuple(f"{old_articles[o].get('title') or Path(o).name} ({Path(o).name})" for o in changes.removed)
    return replace(briefing, new_since=section, removed=removed)
