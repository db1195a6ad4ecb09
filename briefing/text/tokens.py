"""Words, stems and stop words: offline, light to import, shared by every stage.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import snowballstemmer

from briefing.text.stopwords import ENGLISH

# Letters, digits, and in-word apostrophes/hyphens ("Kremlin-backed", "Russia's").
_WORD = re.compile(r"[^\W_](?:[^\W_]|['’\-](?=[^\W_]))*")
_STEMMER = snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """The words of `text`, in order, as written."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """Words as a reader counts them: whitespace-separated tokens."""
    return len(text.split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Lower-cased Snowball (Porter 2) stem of one word."""
    return _STEMMER.stemWord(word.lower().replace("’", "'"))


def stop_words() -> frozenset[str]:
    """English stop words: sumy's list, kept in `stopwords` so sumy can stay optional."""
    return ENGLISH


@lru_cache(maxsize=65536)
def content_stems(text: str) -> tuple[str, ...]:
    """Stems of the words that carry meaning: no stop words, no bare numbers.

    Cached (a tuple, so no caller can change what the next one gets): topics,
    corroboration, summaries, figures and the timeline each stem a story's
    sentences again, and a story's sentences are met together."""
    stops = stop_words()
    return tuple(stem(w) for w in words(text) if w.lower() not in stops and not w.isdigit())


@lru_cache(maxsize=65536)
def content_bigrams(text: str) -> frozenset[tuple[str, str]]:
    """Adjacent pairs of content stems: a phrase shared by two sentences.

    Cached: each section's citations and redundancy checks look at the same
    corpus sentences again."""
    stems = content_stems(text)
    return frozenset(itertools.pairwise(stems))
