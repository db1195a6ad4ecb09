"""Benchmark of scheduled regeneration on a folder of 200 articles.

Times, each the median of a few runs:
- the up-to-date check (nothing changed), in-process and as a whole `briefing build` process;
- a rebuild after adding one article (the per-article cache warm);
- a full rebuild (no cache, no previous edition).

The articles are made from the seeds' paragraphs, recombined, with names and
numbers varied so that no two are alike. Prints figures and ratios; asserts
nothing, since shared machines are noisy.

    .venv/bin/python bench/bench_incremental.py [--articles 200] [--runs 3] [--formats pdf,md,html,json]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.config import load_config  # noqa: E402
from briefing.editions.regenerate import regenerate  # noqa: E402
from briefing.report import Report  # noqa: E402

SEEDS = ROOT / "seeds"
FIRST = ["Anna", "Giorgi", "Nino", "David", "Tamar", "Levan", "Irina", "Sergei", "Maria", "Oleg", "Eka", "Zurab"]
LAST = ["Beridze", "Kapanadze", "Ivanov", "Tsereteli", "Gabunia", "Petrov", "Dzhioev", "Kokoev", "Lomidze", "Sidorov"]
MONTHS = ["March", "April", "May", "June"]
T = TypeVar("T")


def seed_paragraphs() -> list[str]:
    """Body paragraphs of the seeds (lines of a dozen words or more)."""
    lines = [line.strip() for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text().splitlines()]
    return [line for line in lines if len(line.split()) >= 12]


def make_article(number: int, rnd: random.Random, paragraphs: list[str]) -> str:
    """A distinct article: a header, then paragraphs of the seeds with numbers and a name varied."""
    name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
    body = []
    for paragraph in rnd.sample(paragraphs, 8):
        paragraph = re.sub(r"\b\d+\b", lambda m: str(int(m.group()) + rnd.randint(1, 9)), paragraph)
        body.append(paragraph.replace("Bibilov", rnd.choice(LAST)))
    title = f"Report {number}: {rnd.choice(LAST)} on the Tskhinvali region"
    header = f"{title}\nBy {name}\n{rnd.choice(MONTHS)} {rnd.randint(1, 28)}, 2022\n\n"
    return header + "\n\n".join(body) + "\n"


def make_corpus(folder: Path, count: int, seed: int = 7) -> None:
    rnd, paragraphs = random.Random(seed), seed_paragraphs()
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"a{number:04d}.txt").write_text(make_article(number, rnd, paragraphs))
    shutil.copy(SEEDS / "briefing.toml", folder / "briefing.toml")


# `...`, not `[]`: the actions are lambdas whose defaults bind loop variables, which mypy cannot
# match to a Callable without arguments (python/mypy#15459).
def timed(action: Callable[..., T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="pdf,md,html,json")
    args = parser.parse_args()
    formats = tuple(args.formats.split(","))

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "articles"
        make_corpus(corpus, args.articles)
        rnd, paragraphs = random.Random(99), seed_paragraphs()

        def config(out: Path):
            return load_config(corpus / "briefing.toml", out=out, formats=formats)

        # Full rebuilds: a fresh output folder each time (no cache, no edition to compare with).
        full, full_stages = [], {}
        for run in range(args.runs):
            report = Report()
            seconds, _ = timed(lambda run=run, report=report: regenerate(config(Path(tmp) / f"full{run}"), report=report))
            full.append(seconds)
            full_stages = report.timings

        out = Path(tmp) / "out"
        regenerate(config(out))
        checks = [timed(lambda: regenerate(config(out)))[0] for _ in range(args.runs)]
        command = [sys.executable, "-m", "briefing", "build", "--config", str(corpus / "briefing.toml"),
                   "--out", str(out), "--format", args.formats, "--quiet"]
        process_checks = [timed(lambda: subprocess.run(command, check=True, cwd=ROOT))[0] for _ in range(args.runs)]

        # Incremental rebuilds: one more article each time.
        added, added_stages = [], {}
        for run in range(args.runs):
            (corpus / f"new{run}.txt").write_text(make_article(10_000 + run, rnd, paragraphs))
            report = Report()
            seconds, outcome = timed(lambda report=report: regenerate(config(out), report=report))
            assert outcome.status == "built" and outcome.new == 1, outcome
            added.append(seconds)
            added_stages = report.timings

    full_median, added_median = statistics.median(full), statistics.median(added)
    check_median, process_median = statistics.median(checks), statistics.median(process_checks)
    print(f"{args.articles} articles, formats {args.formats}, median of {args.runs} runs")
    print(f"  full rebuild                 {full_median:7.3f} s  ({_runs(full)})")
    print(f"  rebuild after adding one     {added_median:7.3f} s  ({_runs(added)})  "
          f"= {added_median / full_median:.2f} of a full rebuild ({full_median / added_median:.1f}x faster)")
    print(f"  up-to-date check, in-process {check_median:7.3f} s  ({_runs(checks)})  "
          f"= {check_median / full_median:.4f} of a full rebuild")
    print(f"  up-to-date check, `briefing build` process "
          f"{process_median:.3f} s ({_runs(process_checks)})")
    print("  stages           full   add one")
    for stage in dict.fromkeys([*full_stages, *added_stages]):
        print(f"    {stage:<12} {full_stages.get(stage, 0.0):6.3f}  {added_stages.get(stage, 0.0):6.3f}")


def _runs(values: list[float]) -> str:
    return ", ".join(f"{v:.3f}" for v in values)


if __name__ == "__main__":
    main()
