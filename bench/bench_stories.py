"""Benchmark: are the stories of a mixed folder found? (issue 12)

Mixes 5, 10 and 25 DUC clusters (one cluster = one story), several random
mixes per size with fixed seeds, writes each mix's articles as text files in a
temporary folder, reads them as `briefing` does (ingest, dedupe, clean) and
groups them into stories. Prints, per size, the article-level adjusted Rand
index against the clusters and the number of stories found against the truth;
then the single clusters (each must be one story).

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_stories.py
    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_stories.py --data ../shared/eval/duc2003/all.jsonl --threshold 0.1
    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_stories.py --scale 19043   # time and memory on Reuters-21578

`--scale N` groups the first N Reuters-21578 articles (taken as they are in
the JSONL, without ingest and cleaning, to time the grouping alone) and prints
the seconds, the peak memory and how many stories it found.

The data is read in place and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.metrics import adjusted_rand_score  # noqa: E402

from briefing.config import Config  # noqa: E402
from briefing.report import Report  # noqa: E402
from briefing.sources.corpus import read_articles  # noqa: E402
from briefing.story import stories  # noqa: E402

DEFAULT_DATA = ROOT.parent.parent / "shared" / "eval" / "duc2004" / "dev.jsonl"
REUTERS = ROOT.parent.parent / "shared" / "eval" / "reuters21578" / "articles.jsonl"
SIZES = (5, 10, 25)
MIXES = 4


def write_mix(clusters: list[dict], folder: Path) -> dict[str, int]:
    """Each cluster's documents as files; the true story of each file name."""
    truth = {}
    for number, cluster in enumerate(clusters):
        for document in cluster["documents"]:
            name = f"{cluster['id']}_{document['id']}.txt"
            (folder / name).write_text(document["text"], "utf-8")
            truth[name] = number
    return truth


def score(clusters: list[dict], threshold: float) -> tuple[float, int, int]:
    """(ARI, stories found, true stories) of one mix."""
    with tempfile.TemporaryDirectory() as tmp:
        truth = write_mix(clusters, Path(tmp))
        articles = read_articles(Config(sources=(Path(tmp),)), Report())
    found = stories.group_articles(articles, threshold)
    label = {index: number for number, story in enumerate(found) for index in story.articles}
    names = [Path(a.origin).name for a in articles]
    ari = adjusted_rand_score([truth[n] for n in names], [label[i] for i in range(len(articles))])
    return ari, len(found), len(clusters)


def scale(count: int) -> None:
    """Time and peak memory of grouping the first `count` Reuters articles."""
    import resource

    from briefing.models import Article

    articles = []
    with REUTERS.open(encoding="utf-8") as lines:
        for line in lines:
            d = json.loads(line)
            articles.append(Article(d["id"], d["title"] or "", d["text"], ((0, len(d["text"])),)))
            if len(articles) == count:
                break
    started = time.perf_counter()
    found = stories.group_articles(articles)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{len(articles)} Reuters articles: {len(found)} stories (largest {len(found[0].articles)}) "
          f"in {seconds:.1f} s, peak memory {peak} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--threshold", type=float, default=stories.STORY_SIMILARITY)
    parser.add_argument("--mixes", type=int, default=MIXES)
    parser.add_argument("--scale", type=int, default=0, help="group this many Reuters-21578 articles instead")
    args = parser.parse_args()
    if args.scale:
        scale(args.scale)
        return
    clusters = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line.strip()]
    print(f"{args.data.name}: {len(clusters)} clusters, threshold {args.threshold}")
    for size in SIZES:
        if size > len(clusters):
            continue
        runs = [score(random.Random(seed).sample(clusters, size), args.threshold)
                for seed in range(args.mixes if size < len(clusters) else 1)]
        aris = [r[0] for r in runs]
        counts = ", ".join(f"{found}/{true}" for _, found, true in runs)
        print(f"mix of {size:>2}: ARI mean {statistics.mean(aris):.3f} min {min(aris):.3f}; stories found/true: {counts}")
    started = time.perf_counter()
    singles = [score([cluster], args.threshold)[1] for cluster in clusters]
    split = {c["id"]: n for c, n in zip(clusters, singles, strict=True) if n != 1}
    print(f"single clusters: {len(clusters) - len(split)}/{len(clusters)} found as one story"
          f"{'; split: ' + str(split) if split else ''} ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
