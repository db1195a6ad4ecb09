"""Concept coverage: the sentences that together hold the most weighted bigrams.

After Gillick & Favre (2009): concepts are stemmed word bigrams; a concept's
weight is the number of articles that carry it, plus one for each article
that carries it in its lead sentence (newswire puts the news first). An
integer linear program picks the sentences, within the word budget, whose
concepts weigh the most. A concept counts once however many chosen sentences
hold it, so repeating a fact costs words and buys nothing; sentences that
restate each other (`similarity.repeats`) are also never chosen together.
A sentence that opens by referring back ("He said...", "This was...") reads
badly out of context, so choosing it costs as much as one heavy concept.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import highspy
import numpy as np

from briefing.models import Sentence
from briefing.text.similarity import redundant_pairs
from briefing.text.tokens import stem, stop_words, word_count
from briefing.text.tokens import words as word_list

Concept = tuple[str, str]

# A lead sentence counts as one more article carrying its concepts.
LEAD_BONUS = 1
# Concepts that weigh this much (three articles, or two and a lead) are chosen
# for first; lighter ones only fill the words those leave.
MIN_WEIGHT = 3
# Opens by pointing back to something the reader of a bullet has not seen.
REFERS_BACK = re.compile(
    r"[\"“]?(?:(?:He|She|They|It|This|These|Those|His|Her|Their|Its)\b(?!-)|According to (?:him|her|them)\b)"
)
# What choosing such a sentence costs: the weight of one heavy concept.
REFERS_BACK_PENALTY = MIN_WEIGHT
# Solves take well under a second; the limit only guards against a pathological input.
TIME_LIMIT_SECONDS = 10.0
# The integer program sees at most this many sentences, the best by concept
# weight per word: a news cluster has fewer, and hundreds of articles would
# otherwise make one solve take seconds.
MAX_CANDIDATES = 300


def select_coverage(sentences: Sequence[Sentence], words: int) -> list[int]:
    """Indices of the sentences whose concepts weigh most within `words` words.

    Only concepts of MIN_WEIGHT or more count at first; the words they leave
    unused go to the best of the rest, the bar lowered one step at a time.
    """
    fitting = [i for i, s in enumerate(sentences) if 0 < word_count(s.text) <= words]
    candidates = [sentences[i] for i in fitting]
    concepts = [sentence_concepts(s.text) for s in candidates]
    weights = concept_weights(candidates, concepts)
    lengths = [word_count(s.text) for s in candidates]
    pairs = redundant_pairs([s.text for s in candidates])
    costs = [REFERS_BACK_PENALTY if REFERS_BACK.match(s.text) else 0 for s in candidates]
    chosen: list[int] = []
    for least in range(MIN_WEIGHT, 0, -1):
        left = words - sum(lengths[j] for j in chosen)
        covered = set().union(*(concepts[j] for j in chosen))
        barred = set(chosen) | {b for a, b in pairs if a in chosen} | {a for a, b in pairs if b in chosen}
        free = [j for j in range(len(candidates)) if lengths[j] <= left and j not in barred]
        heavy = {c: w for c, w in weights.items() if w >= least and c not in covered}
        chosen += _choose(free, concepts, lengths, costs, heavy, pairs, left)
    return [fitting[j] for j in sorted(chosen)]


def _choose(free, concepts, lengths, costs, weights, pairs, budget) -> list[int]:
    """Of the sentences `free`, those covering the most `weights` within `budget` words."""
    useful = [j for j in free if not concepts[j].isdisjoint(weights)]
    if len(useful) > MAX_CANDIDATES:
        value = {j: _worth(concepts[j], lengths[j], costs[j], weights) for j in useful}
        useful = sorted(sorted(useful, key=lambda j: (-value[j], j))[:MAX_CANDIDATES])
    position = {j: k for k, j in enumerate(useful)}
    local_pairs = [(position[a], position[b]) for a, b in pairs if a in position and b in position]
    found = [concepts[j] for j in useful]
    sizes = [lengths[j] for j in useful]
    prices = [costs[j] for j in useful]
    picked = _solve(found, sizes, prices, weights, local_pairs, budget) if useful else []
    if picked is None:  # no solution within the time limit
        picked = _greedy(found, sizes, prices, weights, local_pairs, budget)
    return [useful[k] for k in picked]


def sentence_concepts(text: str) -> set[Concept]:
    """Stemmed bigrams of `text`, except those made of two stop words."""
    stops = stop_words()
    tokens = [w.lower() for w in word_list(text)]
    return {(stem(a), stem(b)) for a, b in itertools.pairwise(tokens) if not (a in stops and b in stops)}


def concept_weights(sentences: Sequence[Sentence], concepts: Sequence[set[Concept]]) -> dict[Concept, int]:
    """Concept -> weight: articles carrying it plus LEAD_BONUS per lead carrying it.

    With a single article, its sentences stand in for articles.
    """
    several = len({s.article for s in sentences}) > 1
    witnesses: dict[Concept, set[int]] = {}
    leads: dict[Concept, set[int]] = {}
    for sentence, found in zip(sentences, concepts, strict=True):
        unit = sentence.article if several else sentence.index
        for concept in found:
            witnesses.setdefault(concept, set()).add(unit)
            if sentence.index == 0:
                leads.setdefault(concept, set()).add(sentence.article)
    return {c: len(units) + LEAD_BONUS * len(leads.get(c, ())) for c, units in witnesses.items()}


def _solve(concepts, lengths, costs, weights, pairs, budget) -> list[int] | None:
    """The ILP: maximise the weight of covered concepts less the costs of the
    chosen sentences; None if HiGHS found no solution.

    Variables: x_j (sentence j chosen), then y_k (concept k covered). Rows:
    y_k - sum of x_j over sentences holding k <= 0; sum of length_j x_j <= budget;
    x_a + x_b <= 1 for each redundant pair.
    """
    names = sorted(weights)  # a fixed order: the solver's answer must not vary run to run
    index = {c: k for k, c in enumerate(names)}
    n_sentences, n_concepts = len(concepts), len(names)
    holds = [(index[c], j) for j, found in enumerate(concepts) for c in sorted(found) if c in index]
    budget_row, pair_rows = n_concepts, n_concepts + 1 + np.arange(len(pairs))
    rows = np.concatenate([np.arange(n_concepts), [k for k, _ in holds], np.full(n_sentences, budget_row),
                           np.repeat(pair_rows, 2)])
    columns = np.concatenate([n_sentences + np.arange(n_concepts), [j for _, j in holds], np.arange(n_sentences),
                              np.array(pairs, dtype=int).reshape(-1)])
    values = np.concatenate([np.ones(n_concepts), -np.ones(len(holds)), lengths, np.ones(2 * len(pairs))])
    costs = np.concatenate([np.array(costs, dtype=float), -np.array([weights[c] for c in names], dtype=float)])
    upper = np.concatenate([np.zeros(n_concepts), [budget], np.ones(len(pairs))])
    chosen = _binary_program(costs, rows.astype(int), columns.astype(int), values, upper)
    return None if chosen is None else [j for j in chosen if j < n_sentences]


def _binary_program(costs, rows, columns, values, upper) -> list[int] | None:
    """The 0/1 vector x minimising costs . x subject to A x <= upper (A given by its
    nonzero entries), as the indices where x is 1; None if HiGHS found no solution
    within TIME_LIMIT_SECONDS.

    HiGHS through its own binding (highspy), not SciPy's `milp`: the same solver,
    but SciPy's optimize package takes about 0.3 s to import (it loads
    scipy.special and the rest of the package), most of a small build.
    """
    n_rows, n_columns = len(upper), len(costs)
    order = np.lexsort((rows, columns))  # column-wise, rows ascending in each column
    model = highspy.HighsLp()
    model.num_col_, model.num_row_ = n_columns, n_rows
    model.col_cost_ = costs
    model.col_lower_, model.col_upper_ = np.zeros(n_columns), np.ones(n_columns)
    model.row_lower_, model.row_upper_ = np.full(n_rows, -highspy.kHighsInf), np.asarray(upper, dtype=float)
    matrix = model.a_matrix_
    matrix.format_ = highspy.MatrixFormat.kColwise
    matrix.num_col_, matrix.num_row_ = n_columns, n_rows
    matrix.start_ = np.concatenate([[0], np.cumsum(np.bincount(columns, minlength=n_columns))])
    matrix.index_ = rows[order]
    matrix.value_ = np.asarray(values, dtype=float)[order]
    model.integrality_ = [highspy.HighsVarType.kInteger] * n_columns
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("time_limit", TIME_LIMIT_SECONDS)
    solver.passModel(model)
    solver.run()
    status = solver.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal and not (
        status == highspy.HighsModelStatus.kTimeLimit and solver.getInfo().objective_function_value < highspy.kHighsInf
    ):
        return None
    return [j for j, x in enumerate(solver.getSolution().col_value) if x > 0.5]


def _greedy(concepts, lengths, costs, weights, pairs, budget) -> list[int]:
    """Best concept weight (less cost) per word first, skipping what does not fit or is redundant."""
    value = [_worth(found, length, cost, weights) for found, length, cost in zip(concepts, lengths, costs, strict=True)]
    redundant = set(pairs)
    kept: list[int] = []
    for j in sorted(range(len(concepts)), key=lambda j: (-value[j], j)):
        clash = any((min(j, k), max(j, k)) in redundant for k in kept)
        if not clash and sum(lengths[k] for k in kept) + lengths[j] <= budget:
            kept.append(j)
    return kept


def _worth(found: set[Concept], length: int, cost: float, weights: dict[Concept, float]) -> float:
    """What a sentence brings per word: the weight of its concepts, less its cost."""
    return (sum(weights.get(c, 0) for c in found) - cost) / length
