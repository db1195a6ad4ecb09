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
from collections.abc import Sequence
from urllib.parse import urlparse

from briefing.models import Article, Corroboration, Sentence, Support
from briefing.sources.dedupe import containment, shingles
from briefing.text.tokens import content_stems

SAME_WEIGHT = 0.4
SAME_COSINE = 0.25
MIN_SHARED = 2
REPRINT = 0.5


class Matcher:
    """The same-statement test over the sentences of one story (their rarity weights)."""

    def __init__(self, sentences: Sequence[Sentence]):
        self.sentences = list(sentences)
        self.stems = [frozenset(content_stems(s.text)) for s in self.sentences]
        frequency = Counter(stem for found in self.stems for stem in found)
        total = len(self.sentences) + 1
        self.weight = {stem: math.log(total / count) for stem, count in frequency.items()}
        self._unseen = math.log(total)

    def _weigh(self, stems: frozenset[str]) -> float:
        return sum(self.weight.get(s, self._unseen) for s in stems)

    def same(self, a: Sentence, b: Sentence, a_stems=None, b_stems=None) -> bool:
        """Whether `a` and `b` make the same statement (see the module's docstring)."""
        a_stems = a_stems if a_stems is not None else frozenset(content_stems(a.text))
        b_stems = b_stems if b_stems is not None else frozenset(content_stems(b.text))
        shared = a_stems & b_stems
        if len(shared) < MIN_SHARED or _numbers_clash(a.text, b.text):
            return False
        weight_a, weight_b, common = self._weigh(a_stems), self._weigh(b_stems), self._weigh(shared)
        if not weight_a or not weight_b:
            return False
        return common / min(weight_a, weight_b) >= SAME_WEIGHT and common / math.sqrt(weight_a * weight_b) >= SAME_COSINE

    def carriers(self, statement: Sentence) -> list[Sentence]:
        """The best sentence of every other article that makes the same statement."""
        own = frozenset(content_stems(statement.text))
        best: dict[int, tuple[int, Sentence]] = {}
        for sentence, stems in zip(self.sentences, self.stems, strict=False):
            if sentence.article == statement.article or not self.same(statement, sentence, own, stems):
                continue
            shared = len(own & stems)
            if sentence.article not in best or shared > best[sentence.article][0]:
                best[sentence.article] = (shared, sentence)
        return [sentence for _, sentence in sorted(best.values(), key=lambda pair: pair[1].article)]


def outlet_groups(articles: Sequence[Article]) -> list[int]:
    """For each article, the number of its independent outlet (copies and one outlet share one)."""
    keys = [_outlet(a) for a in articles]
    prints = [shingles(a.text) for a in articles]
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(articles)):
        for j in range(i):
            if (keys[i] and keys[i] == keys[j]) or containment(prints[i], prints[j]) >= REPRINT:
                parent[find(i)] = find(j)
    return [find(i) for i in range(len(articles))]


def _outlet(article: Article) -> str:
    """The outlet's name, else the web site's host; "" when neither is known."""
    if article.outlet:
        return article.outlet.strip().lower()
    host = urlparse(article.url or "").hostname or ""
    return host.removeprefix("www.")


def corroborate(statement: Sentence, matcher: Matcher, groups: Sequence[int]) -> Corroboration:
    """Every article carrying `statement`, and the independent outlets among them."""
    found = [statement, *matcher.carriers(statement)]
    own = _plain(statement.text)
    supports = tuple(Support(s.article + 1, s.start, s.end, s.text, _plain(s.text) == own) for s in found)
    by_outlet: dict[int, list[int]] = {}
    for s in found:
        by_outlet.setdefault(groups[s.article], []).append(s.article + 1)
    outlets = tuple(sorted(tuple(sorted(ids)) for ids in by_outlet.values()))
    return Corroboration(supports, outlets)


_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")


def _numbers_clash(a: str, b: str) -> bool:
    """Both sentences give numbers and share none ("in 1920" against "in 2008")."""
    left, right = set(_NUMBER.findall(a)), set(_NUMBER.findall(b))
    return bool(left) and bool(right) and not left & right


def _plain(text: str) -> str:
    return " ".join(content_stems(text))
