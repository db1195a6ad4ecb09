"""What one story's four files cost: a front page's story briefings written in one process, per story.

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_render.py [--articles 300] [--runs 3] [--digest] [--baseline DIR]

Builds a front page of --articles Reuters articles (../shared/eval's Reuters-21578, read
in place and written as text files to a temporary folder, as bench_scale.py does),
then writes every story's briefing (pdf, md, html, json) with `writer.write_briefing`
in a fresh process per run, and prints per story: the median and mean milliseconds
(wall and CPU), the share spent rendering the PDF (`pdf.pdf_bytes`) and the mean wall milliseconds
outside it (rendering HTML, Markdown and JSON, writing them), the PDF's pages and size.
The first story of a run is written once before timing (WeasyPrint's import and
first font loads are a process's, not a story's).

--digest adds this checkout with `story_pdf = "digest"` (key points, sections and
cited sources in each story's PDF). --baseline DIR times the code of another checkout (e.g. `git worktree add
/tmp/base main`) on the same stories in the same way, runs alternating with this
checkout's, so before and after are printed side by side from one run. The stories
are built once, by this checkout, and handed to both (pickled Briefings: both
checkouts must share briefing/models.py). Asserts nothing: shared machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_front_page(articles: int, folder: Path) -> Path:
    """Build `articles` Reuters articles into a front page; pickle its story briefings; return the pickle."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_scale import reuters, write_corpus

    from briefing.config import load_config
    from briefing.pipeline import build
    from briefing.report import Report

    corpus = folder / "corpus"
    write_corpus(corpus, reuters(articles))
    config = load_config(None, sources=(corpus,), out=folder / "unused")
    front = build(config, Report())
    stories = folder / "stories.pickle"
    stories.write_bytes(pickle.dumps([page.briefing for page in front.stories]))
    return stories


def time_stories(stories: Path, out: Path, settings: dict) -> dict:
    """In this process: write each story's four files; the milliseconds each took, and its PDF."""
    from briefing.config import load_config
    from briefing.output import pdf, writer
    from briefing.report import Report

    briefings = pickle.loads(stories.read_bytes())
    config = load_config(None, sources=(stories.parent,), out=out, **settings)
    in_pdf = [0.0]
    # The PDF's rendering: `pdf_bytes`, which the writer calls (and `write_pdf` too); an older checkout
    # given as --baseline may have only `write_pdf`.
    renders = "pdf_bytes" if hasattr(pdf, "pdf_bytes") else "write_pdf"
    render_pdf = getattr(pdf, renders)

    def timed_pdf(*args, **options):
        started = time.perf_counter()
        try:
            return render_pdf(*args, **options)
        finally:
            in_pdf[0] += time.perf_counter() - started

    setattr(pdf, renders, timed_pdf)
    (out / "warm-up").mkdir(parents=True)
    writer.write_briefing(briefings[0], config, Report(strict=config.strict), out=out / "warm-up",
                          pdf_parts=writer.full_story_pdf(config, 0))
    rows = []
    for number, briefing in enumerate(briefings):
        folder = out / f"{number:05d}"
        folder.mkdir(parents=True)
        in_pdf[0] = 0.0
        wall, cpu = time.perf_counter(), time.process_time()
        writer.write_briefing(briefing, config, Report(strict=config.strict), out=folder,
                              pdf_parts=writer.full_story_pdf(config, number))
        rows.append({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "pdf": in_pdf[0],
                     "pdf_bytes": (folder / "briefing.pdf").stat().st_size, "pages": _pages(folder / "briefing.pdf")})
    return {"rows": rows}


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def run_worker(tree: Path, settings: dict, stories: Path, out: Path) -> dict:
    """`time_stories` in a fresh process that imports `briefing` from checkout `tree`."""
    environment = {**os.environ, "PYTHONPATH": str(tree), "OMP_NUM_THREADS": "1"}
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(stories), "--out", str(out),
               "--settings", json.dumps(settings)]
    done = subprocess.run(command, env=environment, cwd=tree, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{tree}: the timing process failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def summary(runs: list[dict]) -> str:
    """One line: per-story median and mean of wall and CPU milliseconds, PDF share, pages and size."""
    rows = [row for run in runs for row in run["rows"]]
    wall = [row["wall"] * 1000 for row in rows]
    cpu = [row["cpu"] * 1000 for row in rows]
    in_pdf = sum(row["pdf"] for row in rows) / sum(row["wall"] for row in rows)
    outside = statistics.mean(row["wall"] - row["pdf"] for row in rows) * 1000  # html, md, json and their writes
    pages = statistics.mean(row["pages"] for row in rows)
    size = statistics.mean(row["pdf_bytes"] for row in rows) / 1024
    runs_total = ", ".join(f"{sum(r['wall'] for r in run['rows']):.1f}" for run in runs)
    return (f"median {statistics.median(wall):5.0f} ms wall {statistics.median(cpu):5.0f} ms CPU, "
            f"mean {statistics.mean(wall):5.0f} ms wall {statistics.mean(cpu):5.0f} ms CPU, "
            f"{in_pdf:4.0%} in the PDF ({outside:3.0f} ms outside), {pages:4.1f} pages, {size:5.1f} KiB per PDF  (runs: {runs_total} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300, help="Reuters articles in the front page")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout to time side by side")
    parser.add_argument("--digest", action="store_true", help="also time this checkout with story_pdf = digest")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--settings", type=json.loads, default={}, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(time_stories(args.worker, args.out, args.settings)))
        return
    trees: dict[str, tuple[Path, dict[str, str]]] = {"this checkout": (ROOT, {})}
    if args.digest:
        trees["  digest PDFs"] = (ROOT, {"story_pdf": "digest"})
    if args.baseline:
        trees["baseline"] = (args.baseline.resolve(), {})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        stories = build_front_page(args.articles, folder)
        count = len(pickle.loads(stories.read_bytes()))
        results: dict[str, list[dict]] = {name: [] for name in trees}
        for run in range(args.runs):
            for number, (name, (tree, settings)) in enumerate(reversed(trees.items())):
                results[name].append(run_worker(tree, settings, stories, folder / f"out-{number}-{run}"))
    print(f"{count} stories of {args.articles} Reuters articles, each written as pdf, md, html and json; "
          f"{args.runs} runs, one process each; per story:")
    for name, runs in results.items():
        print(f"  {name:<14} {summary(runs)}")


if __name__ == "__main__":
    main()
