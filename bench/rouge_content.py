"""ROUGE on content words: `python bench/rouge_content.py`.

The standard DUC 2004 protocol keeps stop words, so ROUGE-1 counts every
"the", "of" and "to" a summary shares with the references. This prints, per
DUC 2004 dev half, for `coverage` and for each published system's own
summary: ROUGE-1 and ROUGE-2 recall as the protocol scores them, the same
with stop words removed (ROUGE-1.5.5's `-s`: the words dropped after the cut
at 100 words, before stemming; the stop list is the project's, sumy's 580
words, not ROUGE's own 571), and the unigram matches split into function
and content words. Reads the datasets in place.
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

# Run as a plain script from a checkout: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_sets import EVAL, peer_summaries
from rouge_score.tokenizers import DefaultTokenizer

from briefing.evaluate import Cluster, cluster_summary, load_clusters, rouge_n, split_half
from briefing.text.tokens import stop_words

WORDS = 100
_PLAIN = DefaultTokenizer(use_stemmer=False).tokenize
_STEMMED = DefaultTokenizer(use_stemmer=True).tokenize


_STOPS = frozenset(w.lower() for w in stop_words())


def content_grams(text: str, n: int) -> Counter[tuple[str, ...]]:
    """The n-grams of `text` cut to WORDS words, stop words removed first, then stemmed as ROUGE stems."""
    kept = [w for w in _PLAIN(" ".join(text.split()[:WORDS])) if w not in _STOPS]
    tokens = [stemmed for w in kept for stemmed in _STEMMED(w)]
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def content_recall(summary: str, references: Sequence[str], n: int) -> float:
    """ROUGE-N recall over content words, matches pooled over the references (`-f A`)."""
    peer = content_grams(summary, n)
    matches = total = 0
    for reference in references:
        model = content_grams(reference, n)
        matches += sum(min(count, peer[gram]) for gram, count in model.items())
        total += sum(model.values())
    return matches / total if total else 0.0


def row(name: str, summaries: Sequence[str], clusters: Sequence[Cluster]) -> str:
    def mean(score) -> float:
        return 100 * statistics.mean(score(s, c) for s, c in zip(summaries, clusters, strict=True))

    standard = [mean(lambda s, c, n=n: rouge_n(s, c.references, n, WORDS).recall) for n in (1, 2)]
    content = [mean(lambda s, c, n=n: content_recall(s, c.references, n)) for n in (1, 2)]
    return (f"  {name:<11} {standard[0]:6.2f} / {standard[1]:5.2f}   {content[0]:6.2f} / {content[1]:5.2f}"
            f"   {standard[0] - content[0]:+6.2f}")


def main() -> int:
    dev = load_clusters(EVAL / "duc2004" / "dev.jsonl")
    by_system = peer_summaries()
    for half in ("odd", "even"):
        clusters = split_half(dev, half)
        ours = [" ".join(s.text for s in cluster_summary(c, WORDS, "coverage")) for c in clusters]
        rows = [(name, [summaries[c.id] for c in clusters]) for name, summaries in sorted(by_system.items())]
        print(f"dev {half}: {'':<6} R-1 / R-2 (standard)   R-1 / R-2 (content words)   R-1 standard less content")
        for name, summaries in [("coverage", ours), *rows]:
            print(row(name, summaries, clusters), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
