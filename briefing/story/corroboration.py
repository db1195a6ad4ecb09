"""Corroboration: how many independent outlets carry a statement, and which.

"The same statement" here is looser than `similarity.same_statement` (which
needs shared phrases, so a reworded or translated quote is missed): two
sentences say the same thing when the content words they share weigh, by
their rarity in the story (inverse sentence frequency, so that "South Ossetia"
in a story about South Ossetia weighs next to nothing), at least `SAME_WEIGHT`
of the lighter sentence and `SAME_COSINE` by cosine over both, with at least
`MIN_SHARED` words in common, and no clash of numbers (both give numbers, none
in common: "in 1920" is not "in 2008"). bench/eval_corroboration.py gives its
error rate on labelled pairs of real sentences.

Independent outlets: articles of one outlet, and articles that are copies of
one another (wire copy run by several papers, a reprint: `REPRINT` of the
shorter one's five-word shingles found in the other) count once; the copies
that `dedupe` merged before cleaning (`Article.also`) are already one article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from urllib.parse import urlparse

from briefing.models import Article, Corroboration, Sentence, Support
from briefing.sources.dedupe import containment, shingles
from briefing.text.tokens import content_stems

SAME_WEIGHT = 0.4
SAME_COSINE = 0.25
MIN_SHARED = 2
REPRINT = 0.5
COMMON = 0.2  # share of all sentences above which a word finds no candidates alone ...
SMALL_STORY = 1000  # ... in a story of more sentences than this (a small one is searched whole)


class Matcher:
    """The same-statement test over the sentences of one story (their rarity weights)."""

    def __init__(self, sentences: Sequence[Sentence]):
        self.sentences = list(sentences)
        self.stems = [frozenset(content_stems(s.text)) for s in self.sentences]
        self.postings: dict[str, list[int]] = {}
        for number, found in enumerate(self.stems):
            for stem in found:
                self.postings.setdefault(stem, []).append(number)
        total = len(self.sentences) + 1
        self.weight = {stem: math.log(total / len(where)) for stem, where in self.postings.items()}
        self._unseen = math.log(total)
        self._weights = [self._weigh(stems) for stems in self.stems]

    def _weigh(self, stems: frozenset[str]) -> float:
        return sum(self.weight.get(s, self._unseen) for s in stems)

    def same(self, a: Sentence, b: Sentence, a_stems=None, b_stems=None) -> bool:
        """Whether `a` and `b` make the same statement (see the module's docstring)."""
        a_stems = a_stems if a_stems is not None else frozenset(content_stems(a.text))
        b_stems = b_stems if b_stems is not None else frozenset(content_stems(b.text))
        return self._shared(a_stems, _numbers(a.text), b_stems, _numbers(b.text)) is not None

    def carriers(self, statement: Sentence) -> list[Sentence]:
        """The best sentence of every other article that makes the same statement."""
        own = frozenset(content_stems(statement.text))
        own_weight, own_numbers = self._weigh(own), _numbers(statement.text)
        best: dict[int, tuple[int, Sentence]] = {}
        for number in self._candidates(own):
            sentence, stems = self.sentences[number], self.stems[number]
            if sentence.article == statement.article:
                continue
            # This story's sentences weighed once: a statement meets most of them.
            shared = self._shared(own, own_numbers, stems, _numbers(sentence.text), own_weight, self._weights[number])
            if shared is not None and (sentence.article not in best or len(shared) > best[sentence.article][0]):
                best[sentence.article] = (len(shared), sentence)
        return [sentence for _, sentence in sorted(best.values(), key=lambda pair: pair[1].article)]

    def _shared(self, a_stems: frozenset[str], a_numbers: frozenset[str], b_stems: frozenset[str],
                b_numbers: frozenset[str], a_weight: float | None = None, b_weight: float | None = None
                ) -> frozenset[str] | None:
        """The stems two sentences share when they make the same statement, else None (the test of the
        module's docstring; their weights are found here unless given)."""
        shared = a_stems & b_stems
        if len(shared) < MIN_SHARED or _clash(a_numbers, b_numbers):
            return None
        weight_a = self._weigh(a_stems) if a_weight is None else a_weight
        weight_b = self._weigh(b_stems) if b_weight is None else b_weight
        if not weight_a or not weight_b:
            return None
        common = self._weigh(shared)
        if common / min(weight_a, weight_b) < SAME_WEIGHT or common / math.sqrt(weight_a * weight_b) < SAME_COSINE:
            return None
        return shared

    def _candidates(self, stems: frozenset[str]) -> list[int]:
        """Sentences sharing MIN_SHARED of `stems`, counted over the postings of
        the rarer ones: words in more than COMMON of all sentences weigh too
        little to make two sentences the same statement on their own."""
        limit = max(SMALL_STORY, COMMON * len(self.sentences))
        hits: Counter[int] = Counter()
        for stem in stems:
            where = self.postings.get(stem, ())
            if len(where) <= limit:
                hits.update(where)
        return sorted(number for number, count in hits.items() if count >= MIN_SHARED - 1)


class Outlets:
    """Which articles count as one independent outlet: those of one outlet (its
    name, else its web site) and those that are copies of one another."""

    def __init__(self, articles: Sequence[Article]):
        self.articles = list(articles)
        self.keys = [_outlet(a) for a in self.articles]
        self._prints: dict[int, frozenset[int]] = {}

    def _print(self, number: int) -> frozenset[int]:
        if number not in self._prints:  # shingled only when the article carries a statement
            self._prints[number] = shingles(self.articles[number].text)
        return self._prints[number]

    def _one(self, a: int, b: int) -> bool:
        return (bool(self.keys[a]) and self.keys[a] == self.keys[b]) or \
            containment(self._print(a), self._print(b)) >= REPRINT

    def groups(self, numbers: Iterable[int]) -> list[list[int]]:
        """`numbers` (article indices) grouped into independent outlets (the linked sets), in order."""
        ordered = sorted(set(numbers))
        parent = {n: n for n in ordered}

        def root(n: int) -> int:
            while parent[n] != n:
                parent[n] = parent[parent[n]]
                n = parent[n]
            return n

        for k, a in enumerate(ordered):
            for b in ordered[k + 1:]:
                # Two articles already in one group need no test: most of a widely carried statement's pairs.
                if root(a) != root(b) and self._one(a, b):
                    parent[max(root(a), root(b))] = min(root(a), root(b))
        groups: dict[int, list[int]] = {}
        for n in ordered:
            groups.setdefault(root(n), []).append(n)
        return sorted(groups.values())

    def count(self, numbers: Iterable[int]) -> int:
        return len(self.groups(numbers))


def _outlet(article: Article) -> str:
    """The outlet's name, else the web site's host; "" when neither is known."""
    if article.outlet:
        return article.outlet.strip().lower()
    host = urlparse(article.url or "").hostname or ""
    return host.removeprefix("www.")


def corroborate(statement: Sentence, matcher: Matcher, outlets: Outlets) -> Corroboration:
    """Every article carrying `statement`, and the independent outlets among them."""
    found = [statement, *matcher.carriers(statement)]
    own = _plain(statement.text)
    supports = tuple(Support(s.article + 1, s.start, s.end, s.text, _plain(s.text) == own) for s in found)
    groups = outlets.groups(s.article for s in found)
    return Corroboration(supports, tuple(tuple(n + 1 for n in group) for group in groups))


_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")


def _clash(left: frozenset[str], right: frozenset[str]) -> bool:
    """Both sentences give numbers and share none ("in 1920" against "in 2008")."""
    return bool(left) and bool(right) and not left & right


@lru_cache(maxsize=65536)
def _numbers(text: str) -> frozenset[str]:
    return frozenset(_NUMBER.findall(text))


def _plain(text: str) -> str:
    return " ".join(content_stems(text))
