"""Who said what: the attributions of one article, found by rule.

Two kinds are found. A *quote* is a span in quotation marks (“…”, "…", «…»,
„…“, ‘…’; over several sentences, or several paragraphs when each goes on with
an opening mark) whose sentence, or the sentence before it when that ends in a
colon, names a speaker beside a cue ("he said", "said Peskov", "Zalkaliani
noted:", "according to the ministry"). A *reported* statement is a sentence
whose speaker and cue frame a clause ("Peskov said that ...", "..., the
ministry said.", "According to the ministry, ...").

The speaker mention (the words that name the speaker there: "he", "the
spokesman", "Peskov") is resolved to the fullest name and role the article
gives: a pronoun to the last person quoted, a bare role to the last speaker
holding it, a surname to the longest name that ends with it, and the role to
the title written before the name or in apposition after it. A mention that
resolves to no name keeps `speaker` empty: no speaker is invented.

Rules, not a statistical model: a parser shipped as a wheel (spaCy and its
models) would outweigh the rest of `briefing`, and the patterns of attribution
in news copy are few. bench/eval_attribution.py measures them on PolNeAR.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from . import speakers
from .speakers import QUOTE, NounPhrase, Token


@dataclass(frozen=True)
class Attribution:
    """One statement and who made it, with offsets into the article's cleaned text."""

    article: int  # index of the article in the corpus
    kind: str  # "quote" (in quotation marks) or "reported" (speech reported with a cue)
    start: int  # the statement: the quoted words (inside the marks) or the reported clause
    end: int
    speaker: str  # the fullest name the article gives, "" when the mention names nobody
    role: str  # the title or role the article gives the speaker ("Kremlin spokesman"), or ""
    mention: tuple[int, int]  # the words that name the speaker in this sentence ("he", "Peskov")
    cue: str  # the cue as written ("said", "told reporters", "according to")
    cue_span: tuple[int, int]
    sentences: tuple[int, ...]  # indices of the article's sentences the statement spans
    pieces: tuple[tuple[int, int], ...] = ()  # the quoted parts when a quote runs over paragraphs
    said_on: date | None = None  # the day the article says it was said, when it gives one


@dataclass(frozen=True)
class _Quote:
    start: int  # first character inside the opening mark
    end: int  # last character before the closing mark (exclusive)
    outer: tuple[int, int]  # with the marks
    pieces: tuple[tuple[int, int], ...]


@dataclass
class _Found:
    mention: NounPhrase
    cue: tuple[int, int]
    cue_text: str
    content: tuple[int, int] | None = None  # reported speech only


def extract(
    article: int, text: str, sentences: Sequence[tuple[int, int]], published: date | None = None
) -> tuple[Attribution, ...]:
    """Every attribution of one article: `text` is its cleaned text, `sentences`
    the (start, end) of each sentence in order (the pipeline's sentence split)."""
    quotes = find_quotes(text)
    resolver = speakers.Resolver(text)
    found: list[tuple[int, Attribution]] = []
    used_cues: set[tuple[int, int]] = set()
    previous: tuple[_Found, int, int] | None = None  # the last quote's speaker, its last sentence, its end
    for quote in quotes:
        first, last = _sentence_at(sentences, quote.start), _sentence_at(sentences, quote.end - 1)
        hit = _quote_speaker(text, sentences, quotes, quote, first, last)
        if hit is None and previous and _goes_on(text, previous, quote, first):
            hit = previous[0]  # `“...,” Peskov said. “...”`: the next quotation is Peskov's too
        if hit is None:
            previous = None
            continue
        previous = (hit, max(last, _sentence_at(sentences, hit.cue[0])), quote.outer[1])
        used_cues.add(hit.cue)
        found.append((quote.start, _attribution(article, "quote", (quote.start, quote.end), quote.pieces,
                                                 hit, range(first, last + 1), text, sentences, published)))
    for index, (start, end) in enumerate(sentences):
        for hit in _reported(text, start, end, quotes):
            if hit.content is not None and hit.cue not in used_cues and not _inside_quote(quotes, hit.cue[0]):
                found.append((hit.content[0], _attribution(article, "reported", hit.content, (), hit, [index],
                                                           text, sentences, published)))
    found.sort(key=lambda pair: pair[0])
    resolved = []
    for _, attribution in found:
        speaker, role = resolver.resolve(attribution.mention)
        resolved.append(replace(attribution, speaker=speaker, role=role))
    return tuple(resolved)


def _goes_on(text: str, previous: tuple[_Found, int, int], quote: _Quote, first: int) -> bool:
    """Whether `quote` opens the sentence right after the previous quote (or its
    cue) in the same paragraph, with no other words of its own outside the marks."""
    _, last, end = previous
    return first == last + 1 and "\n\n" not in text[end : quote.outer[0]] and not _own_words(text, quote)


def _own_words(text: str, quote: _Quote) -> bool:
    """Words after the closing mark before the sentence ends ("..." he added)."""
    after = text[quote.outer[1] : quote.outer[1] + 40].split("\n", 1)[0]
    return bool(re.match(r"\s*[,;]?\s*[A-Za-z]", after))


def _attribution(article, kind, span, pieces, hit: _Found, indices, text, sentences, published) -> Attribution:
    indices = tuple(indices)
    said_on = said_date(text[sentences[indices[0]][0] : sentences[indices[-1]][1]], published) if indices else None
    return Attribution(
        article=article, kind=kind, start=span[0], end=span[1], speaker="", role="",
        mention=(hit.mention.start, hit.mention.end), cue=hit.cue_text, cue_span=hit.cue,
        sentences=indices, pieces=pieces or (span,), said_on=said_on,
    )


# ---------------------------------------------------------------- quotations

_OPEN = {"“": "”", "„": "“", "«": "»", '"': '"', "‘": "’"}
_ANY_OPEN = "“„«\"‘"


def find_quotes(text: str) -> list[_Quote]:
    """The quoted spans of `text`. A quote left open at a paragraph's end goes
    on when the next paragraph opens with a mark (the newspaper convention for
    a quote of several paragraphs); otherwise it ends with its paragraph."""
    quotes: list[_Quote] = []
    i, n = 0, len(text)
    while i < n:
        mark = text[i]
        if mark in _OPEN and _opens(text, i):
            quote = _close(text, i)
            if quote:
                quotes.append(quote)
                i = quote.outer[1]
                continue
        i += 1
    return quotes


def _opens(text: str, i: int) -> bool:
    """Whether the mark at `i` opens a quote: after a space, a bracket, a dash or
    the start, before a word (an apostrophe in "don’t" never does)."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:/" or before in _ANY_OPEN) and not after.isspace()


def _close(text: str, i: int) -> _Quote | None:
    mark, closer = text[i], _OPEN[text[i]]
    pieces, start = [], i + 1
    j = start
    while j < len(text):
        c = text[j]
        if c == closer and (closer not in "’'" or not (j + 1 < len(text) and text[j + 1].isalpha())):
            pieces.append((start, j))
            return _Quote(pieces[0][0], j, (i, j + 1), tuple(pieces))
        if text.startswith("\n\n", j):
            pieces.append((start, j))
            k = j
            while k < len(text) and text[k].isspace():
                k += 1
            if mark != "‘" and k < len(text) and text[k] == mark:  # the quote goes on in the next paragraph
                start = j = k + 1
                continue
            if mark == "‘":  # a single mark left open is an apostrophe, not a quote
                return None
            return _Quote(pieces[0][0], pieces[-1][1], (i, j), tuple(pieces))
        j += 1
    if mark == "‘" or start >= len(text):
        return None
    pieces.append((start, len(text)))
    return _Quote(pieces[0][0], len(text), (i, len(text)), tuple(pieces))


def _inside_quote(quotes: Sequence[_Quote], position: int) -> bool:
    return any(q.outer[0] <= position < q.outer[1] for q in quotes)


def _sentence_at(sentences: Sequence[tuple[int, int]], position: int) -> int:
    for index, (start, end) in enumerate(sentences):
        if position < end:
            return index if position >= start or index == 0 else index - (position < start)
    return len(sentences) - 1


def _quote_speaker(text, sentences, quotes, quote: _Quote, first: int, last: int) -> _Found | None:
    """The speaker and cue of `quote`: after it in its last sentence, else before
    it in its first, else in the sentence before when that one ends in a colon."""
    tail_end = sentences[last][1] if sentences else len(text)
    head_start = sentences[first][0] if sentences else 0
    after = speakers.tokenize(text, quote.outer[1], tail_end, quotes)
    before = speakers.tokenize(text, head_start, quote.outer[0], quotes)
    me = Token(QUOTE, quote.outer[0], quote.outer[1])
    frame = [*before, me, *after]
    hit = _cue_near(frame, len(before)) or _colon_speaker(before)
    if hit is None and first > 0 and not speakers.words_of(before):
        prev_start, prev_end = sentences[first - 1]
        if text[prev_start:prev_end].rstrip().endswith(":"):
            tokens = speakers.tokenize(text, prev_start, prev_end, quotes)
            hit = _cue_near([*tokens, me], len(tokens))
    return hit


def _colon_speaker(before: list[Token]) -> _Found | None:
    """"Clinton: “...”": a name and a colon just before the quote."""
    if len(before) < 2 or before[-1].text != ":":
        return None
    mention = speakers.left_phrase(before, len(before) - 2)
    if mention is None or not speakers.name_part(mention.words) or mention.start != _opening(before, mention):
        return None
    return _Found(mention, (before[-1].start, before[-1].end), ":")


def _opening(tokens: list[Token], mention: NounPhrase) -> int:
    """Where the clause of `mention` opens: it must stand alone before the colon."""
    inside = [t for t in tokens if t.start < mention.start]
    return mention.start if not inside or inside[-1].text in {".", ",", ";", speakers.QUOTE} else -1


def _cue_near(tokens: list[Token], at: int) -> _Found | None:
    """The cue nearest the quote token at `at` that has a speaker."""
    cues = [(abs(i - at), i, length) for i, length in speakers.cues(tokens)]
    for _, i, length in sorted(cues):
        mention = speakers.speaker_of(tokens, i, length, quoted=True)
        if mention is not None:
            return _Found(mention, (tokens[i].start, tokens[i + length - 1].end),
                          " ".join(t.text for t in tokens[i : i + length]))
    return None


# ---------------------------------------------------------------- reported speech

_MIN_CONTENT_WORDS = 3


def _reported(text: str, start: int, end: int, quotes: Sequence[_Quote]) -> list[_Found]:
    """Reported statements of the sentence text[start:end]."""
    tokens = speakers.tokenize(text, start, end, quotes)
    found = []
    for i, length in speakers.cues(tokens):
        if tokens[i].text.lower() in speakers.QUOTE_ONLY_CUES:
            continue
        mention = speakers.speaker_of(tokens, i, length, quoted=False)
        if mention is None:
            continue
        content = speakers.reported_content(tokens, i, length, mention)
        if content is None or any(t.text == QUOTE and content[0] <= t.start < content[1] for t in tokens) or len(speakers.words_of([t for t in tokens if content[0] <= t.start < content[1]])) \
                < _MIN_CONTENT_WORDS:
            continue
        found.append(_Found(mention, (tokens[i].start, tokens[i + length - 1].end),
                            " ".join(t.text for t in tokens[i : i + length]), content))
    return found


# ---------------------------------------------------------------- dates

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY_OF_MONTH = re.compile(
    r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b")
_MONTH_FIRST = re.compile(r"\b(\d{1,2})\s+(" + "|".join(m.capitalize() for m in _MONTHS) + r")(?:\s+(\d{4}))?\b")
_ON_WEEKDAY = re.compile(r"\b(?:on|last)\s+(" + "|".join(d.capitalize() for d in _WEEKDAYS) + r")\b")


def said_date(sentence: str, published: date | None) -> date | None:
    """The day a sentence says its statement was made ("on Monday", "March 30",
    "30 March 2022"), read against the article's date; None when it names none."""
    match = _DAY_OF_MONTH.search(sentence)
    if match:
        return _day(published, int(match.group(3) or 0), _MONTHS.index(match.group(1).lower()) + 1,
                    int(match.group(2)))
    match = _MONTH_FIRST.search(sentence)
    if match:
        return _day(published, int(match.group(3) or 0), _MONTHS.index(match.group(2).lower()) + 1,
                    int(match.group(1)))
    match = _ON_WEEKDAY.search(sentence)
    if match and published:
        back = (published.weekday() - _WEEKDAYS.index(match.group(1).lower())) % 7
        return published - timedelta(days=back)
    return None


def _day(published: date | None, year: int, month: int, day: int) -> date | None:
    if not year:
        if published is None:
            return None
        year = published.year - ((month, day) > (published.month, published.day))
    try:
        return date(year, month, day)
    except ValueError:
        return None
