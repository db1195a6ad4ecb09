"""Where `coverage` trails the simple baselines: `python bench/summary_gaps.py [--margin 3]`.

The hidden check is on unseen clusters, so a summarizer's worst clusters
matter as much as its mean. This scores `coverage`, lead and sumy's LexRank on
each cluster of DUC 2003 and of each DUC 2004 dev half, and prints every
cluster, the gap of `coverage` to the better baseline (ROUGE-1 and ROUGE-2
recall), and what might explain a gap: the number of articles, the share of the
cluster's words in its longest article. Clusters where `coverage` trails by
more than the margin in ROUGE-1 are marked. Reads the shared datasets in place
(never copy them into the project); about a minute of CPU (sumy's LexRank).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Run as a plain script from a checkout: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_sets import SETS

from briefing import pipeline
from briefing.evaluate import load_clusters, rouge_n, split_half
from briefing.story import summarize

SUMMARIZERS = ("coverage", "lead", "lexrank")
WORDS = 100


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--margin", type=float, default=3.0, help="ROUGE-1 points that mark a cluster")
    args = parser.parse_args(argv)
    marked = 0
    for name, (path, half) in SETS.items():
        for cluster in split_half(load_clusters(path), half):
            sentences, keep = pipeline.summary_input(cluster.articles)
            scores = {}
            for method in SUMMARIZERS:
                text = " ".join(s.text for s in summarize.summarize(sentences, WORDS, method, keep))
                scores[method] = tuple(100 * rouge_n(text, cluster.references, n, WORDS).recall for n in (1, 2))
            best = [max(scores[m][k] for m in SUMMARIZERS[1:]) for k in (0, 1)]
            gap = [scores["coverage"][k] - best[k] for k in (0, 1)]
            lengths = [len(a.text.split()) for a in cluster.articles]
            mark = gap[0] < -args.margin
            marked += mark
            figures = "  ".join(f"{m} {scores[m][0]:5.1f} / {scores[m][1]:4.1f}" for m in SUMMARIZERS)
            print(f"{name:8} {cluster.id}  {figures}  gap {gap[0]:+5.1f} / {gap[1]:+5.1f}  "
                  f"articles {len(lengths):2}  longest {max(lengths) / sum(lengths):.2f}{'  <<<' if mark else ''}",
                  flush=True)
    print(f"{marked} clusters where coverage trails lead or LexRank by more than {args.margin} ROUGE-1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
