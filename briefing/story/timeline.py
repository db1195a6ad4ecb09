"""Timeline: the dated events of the sources, in order, each a verbatim sentence.

Dates are read with a small grammar of the forms news copy writes:
"February 24, 2022", "24 February 2022", "August 2008", "1991-92",
"the 1990s", a bare year ("in 1801", "the 2008 war"); and, resolved against
the article's own date (`Article.published`), the relative ones: "March 30",
"on Thursday", "yesterday", "last year", "five years ago". An undated article
gives only absolute dates: a relative one is left out, never guessed. A date
keeps the precision the text gives it: a year is shown as a year.

dateparser was considered: its `search_dates` finds dates in running text,
but it reads many plain numbers and words as dates ("may", "10 days") and
cannot say which precision the text gave; the forms here are few and each
is tested.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from briefing.models import Sentence, TimelineEvent
from briefing.story.standalone import refers_back
from briefing.story.summarize import is_question
from briefing.text.passages import is_fragment, quotations_closed
from briefing.text.similarity import REDUNDANCY, overlap, restates
from briefing.text.tokens import content_bigrams, content_stems, word_count

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

# Absolute forms, most specific first: at one place the first that matches wins.
_ABSOLUTE = re.compile(
    rf"(?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)"
    rf"|(?P<dmy>\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b)"
    rf"|(?P<mdy>\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b)"
    rf"|(?P<my>\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b)"
    rf"|(?P<between>\b(?:between|from)\s+{_YEAR}\s+(?:and|to|until|through)\s+{_YEAR}\b)"
    rf"|(?P<decade>\b(?:1[0-9]|20)[0-9]0['’]?s\b)"
    rf"|(?P<years>(?<![\d,.$€£])\b{_YEAR}\s*(?:-|–|/)\s*(?:{_YEAR}|[0-9]{{2}})\b(?![-–/]?\d))"
    rf"|(?P<year>(?<![\d,.$€£#])\b{_YEAR}\b(?![,.]?\d|%|\s*(?:per\s*cent|percent)))"
)
# Needs a year from the sentence or the article's date.
_YEARLESS = re.compile(
    rf"(?P<md>\b{_MONTH}\s+{_DAY}\b(?!\s*[,:]?\s*\d))"
    rf"|(?P<dm>\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s+\d))"
    rf"|(?:\b(?i:in|since|until|by|early|late|mid-|last|this|next|from|during)\s+)(?P<month>{_MONTH})\b(?!\s*,?\s*\d)"
)
_RELATIVE = re.compile(
    r"\b(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))\b"
    r"|\b(?P<yesterday>yesterday)\b|\b(?P<tomorrow>tomorrow)\b"
    r"|(?:\b(?P<which>last|next|this|on|early|late)\s+)?\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:(?P<earlier>earlier|later)\s+)?(?P<rel>last|this|next)\s+(?P<span>month|year|weekend|week)\b"
    r"|\b(?P<count>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>day|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
# A bare year is no date when it counts something: "2000 people", "1500 troops".
_COUNTED_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:people|persons|troops|soldiers|residents|inhabitants|"
                            r"votes|members|workers|refugees|units|cases|tons|km|miles|dollars|euros)\b")
# "will", "scheduled for", "set for" shortly before a date, or "plans to" just
# after it with no "said" between ("On Sunday, Clinton plans to visit"): it
# looks ahead, up to a year. An infinitive ("to meet in May") looks ahead less
# surely: "persuaded him to meet in May", in October, is last May; it looks
# ahead only as far as AHEAD_DAYS.
_FUTURE = r"will|would|shall|['’]ll|scheduled|set|due|plans?|planned|to\s+be|is\s+to|are\s+to|expected|upcoming|next"
_TO_DO = (r"to\s+(?:meet|visit|hold|vote|sign|travel|attend|begin|start|resume|announce|decide|discuss|return|"
          r"arrive|open|close|take\s+place)")
_AHEAD = re.compile(rf"\b(?:{_FUTURE})\b(?:\W+\w+){{0,10}}\W*$", re.IGNORECASE)
_AHEAD_MAYBE = re.compile(rf"\b{_TO_DO}\b(?:\W+\w+){{0,10}}\W*$", re.IGNORECASE)
_AHEAD_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:will|plans?\s+to|is\s+to|are\s+to|is\s+scheduled|are\s+scheduled|"
                          r"is\s+expected\s+to|are\s+expected\s+to)\b", re.IGNORECASE)
_REPORTING = re.compile(r"\b(?:said|says|told|announced|reported|added|stated|declared)\b", re.IGNORECASE)
_CLOSING_QUOTE = re.compile(r"[”\"]")
AHEAD_DAYS = 183
COMING_DAYS = 31
YEAR_DAYS = 366


def _looks_ahead(text: str, start: int, end: int) -> int:
    """How many days ahead the sentence may speak of the date: 0 when it looks back. A future
    word inside a quotation that closed before the date is the speaker's, not the date's
    ("\"...such a meeting will achieve no result,\" Sihanouk wrote in an Oct. 17 letter")."""
    ahead = _AHEAD.search(text[:start])
    if ahead and not _CLOSING_QUOTE.search(text, ahead.start(), start):
        return YEAR_DAYS
    after = _AHEAD_AFTER.match(text[end:])
    # "announced on Friday that ... will": the date is the announcement's.
    said_then = _REPORTING.search(text[max(0, start - 20) : start]) or re.match(r"\W*that\b", text[end:])
    if after is not None and not _REPORTING.search(after.group()) and not said_then:
        return YEAR_DAYS
    return AHEAD_DAYS if _AHEAD_MAYBE.search(text[:start]) else 0


# A sentence that opens with one of these leans on the one before it.
_DANGLING = frozenset((
    "he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "his", "its", "their", "our", "this",
    "that", "these", "those", "such", "but", "and", "or", "so", "yet", "however", "also", "then", "there",
    "here", "both", "neither", "either", "nor", "thus", "hence", "still", "instead", "meanwhile",
))
MIN_WORDS = 6
MAX_WORDS = 70


@dataclass(frozen=True)
class DateMention:
    """A date found in a sentence: the days it can mean, at the text's precision."""

    earliest: date
    latest: date
    precision: str  # "day", "week", "month" or "year"
    start: int  # offsets within the sentence text
    end: int
    relative: bool = False

    @property
    def label(self) -> str:
        return date_label(self.earliest, self.latest, self.precision)

    def within(self, other: DateMention) -> bool:
        return other.earliest <= self.earliest and self.latest <= other.latest


def date_label(earliest: date, latest: date, precision: str) -> str:
    """"August 26, 2008", "week of November 9, 1998", "August 2008", "2008", "1991–1992", "1990s"."""
    if precision == "week":
        first = f"{calendar.month_name[earliest.month]} {earliest.day}, {earliest.year}"
        return f"weekend of {first}" if (latest - earliest).days == 1 else f"week of {first}"
    if precision == "day":
        return f"{calendar.month_name[earliest.month]} {earliest.day}, {earliest.year}"
    if precision == "month":
        return f"{calendar.month_name[earliest.month]} {earliest.year}"
    if earliest.year == latest.year:
        return str(earliest.year)
    if earliest.year % 10 == 0 and latest.year == earliest.year + 9:
        return f"{earliest.year}s"
    return f"{earliest.year}–{latest.year}"


def mentions(text: str, published: date | None) -> list[DateMention]:
    """The dates of `text`, in order; relative ones only when `published` is known."""
    found = _absolute(text)
    taken = [(m.start, m.end) for m in found]
    for mention in _yearless(text, published, list(found)) + (_relative(text, published) if published else []):
        if not any(s < mention.end and mention.start < e for s, e in taken):
            found.append(mention)
            taken.append((mention.start, mention.end))
    return sorted(found, key=lambda m: m.start)


def _absolute(text: str) -> list[DateMention]:
    found = []
    for match in _ABSOLUTE.finditer(text):
        kind = match.lastgroup or ""
        written = match.group()
        if kind == "year" and _COUNTED_AFTER.match(text, match.end()):
            continue
        mention = _absolute_mention(kind, written, match.start(), match.end())
        if mention:
            found.append(mention)
    return found


def _absolute_mention(kind: str, written: str, start: int, end: int) -> DateMention | None:
    numbers = [int(n) for n in re.findall(r"\d+", written)]
    try:
        if kind == "iso":
            day = date(*numbers)
            return DateMention(day, day, "day", start, end)
        if kind in ("dmy", "mdy"):
            month = _month(written)
            day_number = numbers[0]
            day = date(numbers[-1], month, day_number)
            return DateMention(day, day, "day", start, end)
        if kind == "my":
            return _month_span(numbers[-1], _month(written), start, end)
    except ValueError:
        return None
    if kind == "decade":
        return DateMention(date(numbers[0], 1, 1), date(numbers[0] + 9, 12, 31), "year", start, end)
    if kind in ("years", "between"):
        first, last = numbers[0], numbers[1]
        if last < 100:  # "1991-92"
            last = first - first % 100 + last
        if not first < last <= first + 20:
            return None
        return DateMention(date(first, 1, 1), date(last, 12, 31), "year", start, end)
    year = numbers[0]
    return DateMention(date(year, 1, 1), date(year, 12, 31), "year", start, end)


def _month(written: str) -> int:
    found = re.search(_MONTH, written)
    assert found, written  # only called on text the month pattern matched
    return _MONTHS[found.group().rstrip(".").lower()]


def _month_span(year: int, month: int, start: int, end: int, relative: bool = False) -> DateMention:
    last = calendar.monthrange(year, month)[1]
    return DateMention(date(year, month, 1), date(year, month, last), "month", start, end, relative)


def _yearless(text: str, published: date | None, years: Sequence[DateMention]) -> list[DateMention]:
    """"March 30", "26 August", "in May": the year from a year the sentence gave
    before it ("In August 2008, ... on August 26"), else from the article's date."""
    found = []
    for match in _YEARLESS.finditer(text):
        if match.group("month") and match.start("month") != match.start():
            start = match.start("month")
        else:
            start = match.start()
        month = _month(match.group())
        earlier = [y for y in years if y.end <= start and y.earliest.year == y.latest.year]
        ahead = _looks_ahead(text, start, match.end())
        digits = re.search(r"\d+", match.group())
        day = int(digits.group()) if digits and not match.group("month") else None
        if earlier:
            year, relative = earlier[-1].earliest.year, False
        elif published:
            # A day of the coming month is that coming day ("the currency's Jan. 1 debut" in
            # December): news gives the year of a date a year away.
            ahead = max(ahead, COMING_DAYS) if day else ahead
            year, relative = _nearest_year(published, month, day or 1, ahead), True
        else:
            continue  # an undated article: no year to give it
        try:
            if day:
                when = date(year, month, day)
                found.append(DateMention(when, when, "day", start, match.end(), relative))
            else:
                found.append(_month_span(year, month, start, match.end(), relative))
        except ValueError:
            continue
    return found


def _nearest_year(published: date, month: int, day: int, ahead: int) -> int:
    """The year that puts month/day last on or before the article's date, or next
    on or after it when the sentence looks ahead that far (`ahead` days)."""
    try:
        this_year = date(published.year, month, day)
    except ValueError:  # February 29 of another year
        return published.year
    before = published.year if this_year <= published else published.year - 1
    after = published.year if this_year >= published else published.year + 1
    if ahead and (date(after, month, min(day, 28)) - published).days <= ahead:
        return after
    return before


def _relative(text: str, published: date) -> list[DateMention]:
    found = []
    for match in _RELATIVE.finditer(text):
        try:
            mention = _relative_mention(match, text, published)
        except (ValueError, OverflowError):  # "1998 years ago" in an article of 1998: no day of the calendar
            continue
        if mention:
            found.append(mention)
    return found


def _relative_mention(match: re.Match[str], text: str, published: date) -> DateMention | None:
    start, end = match.start(), match.end()
    groups = match.groupdict()
    day: date | None = None
    if groups["today"]:
        day = published
    elif groups["yesterday"]:
        day = published - timedelta(days=1)
    elif groups["tomorrow"]:
        day = published + timedelta(days=1)
    elif groups["weekday"]:
        if not groups["weekday"][0].isupper():
            return None
        which = (groups["which"] or "").lower()
        ahead = which == "next" or (which != "last" and _looks_ahead(text, start, end) > 0)
        day = _weekday(published, _WEEKDAYS[groups["weekday"].capitalize()], ahead, strict=which in ("last", "next"))
    elif groups["span"]:
        shift = {"last": -1, "this": 0, "next": 1}[groups["rel"].lower()]
        if groups["span"].lower() in ("week", "weekend"):
            return _week(published, shift, groups["span"].lower() == "weekend", start, end)
        if groups["span"].lower() == "year":
            year = published.year + shift
            return DateMention(date(year, 1, 1), date(year, 12, 31), "year", start, end, True)
        month_index = published.year * 12 + published.month - 1 + shift
        return _month_span(month_index // 12, month_index % 12 + 1, start, end, True)
    elif groups["unit"]:
        count = groups["count"].lower()
        n = int(count) if count.isdigit() else _NUMBER_WORDS[count]
        unit = groups["unit"].lower()
        if unit == "day":
            day = published - timedelta(days=n)
        elif unit == "month":
            month_index = published.year * 12 + published.month - 1 - n
            return _month_span(month_index // 12, month_index % 12 + 1, start, end, True)
        else:
            year = published.year - n
            return DateMention(date(year, 1, 1), date(year, 12, 31), "year", start, end, True)
    if day is None:
        return None
    return DateMention(day, day, "day", start, end, True)


def _week(published: date, shift: int, weekend: bool, start: int, end: int) -> DateMention:
    """"last week": Monday to Sunday of the week before the article's; "last weekend": the
    Saturday and Sunday before it (the same week's when the article is of a Sunday)."""
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
    if weekend:
        saturday = monday + timedelta(days=5)
        if shift == -1 and published.weekday() == 6:
            saturday += timedelta(weeks=1)
        return DateMention(saturday, saturday + timedelta(days=1), "week", start, end, True)
    return DateMention(monday, monday + timedelta(days=6), "week", start, end, True)


def _weekday(published: date, weekday: int, ahead: bool, strict: bool) -> date:
    """The named weekday nearest the article's date: the last one on or before
    it ("on Thursday" in Friday's paper), or the next one when the sentence looks ahead."""
    if ahead:
        days = (weekday - published.weekday()) % 7 or 7
        return published + timedelta(days=days)
    days = (published.weekday() - weekday) % 7
    if strict and days == 0:
        days = 7
    return published - timedelta(days=days)


def sentence_date(sentence: Sentence, published: date | None) -> DateMention | None:
    """The date a sentence is about: its first date, or a later one that
    narrows it ("In August 2008, ... on August 26" is August 26, 2008).

    A date that names an event the reader knows ("the 2008 war") or bounds a
    span ("since 2008", "until 1922") is not when the sentence's event happened,
    nor one the sentence only refers to (`_REFERRED`); one that tells of
    another event than the main clause's gives way to a date of the main
    clause (`_aside`).
    """
    text = sentence.text
    dated = [m for m in mentions(text, published) if not _reference(text, m)]
    told = [m for m in dated if not _opened(text, m, _REFERRED, dated, closes_at_date=False)]
    main = [m for m in told if not _aside(text, m, dated)]
    found = main or told
    if not found:
        return None
    chosen = found[0]
    for later in found[1:]:
        if later.within(chosen) and later.precision != chosen.precision and not later.relative:
            chosen = later
    return chosen


_SPAN_BEFORE = re.compile(r"\b(?:since|until|till|before|through)\s+(?:early\s+|late\s+|mid-)?$", re.I)
_THE_BEFORE = re.compile(r"\bthe\s+(?:early\s+|late\s+|mid-)?$", re.I)
_NOUN_AFTER = re.compile(r"\s+(?!(?:and|or|to|in|on|at|of|when|as|after|before|until|that|which|was|were|is|are)\b)[A-Za-z]")


def _reference(text: str, mention: DateMention) -> bool:
    """Whether the date names a thing of that time ("the 2008 war", "the campaign
    of 5 years ago") or bounds a span ("since 2008"), rather than dating an event."""
    before = text[: mention.start]
    if _SPAN_BEFORE.search(before):
        return True
    if text[mention.start : mention.end].lower().endswith("ago") and re.search(r"\bof\s+$", before):
        return True
    return bool(_THE_BEFORE.search(before) and _NOUN_AFTER.match(text, mention.end))


# Where a date stands tells whose it is. A relative clause ("Pasechnik, head of
# the republic, which declared independence in 2014, said Sunday..."; "a
# government that was toppled last week"), an earlier event ("Only after the
# annexation in 1921, the oblast was created in 1922") or an aside in brackets
# ("the Georgia-Imeretia Governate (1840)") tells of another event than the
# main clause's: its date gives way to one of the main clause, and stands when
# the main clause has none (what else the sentence tells is of that date).
# A nominal "what" clause ("will not allow what happened in 2008 to be
# repeated") and a "despite" phrase ("Despite a short alliance in 1974, he is a
# staunch defender...") only refer to an event: their dates never stand.
# Clauses end at a comma or a dash. Where one that no comma opened ends is
# unknown without a parser: at its first date ("the man who shot him in 1994
# was arrested Monday"), or where a finite verb past its first word starts the
# main clause ("a lawmaker who planned to run for president was killed Friday").
_RELATIVE_CLAUSE = re.compile(r"\b(?:which|who|whom|whose)\b|\bthat\s+(?:was|were|is|are|had|has|have)\b", re.I)
_EARLIER_EVENT = re.compile(r"\b(?:after|(?<!the\s)following)\b", re.I)  # not "the following rates"
_REFERRED = re.compile(r"\b(?:what|despite)\b", re.I)
_CLAUSE_END = re.compile(r"[,;:()—]|\s[-–]\s")
_MAIN_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|will|would|can|could|said|says|told)\b", re.I)


def _aside(text: str, mention: DateMention, dated: Sequence[DateMention]) -> bool:
    """Whether `mention` stands in a relative clause, an earlier event's phrase or brackets."""
    return (_opened(text, mention, _RELATIVE_CLAUSE, dated)
            or _opened(text, mention, _EARLIER_EVENT, dated, closes_at_date=False)
            or text.count("(", 0, mention.start) > text.count(")", 0, mention.start))


def _opened(text: str, mention: DateMention, opener: re.Pattern[str], dated: Sequence[DateMention],
            closes_at_date: bool = True) -> bool:
    """Whether `mention` stands in a clause `opener` opens: the last opener before
    it, with no clause end between, and (`closes_at_date`, when no comma or dash
    opened the clause) no other of the `dated` between."""
    before = text[: mention.start]
    last = next(reversed(list(opener.finditer(before))), None)
    if last is None or _CLAUSE_END.search(before, last.end()):
        return False
    if not closes_at_date or re.search(r"(?:,|—|\s[-–])\s*$", before[: last.start()]):
        return True
    within = before[last.end() :]
    first_word = re.match(r"\W*\w+", within)
    if first_word and _MAIN_VERB.search(within, first_word.end()):
        return False
    return not any(last.end() <= m.start and m.end <= mention.start for m in dated)


def reads_alone(text: str) -> bool:
    """Whether a sentence can stand in a timeline without the one before it."""
    if is_fragment(text) or is_question(text) or not MIN_WORDS <= word_count(text) <= MAX_WORDS:
        return False
    opening = re.match(r"[\W_]*([\w’']+)", text)
    if opening is None or opening.group(1).lower().split("’")[0].split("'")[0] in _DANGLING or refers_back(text):
        return False
    return quotations_closed(text)  # a quotation opened and not closed (or closed, never opened) is half of one


def events(sentences: Sequence[Sentence], published: Sequence[date | None], limit: int = 0) -> tuple[TimelineEvent, ...]:
    """The dated events of `sentences`, oldest first; `published[i]` is article i's date.

    Each is one sentence that reads alone, dated by `sentence_date`; a
    sentence another source also carries, with the same date, is one event
    citing both. With `limit`, the events most sources carry are kept.
    """
    found: list[TimelineEvent] = []
    said: list[tuple[frozenset, set[str]]] = []  # each event's phrases and content stems
    by_date: dict[tuple[date, date], list[int]] = {}  # only events of one date can be the same
    for sentence in sentences:
        if not reads_alone(sentence.text):
            continue
        mention = sentence_date(sentence, published[sentence.article])
        if mention is None:
            continue
        event = _event(sentence, mention)
        candidates = by_date.setdefault((event.earliest, event.latest), [])
        stems = set(content_stems(event.text))
        # Only another source's sentence can be the same event: one article tells each once.
        same = next((i for i in candidates
                     if event.sources[0] not in found[i].sources and _same_event(found[i], event, stems, said[i])), None)
        if same is None:
            candidates.append(len(found))
            found.append(event)
            said.append((content_bigrams(event.text), stems))
        else:
            found[same] = replace(found[same], sources=found[same].sources + event.sources)
    if limit and len(found) > limit:
        keep = sorted(range(len(found)), key=lambda i: (-len(found[i].sources), i))[:limit]
        found = [found[i] for i in sorted(keep)]
    return tuple(sorted(found, key=lambda e: (e.earliest, e.latest, e.sources[0], e.start)))


# Two sentences of one date are one event when they share this share of the
# shorter one's content words: on one day ("Moscow recognized the independence
# ... on August 26, 2008" and "... the Kremlin recognized ... on August 26"),
# a third will do; in one month or year, where more happens, half
# (`similarity.REDUNDANCY`, what a summary would not say twice); or when
# they make the same statement (`similarity.restates`).
SAME_DAY_OVERLAP = 0.3


def _same_event(kept: TimelineEvent, new: TimelineEvent, new_stems: set[str],
                kept_words: tuple[frozenset, set[str]]) -> bool:
    """Whether `new` (with its content stems) tells the event `kept` (with its phrases and stems) tells."""
    if (kept.earliest, kept.latest) != (new.earliest, new.latest):
        return False
    phrases, stems = kept_words
    needed = SAME_DAY_OVERLAP if kept.precision == "day" else REDUNDANCY
    return overlap(stems, new_stems) >= needed or restates(new.text, [phrases])


def _event(sentence: Sentence, mention: DateMention) -> TimelineEvent:
    return TimelineEvent(
        when=mention.label,
        earliest=mention.earliest,
        latest=mention.latest,
        precision=mention.precision,
        text=sentence.text,
        sources=(sentence.article + 1,),
        start=sentence.start,
        end=sentence.end,
        date_start=sentence.start + mention.start,
        date_end=sentence.start + mention.end,
        relative=mention.relative,
    )
