"""Two checkouts side by side: `python bench/compare_checkouts.py BASE [--key-points]`.

For a change that no patch of `bench/summary_variants.py` can make (a change to the
pipeline's attribution code, say): scores `coverage`'s summary (and, with
`--key-points`, the key points of a briefing of each cluster) on DUC 2003 and on
each half of the DUC 2004 dev clusters, once with the code of the checkout BASE
(e.g. `git worktree add /tmp/base main`) and once with this one, each in its own
process, and prints this checkout's figures with the paired change per set, as
`summary_variants.py` does. Reads the shared datasets in place (never copy them
into the project); about a minute of CPU per checkout with key points.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from eval_sets import SETS

HERE = Path(__file__).resolve().parents[1]

WORDS = 100


def worker(kind: str) -> None:
    """Print, as JSON, set -> (R-1, R-2, words) per cluster, with the `briefing` first on sys.path."""
    from briefing import pipeline
    from briefing.config import Config
    from briefing.evaluate import cluster_sentences, load_clusters, rouge_n, split_half
    from briefing.report import Report
    from briefing.story import summarize

    try:
        from briefing.evaluate import cluster_summary

        def summary_of(cluster):
            return cluster_summary(cluster, WORDS, "coverage")
    except ImportError:  # a checkout from before `briefing summarize` kept claims whose speaker is unknown out

        def summary_of(cluster):
            return summarize.summarize(cluster_sentences(cluster), WORDS, "coverage")

    found: dict[str, list[tuple[float, float, int]]] = {}
    for name, (path, half) in SETS.items():
        found[name] = []
        for cluster in split_half(load_clusters(path), half):
            if kind == "key points":
                chosen = pipeline.brief_articles(list(cluster.articles), Config(), Report(echo=False)).key_points
            else:
                chosen = summary_of(cluster)
            text = " ".join(s.text for s in chosen)
            found[name].append((rouge_n(text, cluster.references, 1, WORDS).recall,
                                rouge_n(text, cluster.references, 2, WORDS).recall, len(text.split())))
    print(json.dumps(found))


def scores_of(checkout: Path, kind: str) -> dict:
    """The worker's figures with the code of `checkout`."""
    code = (f"import sys; sys.path.insert(0, {str(checkout)!r}); sys.path.insert(1, {str(HERE / 'bench')!r}); "
            f"import compare_checkouts; compare_checkouts.worker({kind!r})")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="the checkout to compare against (its briefing/ is imported)")
    parser.add_argument("--key-points", action="store_true", help="also the key points of a briefing")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE / "bench"))
    from summary_variants import line

    for kind in ("coverage", *(("key points",) if args.key_points else ())):
        base = scores_of(args.base.resolve(), kind)
        print(line(f"{kind}, base", base), flush=True)
        print(line(f"{kind}, this checkout", scores_of(HERE, kind), base), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
