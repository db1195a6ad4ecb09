"""Benchmark: are the stories of a mixed folder found? (issue 12)

Mixes 5, 10 and 25 DUC clusters (one cluster = one story), several random
mixes per size with fixed seeds, writes each mix's articles as text files in a
temporary folder, reads them as `briefing` does (ingest, dedupe, clean) and
groups them into stories. Prints, per size, the article-level adjusted Rand
index against the clusters (mean and worst mix), how many mixes have a story
count within 10% of the truth, and how far off the counts are; then the
single clusters (each must be one story). Each is measured twice: undated
files, and files dated by front matter (`published:`, the day a DUC document
id encodes: APW19981016.0240 is 1998-10-16), as real inputs are.

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_stories.py
    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_stories.py --data ../shared/eval/duc2003/all.jsonl --threshold 0.1
    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_stories.py --scale 19043   # time and memory on Reuters-21578
    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_stories.py --scale 19043 --exact   # and against exact neighbours
    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_stories.py --postings 26   # the mixes with words capped at 26 rows

`--scale N` groups the first N Reuters-21578 articles (taken as they are in
the JSONL, dated, without ingest and cleaning, to time the grouping alone;
past 19,043, the perturbed rounds of `bench_scale.py`) and prints
the seconds (wall clock and CPU), the peak memory and how many stories it found;
with `--exact`, also the neighbour search with no posting capped (`text.nearest`):
both times, how many of the exact pairs at the story threshold the capped search
finds, and how far the two groupings agree. A mix of 25 DUC clusters is some 250
articles, where no word reaches `nearest.POSTINGS` (2,000) rows: `--postings 26`
caps as 2,000 does at 19,043 articles (the same share of the pile), to see what
the capping costs on stories whose truth is known.

The data is read in place and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.metrics import adjusted_rand_score  # noqa: E402

from briefing.config import Config  # noqa: E402
from briefing.report import Report  # noqa: E402
from briefing.sources.corpus import read_articles  # noqa: E402
from briefing.story import stories  # noqa: E402
from briefing.text import nearest  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "duc2004" / "dev.jsonl"
SIZES = (5, 10, 25)
MIXES = 20
DAY = re.compile(r"(\d{4})(\d{2})(\d{2})")


def write_mix(clusters: list[dict], folder: Path, dated: bool) -> dict[str, int]:
    """Each cluster's documents as files (dated by front matter if `dated`); the true story of each file name."""
    truth = {}
    for number, cluster in enumerate(clusters):
        for document in cluster["documents"]:
            name = f"{cluster['id']}_{document['id']}.txt"
            day = DAY.search(document["id"])
            front = f"---\npublished: {day[1]}-{day[2]}-{day[3]}\n---\n" if dated and day else ""
            (folder / name).write_text(front + document["text"], "utf-8")
            truth[name] = number
    return truth


def score(clusters: list[dict], threshold: float, dated: bool) -> tuple[float, int, int]:
    """(ARI, stories found, true stories) of one mix."""
    with tempfile.TemporaryDirectory() as tmp:
        truth = write_mix(clusters, Path(tmp), dated)
        articles = read_articles(Config(sources=(Path(tmp),)), Report())
    found = stories.group_articles(articles, threshold)
    label = {index: number for number, story in enumerate(found) for index in story.articles}
    names = [Path(a.origin).name for a in articles]
    ari = adjusted_rand_score([truth[n] for n in names], [label[i] for i in range(len(articles))])
    return ari, len(found), len(clusters)


def scale(count: int, exact: bool) -> None:
    """Time and peak memory of grouping the first `count` Reuters articles; with
    `exact`, also without capped postings, and how far the two agree."""
    import resource

    from bench_scale import reuters  # past 19,043 articles, the perturbed rounds it documents

    from briefing.models import Article

    articles = [Article(d["id"], d["title"] or "", d["text"], ((0, len(d["text"])),),
                        published=date.fromisoformat(d["date"])) for d in reuters(count)]
    found, seconds, cpu = timed(stories.group_articles, articles)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{len(articles)} Reuters articles: {len(found)} stories (largest {len(found[0].articles)}) "
          f"in {seconds:.1f} s ({cpu:.1f} s of CPU: on a shared machine, steadier), peak memory {peak} MB")
    if exact:
        agreement(articles, found)


def timed(function, *args):
    """`function(*args)`, its seconds and its seconds of CPU."""
    started, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - started, time.process_time() - cpu


def agreement(articles: list, found: tuple) -> None:
    """Group `articles` again with exact neighbours (no posting capped); print both
    neighbour searches' time, the share of the exact pairs at the story threshold
    that the capped search finds, and the adjusted Rand index of the two groupings."""
    vectors = stories.article_vectors(articles)
    capped, capped_seconds, capped_cpu = timed(nearest.neighbours, vectors, stories.NEIGHBOURS)
    default = nearest.POSTINGS
    nearest.POSTINGS = len(articles)  # no word used by more rows than there are
    try:
        exact, exact_seconds, exact_cpu = timed(nearest.neighbours, vectors, stories.NEIGHBOURS)
        exact_found = stories.group_articles(articles)
    finally:
        nearest.POSTINGS = default
    linked = {(i, j) for similarity, i, j in exact if similarity >= stories.STORY_SIMILARITY}
    kept = linked & {(i, j) for _, i, j in capped}
    print(f"neighbours: capped postings {capped_seconds:.1f} s ({capped_cpu:.1f} s of CPU), exact "
          f"{exact_seconds:.1f} s ({exact_cpu:.1f} s of CPU); {len(kept)} of the {len(linked)} exact pairs at "
          f"the threshold found ({len(kept) / max(len(linked), 1):.2%})")
    print(f"exact neighbours: {len(exact_found)} stories; adjusted Rand index of the two groupings "
          f"{adjusted_rand_score(_labels(exact_found, len(articles)), _labels(found, len(articles))):.4f}")


def _labels(found: tuple, count: int) -> list[int]:
    label = [0] * count
    for number, story in enumerate(found):
        for index in story.articles:
            label[index] = number
    return label


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--threshold", type=float, default=stories.STORY_SIMILARITY)
    parser.add_argument("--mixes", type=int, default=MIXES, help="random mixes per size (seeds 0, 1, ...)")
    parser.add_argument("--dates", choices=("both", "yes", "no"), default="both", help="date the files or not")
    parser.add_argument("--scale", type=int, default=0, help="group this many Reuters-21578 articles instead")
    parser.add_argument("--exact", action="store_true", help="with --scale: compare with exact neighbours")
    parser.add_argument("--postings", type=int, default=nearest.POSTINGS,
                        help="rows a word keeps in the candidate search (smaller: exercise the capping on small mixes)")
    args = parser.parse_args()
    nearest.POSTINGS = args.postings
    if args.scale:
        scale(args.scale, args.exact)
        return
    clusters = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line.strip()]
    print(f"{args.data.name}: {len(clusters)} clusters, threshold {args.threshold}, {args.mixes} mixes per size")
    for dated in {"both": (False, True), "yes": (True,), "no": (False,)}[args.dates]:
        report(clusters, args.threshold, args.mixes, dated)


def report(clusters: list[dict], threshold: float, mixes: int, dated: bool) -> None:
    """Print the scores of the mixes and single clusters, undated or dated."""
    kind = "dated" if dated else "undated"
    for size in SIZES:
        if size > len(clusters):
            continue
        runs = [score(random.Random(seed).sample(clusters, size), threshold, dated)
                for seed in range(mixes if size < len(clusters) else 1)]
        aris = [r[0] for r in runs]
        within = sum(abs(found - true) <= true // 10 for _, found, true in runs)
        off = Counter(found - true for _, found, true in runs)
        counts = ", ".join(f"{difference:+d}: {n}" for difference, n in sorted(off.items()))
        print(f"{kind:>7}, mix of {size:>2}: ARI mean {statistics.mean(aris):.3f} min {min(aris):.3f}; "
              f"count within 10% in {within}/{len(runs)} mixes (found - true {counts})")
    started = time.perf_counter()
    singles = [score([cluster], threshold, dated)[1] for cluster in clusters]
    split = {c["id"]: n for c, n in zip(clusters, singles, strict=True) if n != 1}
    print(f"{kind:>7}, single clusters: {len(clusters) - len(split)}/{len(clusters)} found as one story"
          f"{'; split: ' + str(split) if split else ''} ({time.perf_counter() - started:.1f} s)")

if __name__ == "__main__":
    main()
