"""The values that flow between pipeline stages.

Every stage takes these and returns new ones; nothing is filled in later.
Offsets (`start`, `end`) always index the *cleaned* text of an `Article`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Carrier:
    """Another copy of a merged article: who carried it, where, and when."""

    origin: str  # file path or URL of the copy, as the user gave or found it
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class RawDocument:
    """One input as read from disk or the web, before cleaning."""

    origin: str  # file path or URL, as the user will recognise it
    text: str  # plain text (HTML already reduced to text by its reader)
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    # Whether `text` still starts with title/byline/dateline lines to strip.
    has_header: bool = True
    also: tuple[Carrier, ...] = ()  # near-duplicate copies merged into this one (dedupe)


@dataclass(frozen=True)
class Article:
    """A cleaned article: metadata plus paragraphs of body text."""

    origin: str
    title: str
    text: str  # paragraphs joined by "\n\n"; offsets point into this
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) of each paragraph
    author: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    removed: tuple[str, ...] = ()  # boilerplate lines dropped, for --verbose
    also: tuple[Carrier, ...] = ()  # other outlets and copies that carried it
    # False when `title` stands in for a missing headline (the opening words, or the file name).
    has_headline: bool = True


@dataclass(frozen=True)
class Sentence:
    """A sentence with its place in an article's cleaned text."""

    text: str
    article: int  # index of the article in the corpus
    index: int  # position of the sentence within its article, from 0
    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """A paragraph of one article, split into sentences."""

    article: int
    index: int  # position of the paragraph within its article
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Section:
    """A topic section: its profile entry and the passages assigned to it."""

    title: str
    passages: tuple[Passage, ...]
    description: str = ""
    key: str = ""


@dataclass(frozen=True)
class Source:
    """An entry of the source list; `id` is the citation number.

    Articles and sources share their order: article i is source i + 1.
    """

    id: int
    title: str
    origin: str
    author: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    also: tuple[Carrier, ...] = ()  # other outlets and copies that carried it


@dataclass(frozen=True)
class SummarySentence:
    """A verbatim summary sentence and every source that carries it."""

    text: str
    sources: tuple[int, ...]  # source ids, the one quoted first
    start: int  # offsets into the cleaned text of sources[0]
    end: int


@dataclass(frozen=True)
class SummarySection:
    title: str
    summary: tuple[SummarySentence, ...]
    passages: tuple[Passage, ...]
    anchor: str = ""


@dataclass(frozen=True)
class StoryPage:
    """One story of a pile of several: its own full briefing, and where it is written
    (`stories/<slug>/briefing.*` beside the front page)."""

    slug: str
    briefing: Briefing
    outlets: int  # distinct outlets that carried its articles
    first: date | None  # earliest and latest publication dates of its articles
    last: date | None


@dataclass(frozen=True)
class Briefing:
    """Everything the templates and briefing.json need."""

    title: str
    generated_at: datetime
    sources: tuple[Source, ...]
    key_points: tuple[SummarySentence, ...]
    sections: tuple[SummarySection, ...]
    warnings: tuple[str, ...] = field(default=())
    # What is new since the previous edition (see editions.py); None on a first edition.
    new_since: SummarySection | None = None
    removed: tuple[str, ...] = ()  # articles of the previous edition no longer in the sources
    # A pile of several stories: the front page lists them, most important first,
    # and `key_points`/`sections` are empty (each story has its own briefing).
    stories: tuple[StoryPage, ...] = ()
