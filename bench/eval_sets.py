"""The three summary-evaluation sets the issue-13 scripts score, read in place from ../shared/eval
(never copied into the repository): DUC 2003 for tuning, each DUC 2004 dev half for checking."""

from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SETS = {
    "DUC 2003": (EVAL / "duc2003" / "all.jsonl", None),
    "dev odd": (EVAL / "duc2004" / "dev.jsonl", "odd"),
    "dev even": (EVAL / "duc2004" / "dev.jsonl", "even"),
}
