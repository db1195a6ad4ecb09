"""How long the published systems' summaries are, and what the cut at 100 words gives them.

`python bench/peer_lengths.py` reads the published systems' own summaries of
the DUC 2004 dev clusters (SumRepo) in place and prints, per half and system:
their mean length in words, how many run past 100 words (the scorer cuts them
mid-sentence, as ROUGE-1.5.5's `-l 100` does for everyone), their ROUGE-1 /
ROUGE-2 recall as published, and the same summaries kept to the whole
sentences that fit in 100 words, as a briefing's bullets must be. The two
rows do not rank systems (a system made for a whole-sentence budget would
have chosen otherwise); they show how much of a published score is the part
of a sentence a reader is never shown.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

# Run as a plain script from a checkout: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_sets import EVAL, peer_summaries

from briefing.evaluate import Cluster, load_clusters, rouge_n, split_half
from briefing.text.passages import split_sentences
from briefing.text.tokens import word_count

WORDS = 100


def whole_sentences(summary: str, words: int = WORDS) -> str:
    """The sentences of `summary` from its start, as many as fit whole in `words` words."""
    kept, used = [], 0
    for text, _, _ in split_sentences(summary):
        if used + word_count(text) > words:
            break
        kept.append(text)
        used += word_count(text)
    return " ".join(kept)


def recall(summaries: Sequence[str], clusters: Sequence[Cluster], n: int) -> float:
    return 100 * statistics.mean(rouge_n(s, c.references, n, WORDS).recall
                                 for s, c in zip(summaries, clusters, strict=True))


def main() -> int:
    dev = load_clusters(EVAL / "duc2004" / "dev.jsonl")
    by_system = peer_summaries()
    print(f"{'half':<5} {'system':<11} {'words':>6} {'over 100':>8}   {'as published R-1 / R-2':>22}   "
          f"{'whole sentences R-1 / R-2':>25} {'(words)':>8}")
    for half in ("odd", "even"):
        clusters = split_half(dev, half)
        for system, summaries in sorted(by_system.items()):
            published = [summaries[c.id] for c in clusters]
            whole = [whole_sentences(s) for s in published]
            lengths = [word_count(s) for s in published]
            print(f"{half:<5} {system:<11} {statistics.mean(lengths):6.1f} {sum(n > WORDS for n in lengths):4d}/{len(lengths):<3d}"
                  f"   {recall(published, clusters, 1):11.2f} / {recall(published, clusters, 2):5.2f}"
                  f"   {recall(whole, clusters, 1):14.2f} / {recall(whole, clusters, 2):5.2f}"
                  f" {statistics.mean(word_count(s) for s in whole):8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
