"""The corpus: every source read, copies merged, cleaned, and put in date order.

This is the first stage of every command that looks at articles (build,
summarize, sections, sources): one place decides what the corpus is.
"""

from __future__ import annotations

from datetime import date

from briefing.config import Config
from briefing.engine.base import Engine, LocalEngine
from briefing.errors import SourceError
from briefing.models import Article
from briefing.report import Report
from briefing.sources import dedupe, fetch, ingest
from briefing.text import clean, dates
from briefing.urls import without_password


def read_articles(config: Config, report: Report, cache=None, engine: Engine | None = None) -> list[Article]:
    """Ingest and clean every source (cleaning on `engine`); articles ordered by date, then by origin."""
    with report.stage("ingest") as step:
        raws = ingest.read_sources(config.sources, report.warn, config.max_file_bytes, skip=[config.out],
                                   fetcher=fetch.Fetcher.from_config(config), since=config.since, note=report.note,
                                   step=step)
    with report.stage("dedupe"):
        signatures = cache.signatures(raws, engine) if cache else \
            (engine or LocalEngine()).map(dedupe.signature, [raw.text for raw in raws])
        raws = dedupe.merge_duplicates(raws, report.note, signatures=signatures)
    with report.stage("clean"):
        cleaned = cache.clean_all(raws, engine) if cache else clean.clean_all(raws, engine)
    articles = []
    for article in cleaned:
        if article.text.strip():
            articles.append(article)
        else:
            report.warn(f"{article.origin}: nothing but boilerplate, skipped")
    articles = dates.since(articles, config.since, report.note)
    dates.log_dates(articles)
    if not articles:
        named = ", ".join(without_password(s) if isinstance(s, str) else str(s) for s in config.sources)
        raise SourceError(f"no articles to read in {named or 'the sources'}")
    return sorted(articles, key=lambda a: (a.published or date.max, a.origin))
