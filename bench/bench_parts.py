"""Time of the who-said-what and corroboration stages at a newsroom's volume:
`OMP_NUM_THREADS=1 python bench/bench_parts.py [N ...]`.

Writes the first N Reuters-21578 articles (read in place from
../shared/eval/reuters21578, never copied into the project) as text files in
a temporary folder, builds a JSON briefing of them, and prints the seconds of
each stage; the "attribute" and "corroborate" stages are the two this part adds.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.config import load_config
from briefing.pipeline import build
from briefing.report import Report

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "reuters21578" / "articles.jsonl"


def write_articles(count: int, folder: Path) -> None:
    with REUTERS.open(encoding="utf-8") as lines:
        for _, line in zip(range(count), lines, strict=False):
            article = json.loads(line)
            front = f"---\ntitle: {article['title'] or article['id']}\noutlet: Reuters\npublished: {article['date']}\n---\n"
            (folder / f"{article['id']}.txt").write_text(front + article["text"] + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 2000])
    args = parser.parse_args(argv)
    print(f"{'articles':>8} {'sentences':>9} {'attribute s':>11} {'corroborate s':>13} {'whole build s':>13}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "articles"
            folder.mkdir()
            write_articles(size, folder)
            config = load_config(None, sources=(folder,), out=Path(scratch) / "out", formats=("json",))
            report = Report()
            started = time.perf_counter()
            briefing = build(config, report)
            whole = time.perf_counter() - started
        sentences = sum(len(p.sentences) for s in briefing.sections for p in s.passages)
        print(f"{size:>8} {sentences:>9} {report.timings.get('attribute', 0):>11.2f} "
              f"{report.timings.get('corroborate', 0):>13.2f} {whole:>13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
