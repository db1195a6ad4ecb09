"""The whole build, stage by stage: sources -> Briefing -> output files."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from briefing.config import Config
from briefing.models import (
    Article,
    Briefing,
    Passage,
    Section,
    Sentence,
    SummarySection,
    SummarySentence,
)
from briefing.output.writer import check_output_dir, write_briefing
from briefing.report import Report
from briefing.sources.corpus import read_articles
from briefing.story import cite, summarize, topics
from briefing.story.coverage import by_gain, select_coverage
from briefing.story.summarize import Centrality
from briefing.text import dates, passages
from briefing.text.similarity import restates
from briefing.text.tokens import content_bigrams, word_count

log = logging.getLogger("briefing")

# A section never gets fewer words than this when the total budget is shared out.
MIN_SECTION_WORDS = 40
# The key points open with the best summary of this many words on their own:
# what a reader takes in before deciding to read on (a DUC news summary's length).
OPENING_WORDS = 100


def build(config: Config, report: Report | None = None, now: datetime | None = None, cache=None) -> Briefing:
    """Read, clean, split, segment, summarize and cite: the Briefing of `config`.

    `cache` (a `cache.ArticleCache`) reuses the cleaning and splitting of articles seen before.
    """
    report = report or Report(strict=config.strict)
    articles = read_articles(config, report, cache)
    dates.flag_undated(articles, report.warn if config.strict else report.note)
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
        key_points = choose_key_points([s for p in all_passages for s in p.sentences], config)
    return Briefing(
        title=config.title or _default_title(articles, centrality),
        generated_at=now or datetime.now(UTC),
        sources=cite.source_list(articles),
        key_points=key_points,
        sections=summaries,
        warnings=tuple(report.warnings),
    )


def summarize_sections(sections: Sequence[Section], config: Config, report: Report) -> tuple[SummarySection, ...]:
    """Each section condensed within its share of the word budget and cited."""
    corpus = [s for section in sections for p in section.passages for s in p.sentences]
    budgets = section_budgets(sections, config.words_per_section, config.total_words)
    summaries = []
    said: list[frozenset[tuple[str, str]]] = []  # what earlier sections said: a later one does not say it again
    for section, budget in zip(sections, budgets, strict=True):
        sentences = [s for p in section.passages for s in p.sentences if not restates(s.text, said)]
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


def choose_key_points(corpus: Sequence[Sentence], config: Config) -> tuple[SummarySentence, ...]:
    """What a reader reads first: the `key_points` sentences, within
    `key_point_words`, that together carry the heaviest concepts of the whole
    story (`coverage.select_coverage` over every candidate of `corpus`), cited.

    Weighed over the story, not section by section: the outcome every article
    reports outweighs what one section says most often. The first
    OPENING_WORDS words are the best summary of that length on their own; the
    rest of the budget adds to them; each part in order of what it adds.
    """
    pool = summarize.candidates(corpus)
    opening = select_coverage(pool, min(OPENING_WORDS, config.key_point_words), most=config.key_points)
    whole = select_coverage(pool, config.key_point_words, most=config.key_points, kept=opening)
    added = [i for i in whole if i not in opening]
    return cite.cite([pool[i] for i in by_gain(pool, opening) + by_gain(pool, added)], corpus)


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


def build_and_write(config: Config, now: datetime | None = None, report: Report | None = None) -> list[Path]:
    """Build the briefing of `config` and write its formats to `config.out` (no edition)."""
    check_output_dir(config.out)
    report = report or Report(strict=config.strict)
    briefing = build(config, report, now)
    return write_briefing(briefing, config, report)
