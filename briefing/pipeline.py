"""The whole build, stage by stage: sources -> Briefing -> output files."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from briefing.config import Config
from briefing.errors import SourceError
from briefing.models import (
    Article,
    Briefing,
    Passage,
    Section,
    Sentence,
    StoryPage,
    SummarySection,
    SummarySentence,
)
from briefing.output.writer import check_output_dir, write_briefing
from briefing.report import Report
from briefing.sources.corpus import read_articles
from briefing.story import cite, naming, stories, summarize, topics
from briefing.story.summarize import Centrality
from briefing.text import clean, dates, passages
from briefing.text.similarity import restates, same_event
from briefing.text.tokens import content_bigrams, word_count

log = logging.getLogger("briefing")

# A section never gets fewer words than this when the total budget is shared out.
MIN_SECTION_WORDS = 40


def build(config: Config, report: Report | None = None, now: datetime | None = None, cache=None) -> Briefing:
    """Read the sources, find their stories, and brief each: one story's Briefing,
    or a front page of several (`Briefing.stories`), most important first.

    `cache` (a `cache.ArticleCache`) reuses the cleaning and splitting of articles seen before.
    """
    report = report or Report(strict=config.strict)
    now = now or datetime.now(timezone.utc)
    articles = read_articles(config, report, cache)
    dates.flag_undated(articles, report.warn if config.strict else report.note)
    with report.stage("stories"):
        found = stories.find_stories(articles, config)
    if len(found) == 1:
        return build_story(articles, config, report, now, cache, config.title)
    taken: set[str] = set()
    pages = [_story_page([articles[i] for i in story.articles], config, report, now, cache, taken) for story in found]
    pages = stories.by_importance(pages)
    return Briefing(
        title=config.title or f"The news in {len(pages)} stories",
        generated_at=now,
        sources=cite.source_list(articles),
        key_points=(),
        sections=(),
        warnings=tuple(report.warnings),
        stories=tuple(pages),
    )


def build_story(articles: Sequence[Article], config: Config, report: Report, now: datetime, cache=None,
                title: str | None = None) -> Briefing:
    """The briefing of one story: sections, their summaries and the key points, cited."""
    with report.stage("passages"):
        all_passages = passages_of(articles, cache.passages if cache else passages.to_passages)
    with report.stage("topics"):
        sections = topics.assign_sections(all_passages, config)
    with report.stage("summarize"):
        summaries = summarize_sections(sections, config, report)
        centrality = summarize.centrality([sentence for p in all_passages for sentence in p.sentences])
        key_points = distinct_events(choose_key_points(summaries, centrality, config))
        summaries = without_key_points(summaries, key_points)
        if not config.sections:
            summaries = naming.name_sections(summaries, all_passages)
    return Briefing(
        title=title or stories.headline(articles, centrality),
        generated_at=now,
        sources=cite.source_list(articles),
        key_points=key_points,
        sections=summaries,
        warnings=tuple(report.warnings),
    )


def _story_page(articles: list[Article], config: Config, report: Report, now: datetime, cache,
                taken: set[str]) -> StoryPage:
    briefing = build_story(articles, config, report, now, cache)
    first, last = stories.date_range(articles)
    outlets = {(c.outlet or "").casefold() for a in articles for c in (a, *a.also) if c.outlet}
    return StoryPage(stories.slug(briefing.title, taken), briefing, len(outlets), first, last)


def distinct_events(key_points: Sequence[SummarySentence]) -> tuple[SummarySentence, ...]:
    """The key points less each that reports the same event as an earlier one: the bottom line says each thing once."""
    kept: list[SummarySentence] = []
    for point in key_points:
        if not any(same_event(point.text, k.text) for k in kept):
            kept.append(point)
    return tuple(kept)


def without_key_points(summaries: Sequence[SummarySection], key_points: Sequence[SummarySentence]) -> tuple[SummarySection, ...]:
    """The sections less the statements the key points already make: a page says each once."""
    said = [content_bigrams(k.text) for k in key_points]
    shown = [k.text for k in key_points]
    return tuple(
        dataclasses.replace(s, summary=tuple(x for x in s.summary if not _repeats_point(x.text, shown, said)))
        for s in summaries
    )


def summarize_sections(sections: Sequence[Section], config: Config, report: Report) -> tuple[SummarySection, ...]:
    """Each section condensed within its share of the word budget and cited."""
    corpus = [s for section in sections for p in section.passages for s in p.sentences]
    budgets = section_budgets(sections, config.words_per_section, config.total_words)
    summaries = []
    said: list[set] = []  # what earlier sections said: a later one does not say it again
    for section, budget in zip(sections, budgets):
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
                if words + size <= config.key_point_words and not restates(sentences[depth].text, said):
                    chosen.append(sentences[depth])
                    said.append(content_bigrams(sentences[depth].text))
                    words += size
    return tuple(chosen)


def _repeats_point(text: str, points: Sequence[str], said: Sequence) -> bool:
    return text in points or restates(text, said) or any(same_event(text, p) for p in points)


def summarize_sources(config: Config, words: int, report: Report | None = None) -> tuple[Sentence, ...]:
    """One multi-document summary of every article, the same path a section takes."""
    report = report or Report(strict=config.strict)
    sentences = [s for p in passages_of(read_articles(config, report)) for s in p.sentences]
    return summarize.summarize(sentences, words, config.summarizer)


def segment_sources(config: Config, report: Report | None = None) -> list[tuple[str, tuple[Section, ...]]]:
    """Each story's headline and its sections with their passages, without summarizing: for tuning a profile."""
    report = report or Report(strict=config.strict)
    articles = read_articles(config, report)
    found = []
    for headline, members in story_list(articles, config):
        found.append((headline, topics.assign_sections(passages_of([articles[i] for i in members]), config)))
    return found


def story_list(articles: Sequence[Article], config: Config) -> list[tuple[str, tuple[int, ...]]]:
    """The stories of `articles` as a build finds them: (headline, indices of its articles), largest first."""
    found = []
    for story in stories.find_stories(articles, config):
        members = [articles[i] for i in story.articles]
        score = summarize.centrality([s for p in passages_of(members) for s in p.sentences])
        found.append((stories.headline(members, score), story.articles))
    return found


def passages_of(articles: Sequence[Article], split=passages.to_passages) -> list[Passage]:
    """Every passage of `articles`, article i's sentences numbered as source i + 1."""
    return [p for i, a in enumerate(articles) for p in split(i, a)]


def build_and_write(config: Config, now: datetime | None = None, report: Report | None = None) -> list[Path]:
    """Build the briefing of `config` and write its formats to `config.out` (no edition)."""
    check_output_dir(config.out)
    report = report or Report(strict=config.strict)
    briefing = build(config, report, now)
    return write_briefing(briefing, config, report)
