"""Dates: what an article states of its own date, and the corpus's `--since` and undated flags.

Two readers with different rules. `parse_date` reads a metadata value that *is*
a date ("2022-04-01T09:30:00+02:00", "Fri, 01 Apr 2022 10:00 GMT") and takes the
first date written in it. `dateline` and `lead_in` read article text, where a
date counts only when the line, or the opening of the first paragraph, states
nothing but the date with its usual company (a place, an agency, a weekday, a
time, a label like "Published"): "Friday, April 1, 2022", "Published
01.04.2022 14:05", "TBILISI, April 1 (Reuters) -". A date inside a sentence
("a 100 mln Ecu eurobond due March 30, 1990") is never the article's date.

A dateline may lack the year ("SALVADOR, Feb 26 -"): it is read as a `MonthDay`
and never completed with a guessed year (see `resolve`).

Across the corpus, on cleaned articles (a plain-text article's date is in its
dateline, which cleaning reads): an article published before `since` is left
out, and noted. An undated one is kept (it may well be news) and flagged when
the source list is made, which puts it after the dated ones: under --strict
the flag is a warning and fails the build; otherwise it is a note (shown with
--verbose and by `briefing sources`), because a folder of plain-text articles
without datelines would warn on every build, about nothing the user did wrong.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from datetime import date

from briefing.models import Article, Dated, MonthDay

Warn = Callable[[str], None]
log = logging.getLogger("briefing")

# Where a date was stated (`Dated.source`), as `briefing sources` names it.
FRONT_MATTER = "front matter"
SOURCES_TOML = "sources.toml"
FEED = "feed"
JSONL = "JSONL"
PAGE_METADATA = "page metadata"
JSON_LD = "JSON-LD"
DATELINE = "dateline"

MAX_DATELINE_CHARS = 120  # a longer line is a sentence, whatever it holds

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH = (  # a month name or its abbreviation, in group "mon"
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_NO_YEAR = r"(?!\s*,?\s*\d{3})(?![\w.:/-]*\d)"  # no year follows the day, no figure is glued to it
_FULL_DATES = (
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"\b{MONTH}\s+{_DAY},?\s+(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(rf"(?<!\d){_DAY}\s+(?:of\s+)?{MONTH},?\s+(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)"),
    re.compile(r"(?<![\d/])(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"),  # year first: unambiguous
)
_MONTH_DAYS = (
    re.compile(rf"\b{MONTH}\s+{_DAY}\b{_NO_YEAR}", re.I),
    re.compile(rf"(?<![\d.]){_DAY}\s+(?:of\s+)?{MONTH}(?!\w){_NO_YEAR}", re.I),
)
WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?"
# What may stand beside the date in a dateline: weekday, time, time zone, labels.
# Time zones by their shape (EDT, CEST, GMT, MSK) and only in capitals, so a
# capitalised headline ("YEAR ENDED DEC 31 1986") is not taken for noise.
_DATE_NOISE = re.compile(
    rf"\b{WEEKDAY}(?!\w)|{_TIME}"
    r"|\b(?:published|updated|posted|last|modified|first|on|at|date|time|as of)\b"
    r"|(?-i:\b(?:[A-Z]{1,4}T|UTC|MSK)\b|T(?=\d{1,2}:\d{2})|(?<=\d)Z\b)|[+-]\d{2}(?::?\d{2})?\b",
    re.I,
)
# A line that ends a clause ("... as of record April 1, 1987.") is a piece of a
# sentence: a dateline does not end in a comma, nor in a full stop after a figure.
_CLAUSE_END = re.compile(r"(?:[,;]|\d\.)\s*$")
# A newswire lead-in: a place, maybe a region, maybe an agency in brackets,
# the date, maybe the agency, then a dash: "TBILISI, April 1 (Reuters) - ".
# A place in capitals is a place; one in title case ("Moscow, April 1 - ")
# must not be a word that opens sentences ("On Friday, April 1 - ...").
_SENTENCE_OPENERS = [
    "on", "in", "at", "by", "from", "since", "until", "till", "before", "after", "earlier", "later", "today",
    "yesterday", "tomorrow", "last", "next", "this", "that", "then", "now", "and", "but", "so", "as", "the", "a", "an",
]
_NOT_PLACES = rf"(?i:{WEEKDAY}|{MONTH.replace('(?P<mon>', '(?:')}|{'|'.join(_SENTENCE_OPENERS)})\b"
_PLACE = r"[A-Z][A-Z.'’\-]+(?:\s[A-Z][A-Z.'’\-]+){0,3}"
_NAME = r"[A-Z][\w.'’\-]*(?:\s[A-Z][\w.'’\-]*){0,3}"
_TITLED_PLACE = rf"(?!{_NOT_PLACES})[A-Z][\w.'’\-]*(?:\s(?!{_NOT_PLACES})[A-Z][\w.'’\-]*){{0,2}}"
_AGENCY = r"\([^()\n]{1,30}\)"
_DASH = r"\s*(?:_|--|—|–|-)\s+(?=\S)"
_LEAD_DATE = r"(?P<date>[^()\n]{3,30}?)"  # whatever it holds must be a date alone (see `_alone`)
_LEAD_INS = tuple(
    re.compile(rf"{place}(?:,\s{_NAME})?(?:\s{_AGENCY})?,\s{_LEAD_DATE}(?:\s{_AGENCY})?{_DASH}")
    for place in (_PLACE, _TITLED_PLACE)
)


def parse_date(text: str) -> date | None:
    """The first full date written in a metadata value ("2022-04-01", "April 1, 2022", "1 Apr 2022", ...)."""
    found = _find(text[:1000], _FULL_DATES)
    return found[0] if found and isinstance(found[0], date) else None


def dateline(line: str) -> date | MonthDay | None:
    """The date a line states when the line is only a dateline: the date, with
    a weekday, a time and zone, labels ("Published", "Updated") at most.

    A month and day alone ("Dec 31" under a quarter's results) labels a table
    as often as it dates an article: without a year it needs a weekday, a
    time or a label beside it to count.
    """
    if len(line) > MAX_DATELINE_CHARS or _CLAUSE_END.search(line):
        return None
    found = _alone(line)
    if found is None:
        return None
    day, accompanied = found
    return day if accompanied or isinstance(day, date) else None


def lead_in(paragraph: str) -> tuple[date | MonthDay, int] | None:
    """The date of a newswire dateline opening `paragraph` ("TBILISI, April 1
    (Reuters) - The ...") and where the story after it starts; None without one."""
    for pattern in _LEAD_INS:
        match = pattern.match(paragraph[: MAX_DATELINE_CHARS + 1])
        if match and (found := _alone(match["date"])):
            return found[0], match.end()
    return None


def resolve(stated: Dated | None, header: date | MonthDay | None) -> Dated | None:
    """An article's date from its metadata (`stated`) and its header's dateline.

    Metadata, which always gives a full date, stands. Otherwise the dateline
    does, as far as it goes: a dateline without a year stays a month and day,
    since no other statement of the article's own date gives the year.
    """
    if stated is not None:
        return stated
    return Dated(header, DATELINE) if header is not None else None


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
    """Warn about each article without a full publication date."""
    for article in articles:
        if article.partial_date:
            warn(f"{article.origin}: the {article.date_source} gives {article.partial_date.label} but no year, "
                 "and nothing else states its date; listed after the dated sources")
        elif article.published is None:
            warn(f"{article.origin}: no publication date found; listed after the dated sources")


def log_dates(articles: Sequence[Article]) -> None:
    """Log (for --verbose) where each article's date was stated."""
    for article in articles:
        if article.dated:
            log.info("%s: date %s from %s", article.origin, article.dated.day, article.date_source)


def _alone(text: str) -> tuple[date | MonthDay, bool] | None:
    """The date in `text` if nothing but a dateline's company is beside it,
    and whether anything is (a weekday, a time, a label)."""
    found = _find(text, _FULL_DATES) or _find(text, _MONTH_DAYS)
    if not found:
        return None
    day, match = found
    outside = text[: match.start()] + " " + text[match.end() :]
    if re.search(r"\w", _DATE_NOISE.sub(" ", outside)):
        return None
    return day, bool(re.search(r"\w", outside))


def _find(text: str, patterns) -> tuple[date | MonthDay, re.Match] | None:
    for pattern in patterns:
        for match in pattern.finditer(text):
            if day := _value(match):
                return day, match
    return None


def _value(match: re.Match) -> date | MonthDay | None:
    parts = match.groupdict()
    month = _MONTHS.index(parts["mon"][:3].lower()) + 1 if parts.get("mon") else int(parts["m"])
    try:
        if parts.get("y"):
            return date(int(parts["y"]), month, int(parts["d"]))
        return MonthDay(month, int(parts["d"]))
    except ValueError:
        return None
