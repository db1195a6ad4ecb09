"""Time "Figures that disagree" and the timeline on newswire: `OMP_NUM_THREADS=1 python bench/bench_figures_timeline.py 200 2000`.

Reads the first N Reuters-21578 articles in place from ../shared/eval (each
dated by its `date`), splits them into sentences, then times
`figures.conflicts` and `timeline.events` over all of them (median of 3).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.evaluate import paragraph_spans
from briefing.models import Article
from briefing.story import figures, timeline
from briefing.text.passages import to_passages

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "reuters21578" / "articles.jsonl"


def load(count: int) -> list[Article]:
    articles: list[Article] = []
    with REUTERS.open(encoding="utf-8") as lines:
        for line in lines:
            if len(articles) == count:
                break
            row = json.loads(line)
            articles.append(Article(row["id"], row["title"] or row["id"], row["text"], paragraph_spans(row["text"]),
                                    published=date.fromisoformat(row["date"])))
    return articles


def median_seconds(work, *args, runs: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[200, 2000])
    args = parser.parse_args(argv)
    print(f"{'articles':>8} {'sentences':>9} {'figures s':>9} {'conflicts':>9} {'timeline s':>10} {'events':>6}")
    for count in args.counts:
        articles = load(count)
        sentences = [s for i, a in enumerate(articles) for p in to_passages(i, a) for s in p.sentences]
        published = [a.published for a in articles]
        figure_time, found = median_seconds(figures.conflicts, sentences)
        timeline_time, events = median_seconds(timeline.events, sentences, published, 30)
        print(f"{count:8} {len(sentences):9} {figure_time:9.2f} {len(found):9} {timeline_time:10.2f} {len(events):6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
