"""Precision and recall of "Figures that disagree" on labelled sentence pairs: `python bench/eval_figures.py`.

Two labelled sets of real sentence pairs from two different articles, each
labelled "the figures conflict" (they count the same thing and cannot both be
true) or not:
  - tests/fixtures/figure_pairs_seeds.jsonl: pairs from the seed articles (shipped, text included);
  - bench/labels/figure_pairs_duc.jsonl: pairs from DUC 2004 dev and DUC 2003 clusters, stored as
    document ids and character offsets only; the text is read in place from ../shared/eval.
The DUC pairs are every pair of sentences from two articles of one cluster that
put a number before the same noun, or two numbers near "killed", "troops",
"refugees"... (a filter blind to this project's extractor), a few per noun and
cluster; each was then labelled by hand.

`--wild` prints instead every conflict found in the 55 clusters (25 DUC 2004
dev, 30 DUC 2003) taken whole, for judging precision where nobody chose the pairs.

Beside the extractor, a baseline: a conflict wherever the two sentences write
different numbers before the same word (what a reader skimming would flag).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.evaluate import cluster_sentences, load_clusters
from briefing.models import Sentence
from briefing.story.figures import conflicts
from briefing.text.tokens import stem

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "tests" / "fixtures" / "figure_pairs_seeds.jsonl"
DUC = HERE / "labels" / "figure_pairs_duc.jsonl"
SHARED = HERE.parents[1] / "shared" / "eval"

_NUMBER_WORD = re.compile(r"\b(\d[\d,.]*)\s+(?:[a-z-]+\s+){0,2}?([A-Za-z]+)")


def load_pairs(seeds: Path, duc: Path, shared: Path) -> dict[str, list[tuple[str, str, bool]]]:
    """The labelled pairs of each set, as (text a, text b, conflict)."""
    sets: dict[str, list[tuple[str, str, bool]]] = {"seeds": [], "duc": []}
    for line in seeds.read_text("utf-8").splitlines():
        row = json.loads(line)
        sets["seeds"].append((row["a"], row["b"], row["conflict"]))
    documents: dict[tuple[str, str], str] = {}
    for line in duc.read_text("utf-8").splitlines():
        row = json.loads(line)
        if row["dataset"] not in {d for d, _ in documents}:
            documents |= _documents(shared / row["dataset"], row["dataset"])
        a, b = (documents[(row["dataset"], doc)][start:end] for doc, start, end in (row["a"], row["b"]))
        sets["duc"].append((a, b, row["conflict"]))
    return sets


def _documents(path: Path, name: str) -> dict[tuple[str, str], str]:
    texts = {}
    for line in path.read_text("utf-8").splitlines():
        for document in json.loads(line)["documents"]:
            texts[(name, document["id"])] = document["text"]
    return texts


def ours(a: str, b: str) -> bool:
    return bool(conflicts([Sentence(a, 0, 0, 0, len(a)), Sentence(b, 1, 0, 0, len(b))]))


def baseline(a: str, b: str) -> bool:
    """Different numbers before the same word (stemmed)."""
    def figures(text: str) -> set[tuple[str, str]]:
        return {(n.rstrip(".,").replace(",", ""), stem(w)) for n, w in _NUMBER_WORD.findall(text)}
    left, right = figures(a), figures(b)
    return any(wa == wb and na != nb for na, wa in left for nb, wb in right)


def score(pairs: list[tuple[str, str, bool]], judge) -> tuple[int, int, int, int]:
    """(true positives, flagged, conflicts labelled, pairs)."""
    flagged = [judge(a, b) for a, b, _ in pairs]
    true = sum(f and label for f, (_, _, label) in zip(flagged, pairs, strict=True))
    return true, sum(flagged), sum(label for _, _, label in pairs), len(pairs)


def wild(shared: Path) -> int:
    """Every conflict the extractor finds in whole clusters, as a reader would meet them."""
    found = 0
    for dataset in ("duc2004/dev.jsonl", "duc2003/all.jsonl"):
        for cluster in load_clusters(shared / dataset):
            for conflict in conflicts(cluster_sentences(cluster)):
                found += 1
                print(f"{dataset} {cluster.id}: {conflict.about}")
                for figure in conflict.figures:
                    print(f"  [{figure.sources[0]}] {figure.figure}: {' '.join(figure.text.split())[:160]}")
    print(f"{found} conflicts")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared eval folder (read in place)")
    parser.add_argument("--show", action="store_true", help="print each pair the extractor gets wrong")
    parser.add_argument("--wild", action="store_true",
                        help="instead, print every conflict found in each DUC 2004 dev and DUC 2003 cluster, to read")
    args = parser.parse_args(argv)
    if args.wild:
        return wild(args.shared)
    sets = load_pairs(SEEDS, DUC, args.shared)
    sets["all"] = sets["seeds"] + sets["duc"]
    print(f"{'set':6} {'method':9} {'pairs':>5} {'conflicts':>9} {'flagged':>7} {'precision':>9} {'recall':>6}")
    for name, pairs in sets.items():
        for method, judge in (("baseline", baseline), ("figures", ours)):
            true, flagged, positives, total = score(pairs, judge)
            precision = f"{true / flagged:.2f}" if flagged else "-"
            recall = f"{true / positives:.2f}" if positives else "-"
            print(f"{name:6} {method:9} {total:5} {positives:9} {flagged:7} {precision:>9} {recall:>6}")
    if args.show:
        for a, b, label in sets["all"]:
            if ours(a, b) != label:
                print(f"\n{'missed' if label else 'false alarm'}:\n  A: {a}\n  B: {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
