"""How much of the key points' score is the 100-word cut: `python bench/key_points_cut.py`.

`briefing eval --key-points` scores a briefing's key-points block (up to 130
words) as a 100-word summary, as the issue asks: the cut ends inside the
point after the first 100 words, whose first words count. `coverage`'s own
summary stops at its last whole sentence, a word or two short of 100. This
scores each cluster's key points both ways, cut at 100 words and only by their
whole sentences within 100 words, on DUC 2003 and each DUC 2004 dev half
(read in place from ../shared/eval, never copied); ROUGE-1 / ROUGE-2 recall.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a plain script from a checkout: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_sets import SETS

from briefing import pipeline
from briefing.config import Config
from briefing.evaluate import load_clusters, score_rows, split_half
from briefing.report import Report
from briefing.text.tokens import word_count

WORDS = 100


def within(texts: list[str], words: int) -> list[str]:
    """The first of `texts` whose words together stay within `words`."""
    kept: list[str] = []
    for text in texts:
        words -= word_count(text)
        if words < 0:
            break
        kept.append(text)
    return kept


def main() -> None:
    config = Config()
    for name, (path, half) in SETS.items():
        cut, whole = [], []
        for cluster in split_half(load_clusters(path), half):
            points = [s.text for s in pipeline.brief_articles(list(cluster.articles), config, Report(echo=False)).key_points]
            cut.append((cluster, " ".join(points)))
            whole.append((cluster, " ".join(within(points, WORDS))))
        scored = [score_rows(kind, summaries, WORDS, 0.0) for kind, summaries in (("cut", cut), ("whole", whole))]
        print(f"{name}: cut at {WORDS} words " + " ; whole sentences within it ".join(
            f"{100 * row.rouge1_recall:.2f} / {100 * row.rouge2_recall:.2f}" for row in scored))


if __name__ == "__main__":
    main()
