"""The values that flow between pipeline stages.

Every stage takes these and returns new ones; nothing is filled in later.
Offsets (`start`, `end`) always index the *cleaned* text of an `Article`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class MonthDay:
    """A day of the year without its year: what a dateline like "SALVADOR, Feb 26 -" states."""

    month: int
    day: int

    def __post_init__(self) -> None:
        date(2000, self.month, self.day)  # ValueError for a day no year has (a leap year allows Feb 29)

    def __str__(self) -> str:
        return f"--{self.month:02d}-{self.day:02d}"  # ISO 8601's form of a date without a year

    @property
    def label(self) -> str:
        """The day as a reader writes it: "Feb 26"."""
        return f"{_MONTH_ABBR[self.month - 1]} {self.day}"


@dataclass(frozen=True)
class Dated:
    """An article's date as stated, as precisely as stated, and where.

    `source` names the statement: "front matter", "sources.toml", "feed",
    "JSONL", "page metadata", "JSON-LD" or "dateline" (see `text/dates.py`).
    """

    day: date | MonthDay
    source: str

    @property
    def full(self) -> date | None:
        """The date, when the year was stated too."""
        return self.day if isinstance(self.day, date) else None

    @property
    def partial(self) -> MonthDay | None:
        """The month and day, when the year was not stated."""
        return self.day if isinstance(self.day, MonthDay) else None


class _HasDate:
    """`dated` for a value carrying `published`, `date_source` and `partial_date`.

    The three flat fields keep `published` what it always was for the stages
    that only order and filter by date.
    """

    published: date | None
    date_source: str | None
    partial_date: MonthDay | None

    @property
    def dated(self) -> Dated | None:
        day = self.published or self.partial_date
        return Dated(day, self.date_source or "unknown") if day else None


def date_fields(dated: Dated | None) -> dict:
    """The `published`, `date_source` and `partial_date` fields that hold `dated`."""
    if dated is None:
        return {"published": None, "date_source": None, "partial_date": None}
    return {"published": dated.full, "date_source": dated.source, "partial_date": dated.partial}


@dataclass(frozen=True)
class Carrier:
    """Another copy of a merged article: who carried it, where, and when."""

    origin: str  # file path or URL of the copy, as the user gave or found it
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class RawDocument(_HasDate):
    """One input as read from disk or the web, before cleaning."""

    origin: str  # file path or URL, as the user will recognise it
    text: str  # plain text (HTML already reduced to text by its reader)
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None  # for a fetched page, where it was fetched from
    # The address a fetched page gives itself (its canonical link), when not where it was fetched from.
    claimed_url: str | None = None
    # Whether `text` still starts with title/byline/dateline lines to strip.
    has_header: bool = True
    also: tuple[Carrier, ...] = ()  # near-duplicate copies merged into this one (dedupe)
    date_source: str | None = None  # where the date was stated (see `Dated.source`)
    partial_date: MonthDay | None = None  # a dateline's month and day, when it gave no year


@dataclass(frozen=True)
class Article(_HasDate):
    """A cleaned article: metadata plus paragraphs of body text."""

    origin: str
    title: str
    text: str  # paragraphs joined by "\n\n"; offsets point into this
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) of each paragraph
    author: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    claimed_url: str | None = None  # see RawDocument
    removed: tuple[str, ...] = ()  # boilerplate lines dropped, for --verbose
    also: tuple[Carrier, ...] = ()  # other outlets and copies that carried it
    # False when `title` stands in for a missing headline (the opening words, or the file name).
    has_headline: bool = True
    date_source: str | None = None  # where the date was stated (see `Dated.source`)
    partial_date: MonthDay | None = None  # a dateline's month and day, when it gave no year


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
class Source(_HasDate):
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
    date_source: str | None = None  # where the date was stated (see `Dated.source`)
    partial_date: MonthDay | None = None  # a dateline's month and day, when it gave no year
    text: str = ""  # the cleaned text that summary sentences' offsets point into
    claimed_url: str | None = None  # see RawDocument


@dataclass(frozen=True)
class Support:
    """One article's sentence that carries a statement (see story/corroboration.py)."""

    source: int  # citation number of the article
    start: int  # offsets of the sentence in that article's cleaned text
    end: int
    text: str
    same_words: bool  # the same content words as the statement, not reworded


@dataclass(frozen=True)
class Corroboration:
    """Who carries a statement: every supporting article, grouped into independent outlets."""

    supports: tuple[Support, ...]  # the quoted article's sentence first
    outlets: tuple[tuple[int, ...], ...]  # source ids counted as one outlet (one outlet, copies, reprints)

    @property
    def count(self) -> int:
        """Independent outlets that carry the statement."""
        return len(self.outlets)


@dataclass(frozen=True)
class Statement:
    """A speaker's statement, verbatim from one source."""

    text: str  # the quoted words, or the sentence that reports the statement
    source: int  # citation number
    start: int  # offsets of `text` in that source's cleaned text
    end: int
    kind: str  # "quote" or "reported"
    cue: str  # "said", "according to", ...
    said_on: date | None = None
    also: tuple[int, ...] = ()  # other sources that carry the same statement
    quoted: bool = False  # `text` is the words inside the quotation marks (shown in marks)


@dataclass(frozen=True)
class Speaker:
    """An entry of "Who said what": one speaker and their key statements."""

    name: str  # the fullest name the sources give
    role: str  # the role the sources give, or ""
    statements: tuple[Statement, ...]
    sources: tuple[int, ...]  # every source that quotes or reports the speaker


@dataclass(frozen=True)
class NamedPerson:
    """A person a summary sentence names by one word ("Delic"), as its source names them in full."""

    written: str  # the word the sentence names them by
    name: str  # "Hazim Delic"
    role: str = ""  # as the source gives it ("deputy commander"); "" when it gives none


@dataclass(frozen=True)
class SummarySentence:
    """A verbatim summary sentence and every source that carries it."""

    text: str
    sources: tuple[int, ...]  # source ids, the one quoted first
    start: int  # offsets into the cleaned text of sources[0]
    end: int
    # Who the sentence quotes or reports, as sources[0] gives them ("" when it
    # is no attributed statement); shown when the sentence does not name them.
    speaker: str = ""
    speaker_role: str = ""
    speaker_named: bool = True  # the sentence itself names the speaker
    corroboration: Corroboration | None = None
    # People the sentence names by one word whom sources[0] names in full ("Delic": "Hazim Delic"),
    # shown beside it so that the bullet says who they are when read alone.
    people: tuple[NamedPerson, ...] = ()


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
    # Figures that disagree and the timeline (story/figures.py, story/timeline.py); None: switched off.
    figures: tuple[FigureConflict, ...] | None = None
    timeline: tuple[TimelineEvent, ...] | None = None
    who_said_what: tuple[Speaker, ...] = ()  # speakers, the most central first
    # A pile of several stories: the front page lists them, most important first,
    # and `key_points`/`sections` are empty (each story has its own briefing).
    stories: tuple[StoryPage, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A figure as one source gives it, quoted in its verbatim sentence."""

    text: str  # the sentence
    figure: str  # the figure as written: "less than 50,000 people"
    low: float  # the values it allows (see story/figures.py)
    high: float | None  # None: no upper bound ("more than 9,000")
    sources: tuple[int, ...]
    start: int  # offsets of the sentence in the cleaned text of sources[0]
    end: int
    figure_start: int  # offsets of the figure in the same text
    figure_end: int
    people: tuple[NamedPerson, ...] = ()  # named by one word, in full as sources[0] names them


@dataclass(frozen=True)
class FigureConflict:
    """Figures about one thing that cannot all be true, from different sources."""

    about: str  # what they count: "population of South Ossetia"
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event: one verbatim sentence, its date at the precision the text gives."""

    when: str  # the date as shown: "August 2008", "1991–1992", "March 31, 2022"
    earliest: date  # the first and last day the date can mean
    latest: date
    precision: str  # "day", "week", "month" or "year"
    text: str
    sources: tuple[int, ...]
    start: int  # offsets of the sentence in the cleaned text of sources[0]
    end: int
    date_start: int  # offsets of the date expression in the same text
    date_end: int
    relative: bool = False  # resolved against the article's own date ("on Thursday")
    people: tuple[NamedPerson, ...] = ()  # named by one word, in full as sources[0] names them
