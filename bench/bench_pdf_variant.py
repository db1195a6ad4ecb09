"""What tagging costs: the seeds' briefing rendered to PDF untagged, as PDF/UA-1 and as PDF/A-3a.

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_pdf_variant.py [--articles N]

Builds the seeds' HTML once (or N articles of shared/eval's Reuters set, read in place,
written to a temporary folder), then renders it in this process, alternating the
variants, and prints the median seconds and file size of each. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from briefing.config import Config, default_config_path, load_config
from briefing.output import pdf, render
from briefing.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
REUTERS = ROOT.parent / "shared" / "eval" / "reuters21578" / "articles.jsonl"
VARIANTS = (None, "pdf/ua-1", "pdf/a-3a")
RUNS = 3


def corpus_config(articles: int, folder: Path) -> Config:
    """The seeds, or `articles` Reuters articles written out as text files."""
    if not articles:
        return load_config(default_config_path(), out=folder / "out")
    with REUTERS.open() as lines:
        for number, line in zip(range(articles), lines, strict=False):
            record = json.loads(line)
            (folder / f"{number:05d}.txt").write_text(f"{record['title']}\n\n{record['text']}", "utf-8")
    return Config(sources=(folder,), out=folder / "out")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=0, help="Reuters articles instead of the seeds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        html = render.to_html(build(corpus_config(args.articles, folder)), render.template_env(None))
        seconds: dict[str | None, list[float]] = {v: [] for v in VARIANTS}
        sizes: dict[str | None, int] = {}
        for run in range(RUNS):
            for variant in VARIANTS:
                target = folder / f"{variant or 'plain'}-{run}.pdf".replace("/", "_")
                started = time.perf_counter()
                pdf.write_pdf(html, target, render.assets_dir(None), variant=variant)
                seconds[variant].append(time.perf_counter() - started)
                sizes[variant] = target.stat().st_size
    corpus = f"{args.articles} Reuters articles" if args.articles else "the seeds"
    print(f"PDF of {corpus}, median of {RUNS} in-process renders (WeasyPrint imported before):")
    for variant in VARIANTS:
        runs = ", ".join(f"{s:.2f}" for s in seconds[variant])
        print(f"  {variant or 'untagged':<9} {statistics.median(seconds[variant]):6.2f} s ({runs})  {sizes[variant] / 1024:7.0f} KiB")


if __name__ == "__main__":
    main()
