"""Passages and sentences: each paragraph of an article, split into sentences
that keep their character offsets into the article's cleaned text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from syntok import segmenter

from .models import Article, Passage, Sentence

# A lone capital and a period ("S. Ossetia", "Region/S. Ossetia"): syntok takes
# some of these for a sentence end; a news sentence rarely ends on an initial.
_ENDS_ON_INITIAL = re.compile(r"(?:^|[^\w.])[A-Z]\.$")
_STARTS_LOWER = re.compile(r"^[\"“‘'(\[]*[a-z]")
# `...again!” Bibilov noted.`: the attribution after a quoted exclamation.
_ENDS_QUOTED_EXCLAMATION = re.compile(r"[!?][”\"’']$")
_ATTRIBUTION_MAX_WORDS = 5


def split_sentences(text: str) -> list[tuple[str, int, int]]:
    """Sentences of `text` as (sentence, start, end), text[start:end] == sentence."""
    spans = list(_syntok_spans(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _continues(text[merged[-1][0] : merged[-1][1]], text[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [(text[s:e], s, e) for s, e in merged]


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
    if _ENDS_ON_INITIAL.search(previous) or _STARTS_LOWER.match(following):
        return True
    return (
        _ENDS_QUOTED_EXCLAMATION.search(previous) is not None
        and len(following.split()) <= _ATTRIBUTION_MAX_WORDS
        and not re.search(r"[\"“”]", following)
    )


def to_passages(article_index: int, article: Article) -> tuple[Passage, ...]:
    """One passage per paragraph of `article`, sentences with article offsets."""
    passages = []
    count = 0
    for index, (start, end) in enumerate(article.paragraphs):
        text = article.text[start:end]
        sentences = tuple(
            Sentence(sentence, article_index, count + i, start + s, start + e)
            for i, (sentence, s, e) in enumerate(split_sentences(text))
        )
        count += len(sentences)
        if sentences:
            passages.append(Passage(article_index, index, start, end, text, sentences))
    return tuple(passages)


# A newswire dateline: city in capitals, maybe a region and an agency, a dash.
# "PHNOM PENH, Cambodia (AP) _ ", "WASHINGTON (AP) -- ", "UNITED NATIONS (Reuters) - "
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+)*"
    r"(?:, [A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*)*)?"
    r"(?: \([^()\n]{1,24}\))?"
    r" ?(?:_|--|—|–|-)\s+(?=[\"“‘'(\[]?[A-Z0-9])"
)


def trim_clutter(sentence: Sentence) -> Sentence:
    """`sentence` without a leading newswire dateline; still a verbatim span of its article."""
    match = _DATELINE.match(sentence.text)
    if not match or not sentence.text[match.end() :].strip():
        return sentence
    return replace(sentence, text=sentence.text[match.end() :], start=sentence.start + match.end())
