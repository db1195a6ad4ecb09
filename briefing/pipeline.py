"""The whole build, stage by stage: sources -> Briefing -> output files."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from briefing.config import Config
from briefing.engine.base import Engine, LocalEngine
from briefing.engine.choose import running
from briefing.models import (
    Article,
    Briefing,
    Figure,
    Passage,
    Section,
    Sentence,
    StoryPage,
    SummarySection,
    SummarySentence,
    TimelineEvent,
)
from briefing.output.writer import check_output_dir, write_briefing
from briefing.report import Report, Step
from briefing.sources.corpus import read_articles
from briefing.story import (
    cite,
    corroboration,
    figures,
    naming,
    people,
    stories,
    summarize,
    timeline,
    topics,
    who_said_what,
)
from briefing.story.coverage import by_gain, select_coverage
from briefing.text import dates, passages
from briefing.text.similarity import restates, same_event
from briefing.text.tokens import content_bigrams, word_count

log = logging.getLogger("briefing")

# A section never gets fewer words than this when the total budget is shared out.
MIN_SECTION_WORDS = 40
# The key points open with the best summary of this many words on their own:
# what a reader takes in before deciding to read on (a DUC news summary's length).
OPENING_WORDS = 100


# Who a summary sentence's source says spoke, and who the people it names are.
Who = tuple[who_said_what.Attributed, people.People]
# A dated event or a figure: a verbatim sentence shown outside the sections.
Entry = TypeVar("Entry", TimelineEvent, Figure)


def build(config: Config, report: Report | None = None, now: datetime | None = None, cache=None,
          engine: Engine | None = None) -> Briefing:
    """Read the sources, find their stories, and brief each: one story's Briefing,
    or a front page of several (`Briefing.stories`), most important first.

    `cache` (a `cache.ArticleCache`) reuses the cleaning and splitting of articles seen before;
    the per-article work and each story's briefing run on `engine` (default: the one `config` names,
    for this build).
    """
    if engine is None:
        with running(config.engine, config.scheduler, config.workers) as own:
            return build(config, report, now, cache, own)
    report = report or Report(strict=config.strict)
    now = now or datetime.now(UTC)
    articles = read_articles(config, report, cache, engine)
    dates.flag_undated(articles, report.warn if config.strict else report.note)
    with report.stage("stories"):
        found = stories.find_stories(articles, config)
    groups = [[articles[i] for i in story.articles] for story in found]
    with report.stage("passages", len(articles)) as step:
        split = story_passages(articles, [story.articles for story in found], cache, engine, step)
    if len(groups) == 1:
        return build_story(groups[0], split[0], config, report, now, config.title)
    pages = stories.by_importance(_story_pages(groups, split, config, report, now, engine, cache))
    return Briefing(
        title=config.title or f"The news in {len(pages)} stories",
        generated_at=now,
        sources=cite.source_list(articles),
        key_points=(),
        sections=(),
        warnings=tuple(report.warnings),
        stories=tuple(pages),
    )


def _story_pages(groups: Sequence[list[Article]], split: Sequence[list[Passage]], config: Config, report: Report,
                 now: datetime, engine: Engine, cache=None) -> list[StoryPage]:
    """Each story briefed on `engine` (a task per story), its warnings and stage timings told to `report`;
    a story whose articles, options and code are as an earlier build's is taken from `cache`."""
    keys = [cache.story_key(group, config) if cache is not None else None for group in groups]
    briefings = [cache.story(key) if key else None for key in keys]
    # The longest stories first: the last task to finish is then a short one, not a long one holding up the build.
    todo = sorted((i for i, known in enumerate(briefings) if known is None),
                  key=lambda i: (-sum(len(passage.sentences) for passage in split[i]), i))
    jobs = [StoryJob(groups[i], split[i], config, now) for i in todo]
    with report.stage("brief", len(groups)) as step:
        for known in briefings:
            if known is not None:
                for message in known.warnings:
                    report.warn(message)
                step.advance(known.title)
        for i, (briefing, told) in zip(todo, engine.each(brief_story, jobs), strict=True):
            told.retell(report)
            briefings[i] = briefing
            if keys[i]:
                cache.keep_story(keys[i], briefing)
            step.advance(briefing.title)
    taken: set[str] = set()
    return [_story_page(group, briefing, taken) for group, briefing in zip(groups, briefings, strict=True) if briefing]


@dataclasses.dataclass(frozen=True)
class StoryJob:
    """What briefing one story takes: all an engine ships to a worker."""

    articles: Sequence[Article]
    passages: Sequence[Passage]  # the articles' passages, article i's numbered as source i + 1
    config: Config
    now: datetime


def brief_story(job: StoryJob) -> tuple[Briefing, Report]:
    """One story's briefing and what its build reported: a module-level function, so an engine can run it anywhere."""
    told = Report(strict=job.config.strict, echo=False)
    return build_story(job.articles, job.passages, job.config, told, job.now), told


def build_story(articles: Sequence[Article], all_passages: Sequence[Passage], config: Config, report: Report,
                now: datetime, title: str | None = None) -> Briefing:
    """The briefing of one story from its articles and their passages: sections, their summaries and the key
    points, cited; who said what, figures that disagree and the timeline."""
    with report.stage("topics"):
        sections = topics.assign_sections(all_passages, config)
    corpus = [sentence for p in all_passages for sentence in p.sentences]
    with report.stage("attribute"):
        who = story_who(articles, all_passages)
        attributed, persons = who
        # What may be quoted on its own: never a claim whose speaker is unknown (key points, figures, timeline).
        quotable = [sentence for sentence in corpus if attributed.usable(sentence)]
    with report.stage("summarize", len(sections)) as step:
        summaries = summarize_sections(sections, config, report, step, keep=attributed.usable)
        centrality = summarize.centrality(corpus)
    with report.stage("corroborate"):
        matcher, outlets = corroboration.Matcher(corpus), corroboration.Outlets(articles)
        summaries = credit(summaries, corpus, who, matcher, outlets, config)
        key_points = choose_key_points(corpus, config, keep=attributed.usable)
        key_points = _credited(key_points, corpus, who, matcher, outlets, config)
        key_points = distinct_events(tuple(k for k in key_points if _carried(k, config)))
        summaries = without_key_points(summaries, key_points)
        if not config.sections:
            summaries = discovered_sections(summaries, all_passages)
        key_points = people.named_once(key_points)
        summaries = tuple(replace(s, summary=people.named_once(s.summary)) for s in summaries)
        speakers = who_said_what.speakers(attributed.found, articles, corpus, matcher, outlets, centrality,
                                          config.speakers, config.statements_per_speaker) if config.who_said_what else ()
    with report.stage("figures"):
        conflicts = figures.conflicts(quotable) if config.figures else None
        if conflicts:
            conflicts = tuple(replace(c, figures=_named_in_full(c.figures, persons)) for c in conflicts)
    with report.stage("timeline"):
        published = [a.published for a in articles]
        events = timeline.events(quotable, published, config.timeline_events) if config.timeline else None
        if events:
            events = _named_in_full(events, persons)
    return Briefing(
        title=title or stories.headline(articles, centrality),
        generated_at=now,
        sources=cite.source_list(articles),
        key_points=key_points,
        sections=summaries,
        warnings=tuple(report.warnings),
        figures=conflicts,
        timeline=events,
        who_said_what=speakers,
    )


def story_who(articles: Sequence[Article], passages: Sequence[Passage]) -> Who:
    """The attributions of the sentences of `passages` (of `articles`), and the people they name."""
    attributed = who_said_what.Attributed(who_said_what.attributions_of(articles, passages))
    return attributed, people.People(articles, {a.speaker for a in attributed.found if a.speaker})


def source_sentence(cited: SummarySentence, by_place: dict[tuple[int, int], Sentence]) -> Sentence | None:
    """The sentence `cited` quotes, in `by_place`, the sentences by (article, start)."""
    return by_place.get((cited.sources[0] - 1, cited.start))


def with_speaker(cited: SummarySentence, sentence: Sentence | None, who: Who) -> SummarySentence:
    """`cited` with the speaker its source gives it and the people it names by one word in full;
    `sentence` is the one it quotes (`source_sentence`)."""
    attributed, persons = who
    return persons.named_in(attributed.speaker_of(cited, sentence), cited.sources[0] - 1)


def _named_in_full(entries: Sequence[Entry], persons: people.People) -> tuple[Entry, ...]:
    """Dated events or the figures about one thing, each with the people it names by one word as its first
    source names them in full, once over the list (`story.people.named_once`)."""
    glossed = [replace(e, people=persons.known_in(e.text, e.sources[0] - 1)) for e in entries]
    return people.named_once(glossed)


def discovered_sections(summaries: Sequence[SummarySection], story: Sequence[Passage]) -> tuple[SummarySection, ...]:
    """Sections found without a profile, named (`naming.name_sections`), without those left empty: one
    whose every bullet became a key point has nothing of its own to show. A profile's sections stay,
    empty or not, where its reader looks for them."""
    return naming.name_sections([s for s in summaries if s.summary], story)


def brief_articles(articles: Sequence[Article], config: Config, report: Report, now: datetime | None = None,
                   cache=None) -> Briefing:
    """The Briefing of articles already read and cleaned, taken as one story (`briefing eval --key-points`)."""
    return build_story(articles, passages_of(articles, cache), config, report, now or datetime.now(UTC))


def _credited(sentences: Sequence[SummarySentence], corpus: Sequence[Sentence], who: Who,
              matcher: corroboration.Matcher, outlets: corroboration.Outlets, config: Config) -> tuple[SummarySentence, ...]:
    """`credit` of sentences that belong to no section (the key points)."""
    return credit((SummarySection("", tuple(sentences), ()),), corpus, who, matcher, outlets, config)[0].summary


def _story_page(articles: Sequence[Article], briefing: Briefing, taken: set[str]) -> StoryPage:
    first, last = stories.date_range(articles)
    outlets = {outlet.casefold() for a in articles for outlet in (a.outlet, *(c.outlet for c in a.also)) if outlet}
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


def summarize_sections(
    sections: Sequence[Section], config: Config, report: Report, step: Step | None = None,
    keep: Callable[[Sentence], bool] = lambda s: True,
) -> tuple[SummarySection, ...]:
    """Each section condensed within its share of the word budget and cited; `step` advances per section;
    only candidates whose every sentence `keep` accepts, nor any that restates an earlier section."""
    corpus = [s for section in sections for p in section.passages for s in p.sentences]
    budgets = section_budgets(sections, config.words_per_section, config.total_words)
    summaries = []
    said: list[frozenset[tuple[str, str]]] = []  # what earlier sections said: a later one does not say it again
    for section, budget in zip(sections, budgets, strict=True):
        sentences = [s for p in section.passages for s in p.sentences]
        chosen = summarize.summarize(sentences, budget, config.summarizer, keep=_unsaid(keep, tuple(said)))
        if not chosen:
            report.warn(f"section '{section.title}' is empty")
        said += [content_bigrams(s.text) for s in chosen]
        summaries.append(SummarySection(section.title, cite.cite(chosen, corpus), section.passages, section.key))
        if step:
            step.advance(section.title)
    return tuple(summaries)


def _unsaid(keep: Callable[[Sentence], bool], said: Sequence[frozenset[tuple[str, str]]]) -> Callable[[Sentence], bool]:
    """`keep`, and not a restatement of what `said` holds."""
    return lambda sentence: keep(sentence) and not restates(sentence.text, said)


def credit(summaries: Sequence[SummarySection], corpus: Sequence[Sentence], who: Who,
           matcher: corroboration.Matcher, outlets: corroboration.Outlets, config: Config) -> tuple[SummarySection, ...]:
    """Each summary sentence with the speaker its source gives it, the people it names by one word
    as its source names them in full, and, when `config.corroboration`, every outlet that carries it
    (which are its sources then)."""
    by_place = {(s.article, s.start): s for s in corpus}
    credited = []
    for section in summaries:
        sentences = []
        for cited in section.summary:
            sentence = source_sentence(cited, by_place)
            cited = with_speaker(cited, sentence, who)
            if config.corroboration and sentence is not None:
                found = corroboration.corroborate(sentence, matcher, outlets)
                cited = replace(cited, sources=tuple(s.source for s in found.supports), corroboration=found)
            sentences.append(cited)
        credited.append(replace(section, summary=tuple(sentences)))
    return tuple(credited)


def section_budgets(sections: Sequence[Section], per_section: int, total: int) -> list[int]:
    """Words per section: `per_section` each, scaled by size when `total` is tighter."""
    if per_section * len(sections) <= total:
        return [per_section] * len(sections)
    sizes = [sum(word_count(p.text) for p in s.passages) or 1 for s in sections]
    whole = sum(sizes)
    return [min(per_section, max(MIN_SECTION_WORDS, int(total * size / whole))) for size in sizes]


def choose_key_points(corpus: Sequence[Sentence], config: Config,
                      keep: Callable[[Sentence], bool] | None = None) -> tuple[SummarySentence, ...]:
    """What a reader reads first: the `key_points` sentences, within
    `key_point_words`, that together carry the heaviest concepts of the whole
    story (`coverage.select_coverage` over every candidate of `corpus`), cited.

    Weighed over the story, not section by section: the outcome every article
    reports outweighs what one section says most often. The first
    OPENING_WORDS words are the best summary of that length on their own; the
    rest of the budget adds to them; each part in order of what it adds.
    Only candidates whose every sentence `keep` accepts may be key points.
    """
    pool = summarize.candidates(corpus, keep)
    opening = select_coverage(pool, min(OPENING_WORDS, config.key_point_words), most=config.key_points)
    whole = select_coverage(pool, config.key_point_words, most=config.key_points, kept=opening)
    added = [i for i in whole if i not in opening]
    return cite.cite([pool[i] for i in by_gain(pool, opening) + by_gain(pool, added)], corpus)


def _carried(sentence: SummarySentence, config: Config) -> bool:
    """Whether enough independent outlets carry a key point (`config.min_outlets`)."""
    found = sentence.corroboration
    return config.min_outlets <= 1 or (found is not None and found.count >= config.min_outlets)


def _repeats_point(text: str, points: Sequence[str], said: Sequence) -> bool:
    return text in points or restates(text, said) or any(same_event(text, p) for p in points)


def summarize_sources(config: Config, words: int, report: Report | None = None) -> tuple[Sentence, ...]:
    """One multi-document summary of every article (`summarize_articles`)."""
    report = report or Report(strict=config.strict)
    return summarize_articles(read_articles(config, report), words, config.summarizer)


def summarize_articles(articles: Sequence[Article], words: int, summarizer: str) -> tuple[Sentence, ...]:
    """One multi-document summary of `articles` by the rules a section follows:
    never a claim whose speaker its source leaves unknown (`summary_input`)."""
    sentences, keep = summary_input(articles)
    return summarize.summarize(sentences, words, summarizer, keep=keep)


def summary_input(articles: Sequence[Article]) -> tuple[list[Sentence], Callable[[Sentence], bool]]:
    """The sentences of `articles` and which of them may be shown (`speaker_known`)."""
    found = passages_of(articles)
    return [s for p in found for s in p.sentences], speaker_known(articles, found)


def speaker_known(articles: Sequence[Article], found: Sequence[Passage]) -> Callable[[Sentence], bool]:
    """Whether a sentence of `found` (the passages of `articles`) may be shown: not a claim whose speaker
    its source leaves unknown (`who_said_what.Attributed.usable`)."""
    return who_said_what.Attributed(who_said_what.attributions_of(articles, found)).usable


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


def story_passages(articles: Sequence[Article], groups: Sequence[Sequence[int]], cache=None,
                   engine: Engine | None = None, step: Step | None = None) -> list[list[Passage]]:
    """The passages of each group of `articles` (a story: their indices), numbered within the group: every
    article split once (`passages_of`: on `engine`, or taken from `cache`); `step` advances per article."""
    by_article: dict[int, list[Passage]] = {}
    for passage in passages_of(articles, cache, engine, step):
        by_article.setdefault(passage.article, []).append(passage)
    return [[p for place, i in enumerate(group) for p in passages.numbered(by_article.get(i, ()), place)]
            for group in groups]


def passages_of(articles: Sequence[Article], cache=None, engine: Engine | None = None,
                step: Step | None = None) -> list[Passage]:
    """Every passage of `articles`, article i's sentences numbered as source i + 1 (split on `engine`);
    `step` advances per article."""
    if cache is not None:
        split = cache.passages_all(articles, engine)
    else:
        split = (engine or LocalEngine()).map(passages.split_article, list(enumerate(articles)))
    if step:
        for article in articles:
            step.advance(article.title)
    return [p for found in split for p in found]


def build_and_write(config: Config, now: datetime | None = None, report: Report | None = None) -> list[Path]:
    """Build the briefing of `config` and write its formats to `config.out` (no edition)."""
    check_output_dir(config.out)
    report = report or Report(strict=config.strict)
    briefing = build(config, report, now)
    return write_briefing(briefing, config, report)
