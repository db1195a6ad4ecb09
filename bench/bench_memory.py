"""Peak memory of `briefing build` on large inputs: `python bench/bench_memory.py`.

Two inputs, made from the seed articles in a temporary folder:

- one text file of about 19 MB: the seeds' paragraphs over and over, the
  shape that made the redundancy step square the number of sentences;
- a folder of 10,000 small articles, each a few seed paragraphs in its own
  order under its own title, with a sentence of names of its own (so that,
  as in real news, the vocabulary grows with the corpus).

Each build runs in a child process; its peak RSS is the child's ru_maxrss
(os.wait4). The child's address space is capped (--limit-gb) so that a build
that would take the machine down fails instead; such a run is reported as
"over the cap". `--code DIR` measures another checkout (the commit before a
change: `git archive <commit> | tar -x -C DIR`), with this one's venv.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BIG_FILE_BYTES = 19_000_000
SMALL_FILES = 10_000


def seed_paragraphs() -> list[str]:
    """The body paragraphs of the seed articles (their first lines are headers)."""
    paragraphs = []
    for path in sorted(SEEDS.glob("*.txt")):
        blocks = [b.strip() for b in path.read_text("utf-8").split("\n\n") if b.strip()]
        paragraphs += [b for b in blocks[1:] if len(b.split()) >= 12]
    return paragraphs


def make_big_file(folder: Path, paragraphs: list[str]) -> Path:
    path = folder / "big.txt"
    rng = random.Random(1)
    parts, size = ["Harbour strike: the whole record\n"], 0
    while size < BIG_FILE_BYTES:
        paragraph = rng.choice(paragraphs)
        parts.append(paragraph)
        size += len(paragraph.encode()) + 2
    path.write_text("\n\n".join(parts) + "\n", "utf-8")
    return path


def make_small_files(folder: Path, paragraphs: list[str]) -> Path:
    root = folder / "many"
    rng = random.Random(2)
    for number in range(SMALL_FILES):
        sub = root / f"{number // 500:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(rng.sample(paragraphs, k=min(4, len(paragraphs))))
        # Names of its own, as real articles have: the vocabulary grows with the corpus.
        local = f"Inspector {_name(rng)} of {_name(rng)} county told reporters that {_name(rng)} would hold new talks."
        (sub / f"article-{number:05d}.txt").write_text(f"Report number {number} on the harbour\n\n{local}\n\n{body}\n", "utf-8")
    return root


def _name(rng: random.Random) -> str:
    """A made-up proper name: three to four syllables."""
    syllables = ["ka", "ro", "len", "vi", "dar", "mo", "sun", "te", "bra", "lio", "gen", "na", "tor", "ash", "ul"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(3, 4))).capitalize()


def measure(source: Path, out: Path, code: Path, limit_gb: float, timeout: float) -> tuple[str, float, float]:
    """(status, peak RSS in MB, seconds) of one `briefing build` in a child process."""
    env = {**os.environ, "PYTHONPATH": str(code), "OMP_NUM_THREADS": "1"}
    command = [sys.executable, "-m", "briefing", "build", str(source), "--out", str(out), "--format", "json,md", "-q"]

    def cap() -> None:
        limit = int(limit_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=out.parent, preexec_fn=cap,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, status, usage = _wait(child, timeout)
    except TimeoutError:
        child.kill()
        child.wait()
        return f"killed after {timeout:g} s", float("nan"), time.perf_counter() - started
    seconds = time.perf_counter() - started
    assert child.stderr is not None  # stderr=subprocess.PIPE
    error = child.stderr.read().decode("utf-8", "replace").strip().splitlines()
    code_ = os.waitstatus_to_exitcode(status)
    state = "ok" if code_ == 0 else f"exit {code_}: {(error or ['?'])[-1][:100]}"
    if "MemoryError" in " ".join(error) or "allocate" in " ".join(error):
        state = f"over the {limit_gb:g} GB cap ({(error or ['?'])[-1][:80]})"
    return state, usage.ru_maxrss / 1024, seconds


def _wait(child: subprocess.Popen, timeout: float):
    ends = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)
            return pid, status, usage
        if time.monotonic() > ends:
            raise TimeoutError
        time.sleep(0.2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout to measure (default: this one)")
    parser.add_argument("--limit-gb", type=float, default=6.0, help="address-space cap of each build")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds before a build is killed")
    parser.add_argument("--only", choices=("big", "many"), help="measure one input only")
    args = parser.parse_args()
    paragraphs = seed_paragraphs()
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as temporary:
        folder = Path(temporary)
        inputs = {}
        if args.only in (None, "big"):
            inputs["one 19 MB text file"] = make_big_file(folder, paragraphs)
        if args.only in (None, "many"):
            inputs[f"{SMALL_FILES:,} small files"] = make_small_files(folder, paragraphs)
        print(f"code: {args.code.resolve()}")
        for name, source in inputs.items():
            out = folder / f"out-{source.name}"
            status, peak, seconds = measure(source, out, args.code.resolve(), args.limit_gb, args.timeout)
            print(f"{name:<22} peak RSS {peak:8.0f} MB  {seconds:7.1f} s  {status}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
