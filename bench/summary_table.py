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

from briefing.evaluate import evaluate, evaluate_key_points, evaluate_peers, format_table  # noqa: E402
from briefing.story.summarize import names  # noqa: E402

# shared/ sits beside the checkout (as on CI); the data is never copied in.
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SETS = (  # name, dataset, half, published systems' summaries of it
    ("DUC 2003 (30 clusters)", EVAL / "duc2003" / "all.jsonl", None, None),
    ("DUC 2004 dev, odd half", EVAL / "duc2004" / "dev.jsonl", "odd", EVAL / "duc2004" / "dev_peers.jsonl"),
    ("DUC 2004 dev, even half", EVAL / "duc2004" / "dev.jsonl", "even", EVAL / "duc2004" / "dev_peers.jsonl"),
    ("DUC 2004 dev, all 25", EVAL / "duc2004" / "dev.jsonl", None, EVAL / "duc2004" / "dev_peers.jsonl"),
)


def main(argv: list[str] | None = None) -> int:
    """Print one table per dataset (and half)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-s", "--summarizer", action="append", choices=names(), help="repeat; default: all")
    parser.add_argument("--no-peers", action="store_true", help="leave out the published systems")
    args = parser.parse_args(argv)
    for title, dataset, half, peers in SETS:
        rows = evaluate(dataset, args.summarizer or names(), 100, half)
        rows.append(evaluate_key_points(dataset, 100, half))
        if peers and not args.no_peers:
            rows += sorted(evaluate_peers(dataset, peers, 100, half), key=lambda row: -row.rouge1_recall)
        print(f"{title}\n{format_table(rows)}\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
