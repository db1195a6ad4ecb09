"""Citations: which sources carry each summary sentence, and the source list.

A summary sentence is quoted verbatim from one article. Other articles often
carry the same statement in other words (a quote translated twice, a wire
story rewritten; `similarity.same_statement`); those are credited too, so the citation shows the breadth
of coverage while the sentence is said once.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.models import Article, Sentence, Source, SummarySentence
from briefing.text.similarity import same_statement
from briefing.text.tokens import content_bigrams


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
            if article != sentence.article and same_statement(phrases, other)
        }
        ids = (sentence.article + 1, *sorted(a + 1 for a in carriers))
        cited.append(SummarySentence(sentence.text, ids, sentence.start, sentence.end))
    return tuple(cited)
