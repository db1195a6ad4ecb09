"""Summarizers behind one call shape, and the one place sumy is imported.

A summarizer takes candidate sentences (from any number of articles) and a
word budget, and returns the indices of the sentences it keeps. The budget is
hard: the kept sentences never hold more words than it allows. Sentences that
repeat what an already kept sentence says are skipped (redundancy control
across articles); `cite` later credits every article that carried them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import islice, takewhile
from typing import Any, Protocol

from briefing.errors import ConfigError, require_extra
from briefing.models import Sentence
from briefing.story.coverage import select_coverage
from briefing.story.standalone import standalone_units
from briefing.text.passages import (
    QUOTE_MARK,
    QUOTED,
    is_fragment,
    quote_units,
    split_sentences,
    trim_clutter,
)
from briefing.text.similarity import repeats
from briefing.text.tokens import content_stems, stem, stop_words, word_count, words

Selector = Callable[[Sequence[Sentence], int], list[int]]
class Centrality(Protocol):
    """Scores a statement, carried by `carriers` sources, by how central it is to the corpus."""

    def __call__(self, text: str, carriers: int = 1) -> float: ...


# sumy's methods, by the names its own CLI uses, to their module and class.
SUMY_METHODS = {
    "lexrank": ("lex_rank", "LexRankSummarizer"),
    "textrank": ("text_rank", "TextRankSummarizer"),
    "lsa": ("lsa", "LsaSummarizer"),
    "luhn": ("luhn", "LuhnSummarizer"),
    "kl": ("kl", "KLSummarizer"),
    "sumbasic": ("sum_basic", "SumBasicSummarizer"),
    "edmundson": ("edmundson", "EdmundsonSummarizer"),
    "reduction": ("reduction", "ReductionSummarizer"),
    "random": ("random", "RandomSummarizer"),
}
# Sentences shorter than this are headings or fragments, never summary lines.
MIN_WORDS = 6
# Longer "sentences" are unsplittable run-ons (tables, lists): never quoted.
MAX_WORDS = 80
# Quotations, and the reader addressed outside them (see `addresses_reader`).
_QUOTED = re.compile(rf"{QUOTED}(?:{QUOTE_MARK})?", re.S)
# A quotation that ends on a question mark, then nothing quoted.
_ASKED = re.compile(rf"\s*{QUOTED}(?<=\?){QUOTE_MARK}(?:(?!{QUOTE_MARK}).)*$", re.S)
_READER = re.compile(r"\b(?:you|your|you['’]ll|you['’]re)\b", re.I)


def names() -> list[str]:
    """Every summarizer name, ours first."""
    return ["coverage", "lead", *SUMY_METHODS]


def get_selector(name: str) -> Selector:
    """The summarizer called `name`; a ConfigError names the choices."""
    if name == "coverage":
        return select_coverage
    if name == "lead":
        return select_lead
    if name in SUMY_METHODS:
        require_extra("sumy", "baselines", f"the summarizer '{name}'")
        return lambda sentences, words: select_sumy(name, sentences, words)
    raise ConfigError(f"unknown summarizer '{name}': choose one of {', '.join(names())}")


def summarize(sentences: Sequence[Sentence], words: int, name: str,
              keep: Callable[[Sentence], bool] | None = None) -> tuple[Sentence, ...]:
    """The kept sentences of `sentences`, in reading order (article, position).

    Candidates are statements of MIN_WORDS to MAX_WORDS words, without their
    datelines, each quotation whole (`passages.quote_units`): a bullet never
    opens or closes a quotation it does not finish. Questions are no news, and
    fragments (`passages.is_fragment`) no statements. A sentence that leans on
    the one before it, or quotes someone it does not name, is taken with its
    previous sentence or left out (`standalone.standalone_units`). With
    `keep`, only candidates whose every sentence `keep` accepts (see `candidates`).
    """
    usable = candidates(sentences, keep)
    chosen = [usable[i] for i in get_selector(name)(usable, words)]
    return tuple(sorted(chosen, key=lambda s: (s.article, s.index)))


def candidates(sentences: Sequence[Sentence], keep: Callable[[Sentence], bool] | None = None) -> list[Sentence]:
    """The statements of `sentences` a summary may quote (see `summarize`), in order.

    `keep` judges the sentences a candidate is made of, after the candidates
    are made: a quotation's inner sentence, left alone once its opening one
    is taken out, would read as the writer's own words, without quotation
    marks or speaker."""
    units = [trim_clutter(s) for s in quote_units(sentences, MAX_WORDS)]
    units = standalone_units(units, sentences)  # every bullet must read alone (see story/standalone.py)
    found = [
        s for s in units
        if MIN_WORDS <= word_count(s.text) <= MAX_WORDS
        and not is_question(s.text) and not addresses_reader(s.text) and not is_fragment(s.text)
    ]
    if keep is None:
        return found
    spans = _Spans(sentences)
    return [unit for unit in found if all(keep(s) for s in spans.within(unit))]


class _Spans:
    """The sentences a candidate spans, found by where it stands in its article."""

    def __init__(self, sentences: Sequence[Sentence]):
        self._by_article: dict[int, list[Sentence]] = {}
        for sentence in sorted(sentences, key=lambda s: (s.article, s.start)):
            self._by_article.setdefault(sentence.article, []).append(sentence)

    def within(self, unit: Sentence) -> list[Sentence]:
        """Every sentence of `unit`'s article that overlaps it (a unit is trimmed of clutter, so by overlap)."""
        found = self._by_article.get(unit.article, [])
        first = max(bisect_left(found, unit.start, key=lambda s: s.start) - 1, 0)
        spanned = takewhile(lambda s: s.start < unit.end, islice(found, first, None))
        return [s for s in spanned if s.end > unit.start]


def is_question(text: str) -> bool:
    """Whether `text` asks rather than tells: a question mark at its end, quoted
    or not, or a quoted question and the words that say who asked it
    (`"Why now?" the senator asked.`)."""
    return text.rstrip("\"”’')").endswith("?") or _ASKED.match(text) is not None


def addresses_reader(text: str) -> bool:
    """Whether the writer speaks to the reader ("Here's what you need to
    know..."), outside any quotation: signposting, not news."""
    return _READER.search(_QUOTED.sub("", text)) is not None


def fill_budget(ranking: Sequence[int], sentences: Sequence[Sentence], words: int) -> list[int]:
    """Best-first, keep each sentence that fits the budget and is not redundant."""
    kept: list[int] = []
    said: list[set[str]] = []
    used = 0
    for index in ranking:
        size = word_count(sentences[index].text)
        if used + size > words or repeats(sentences[index].text, said):
            continue
        kept.append(index)
        said.append(set(content_stems(sentences[index].text)))
        used += size
    return kept


def centrality(corpus: Sequence[Sentence]) -> Centrality:
    """A scorer of how central a statement is to the corpus.

    Each source that carries the statement counts one; on top, the share of
    articles that use each of its content words, averaged over its words.
    """
    articles = max((s.article for s in corpus), default=0) + 1
    seen: dict[str, set[int]] = {}
    for sentence in corpus:
        for word in set(content_stems(sentence.text)):
            seen.setdefault(word, set()).add(sentence.article)

    def score(text: str, carriers: int = 1) -> float:
        stems = set(content_stems(text))
        spread = sum(len(seen.get(w, ())) for w in stems) / (articles * len(stems)) if stems else 0.0
        return carriers + spread

    return score


def select_lead(sentences: Sequence[Sentence], words: int) -> list[int]:
    """Baseline: the first sentences of each article in turn."""
    ranking = sorted(range(len(sentences)), key=lambda i: (sentences[i].index, sentences[i].article))
    return fill_budget(ranking, sentences, words)


def select_sumy(method: str, sentences: Sequence[Sentence], words: int) -> list[int]:
    """Rank with one of sumy's summarizers, then fill the budget best-first."""
    if not sentences:
        return []
    return fill_budget(sumy_ranking(method, sentences), sentences, words)


def sumy_ranking(method: str, sentences: Sequence[Sentence]) -> list[int]:
    """Indices of `sentences`, best first, as sumy's `method` rates them."""
    import importlib

    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    module, cls = SUMY_METHODS[method]
    summarizer_class = getattr(importlib.import_module(f"sumy.summarizers.{module}"), cls)
    if method == "lsa":
        summarizer_class = _sorted_words(summarizer_class)
    summarizer = summarizer_class(stem)
    summarizer.stop_words = stop_words()
    if method == "edmundson":
        summarizer.bonus_words = summarizer.stigma_words = summarizer.null_words = stop_words()
    tokenizer = OfflineTokenizer()
    # One paragraph per article keeps sumy's position-aware methods meaningful.
    by_article: dict[int, list[int]] = {}
    for i, sentence in enumerate(sentences):
        by_article.setdefault(sentence.article, []).append(i)
    order = [i for article in sorted(by_article) for i in by_article[article]]
    document = ObjectDocumentModel(
        [Paragraph([SumySentence(sentences[i].text, tokenizer) for i in by_article[a]]) for a in sorted(by_article)]
    )
    ranked: list[int] = []

    def capture(infos):  # sumy passes every sentence, best rated first
        ranked.extend(order[info.order] for info in infos)
        return infos

    summarizer(document, capture)
    return ranked


def _sorted_words(lsa_class: Any) -> Any:
    """sumy's LSA summarizer, its words numbered in sorted order.

    sumy numbers the rows of its word-sentence matrix in the order of a
    frozenset, which changes with PYTHONHASHSEED, and the singular value
    decomposition of the permuted matrix differs in its last bits, enough to
    swap sentences that rate nearly alike: in sorted order it is reproducible.
    """

    class SortedWordsLsa(lsa_class):
        def _create_dictionary(self, document):
            return {word: row for row, word in enumerate(sorted(super()._create_dictionary(document)))}

    return SortedWordsLsa


# sumy's own `Tokenizer("english")` needs NLTK's punkt data, which cannot be
# downloaded here; this gives sumy the same two methods backed by our sentence
# splitter and word pattern instead.
class OfflineTokenizer:
    """What sumy asks of a tokenizer, with no NLTK data behind it."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(text for text, _, _ in split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))
