"""`briefing sources`: what a build would read, and what it would skip or merge, and why.

The articles come from the same `read_articles` a build uses, so the listing
is what the briefing will cite: one line per article with its metadata and
length, the copies merged into it below it, then every problem and decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.config import Config
from briefing.errors import SourceError
from briefing.models import Article
from briefing.report import Report
from briefing.sources.corpus import read_articles


@dataclass(frozen=True)
class Inventory:
    """The articles a build would read, what went wrong (`warnings`) and what was decided (`notes`)."""

    articles: tuple[Article, ...]
    warnings: tuple[str, ...]  # what could not be read, or only in part
    notes: tuple[str, ...]
    error: str | None = None  # why there is nothing to read

    def lines(self) -> list[str]:
        """The listing as printed: articles by date, then warnings and notes, one line each."""
        lines = []
        for number, article in enumerate(self.articles, 1):
            lines.append(describe(number, article))
            lines += [f"     + also {_place(c.origin, c.url, c.outlet)}" for c in article.also]
        lines += [f"warning: {message}" for message in self.warnings]
        lines += [f"note: {message}" for message in self.notes]
        if self.error:
            lines.append(f"error: {self.error}")
        return lines


def take_inventory(config: Config) -> Inventory:
    """Read the sources of `config` as a build would, collecting rather than printing what happens."""
    report = _Collect()
    try:
        articles = read_articles(config, report)
    except SourceError as error:
        return Inventory((), tuple(report.warnings), tuple(report.notes), error.message)
    return Inventory(tuple(articles), tuple(report.warnings), tuple(report.notes))


def describe(number: int, article: Article) -> str:
    """One article in one line: number, date, words, title, outlet and author, where it is."""
    day = article.published.isoformat() if article.published else "undated"
    who = ", ".join(part for part in (article.outlet, article.author) if part) or "no outlet or author"
    words = len(article.text.split())
    return f"{number:>3}  {day:<10}  {words:>6} words  {article.title} — {who}  {_place(article.origin, article.url)}"


def _place(origin: str, url: str | None, outlet: str | None = None) -> str:
    where = origin if not url or url == origin else f"{origin} <{url}>"
    return f"{outlet} ({where})" if outlet else where


class _Collect(Report):
    """A non-strict report that keeps warnings and notes without logging them."""

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def note(self, message: str) -> None:
        self.notes.append(message)
