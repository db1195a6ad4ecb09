"""The three summary-evaluation sets the issue-13 scripts score, read in place from ../shared/eval
(never copied into the repository): DUC 2003 for tuning, each DUC 2004 dev half for checking."""

from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SETS = {
    "DUC 2003": (EVAL / "duc2003" / "all.jsonl", None),
    "dev odd": (EVAL / "duc2004" / "dev.jsonl", "odd"),
    "dev even": (EVAL / "duc2004" / "dev.jsonl", "even"),
}
PEERS = EVAL / "duc2004" / "dev_peers.jsonl"


def peer_summaries() -> dict[str, dict[str, str]]:
    """The published systems' own summaries of the DUC 2004 dev clusters: system -> cluster id -> summary."""
    from briefing.evaluate import load_peers  # the scripts put the checkout on the path before importing this

    by_system: dict[str, dict[str, str]] = {}
    for peer in load_peers(PEERS):
        by_system.setdefault(peer["system"], {})[peer["id"]] = peer["summary"]
    return by_system
