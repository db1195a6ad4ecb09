"""Passages and sentences: each paragraph of an article, split into sentences
that keep their character offsets into the article's cleaned text."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from syntok import segmenter

from briefing.models import Article, Passage, Sentence
from briefing.text.cues import CUE_WORDS
from briefing.text.tokens import word_count, words

# A lone capital and a period ("S. Ossetia", "Region/S. Ossetia"): syntok takes
# some of these for a sentence end; a news sentence rarely ends on an initial.
_ENDS_ON_INITIAL = re.compile(r"(?:^|[^\w.])[A-Z]\.$")
_STARTS_LOWER = re.compile(r"^[\"“‘'(\[]*[a-z]")
# Titles written before a name ("said Rep. Dick Armey", "Lt. Col. Nancy
# Currie", "the Rev. Norman Weslin") that syntok does not know: no sentence
# ends on one.
_ENDS_ON_TITLE = re.compile(
    r"\b(?:Rep|Reps|Sens|Gov|Govs|Lt|Col|Maj|Sgt|Cpl|Pvt|Cmdr|Cmndr|Comdr|Cdr|Adm|Brig|Rev|Hon|Pres|Supt|Det|Insp"
    r"|Atty|Msgr|Amb|Ft|Mme|Mlle|Messrs)\.$"
)
# A month or "No." before a number ("conducted Dec. 18-22, was...", "No. 2"):
# syntok ends a sentence there before some numbers (a range); none ends so.
_ENDS_BEFORE_NUMBER = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos)\.$")
_STARTS_ON_DIGIT = re.compile(r"^\d")
# `...again!” Bibilov noted.`: the attribution after a quoted exclamation or
# question. A few words with no quotation marks are taken for it; a longer
# piece only with a verb of saying in it (`"...?" Ms. Moseley-Braun said in an
# interview.`), since a new sentence may follow a quotation too (`"Death to
# Arafat!" Just a block away, shoppers went about their business.`).
_ENDS_QUOTED_EXCLAMATION = re.compile(r"[!?][”\"’']$")
_ATTRIBUTION_MAX_WORDS = 5
_CUED_ATTRIBUTION_MAX_WORDS = 12
# "LONDON (AP) — British police said...": syntok ends a sentence before the
# dash, leaving the dateline alone and the lead opening on a dash (so the
# dateline, no longer at a sentence's start, was never cut). A piece with no
# full stop, question or exclamation mark at its end has not ended; the dash
# after it goes on with it.
_OPENS_ON_DASH = re.compile(r"(?:—|–|--|_|-)\s")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*$")
# A full stop after a plain word, then a word in lower case: "...he said. the
# near future." Sentences do not go on in lower case after a full stop, so this
# is text torn on its way out of a page (a link's words lost); the rest is a
# fragment of its own. Abbreviations of four letters or more are the exception.
_TORN = re.compile(r"(?<![\w.])([A-Za-z][A-Za-z\-]{3,})\.\s+(?=[a-z])")
_ABBREVIATIONS = frozenset(
    ["approx", "incl", "excl", "resp", "esp", "dept", "depts", "govt", "corp", "assn", "univ", "prof", "capt", "sgt", "lieut", "comdr", "supt", "calif", "colo", "conn", "mass", "mich", "minn", "tenn", "wash", "ariz", "okla", "penn", "blvd", "bros", "inst", "sept", "vols", "figs"]
)
# A short capitalised word and a full stop that the same text also writes
# without one ("Hun Sen complained", "Hun Sen's coup") is a name's end, not an
# abbreviation: "...won by strongman Hun Sen. Sam Rainsy wrote..." is two
# sentences. syntok takes "Sen." for "Senator" before a capitalised word.
_SHORT_WORD_STOP = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]{1,3})\.\s+(?=[\"“‘']?[A-Z])")

# Double quotation marks: typeset (“…”), typed ("…"), or in the ASCII of newswire archives, two
# apostrophes or two backquotes (''…'' as the New York Times' archive writes it, ``…'' as others do).
QUOTE_MARK = r"(?:[\"“”]|''|``)"
QUOTED = rf"{QUOTE_MARK}(?:(?!{QUOTE_MARK}).)*"  # a mark and what follows up to the next one


def quotations_closed(text: str) -> bool:
    """Whether the quotation marks of `text` pair up: as many “ as ”, and an even number of straight
    marks and of ASCII pairs (``...'' or ''...'')."""
    return (text.count("“") == text.count("”") and text.count('"') % 2 == 0
            and (text.count("''") + text.count("``")) % 2 == 0)


# A sentence that ends inside such ASCII marks before the next one: syntok knows `."` but not `.''`.
_CLOSED_IN_APOSTROPHES = re.compile(r"[.!?]''(\s+)(?=(?:''|``|[\"“‘(])?[A-Z])")


def split_sentences(text: str) -> list[tuple[str, int, int]]:
    """Sentences of `text` as (sentence, start, end), text[start:end] == sentence."""
    spans = list(_syntok_spans(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _continues(text[merged[-1][0] : merged[-1][1]], text[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [(text[s:e], s, e) for start, end in merged for named in _at_names(text, start, end)
            for part in _torn_apart(text, *named) for s, e in _after_apostrophes(text, *part)]


def _after_apostrophes(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span (start, end) of a sentence, cut after each `.''` that closes a sentence before another."""
    for match in _CLOSED_IN_APOSTROPHES.finditer(text, start, end):
        yield start, match.start(1)
        start = match.end()
    yield start, end


def _torn_apart(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span (start, end) of a sentence, cut after each `_TORN` full stop."""
    for match in _TORN.finditer(text, start, end):
        if match.group(1).lower() not in _ABBREVIATIONS:
            yield start, match.start(1) + len(match.group(1)) + 1
            start = match.end()
    yield start, end


def _at_names(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span (start, end) of a sentence, cut after each name `_SHORT_WORD_STOP` finds."""
    for match in _SHORT_WORD_STOP.finditer(text, start, end):
        if re.search(rf"\b{re.escape(match.group(1))}\b(?!\.)", text):
            yield start, match.end(1) + 1
            start = match.end()
    yield start, end


def _syntok_spans(text: str) -> Iterator[tuple[int, int]]:
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = [t for t in sentence if t.value]
            if tokens:
                yield from _stripped(text, tokens[0].offset, tokens[-1].offset + len(tokens[-1].value))


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span without the characters Python counts as white space (syntok
    keeps some control characters as tokens); nothing if that is all it holds."""
    span = text[start:end]
    core = span.strip()
    if core:
        start += len(span) - len(span.lstrip())
        yield start, start + len(core)


def _continues(previous: str, following: str) -> bool:
    """Whether `following` is not a sentence of its own but the rest of `previous`."""
    # syntok also ends sentences at semicolons; a sentence goes on past one.
    if _ENDS_ON_INITIAL.search(previous) or _ENDS_ON_TITLE.search(previous) or previous.endswith(";"):
        return True
    if _STARTS_LOWER.match(following):
        return True
    if _ENDS_BEFORE_NUMBER.search(previous) and _STARTS_ON_DIGIT.match(following):
        return True
    if _OPENS_ON_DASH.match(following) and not _ENDS_SENTENCE.search(previous):
        return True
    if not _ENDS_QUOTED_EXCLAMATION.search(previous) or _QUOTE.search(following):
        return False
    size = len(following.split())
    return size <= _ATTRIBUTION_MAX_WORDS or (
        size <= _CUED_ATTRIBUTION_MAX_WORDS and any(w in CUE_WORDS for w in words(following))
    )


def is_fragment(text: str) -> bool:
    """Whether `text` opens with a word in lower case: the torn-off rest of a
    sentence (see `split_sentences`), not a statement to quote."""
    first = text.lstrip("\"“‘'([").split(maxsplit=1)[:1]
    return bool(first) and first[0].rstrip(".,;:!?”’\")").isalpha() and first[0].islower()


def split_article(numbered: tuple[int, Article]) -> tuple[Passage, ...]:
    """`to_passages` of an (index, article) pair: one argument, for an engine's map."""
    return to_passages(*numbered)


def numbered(article_passages: Sequence[Passage], article_index: int) -> tuple[Passage, ...]:
    """An article's passages (and their sentences) numbered as article `article_index` of another corpus (a story's)."""
    return tuple(
        replace(p, article=article_index, sentences=tuple(replace(s, article=article_index) for s in p.sentences))
        for p in article_passages
    )


def to_passages(article_index: int, article: Article) -> tuple[Passage, ...]:
    """The passages of `article`, sentences with article offsets: one per
    paragraph, or a few per paragraph when it runs longer than
    LONG_PARAGRAPH sentences (some sources put a whole story in one)."""
    passages = []
    count = 0
    for index, (start, end) in enumerate(article.paragraphs):
        text = article.text[start:end]
        split = split_sentences(text)
        # A wire desk's sign-off set apart from the story's last sentence ("&UR; sf/vj") is no sentence.
        kept = [(sentence, s, e) for sentence, s, e in split if not _SIGN_OFF_ALONE.fullmatch(sentence)]
        sentences = [Sentence(sentence, article_index, count + i, start + s, start + e)
                     for i, (sentence, s, e) in enumerate(kept)]
        count += len(sentences)
        for chunk in _chunks(sentences):
            # A chunk spans whole sentences; a lone paragraph keeps its own span.
            whole = len(chunk) == len(split)
            first, last = (start, end) if whole else (chunk[0].start, chunk[-1].end)
            passages.append(Passage(article_index, index, first, last, article.text[first:last], tuple(chunk)))
    return tuple(passages)


# Paragraphs of more sentences are split into passages of about CHUNK_SENTENCES,
# so that topic segmentation sees units of one subject.
LONG_PARAGRAPH = 6
CHUNK_SENTENCES = 4


def _chunks(sentences: list[Sentence]) -> list[list[Sentence]]:
    """`sentences` in runs of about CHUNK_SENTENCES, never cut inside a quotation."""
    if len(sentences) <= LONG_PARAGRAPH:
        return [sentences] if sentences else []
    size = math.ceil(len(sentences) / math.ceil(len(sentences) / CHUNK_SENTENCES))
    chunks: list[list[Sentence]] = [[]]
    depth = 0
    for sentence in sentences:
        chunks[-1].append(sentence)
        depth = _depth_after(_quote_marks(sentence.text), depth)
        if len(chunks[-1]) >= size and depth <= 0:
            chunks.append([])
            depth = 0
    return [chunk for chunk in chunks if chunk]


# A newswire dateline: city in capitals, maybe a region and an agency, a dash.
# "PHNOM PENH, Cambodia (AP) _ ", "WASHINGTON (AP) -- ", "UNITED NATIONS (Reuters) - "
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+)*"
    r"(?:, [A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*)*)?"
    r"(?: \([^()\n]{1,24}\))?"
    r" ?(?:_|--|—|–|-)\s+(?=[\"“‘'(\[]?[A-Z0-9])"
)


# What a wire desk leaves after a story's last full stop: the initials of those
# who handled it ("(ht-fd)", "(vls/me/eb)"), an SGML entity its software did not
# know ("&UR;"), or both.
_INITIALS = r"(?:[a-z]{1,5}[-/])+[a-z]{1,5}"
_SIGN_OFF = re.compile(rf"(?<=[.!?\"”’)])(?:\s+&[A-Za-z]+;)*(?:\s+\({_INITIALS}\))?$")
# The same set apart as a sentence of its own: "&UR; sf/vj", "&UR; sf-ggl", "(ab-cd)".
_SIGN_OFF_ALONE = re.compile(rf"(?:&[A-Za-z]+;\s*)+(?:{_INITIALS})?|\({_INITIALS}\)")


def dateline_length(text: str) -> int:
    """The characters of a newswire dateline `text` opens on ("MUNICH, Germany (AP) — "), 0 for none
    (or when nothing follows it)."""
    match = _DATELINE.match(text)
    return match.end() if match and text[match.end() :].strip() else 0


def trim_clutter(sentence: Sentence) -> Sentence:
    """`sentence` without a leading newswire dateline, a trailing sign-off or a
    bracket of a parenthesis it only begins or ends; still a verbatim span of
    its article."""
    cut = dateline_length(sentence.text)
    if cut:
        sentence = replace(sentence, text=sentence.text[cut:], start=sentence.start + cut)
    ending = _SIGN_OFF.search(sentence.text)
    if ending and ending.start() < ending.end():
        sentence = replace(sentence, text=sentence.text[: ending.start()], end=sentence.start + ending.start())
    return _unbracketed(sentence)


def _unbracketed(sentence: Sentence) -> Sentence:
    """`sentence` without the bracket that opens or closes a parenthesis around
    more than itself ("(Astronomers call...", "...a "meteorite.")"): the other
    one stands in another sentence, and a bullet would show it unmatched."""
    text = sentence.text
    inner = text[1:].lstrip()
    if text.startswith("(") and ")" not in text and inner:
        return replace(sentence, text=inner, start=sentence.start + len(text) - len(inner))
    if text.endswith(")") and "(" not in text and text[:-1].strip():
        return replace(sentence, text=text[:-1], end=sentence.end - 1)
    return sentence


# Double quotation marks. A straight one opens when it starts a word (after a
# space, a bracket or a dash) and closes otherwise; curly ones say which they are.
_QUOTE = re.compile(QUOTE_MARK)
_QUOTE_AT_END = re.compile(QUOTE_MARK + "$")
_BEFORE_OPENING = " \t\n([{—–-/"


def quote_units(sentences: Sequence[Sentence], max_words: int) -> list[Sentence]:
    """`sentences` with every quotation whole: a quotation that runs over several
    sentences of one paragraph becomes one unit, a verbatim span from the first
    sentence's start to the last one's end.

    A quotation that names nobody joins the one before it in its paragraph
    that does (`"...," the mayor said. "More of it."`). A sentence that would
    still open or close a quotation it does not finish is dropped: the first
    and last sentence of a quotation not finished within its paragraph (AP
    style carries a long quotation into the next paragraph, which reopens it)
    or not within `max_words` words. Sentences of one paragraph are the
    consecutive sentences of an article separated by at most one character
    (one space, after cleaning; a blank line separates paragraphs).
    """
    units: list[Sentence] = []
    pending: list[Sentence] = []  # a unit whose quotation is still open
    speaker: Sentence | None = None  # last sentence of units[-1] if it quotes someone by name
    for sentence in sentences:
        marks = _quote_marks(sentence.text)
        if pending and (not _same_paragraph(pending[-1], sentence) or marks[:1] == ["open"]):
            units += _unfinished(pending)  # ran to the end of its paragraph (and was reopened)
            pending, speaker = [], None
        depth = _depth_after(marks, 1 if pending else 0)
        pending.append(sentence)
        if depth < 0:  # closes a quotation it did not open
            units += _unfinished(pending)
            pending, speaker = [], None
        elif depth == 0:
            unit = _join(pending)
            bare = _bare_quotation(unit.text)
            joins = speaker is not None and bare and _same_paragraph(speaker, pending[0])
            if joins and _words(units[-1], unit) <= max_words:
                # `"...," the mayor said. "More of it."`: the mayor goes on.
                units[-1] = _join([units[-1], unit])
                speaker = sentence
            elif word_count(unit.text) <= max_words:
                units.append(unit)
                speaker = sentence if marks and not bare else None
            else:
                units += _unfinished(pending)
                speaker = None
            pending = []
    return units + _unfinished(pending)


def _words(*sentences: Sentence) -> int:
    return sum(word_count(s.text) for s in sentences)


def _depth_after(marks: list[str], depth: int) -> int:
    """1 while a quotation is open, 0 once closed, -1 if the marks do not pair up."""
    for k, mark in enumerate(marks):
        if mark == "open":
            if depth and k:  # opened twice within one sentence
                return -1
            depth = 1
        elif depth == 1:
            depth = 0
        else:
            return -1
    return depth


def _unfinished(pending: list[Sentence]) -> list[Sentence]:
    """The sentences of an unfinished quotation that carry no quotation mark of it."""
    return [s for s in pending if _depth_after(_quote_marks(s.text), 0) == 0]


def _bare_quotation(text: str) -> bool:
    """Whether `text` is all quotation, with nobody named as saying it."""
    marks = _quote_marks(text)
    return marks == ["open", "close"] and _QUOTE.match(text) is not None and _QUOTE_AT_END.search(text) is not None


def _quote_marks(text: str) -> list[str]:
    """"open" or "close" for each double quotation mark of `text`, in order."""
    marks = []
    for match in _QUOTE.finditer(text):
        mark, at = match.group(), match.start()
        if mark in ('"', "''"):  # straight marks: opening where a word starts
            after = text[match.end() : match.end() + 1]
            opening = (at == 0 or text[at - 1] in _BEFORE_OPENING) and after.strip() != ""
            marks.append("open" if opening else "close")
        else:
            marks.append("open" if mark in ("“", "``") else "close")
    return marks


def _same_paragraph(a: Sentence, b: Sentence) -> bool:
    return a.article == b.article and b.index == a.index + 1 and 0 <= b.start - a.end <= 1


def _join(sentences: Sequence[Sentence]) -> Sentence:
    """One sentence spanning `sentences`, consecutive sentences of a paragraph."""
    first = sentences[0]
    text = first.text
    end = first.end
    for sentence in sentences[1:]:
        text += " " * (sentence.start - end) + sentence.text
        end = sentence.end
    return replace(first, text=text, end=end)
