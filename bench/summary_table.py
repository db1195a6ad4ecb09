"""Every figure of the README's "Summary quality" table: `python bench/summary_table.py`.

Scores the summarizers, the key points of a briefing of each cluster and the
published systems (their own summaries, by the same scorer) on DUC 2003 and
on each half of the DUC 2004 dev clusters, with standard errors. It reads the
shared datasets in place (never copy them into the project); all summarizers
take several minutes on a shared machine, `-s coverage` well under one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Run as a plain script from a checkout: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.evaluate import (
    HALVES,
    EvalRow,
    evaluate,
    evaluate_key_points,
    evaluate_peers,
    format_table,
    pooled,
)
from briefing.story.summarize import names

# shared/ sits beside the checkout (as on CI); the data is never copied in.
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
DUC2003 = EVAL / "duc2003" / "all.jsonl"
DUC2004 = EVAL / "duc2004" / "dev.jsonl"
PEERS = EVAL / "duc2004" / "dev_peers.jsonl"


def rows_of(dataset: Path, summarizers: list[str], half: str | None, peers: Path | None) -> list[EvalRow]:
    """Our summarizers, the key points of a briefing, then the published systems, best ROUGE-1 first."""
    rows = [*evaluate(dataset, summarizers, 100, half), evaluate_key_points(dataset, 100, half)]
    if peers:
        rows += sorted(evaluate_peers(dataset, peers, 100, half), key=lambda row: -row.rouge1_recall)
    return rows


def show(title: str, rows: list[EvalRow]) -> None:
    print(f"{title}\n{format_table(rows)}\n", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Print one table per dataset (and half)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-s", "--summarizer", action="append", choices=names(), help="repeat; default: all")
    parser.add_argument("--no-peers", action="store_true", help="leave out the published systems")
    args = parser.parse_args(argv)
    summarizers = args.summarizer or names()
    show("DUC 2003 (30 clusters)", rows_of(DUC2003, summarizers, None, None))
    halves = [rows_of(DUC2004, summarizers, half, None if args.no_peers else PEERS) for half in HALVES]
    for half, rows in zip(HALVES, halves, strict=True):
        show(f"DUC 2004 dev, {half} half", rows)
    even = {row.name: row for row in halves[1]}
    show("DUC 2004 dev, both halves", [pooled(row.name, (row, even[row.name])) for row in halves[0]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
