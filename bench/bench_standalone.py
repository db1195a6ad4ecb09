"""Benchmark: do the bullets stand alone? (issue 12)

Builds each DUC 2004 dev cluster alone, with no profile, through the
`briefing build` command, reads back every briefing.json (a front page's
stories too) and prints the share of bullets (key points, section bullets)
that open by leaning on context (`story.standalone.leans_on_context`), the
share that quote or report a speaker named only by a pronoun, and how many
key points a section repeats word for word.

    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_standalone.py
    OMP_NUM_THREADS=1 .venv/bin/python bench/bench_standalone.py --code /tmp/before   # another checkout's build

The data is read in place and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.story.standalone import leans_on_context, unnamed_speaker  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "duc2004" / "dev.jsonl"


def build(cluster: dict, code: Path, tmp: Path) -> list[dict]:
    """The briefing.json of `cluster` built by the checkout `code`, and those of its stories."""
    folder = tmp / cluster["id"]
    folder.mkdir()
    for document in cluster["documents"]:
        (folder / f"{document['id']}.txt").write_text(document["text"], "utf-8")
    out = tmp / f"{cluster['id']}-out"
    env = {**os.environ, "PYTHONPATH": str(code)}
    subprocess.run([sys.executable, "-m", "briefing", "build", str(folder), "--out", str(out), "--quiet",
                    "--format", "json"], check=True, env=env, cwd=code, capture_output=True)
    return [json.loads(p.read_text("utf-8")) for p in [out / "briefing.json", *sorted(out.glob("stories/*/briefing.json"))]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose build is measured")
    args = parser.parse_args()
    clusters = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line.strip()]
    key_points, bullets, repeated, examples = [], [], 0, []
    with tempfile.TemporaryDirectory() as tmp:
        for cluster in clusters:
            for briefing in build(cluster, args.code.resolve(), Path(tmp)):
                points = [s["text"] for s in briefing["key_points"]]
                section = [s["text"] for sec in briefing["sections"] for s in sec["summary"]]
                key_points += points
                bullets += points + section
                repeated += sum(1 for p in points if p in section)
                examples += [t for t in points + section if leans_on_context(t)][:1]
    leaning_points = sum(map(leans_on_context, key_points))
    leaning = sum(map(leans_on_context, bullets))
    unnamed = sum(map(unnamed_speaker, bullets))
    print(f"{args.data.name}, {len(clusters)} clusters built by {args.code}")
    print(f"key points leaning on context: {leaning_points}/{len(key_points)} ({100 * leaning_points / max(1, len(key_points)):.1f}%)")
    print(f"all bullets leaning on context: {leaning}/{len(bullets)} ({100 * leaning / max(1, len(bullets)):.1f}%)")
    print(f"bullets quoting or reporting a speaker named only by a pronoun: {unnamed}/{len(bullets)}")
    print(f"key points repeated word for word in a section: {repeated}/{len(key_points)}")
    for text in examples[:5]:
        print("  e.g.", text[:110])


if __name__ == "__main__":
    main()
