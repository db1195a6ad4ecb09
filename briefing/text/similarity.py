"""Do these two say the same thing? The one place every stage asks.

Three strengths of "the same", from loosest to strictest, each for a stage
that needs it:

- **Repeats** (`repeats`, `redundant_pairs`): two sentences sharing half the
  content words of the shorter one. A summary never holds both: the reader
  would read the same fact twice (summarize, coverage).
- **The same statement** (`same_statement`, `restates`): two sentences sharing
  at least `MIN_SHARED` phrases (content-word bigrams) and `SAME_STATEMENT` of
  the shorter one's phrases. Phrases, not words: two sentences naming the same
  people and places share words without saying the same thing. Citations
  credit every source whose sentence is the same statement; a later section
  does not say again what an earlier one said.
- **The same event** (`same_event`): two sentences sharing `EVENT_OVERLAP` of
  the shorter one's content words, `EVENT_WORDS` of them more than names (words
  not capitalised in both): "Jose Saramago became the first writer in
  Portuguese to win the Nobel Prize for Literature" and "the literature prize
  went to Portuguese novelist Jose Saramago". Names alone do not make an event
  ("Hun Sen ordered police..." and "Hun Sen's party won..." are two). Looser
  than the same statement, for the few bullets of a page's bottom line.
- **Already known** (`Knowledge`): a sentence whose terms, numbers included,
  one old sentence holds (`KNOWN_TERMS`), or whose phrases the old text holds
  (`KNOWN_PHRASES`). Numbers count here, unlike above: "9 dead" after "7 dead"
  is news (the "New since" section of an edition).

The thresholds were set on the seeds and DUC 2004 dev clusters when each
stage was written (see the README's "What a build does").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from briefing.text.tokens import content_bigrams, content_stems, stem, stop_words, words

# Repeats: this share of the smaller set of content stems in common.
REDUNDANCY = 0.5
# The same statement: this share of the shorter one's phrases, and at least MIN_SHARED of them.
SAME_STATEMENT = 0.4
MIN_SHARED = 3
# The same event: this share of content words in common, this many of them not names.
EVENT_OVERLAP = 0.5
EVENT_WORDS = 2
# Up to this many cells (texts x distinct stems, and texts x texts) `redundant_pairs`
# counts shared stems with a dense product: SciPy's sparse matrices, about 0.07 s
# to import, pay off only for more texts than a small build has.
DENSE_CELLS = 4_000_000
# Already known: one old sentence holding this share of a new sentence's terms ...
KNOWN_TERMS = 0.6
# ... or the old text holding this share of its phrases (a restatement stitched
# from several old sentences), when it has at least MIN_PHRASES of them.
KNOWN_PHRASES = 0.75
MIN_PHRASES = 3

Phrases = frozenset[tuple[str, str]] | set[tuple[str, str]]


def overlap(a: set[str] | Phrases, b: set[str] | Phrases) -> float:
    """Share of the smaller set found in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def repeats(text: str, said: Sequence[set[str]]) -> bool:
    """Whether `text` shares REDUNDANCY of its content stems with one of `said` (each a set of content stems)."""
    stems = set(content_stems(text))
    return any(overlap(stems, other) >= REDUNDANCY for other in said)


def redundant_pairs(texts: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (a, b), a < b, of `texts` that repeat each other (the `repeats` test, all pairs at once)."""
    # NumPy is heavy to import (SciPy more so): only summarizing needs them.
    import numpy as np

    stems = [sorted(set(content_stems(t))) for t in texts]
    vocabulary = {s: k for k, s in enumerate(sorted({s for found in stems for s in found}))}
    rows = np.array([j for j, found in enumerate(stems) for _ in found], dtype=np.int64)
    columns = np.array([vocabulary[s] for found in stems for s in found], dtype=np.int64)
    first, second, shared = _shared_counts(rows, columns, len(texts), len(vocabulary))
    sizes = np.array([len(found) for found in stems])
    smaller = np.minimum(sizes[first], sizes[second])
    close = (first < second) & (shared >= REDUNDANCY * np.maximum(smaller, 1))
    return sorted(zip(first[close].tolist(), second[close].tolist(), strict=True))


def _shared_counts(rows, columns, n_texts: int, n_stems: int):
    """For each pair of texts with a stem in common: (first, second, stems shared), as arrays;
    text `rows[i]` holds stem `columns[i]`."""
    import numpy as np  # off the up-to-date path, like redundant_pairs' own

    if n_texts * max(n_stems, n_texts) <= DENSE_CELLS:
        # Few texts: a dense product, exact (counts are small integers), and no SciPy to import.
        holds = np.zeros((n_texts, n_stems), dtype=np.float32)
        holds[rows, columns] = 1
        product = holds @ holds.T
        first, second = np.nonzero(product)
        return first, second, product[first, second].astype(np.float64)
    from scipy.sparse import csr_matrix  # heavy: only for many texts

    matrix = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(n_texts, n_stems))
    shared = (matrix @ matrix.T).tocoo()
    return shared.row, shared.col, shared.data


def same_statement(a: Phrases, b: Phrases) -> bool:
    """Whether two sentences, given by their `content_bigrams`, make the same statement."""
    return len(a & b) >= MIN_SHARED and overlap(a, b) >= SAME_STATEMENT


def restates(text: str, said: Sequence[Phrases]) -> bool:
    """Whether `text` makes the same statement as one of `said` (each its `content_bigrams`)."""
    phrases = content_bigrams(text)
    return any(same_statement(phrases, other) for other in said)


def same_event(a: str, b: str) -> bool:
    """Whether sentences `a` and `b` report the same event in other words (see the module's docstring)."""
    first, second = set(content_stems(a)), set(content_stems(b))
    plain = (first & second) - (_names(a) & _names(b))
    return len(plain) >= EVENT_WORDS and overlap(first, second) >= EVENT_OVERLAP


def _names(text: str) -> set[str]:
    """Stems of the words `text` writes capitalised."""
    return {stem(w) for w in words(text) if w[:1].isupper()}


def terms(text: str) -> list[str]:
    """Stems of the words that carry meaning, numbers included, in order."""
    stops = stop_words()
    return [stem(w) for w in words(text) if w.lower() not in stops]


class Knowledge:
    """What readers of earlier text know: its sentences, indexed by term."""

    def __init__(self, texts: Iterable[str]):
        self._terms: list[frozenset[str]] = []
        self._postings: dict[str, list[int]] = {}
        self._phrases: set[tuple[str, str]] = set()
        for text in texts:
            found = terms(text)
            number = len(self._terms)
            self._terms.append(frozenset(found))
            for term in self._terms[-1]:
                self._postings.setdefault(term, []).append(number)
            self._phrases.update(itertools.pairwise(found))

    def knows(self, text: str) -> bool:
        """Whether `text` says nothing that the old sentences do not already say."""
        found = terms(text)
        wanted = set(found)
        if not wanted:
            return True
        numbers = {t for t in wanted if t[0].isdigit()}
        if self._best_share(wanted, numbers) >= KNOWN_TERMS:
            return True
        phrases = set(itertools.pairwise(found))
        return (
            len(phrases) >= MIN_PHRASES
            and numbers <= self._postings.keys()
            and len(phrases & self._phrases) / len(phrases) >= KNOWN_PHRASES
        )

    def _best_share(self, wanted: set[str], numbers: set[str]) -> float:
        """The largest share of `wanted` one old sentence holding all `numbers` holds."""
        # An old sentence holding KNOWN_TERMS of `wanted` must hold one of its
        # rarest terms, so only sentences with one of those are compared.
        rarest = sorted(wanted, key=lambda t: len(self._postings.get(t, ())))
        needed = int(len(wanted) * (1 - KNOWN_TERMS)) + 1
        candidates = {n for term in rarest[:needed] for n in self._postings.get(term, ())}
        best = max((len(wanted & self._terms[n]) for n in candidates if numbers <= self._terms[n]), default=0)
        return best / len(wanted)
