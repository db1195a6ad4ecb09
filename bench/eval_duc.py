"""Score the summarizers on the DUC 2004 dev clusters: `python bench/eval_duc.py`.

Not part of the test suite: it reads the shared dataset in place (never copy
it into the project) and takes a minute or two for every summarizer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Run as a plain script from a checkout: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.errors import BriefingError
from briefing.evaluate import HALVES, evaluate, format_table, rows_to_json
from briefing.story.summarize import names

# shared/ sits beside the checkout (as on CI); the data is never copied in.
DEFAULT_DATASET = Path(__file__).resolve().parents[2] / "shared" / "eval" / "duc2004" / "dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, evaluate, print the table (and write JSON if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("-s", "--summarizer", action="append", choices=names(), help="repeat; default: all")
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--half", choices=HALVES, help="only clusters 1, 3, 5... (odd) or 2, 4, 6... (even)")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    try:
        rows = evaluate(args.dataset, args.summarizer or names(), args.words, args.half)
    except BriefingError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1
    print(format_table(rows))
    if args.json:
        args.json.write_text(rows_to_json(rows) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
