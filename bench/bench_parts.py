"""Time of the who-said-what and corroboration stages at a newsroom's volume:
`OMP_NUM_THREADS=1 python bench/bench_parts.py [N ...]`.

Writes the first N Reuters-21578 articles (read in place from
../shared/eval/reuters21578, never copied into the project) as text files in
a temporary folder, builds a JSON briefing of them, and prints the seconds of
each stage; the "attribute" and "corroborate" stages are the two this part adds.
`--hostile` times the attribution extractor on made-up text built to be slow
(quotation marks by the thousand in one paragraph, one name written thousands
of times) beside the sentence splitter.
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
from briefing.story.attributions import extract
from briefing.text.passages import split_sentences

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "reuters21578" / "articles.jsonl"


def write_articles(count: int, folder: Path) -> None:
    with REUTERS.open(encoding="utf-8") as lines:
        for _, line in zip(range(count), lines, strict=False):
            article = json.loads(line)
            front = f"---\ntitle: {article['title'] or article['id']}\noutlet: Reuters\npublished: {article['date']}\n---\n"
            (folder / f"{article['id']}.txt").write_text(front + article["text"] + "\n", "utf-8")


HOSTILE = {
    "quotes and apostrophes": "“We will go,” he said. ‘it is a ‘test. " * 20000,
    "open single marks": "‘word " * 100000,
    "straight quotes": '"a ' * 100000,
    # Every mention of a name asks who it is: each answer must be found once, not once per place it is written.
    "one surname, two people": "Race spokesman Peter Campbell said the search went on. John Campbell was rescued. "
                               "Campbell said it was cold. " * 3000,
    "nationality, then name": "American John Campbell spoke to the crowd. Campbell said so. " * 5000,
}


def hostile() -> None:
    print(f"{'text':<24} {'characters':>10} {'split s':>8} {'attribute s':>11}")
    for name, text in HOSTILE.items():
        started = time.perf_counter()
        spans = [(start, end) for _, start, end in split_sentences(text)]
        split = time.perf_counter() - started
        extract(0, text, spans)
        print(f"{name:<24} {len(text):>10} {split:>8.2f} {time.perf_counter() - started - split:>11.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 2000])
    parser.add_argument("--hostile", action="store_true", help="time made-up slow text instead")
    args = parser.parse_args(argv)
    if args.hostile:
        hostile()
        return 0
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
