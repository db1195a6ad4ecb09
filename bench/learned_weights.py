"""Learned bigram weights, tried and not shipped: `python bench/learned_weights.py`.

A bigram-importance model in the manner of Li, Qian & Liu (2013): a few
features per concept (no words), fitted on DUC 2003 plus one half of the
DUC 2004 dev clusters against the reference summaries, then used as the
concept weights of `coverage`'s integer program and scored on all three
sets beside the shipped weights, inside the shipped program (its tiers,
costs and bar on repeats). Two fits: logistic regression (is the bigram in a
reference? probabilities times ten, a cluster's articles, as weights) and
linear regression (how many references hold it? in units of one article). Neither helped on both dev halves (README, "Summary
quality"). Reads the shared datasets in place; a few minutes per fit.
"""

from __future__ import annotations

import math
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

# Run as a plain script from a checkout: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_sets import SETS
from summary_variants import Patch, patched

from briefing.evaluate import cluster_sentences, cluster_summary, load_clusters, rouge_n, split_half
from briefing.models import Sentence
from briefing.story import coverage
from briefing.story.summarize import candidates
from briefing.text.tokens import stop_words, word_count

FEATURES = ("articles", "leads", "extra sentences (log2)", "number", "stop word", "within first 3")
Weigher = Callable[[np.ndarray], np.ndarray]
ARTICLES = 10  # about the articles of a DUC cluster


def features(sentences: Sequence[Sentence]) -> tuple[list[coverage.Concept], np.ndarray, list[frozenset[coverage.Concept]]]:
    """Each concept of `sentences` and its feature row; the concepts of each sentence."""
    concepts = [coverage.sentence_concepts(s.text) for s in sentences]
    first: dict[coverage.Concept, dict[int, int]] = {}
    count: dict[coverage.Concept, int] = {}
    for sentence, found in zip(sentences, concepts, strict=True):
        for concept in found:
            positions = first.setdefault(concept, {})
            positions[sentence.article] = min(positions.get(sentence.article, sentence.index), sentence.index)
            count[concept] = count.get(concept, 0) + 1
    stops = stop_words()
    names = sorted(first)
    rows = [[len(first[c]), sum(p == 0 for p in first[c].values()), math.log2(count[c] / len(first[c])),
             float(any(ch.isdigit() for ch in "".join(c))), float(c[0] in stops or c[1] in stops),
             float(min(first[c].values()) <= 2)] for c in names]
    return names, np.array(rows, dtype=float).reshape(-1, len(FEATURES)), concepts


def select(weigh: Weigher, scale: float = 1.0) -> list[Patch]:
    """The patch that makes `coverage` as shipped (its tiers, costs and repeats) weigh concepts by `weigh`
    times `scale` in place of articles and leads: patched, not copied, so that it stays the shipped
    program whatever changes in it."""

    def learned(sentences: Sequence[Sentence], concepts: Sequence[frozenset]) -> dict:
        names, rows, _ = features(sentences)
        return dict(zip(names, (scale * weigh(rows)).tolist(), strict=True))

    return [(coverage, "concept_weights", learned)]


def training_rows(clusters) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows of every concept of `clusters`, and how many references hold each."""
    xs, ys = [], []
    for cluster, pool in clusters:
        names, rows, _ = features([s for s in pool if word_count(s.text) <= 100])
        held = [coverage.sentence_concepts(r) for r in cluster.references]
        xs.append(rows)
        ys.append(np.array([sum(c in h for h in held) for c in names], dtype=float))
    return np.vstack(xs), np.concatenate(ys)


def score(patches: Sequence[Patch], clusters) -> str:
    """`coverage`'s summaries of `clusters` (by `briefing eval`'s own path) under `patches`: mean ROUGE-1 / ROUGE-2."""
    r1, r2 = [], []
    with patched(patches):
        for cluster, _ in clusters:
            summary = " ".join(s.text for s in cluster_summary(cluster, 100, "coverage"))
            r1.append(rouge_n(summary, cluster.references, 1).recall)
            r2.append(rouge_n(summary, cluster.references, 2).recall)
    return f"{100 * statistics.mean(r1):5.2f} / {100 * statistics.mean(r2):5.2f}"


def main() -> int:
    from sklearn.linear_model import LinearRegression, LogisticRegression

    def prepared(path: Path, half: str | None):
        return [(c, candidates(cluster_sentences(c))) for c in split_half(load_clusters(path), half)]

    sets = {name: prepared(path, half) for name, (path, half) in SETS.items()}
    rows = {name: training_rows(clusters) for name, clusters in sets.items()}
    print(f"{'weights':<40} " + "  ".join(f"{name:>15}" for name in sets))
    print(f"{'shipped (articles + leads)':<40} " + "  ".join(f"{score([], c):>15}"
                                                            for c in sets.values()), flush=True)
    for held_out in ("dev even", "dev odd"):
        fit_on = [name for name in sets if name != held_out]
        x = np.vstack([rows[n][0] for n in fit_on])
        y = np.concatenate([rows[n][1] for n in fit_on])
        logistic = LogisticRegression(max_iter=2000).fit(x, y > 0)
        linear = LinearRegression(fit_intercept=False).fit(x, y)
        scale = linear.coef_ / linear.coef_[0]  # in units of one article, as the shipped weights
        print(f"  fitted on {' + '.join(fit_on)}: linear coefficients "
              + ", ".join(f"{n} {w:.2f}" for n, w in zip(FEATURES, scale, strict=True)))
        # Functions, not lambdas with a default that binds the loop's fit: mypy cannot type those (python/mypy#15459).
        def chance(r: np.ndarray, model: LogisticRegression = logistic) -> np.ndarray:
            return model.predict_proba(r)[:, 1]

        def weighted(r: np.ndarray, coef: np.ndarray = scale) -> np.ndarray:
            return r @ coef

        # A probability in units of articles: the cluster's articles times the chance a reference holds it.
        probability = select(chance, scale=ARTICLES)
        in_articles = select(weighted)
        for label, chooser in ((f"logistic, fit without {held_out}", probability),
                               (f"linear, fit without {held_out}", in_articles)):
            print(f"{label:<40} " + "  ".join(f"{score(chooser, c):>15}" for c in sets.values()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
