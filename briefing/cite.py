"""Citations: which sources carry each summary sentence, and the source list.

A summary sentence is quoted verbatim from one article. Other articles often
carry the same statement in other words (a quote translated twice, a wire
story rewritten); those are credited too, so the citation shows the breadth
of coverage while the sentence is said once.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import Article, Sentence, Source, SummarySentence
from .summarize import overlap
from .tokens import content_bigrams

# Another article's sentence carries the same statement when it shares at
# least MIN_SHARED phrases (content-word bigrams) and this share of the
# shorter one's phrases. Phrases, not words: two sentences naming the same
# people and places share words without saying the same thing.
SAME_STATEMENT = 0.4
MIN_SHARED = 3


def source_list(articles: Sequence[Article]) -> tuple[Source, ...]:
    """One Source per article; article i has citation number i + 1."""
    return tuple(
        Source(
            id=i + 1,
            title=a.title,
            origin=a.origin,
            author=a.author,
            outlet=a.outlet,
            published=a.published,
            url=a.url,
            also=a.also,
        )
        for i, a in enumerate(articles)
    )


def cite(chosen: Sequence[Sentence], corpus: Sequence[Sentence]) -> tuple[SummarySentence, ...]:
    """Summary sentences crediting the quoted article first, then every other carrier."""
    corpus_phrases = [(s.article, content_bigrams(s.text)) for s in corpus]
    cited = []
    for sentence in chosen:
        phrases = content_bigrams(sentence.text)
        carriers = {
            article
            for article, other in corpus_phrases
            if article != sentence.article and _same_statement(phrases, other)
        }
        ids = (sentence.article + 1, *sorted(a + 1 for a in carriers))
        cited.append(SummarySentence(sentence.text, ids, sentence.start, sentence.end))
    return tuple(cited)


def restates(text: str, said: Sequence[set]) -> bool:
    """Whether `text` makes the same statement as one of `said` (each its `content_bigrams`)."""
    phrases = content_bigrams(text)
    return any(_same_statement(phrases, other) for other in said)


def _same_statement(a: set, b: set) -> bool:
    return len(a & b) >= MIN_SHARED and overlap(a, b) >= SAME_STATEMENT
