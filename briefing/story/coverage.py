"""Concept coverage: the sentences that together hold the most weighted bigrams.

After Gillick & Favre (2009): concepts are stemmed word bigrams; a concept's
weight is the number of articles that carry it, plus one for each article
that carries it in its lead sentence (newswire puts the news first). An
integer linear program picks the sentences, within the word budget, whose
concepts are worth the most: the heavy ones first (MIN_WEIGHT), each worth
what its weight stands above the lighter ones, then lighter ones in the
words left. A concept counts once however many chosen sentences hold it, so
repeating a fact costs words and buys nothing; sentences that restate each
other (`similarity.repeats`) are also never chosen together. A sentence
that opens by referring back ("He said...", "This was...") reads badly out
of context, so choosing it costs as much as three heavy concepts; of two
choices that cover equally, the one whose sentences stand earlier in their
articles wins.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import sys
import threading
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache

import highspy
import numpy as np

from briefing.models import Sentence
from briefing.text.similarity import redundant_pairs, repeats
from briefing.text.tokens import content_stems, stem, stop_words, word_count
from briefing.text.tokens import words as word_list

Concept = tuple[str, str]

# A lead sentence counts as one more article carrying its concepts.
LEAD_BONUS = 1
# Concepts that weigh this much (three articles, or two and a lead) are chosen
# for first; lighter ones only fill the words those leave. Within each step a
# concept is worth its weight less the bar below it (MIN_WEIGHT - 1 among the
# heavy ones: a concept at the bar is worth 1, each article more 1 more), not
# its weight: on DUC 2003 the human summaries that hold a concept grow with
# its weight less about 2 (0.25 of 4 at 3, 0.38 at 4, 0.62 at 5, 1.27 at 7,
# 2.19 at 10), so two concepts at the bar are worth less than one carried by
# two articles more. Measured against the whole weight (ROUGE-1 / ROUGE-2
# recall): DUC 2003 +1.20 / +0.78, DUC 2004 dev odd +0.48 / +0.48, dev even
# +0.80 / +0.43 (`bench/summary_variants.py`).
MIN_WEIGHT = 3
# Opens by pointing back to something the reader of a bullet has not seen.
REFERS_BACK = re.compile(
    r"[\"“]?(?:(?:He|She|They|It|This|These|Those|His|Her|Their|Its)\b(?!-)|According to (?:him|her|them)\b)"
)
# What choosing such a sentence costs: three heavy concepts at the bar (1 or 2
# let more such sentences in and lose on the DUC 2004 dev odd half; 4 chooses as 3).
REFERS_BACK_PENALTY = 3
# Where in its article a sentence stands: the earliest report of a fact
# carries it best. Each position after the first costs this much, up to
# EARLIER_UP_TO positions: a small fraction of the lightest concept (1), so
# it only decides between choices that cover equally (which the solver would
# otherwise settle by the order it reads them in). Measured: DUC 2003 +0.50
# ROUGE-1 / +0.27 ROUGE-2; the DUC 2004 dev halves unchanged (odd) and
# -0.02 / 0.00 (even, one cluster); 0.005 and 0.01 choose alike.
EARLIER_COST = 0.005
EARLIER_UP_TO = 20
# Solves take well under a second; the limit only guards against a pathological input.
TIME_LIMIT_SECONDS = 10.0
# The integer program sees at most this many sentences, the best by concept
# weight per word: a news cluster has fewer, and hundreds of articles would
# otherwise make one solve take seconds.
MAX_CANDIDATES = 300
# Pairs of candidates that repeat each other per candidate, past which only the best of each group of
# repeats is kept before solving. Dense repeats are templated copy (earnings and dividend reports), where
# one of each group says all the group says, and each pair is a row that makes the program harder: a story
# of a thousand earnings reports gave 22,000 pairs among 300 candidates, which HiGHS could not solve in
# 10 s; 150 Reuters stories took 11.0 s of solving (5.6 s of it in the 10 slowest of 1,066 solves), 6.6 s
# with this bar. The news clusters of DUC stay under it: at a bar of 2 every summary of DUC 2003 and DUC 2004
# dev is the same as without it; at 1 some change.
PAIRS_PER_CANDIDATE = 2


def select_coverage(sentences: Sequence[Sentence], words: int, eligible: Collection[int] | None = None,
                    most: int | None = None, kept: Collection[int] = ()) -> list[int]:
    """Indices of the sentences whose concepts weigh most within `words` words.

    Only concepts of MIN_WEIGHT or more count at first, each worth its weight
    less MIN_WEIGHT - 1; the words they leave unused go to the best of the
    rest, the bar lowered one step at a time (a concept always worth its
    weight less the bar, plus 1).
    Concepts are weighed over all of `sentences`; only those of `eligible`
    (default: all) may be chosen, and at most `most` of them (default: any number).
    `kept` are chosen already: the summary adds to them (their words and their
    number count against the budgets; what they cover counts no more).
    """
    fitting = [i for i, s in enumerate(sentences)
               if 0 < word_count(s.text) <= words and (eligible is None or i in eligible or i in kept)]
    outside = [s for i, s in enumerate(sentences) if eligible is not None and i not in eligible and i not in kept]
    candidates = [sentences[i] for i in fitting]
    concepts = [sentence_concepts(s.text) for s in candidates]
    weights = concept_weights([*candidates, *outside], [*concepts, *(sentence_concepts(s.text) for s in outside)])
    lengths = [word_count(s.text) for s in candidates]
    costs = [_cost(s) for s in candidates]
    chosen = [j for j, i in enumerate(fitting) if i in kept]
    for least in range(MIN_WEIGHT, 0, -1):
        left = words - sum(lengths[j] for j in chosen)
        covered = set().union(*(concepts[j] for j in chosen))
        # Barred: what is chosen, and what repeats it (a few chosen against each candidate: linear).
        said = [set(content_stems(candidates[j].text)) for j in chosen]
        free = [j for j in range(len(candidates)) if lengths[j] <= left and j not in chosen
                and not (said and repeats(candidates[j].text, said))]
        heavy = {c: _value(w, least) for c, w in weights.items() if w >= least and c not in covered}
        room = None if most is None else most - len(chosen)
        if room is None or room > 0:
            chosen += _choose(free, candidates, concepts, lengths, costs, heavy, left, room)
    return [fitting[j] for j in sorted(chosen)]


def _value(weight: float, bar: int) -> float:
    """What a concept of `weight` is worth in the step that counts concepts of
    `bar` or more: its weight above the bar below, so 1 at the bar (see MIN_WEIGHT)."""
    return weight - bar + 1


def _cost(sentence: Sentence) -> float:
    """What choosing `sentence` costs: referring back, and standing late in its article."""
    refers_back = REFERS_BACK_PENALTY if REFERS_BACK.match(sentence.text) else 0
    return refers_back + EARLIER_COST * min(sentence.index, EARLIER_UP_TO)


def by_gain(sentences: Sequence[Sentence], chosen: Sequence[int]) -> list[int]:
    """`chosen` (indices of `sentences`) ordered by what each adds: first the one
    whose concepts weigh most, then the one adding most to what is covered, and so on."""
    concepts = [sentence_concepts(s.text) for s in sentences]
    weights = concept_weights(sentences, concepts)
    left, ordered = list(chosen), []
    covered: set[Concept] = set()

    def gain(j: int) -> tuple[int, int]:
        return sum(weights[c] for c in concepts[j] - covered), -j

    while left:
        best = max(left, key=gain)
        ordered.append(best)
        covered |= concepts[best]
        left.remove(best)
    return ordered


def _choose(free, candidates, concepts, lengths, costs, weights, budget, most=None) -> list[int]:
    """Of the sentences `free`, at most `most`, those covering the most `weights` within `budget` words.

    Pairs that repeat each other are found among the MAX_CANDIDATES kept
    only: across all sentences of a large source they grow with its square.
    """
    useful = [j for j in free if not concepts[j].isdisjoint(weights)]
    if len(useful) > MAX_CANDIDATES:
        value = {j: _worth(concepts[j], lengths[j], costs[j], weights) for j in useful}
        useful = sorted(sorted(useful, key=lambda j: (-value[j], j))[:MAX_CANDIDATES])
    local_pairs = redundant_pairs([candidates[j].text for j in useful])
    if len(local_pairs) > PAIRS_PER_CANDIDATE * len(useful):
        # The best of each group of repeats, by concept weight per word, whatever the budget: no two of those
        # kept repeat each other, so no pair rows are left.
        best = _greedy([concepts[j] for j in useful], [lengths[j] for j in useful], [costs[j] for j in useful],
                       weights, local_pairs, math.inf)
        useful, local_pairs = [useful[k] for k in sorted(best)], []
    found = [concepts[j] for j in useful]
    sizes = [lengths[j] for j in useful]
    prices = [costs[j] for j in useful]
    picked = _solve(found, sizes, prices, weights, local_pairs, budget, most) if useful else []
    if picked is None:  # no solution within the time limit
        picked = _greedy(found, sizes, prices, weights, local_pairs, budget, most)
    return [useful[k] for k in picked]


@lru_cache(maxsize=65536)
def sentence_concepts(text: str) -> frozenset[Concept]:
    """Stemmed bigrams of `text`, except those made of two stop words.

    Cached: the key points weigh again the sentences the sections weighed."""
    stops = stop_words()
    tokens = [w.lower() for w in word_list(text)]
    return frozenset((stem(a), stem(b)) for a, b in itertools.pairwise(tokens) if not (a in stops and b in stops))


def concept_weights(sentences: Sequence[Sentence], concepts: Sequence[frozenset[Concept]]) -> dict[Concept, int]:
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


def _solve(concepts, lengths, costs, weights, pairs, budget, most=None) -> list[int] | None:
    """The ILP: maximise the weight of covered concepts less the costs of the
    chosen sentences; None if HiGHS found no solution.

    Variables: x_j (sentence j chosen), then y_k (concept k covered). Rows:
    y_k - sum of x_j over sentences holding k <= 0; sum of length_j x_j <= budget;
    x_a + x_b <= 1 for each redundant pair; sum of x_j <= most, if given.
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
    upper = np.concatenate([np.zeros(n_concepts), [budget], np.ones(len(pairs))])
    if most is not None:  # one more row: the count of chosen sentences
        rows = np.concatenate([rows, np.full(n_sentences, len(upper))])
        columns = np.concatenate([columns, np.arange(n_sentences)])
        values = np.concatenate([values, np.ones(n_sentences)])
        upper = np.append(upper, most)
    costs = np.concatenate([np.array(costs, dtype=float), -np.array([weights[c] for c in names], dtype=float)])
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
    with _c_stdout_silenced():
        solver.run()
    status = solver.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal and not (
        status == highspy.HighsModelStatus.kTimeLimit and solver.getInfo().objective_function_value < highspy.kHighsInf
    ):
        return None
    return [j for j, x in enumerate(solver.getSolution().col_value) if x > 0.5]


class _CStdoutSilence:
    """Standard output sent nowhere at the C level while HiGHS solves.

    HiGHS 1.12 prints a stray debug line with C's printf whatever `output_flag`
    says ("HighsMipSolverData::transformNewIntegerFeasibleSolution
    tmpSolver.run();", ERGO-Code/HiGHS#2783, gone in 1.13): it would land in
    the summary `briefing summarize` writes to standard output, and on the
    terminal of a quiet build. C buffers what printf writes to a pipe, so the
    buffer is flushed before standard output is given back. Threads of one
    process (a Dask worker's) share standard output: the first to solve sends
    it away, the last to finish gives it back."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._solving = 0
        self._kept: int | None = None

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._solving == 0:
                self._kept = _sent_nowhere()
            self._solving += 1
        try:
            yield
        finally:
            with self._lock:
                self._solving -= 1
                if self._solving == 0 and self._kept is not None:
                    _flush_c_streams()
                    os.dup2(self._kept, 1)
                    os.close(self._kept)
                    self._kept = None


def _sent_nowhere() -> int | None:
    """Standard output (file descriptor 1) pointed at the null device; a copy of what it was, or None if there is none."""
    sys.stdout.flush()
    try:
        kept = os.dup(1)
    except OSError:  # no standard output to keep clean
        return None
    nowhere = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nowhere, 1)
    os.close(nowhere)
    return kept


def _flush_c_streams() -> None:
    import ctypes  # only once a program is solved

    with suppress(OSError, AttributeError, TypeError):  # no C library to reach this way (Windows)
        ctypes.CDLL(None).fflush(None)


_c_stdout_silenced = _CStdoutSilence()


def _greedy(concepts, lengths, costs, weights, pairs, budget, most=None) -> list[int]:
    """Best concept weight (less cost) per word first, skipping what does not fit
    or is redundant, until `most` are kept."""
    value = [_worth(found, length, cost, weights) for found, length, cost in zip(concepts, lengths, costs, strict=True)]
    redundant = set(pairs)
    kept: list[int] = []
    for j in sorted(range(len(concepts)), key=lambda j: (-value[j], j)):
        clash = any((min(j, k), max(j, k)) in redundant for k in kept)
        if not clash and sum(lengths[k] for k in kept) + lengths[j] <= budget and (most is None or len(kept) < most):
            kept.append(j)
    return kept


def _worth(found: frozenset[Concept], length: int, cost: float, weights: dict[Concept, float]) -> float:
    """What a sentence brings per word: the weight of its concepts, less its cost."""
    return (sum(weights.get(c, 0) for c in found) - cost) / length
