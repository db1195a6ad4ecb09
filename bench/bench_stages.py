"""Where a build's time goes: each stage's seconds of `briefing build -v` on Reuters-21578, side by side.

Writes the first --sizes articles of ../shared/eval/reuters21578/articles.jsonl
(read in place, never copied into the repository) as files with front matter,
as bench_scale.py does, and builds them with `--format json,md` (PDF and HTML
rendering left out: this measures the compute stages) as whole processes.
With --baseline DIR (another checkout, e.g. `git worktree add /tmp/base
main`), each round builds with that checkout's code and then with this one's,
so both see the same machine load. Every build is a full one, into a fresh
output folder (a rebuild reuses the stories whose articles did not change,
which would leave nothing to measure), on the in-process engine by default so
that the stages run one after the other; a stage's seconds (from the
edition's manifest, else the -v log) are summed over the stories of a front
page, wherever they ran; "wall" is the whole
process, "peak" its peak RSS. Asserts nothing: shared machines are noisy,
compare the columns of one run.

    python bench/bench_stages.py --sizes 1000 [--baseline /tmp/base] [--rounds 2] [--engine local]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_scale import reuters, write_corpus

ROOT = Path(__file__).resolve().parent.parent
_STAGE = re.compile(r"INFO: briefing: (\w+) +([0-9.]+) s$")
STAGES = ("ingest", "dedupe", "clean", "stories", "passages", "topics", "attribute", "summarize", "corroborate",
          "figures", "timeline")


def build(checkout: Path, corpus: Path, out: Path, engine: str) -> tuple[float, float, dict[str, float]]:
    """Wall seconds, peak RSS (GB) and seconds per stage of one build with `checkout`'s code."""
    probe = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "sys.stderr.write(r.stderr); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    command = [sys.executable, "-c", probe, sys.executable, "-m", "briefing", "build", str(corpus), "--out", str(out),
               "--format", "json,md", "--force", "-v", "--engine", engine]
    env = {**os.environ, "PYTHONPATH": str(checkout), "OMP_NUM_THREADS": "1"}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=checkout, env=env, check=True)
    seconds = time.perf_counter() - started
    manifests = sorted((out / "editions").glob("*/manifest.json"))
    stages: dict[str, float] = json.loads(manifests[-1].read_text()).get("timings", {}) if manifests else {}
    if not stages.get("topics"):  # a build that keeps its stories' timings out of the manifest: its log
        for line in done.stderr.splitlines():
            match = _STAGE.match(line)
            if match:  # the log gives each stage's running total: the last one is the build's
                stages[match.group(1)] = float(match.group(2))
    return seconds, int(done.stdout.strip()) / 1024 / 1024, stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--baseline", type=Path, help="another checkout to build with, side by side")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--engine", default="local")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    checkouts = [("baseline", args.baseline.resolve())] if args.baseline else []
    checkouts.append(("this", ROOT))
    articles = reuters(max(sizes))
    print(f"{'articles':>8} {'round':>5} {'code':>8} {'wall':>7} {'peak GB':>7} " + " ".join(f"{s[:9]:>9}" for s in STAGES))
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            corpus = Path(tmp) / f"c{size}"
            write_corpus(corpus, articles[:size])
            for round_ in range(1, args.rounds + 1):
                for name, checkout in checkouts:
                    out = Path(tmp) / f"out{size}-{name}-{round_}"
                    seconds, peak, stages = build(checkout, corpus, out, args.engine)
                    print(f"{size:>8} {round_:>5} {name:>8} {seconds:>7.1f} {peak:>7.2f} "
                          + " ".join(f"{stages.get(s, 0.0):>9.2f}" for s in STAGES), flush=True)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"this process's own peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
