"""Publication dates across the corpus: the `--since` filter and undated articles.

Both run on cleaned articles, since a plain-text article's date is in its
dateline, which cleaning reads. An article published before `since` is left
out, and noted. An undated one is kept (it may well be news) and flagged when
the source list is made, which puts it after the dated ones: under --strict
the flag is a warning and fails the build; otherwise it is a note (shown with
--verbose and by `briefing sources`), because a folder of plain-text articles
without datelines would warn on every build, about nothing the user did wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from briefing.models import Article

Warn = Callable[[str], None]


def since(articles: Sequence[Article], day: date | None, note: Warn) -> list[Article]:
    """The articles not known to be published before `day` (all of them when it is None)."""
    kept = []
    for article in articles:
        if day and article.published and article.published < day:
            note(f"{article.origin}: published {article.published}, before --since {day}; left out")
        else:
            kept.append(article)
    return kept


def flag_undated(articles: Sequence[Article], warn: Warn) -> None:
    """Warn about each article without a publication date."""
    for article in articles:
        if article.published is None:
            warn(f"{article.origin}: no publication date found; listed after the dated sources")
