"""The whole build, stage by stage: sources -> Briefing -> output files."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from . import cite, clean, dating, dedupe, fetch, ingest, passages, summarize, topics
from .config import Config
from .errors import SourceError, StrictError
from .models import Article, Briefing, Passage, Section, Sentence, SummarySection
from .summarize import Centrality
from .tokens import content_bigrams, word_count

log = logging.getLogger("briefing")

# A section never gets fewer words than this when the total budget is shared out.
MIN_SECTION_WORDS = 40


@dataclass
class Report:
    """Warnings and stage timings of one run; under --strict a warning fails it."""

    strict: bool = False
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what was done, not wrong: merges, --since

    def warn(self, message: str) -> None:
        if self.strict:
            raise StrictError(f"{message} (--strict)")
        log.warning(message)
        self.warnings.append(message)

    def note(self, message: str) -> None:
        log.info(message)
        self.notes.append(message)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started
            log.info("%-10s %.3f s", name, self.timings[name])


def build(config: Config, report: Report | None = None, now: datetime | None = None, cache=None) -> Briefing:
    """Read, clean, split, segment, summarize and cite: the Briefing of `config`.

    `cache` (a `cache.ArticleCache`) reuses the cleaning and splitting of articles seen before.
    """
    report = report or Report(strict=config.strict)
    articles = read_articles(config, report, cache)
    dating.flag_undated(articles, report.warn if config.strict else report.note)
    return brief_articles(articles, config, report, now, cache)


def brief_articles(articles: Sequence[Article], config: Config, report: Report, now: datetime | None = None,
                   cache=None) -> Briefing:
    """The Briefing of articles already read and cleaned: split, segment, summarize, cite."""
    with report.stage("passages"):
        all_passages = passages_of(articles, cache.passages if cache else passages.to_passages)
    with report.stage("topics"):
        sections = topics.assign_sections(all_passages, config)
    with report.stage("summarize"):
        summaries = summarize_sections(sections, config, report)
        centrality = summarize.centrality([sentence for p in all_passages for sentence in p.sentences])
        key_points = choose_key_points(summaries, centrality, config)
    return Briefing(
        title=config.title or _default_title(articles, centrality),
        generated_at=now or datetime.now(timezone.utc),
        sources=cite.source_list(articles),
        key_points=key_points,
        sections=summaries,
        warnings=tuple(report.warnings),
    )


def read_articles(config: Config, report: Report, cache=None) -> list[Article]:
    """Ingest and clean every source; articles ordered by date, then by origin."""
    with report.stage("ingest"):
        raws = ingest.read_sources(config.sources, report.warn, config.max_file_bytes, skip=[config.out],
                                   fetcher=fetch.Fetcher.from_config(config), since=config.since, note=report.note)
    with report.stage("dedupe"):
        raws = dedupe.merge_duplicates(raws, report.note)
    with report.stage("clean"):
        cleaned = cache.clean_all(raws) if cache else clean.clean_all(raws)
    articles = []
    for article in cleaned:
        if article.text.strip():
            articles.append(article)
        else:
            report.warn(f"{article.origin}: nothing but boilerplate, skipped")
    articles = dating.since(articles, config.since, report.note)
    if not articles:
        raise SourceError(f"no articles to read in {', '.join(map(str, config.sources)) or 'the sources'}")
    return sorted(articles, key=lambda a: (a.published or date.max, a.origin))


def summarize_sections(sections: Sequence[Section], config: Config, report: Report) -> tuple[SummarySection, ...]:
    """Each section condensed within its share of the word budget and cited."""
    corpus = [s for section in sections for p in section.passages for s in p.sentences]
    budgets = section_budgets(sections, config.words_per_section, config.total_words)
    summaries = []
    said: list[set] = []  # what earlier sections said: a later one does not say it again
    for section, budget in zip(sections, budgets):
        sentences = [s for p in section.passages for s in p.sentences if not cite.restates(s.text, said)]
        chosen = summarize.summarize(sentences, budget, config.summarizer)
        if not chosen:
            report.warn(f"section '{section.title}' is empty")
        said += [content_bigrams(s.text) for s in chosen]
        summaries.append(SummarySection(section.title, cite.cite(chosen, corpus), section.passages, section.key))
    return tuple(summaries)


def section_budgets(sections: Sequence[Section], per_section: int, total: int) -> list[int]:
    """Words per section: `per_section` each, scaled by size when `total` is tighter."""
    if per_section * len(sections) <= total:
        return [per_section] * len(sections)
    sizes = [sum(word_count(p.text) for p in s.passages) or 1 for s in sections]
    whole = sum(sizes)
    return [min(per_section, max(MIN_SECTION_WORDS, int(total * size / whole))) for size in sizes]


def choose_key_points(summaries: Sequence[SummarySection], score: Centrality, config: Config):
    """The most central summary sentences (by `score`, see `summarize.centrality`),
    most central first, one per section in turn."""
    ranked = [sorted(s.summary, key=lambda x: -score(x.text, len(x.sources))) for s in summaries if s.summary]
    # Round-robin over sections, best section first, so the key points span the story.
    ranked.sort(key=lambda sentences: -score(sentences[0].text, len(sentences[0].sources)))
    chosen, said, words = [], [], 0
    for depth in range(max(map(len, ranked), default=0)):
        for sentences in ranked:
            if depth < len(sentences) and len(chosen) < config.key_points:
                size = word_count(sentences[depth].text)
                if words + size <= config.key_point_words and not cite.restates(sentences[depth].text, said):
                    chosen.append(sentences[depth])
                    said.append(content_bigrams(sentences[depth].text))
                    words += size
    return tuple(chosen)


def summarize_sources(config: Config, words: int, report: Report | None = None) -> tuple[Sentence, ...]:
    """One multi-document summary of every article, the same path a section takes."""
    report = report or Report(strict=config.strict)
    sentences = [s for p in passages_of(read_articles(config, report)) for s in p.sentences]
    return summarize.summarize(sentences, words, config.summarizer)


def segment_sources(config: Config, report: Report | None = None) -> tuple[Section, ...]:
    """The sections and their passages, without summarizing: for tuning a profile."""
    report = report or Report(strict=config.strict)
    return topics.assign_sections(passages_of(read_articles(config, report)), config)


def passages_of(articles: Sequence[Article], split=passages.to_passages) -> list[Passage]:
    """Every passage of `articles`, article i's sentences numbered as source i + 1."""
    return [p for i, a in enumerate(articles) for p in split(i, a)]


def _default_title(articles: Sequence[Article], score: Centrality) -> str:
    """With no title configured: the headline that best speaks for the whole corpus
    (a real headline before the opening words that stand in for a missing one)."""
    best = max(articles, key=lambda a: (a.has_headline, score(a.title), -len(a.title)))
    return best.title
