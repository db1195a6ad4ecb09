"""What is new since the previous edition: update summarization (TAC 2008-2011).

The "New since" section draws only on articles added or changed since the
previous edition, and of those only on sentences that say something the
previous edition's readers have not seen: a sentence is already known when
one old sentence holds most of its terms, or when old text holds most of its
phrases. "Old" is the previous edition's own summary and every article it
was built from. A new article that repeats known facts adds nothing.

Numbers count here (unlike in `cite`): "9 dead" after "7 dead" is news, so
a sentence is known only where its numbers are known too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import cite, summarize
from .models import Passage, Sentence, SummarySection
from .tokens import stem, stop_words, words

# An old sentence holding this share of a new sentence's terms already says it.
KNOWN_TERMS = 0.6
# Old text holding this share of a new sentence's phrases already says it
# (a restatement stitched from several old sentences).
KNOWN_PHRASES = 0.75
MIN_PHRASES = 3


@dataclass(frozen=True)
class Changes:
    """Articles, by origin, since the previous edition."""

    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.removed)


def compare(previous: Mapping[str, str], current: Mapping[str, str]) -> Changes:
    """Origins added, changed or removed, given each edition's origin -> content hash."""
    return Changes(
        new=tuple(o for o in current if o not in previous),
        changed=tuple(o for o in current if o in previous and previous[o] != current[o]),
        removed=tuple(o for o in previous if o not in current),
    )


def terms(text: str) -> list[str]:
    """Stems of the words that carry meaning, numbers included, in order."""
    stops = stop_words()
    return [stem(w) for w in words(text) if w.lower() not in stops]


class Knowledge:
    """What readers of the previous edition know: its sentences, indexed by term."""

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
            self._phrases.update(zip(found, found[1:]))

    def knows(self, text: str) -> bool:
        """Whether `text` says nothing that the old sentences do not already say."""
        found = terms(text)
        wanted = set(found)
        if not wanted:
            return True
        numbers = {t for t in wanted if t[0].isdigit()}
        if self._best_share(wanted, numbers) >= KNOWN_TERMS:
            return True
        phrases = set(zip(found, found[1:]))
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


def novel(candidates: Sequence[Sentence], known: Knowledge) -> list[Sentence]:
    """The candidates that tell readers of the previous edition something new."""
    return [s for s in candidates if not known.knows(s.text)]


def new_since_section(
    passages: Sequence[Passage], known: Knowledge, words_budget: int, summarizer: str, title: str
) -> SummarySection:
    """The "New since" section: novel sentences of `passages` (the new and changed
    articles'), summarized within `words_budget` and cited among those articles only."""
    sentences = [s for p in passages for s in p.sentences]
    chosen = summarize.summarize(novel(sentences, known), words_budget, summarizer)
    return SummarySection(title, cite.cite(chosen, sentences), tuple(passages), anchor="new-since")
