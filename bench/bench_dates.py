"""Benchmark: which Reuters-21578 articles get a date, and from what (issue 18).

Writes all 19,043 articles of ../shared/eval/reuters21578/articles.jsonl to a
temporary folder twice, as a new user would save wire copy: headline, blank
line, body hard-wrapped at 70 columns; then the same with front matter from
the corpus's `date` field. Each folder goes through the library's read and
clean path (`ingest.read_sources`, `clean.clean_all`) and the counts are
printed. The body never states its own date (Reuters-21578 keeps the dateline
apart), so the first way must date no article and the second must date every
one exactly, from its front matter.

    OMP_NUM_THREADS=1 python bench/bench_dates.py [--limit N] [--width 70] [--articles PATH]

Prints counts and seconds; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import textwrap
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TypedDict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.sources.ingest import read_sources  # noqa: E402
from briefing.text.clean import clean_all  # noqa: E402

REUTERS = ROOT.parent / "shared" / "eval" / "reuters21578" / "articles.jsonl"
MAX_BYTES = 10_000_000


def load(path: Path, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    return rows[:limit] if limit else rows


def write(rows: list[dict], folder: Path, width: int, front_matter: bool) -> None:
    """Each article as a text file: front matter (maybe), headline, blank line, wrapped body."""
    folder.mkdir()
    for row in rows:
        body = "\n\n".join(textwrap.fill(paragraph, width) for paragraph in row["text"].split("\n\n"))
        head = f"---\ndate: {row['date']}\n---\n" if front_matter else ""
        (folder / f"{row['id']}.txt").write_text(f"{head}{row['title']}\n\n{body}\n", encoding="utf-8")


class Counts(TypedDict):
    articles: int
    dated: int
    partial: int
    exact: int
    sources: Counter[str]
    examples: list[tuple[str, str]]
    warnings: int
    seconds: float


def count(rows: list[dict], folder: Path) -> Counts:
    """Read and clean `folder`; how many articles are dated, how, and how many exactly."""
    started = time.perf_counter()
    warnings: list[str] = []
    articles = clean_all(read_sources([folder], warnings.append, MAX_BYTES))
    seconds = time.perf_counter() - started
    truth = {row["id"]: date.fromisoformat(row["date"]) for row in rows}
    full = [a for a in articles if a.published]
    partial = [a for a in articles if getattr(a, "partial_date", None)]
    return {
        "articles": len(articles),
        "dated": len(full),
        "partial": len(partial),
        "exact": sum(1 for a in full if a.published == truth[Path(a.origin).stem]),
        "sources": Counter(getattr(a, "date_source", None) or "?" for a in full + partial),
        "examples": [(Path(a.origin).stem, str(a.published or a.partial_date)) for a in (full + partial)[:5]],
        "warnings": len(warnings),
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--width", type=int, default=70, help="hard-wrap width of the bodies")
    parser.add_argument("--articles", type=Path, default=REUTERS, help="the Reuters-21578 articles.jsonl")
    args = parser.parse_args()
    if not args.articles.is_file():
        sys.exit(f"not found: {args.articles}")
    rows = load(args.articles, args.limit)
    with tempfile.TemporaryDirectory(prefix="bench_dates_") as tmp:
        for front_matter in (False, True):
            folder = Path(tmp) / ("front-matter" if front_matter else "headline-and-body")
            write(rows, folder, args.width, front_matter)
            found = count(rows, folder)
            print(f"{folder.name}: {found['articles']} articles read ({found['warnings']} warnings), "
                  f"{found['dated']} dated ({found['exact']} exactly), {found['partial']} with a day but no year; "
                  f"read and cleaned in {found['seconds']:.1f} s")
            print(f"  date sources: {dict(found['sources']) or 'none'}")
            if found["examples"] and not front_matter:
                print(f"  dated, wrongly: {found['examples']}")


if __name__ == "__main__":
    main()
