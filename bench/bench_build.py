"""Benchmark of `briefing build` on the seeds: whole process and per stage.

Run with `make bench`. Prints medians and their ratio to the targets (cold
build under 3 s, `--help` under 0.5 s on a 2-core machine); asserts nothing,
since shared machines are noisy.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEFING = [sys.executable, "-m", "briefing"]
RUNS = 3
TARGETS = {"build": 3.0, "help": 0.5}


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def stage_timings(out: Path) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from briefing.config import default_config_path, load_config
    from briefing.pipeline import build_and_write
    from briefing.report import Report

    report = Report()
    build_and_write(load_config(default_config_path(), out=out), report=report)
    return report.timings


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        builds = [timed([*BRIEFING, "build", "--out", f"{tmp}/run{i}", "--quiet"]) for i in range(RUNS)]
        helps = [timed([*BRIEFING, "--help"]) for _ in range(RUNS)]
        stages = stage_timings(Path(tmp) / "stages")
    for name, runs in (("build", builds), ("help", helps)):
        median = statistics.median(runs)
        print(f"{name:<8} median {median:6.2f} s of {RUNS} runs "
              f"({', '.join(f'{r:.2f}' for r in runs)}); target {TARGETS[name]} s, ratio {median / TARGETS[name]:.2f}")
    print("stages (in-process, after imports of earlier stages):")
    for stage, seconds in stages.items():
        print(f"  {stage:<10} {seconds:6.3f} s")
    print(f"  {'total':<10} {sum(stages.values()):6.3f} s")


if __name__ == "__main__":
    main()
