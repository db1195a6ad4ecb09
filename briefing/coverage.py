"""Concept coverage: the sentences that together cover the most weighted bigrams.

Gillick & Favre (2009): concepts are stemmed word bigrams, each weighted by the
number of articles that carry it; an integer linear program picks the set of
sentences, within the word budget, whose concepts weigh the most. A concept
counts once however many chosen sentences hold it, so redundancy costs words
and buys nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .models import Sentence
from .tokens import stem, stop_words, word_count, words

MIN_DF = 2
MIN_CONCEPTS = 10
TIME_LIMIT = 2.0


def select_coverage(sentences: Sequence[Sentence], words_budget: int) -> list[int]:
    """Indices of the sentences whose bigram concepts weigh most within `words_budget` words."""
    if not sentences:
        return []
    fitting = [i for i, s in enumerate(sentences) if word_count(s.text) <= words_budget]
    if not fitting:
        return []
    concepts = [sentence_concepts(sentences[i].text) for i in fitting]
    weights = concept_weights(concepts, [sentences[i].article for i in fitting])
    chosen = _solve(concepts, [word_count(sentences[i].text) for i in fitting], weights, words_budget)
    return [fitting[j] for j in chosen]


def sentence_concepts(text: str) -> set[tuple[str, str]]:
    """Stemmed bigrams of `text`, except those made of two stop words."""
    stops = stop_words()
    tokens = [w.lower() for w in words(text)]
    return {
        (stem(a), stem(b))
        for a, b in zip(tokens, tokens[1:])
        if not (a in stops and b in stops)
    }


def concept_weights(concepts: Sequence[set[tuple[str, str]]], articles: Sequence[int]) -> dict[tuple[str, str], float]:
    """Concept -> number of articles holding it, for concepts in at least MIN_DF articles."""
    holders: dict[tuple[str, str], set[int]] = {}
    for found, article in zip(concepts, articles):
        for concept in found:
            holders.setdefault(concept, set()).add(article)
    df = {c: len(a) for c, a in holders.items()}
    for least in range(MIN_DF, 0, -1):
        kept = {c: float(n) for c, n in df.items() if n >= least}
        if len(kept) >= MIN_CONCEPTS:
            return kept
    return {c: float(n) for c, n in df.items()}


def _solve(concepts, lengths, weights, budget) -> list[int]:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import lil_matrix

    names = sorted(weights)
    index = {c: k for k, c in enumerate(names)}
    n_s, n_c = len(concepts), len(names)
    cost = np.concatenate([np.zeros(n_s), -np.array([weights[c] for c in names])])
    rows = lil_matrix((n_c + 1, n_s + n_c))
    for j, found in enumerate(concepts):
        rows[n_c, j] = lengths[j]
        for c in found:
            if c in index:
                rows[index[c], j] = -1.0
    for k in range(n_c):
        rows[k, n_s + k] = 1.0
    upper = np.zeros(n_c + 1)
    upper[n_c] = budget
    result = milp(
        cost,
        constraints=LinearConstraint(rows.tocsr(), -np.inf, upper),
        integrality=np.ones(n_s + n_c),
        bounds=Bounds(0, 1),
        options={"time_limit": TIME_LIMIT},
    )
    if result.x is None:
        return []
    return [j for j in range(n_s) if result.x[j] > 0.5]
