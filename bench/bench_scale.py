"""A newsroom's volume: `briefing build` on Reuters-21578 as whole processes, time and peak memory.

Reads ../shared/eval/reuters21578/articles.jsonl in place (never copied into
the repository) and writes the articles it needs as plain-text files (headline,
blank line, body, with front matter giving the date) in its own temporary
folder. For each size it prints the median wall time and peak RSS of a cold
`briefing build` (all formats, default settings) over --runs runs, then the
fitted growth exponents. With --incremental it also times, on the largest
size, an up-to-date check and a rebuild after adding one article, as shares
of the full build.

The 100,000-article corpus (--sizes ... 100000) is built by a stated,
reproducible perturbation, since no larger real corpus is at hand: article
i >= 19,043 is Reuters article i mod 19,043 in round r = i // 19,043, with
every number shifted by 7r, every sentence rotated by r places within its
paragraph, and every capitalised word that is not a stop word (names of
companies, people, places, and the words of the upper-case headlines)
replaced by the one 7,919r places further in the sorted list of all such
words of the corpus. Each round is then a distinct corpus of the same
register and length, with its own names: its articles group into stories of
their own and are not merged as copies of their originals (numbers and
rotation alone left a third of them copies). Asserts nothing: shared
machines are noisy.

    python bench/bench_scale.py --sizes 1000,5000,19043 [--runs 3] [--incremental] [--engine process]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout's package, as the builds it times use
REAL_ARTICLES = 19043
REUTERS = ROOT.parent / "shared" / "eval" / "reuters21578" / "articles.jsonl"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NAME = re.compile(r"\b[A-Z][A-Za-z]+\b")
NAME_STEP = 7919


def reuters(limit: int) -> list[dict]:
    """The first `limit` articles of the perturbed Reuters sequence described in the module doc."""
    with open(REUTERS, encoding="utf-8") as handle:
        real = [json.loads(line) for line in handle]
    perturb = Perturbation(real)
    return [real[i] if i < len(real) else perturb(real[i % len(real)], i // len(real)) for i in range(limit)]


class Perturbation:
    """Distinct articles of the same register made from real ones (see the module doc)."""

    def __init__(self, articles: list[dict]):
        from briefing.text.tokens import stop_words

        stops = stop_words()
        found = {w for a in articles for w in _NAME.findall(f"{a['title']} {a['text']}") if w.lower() not in stops}
        self.names = sorted(found)
        self._renamings: dict[int, dict[str, str]] = {}

    def __call__(self, article: dict, round_: int) -> dict:
        def rotate(paragraph: str) -> str:
            sentences = _SENTENCE_END.split(paragraph)
            k = round_ % len(sentences)
            return " ".join(sentences[k:] + sentences[:k])

        def changed(text: str) -> str:
            text = re.sub(r"\d+", lambda m: str(int(m.group()) + 7 * round_), text)
            return _NAME.sub(lambda m: renaming.get(m.group(), m.group()), text)

        renaming = self._renaming(round_)
        text = "\n\n".join(rotate(p) for p in changed(article["text"]).split("\n\n"))
        return {**article, "id": f"{article['id']}-{round_}", "title": changed(article["title"] or ""), "text": text}

    def _renaming(self, round_: int) -> dict[str, str]:
        if round_ not in self._renamings:
            shift = NAME_STEP * round_
            self._renamings[round_] = {w: self.names[(k + shift) % len(self.names)] for k, w in enumerate(self.names)}
        return self._renamings[round_]


def write_corpus(folder: Path, articles: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        front = f"---\ntitle: {json.dumps(article['title'] or article['id'])}\npublished: {article['date']}\n---\n"
        (folder / f"{article['id']}.txt").write_text(front + article["text"] + "\n", encoding="utf-8")


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (GB) of one whole process and its workers together (sampled every 0.1 s)."""
    import psutil  # installed with the dask extra (and the test extra)

    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT)
        tree, peak = psutil.Process(process.pid), 0
        while process.poll() is None:
            with contextlib.suppress(psutil.Error):  # a worker came or went while it was read
                peak = max(peak, sum(p.memory_info().rss for p in [tree, *tree.children(recursive=True)]))
            time.sleep(0.1)
        seconds = time.perf_counter() - started
        if process.returncode:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode(errors='replace')[-3000:]}")
    return seconds, peak / 1024**3


def cold_build(corpus: Path, out: Path, engine: str) -> tuple[float, float]:
    """`run` of a build into a new output folder (removed after): nothing cached, nothing to link from."""
    try:
        return run(build_command(corpus, out, engine))
    finally:
        shutil.rmtree(out, ignore_errors=True)


def build_command(corpus: Path, out: Path, engine: str, force: bool = True) -> list[str]:
    command = [sys.executable, "-m", "briefing", "build", str(corpus), "--out", str(out), "--quiet", "--engine", engine]
    return command + (["--force"] if force else [])


def exponent(sizes: list[int], values: list[float]) -> float:
    """The slope of log(value) against log(size): 1.0 is linear."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(v, 1e-9)) for v in values]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,19043")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engine", default="auto")
    parser.add_argument("--incremental", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    articles = reuters(max(sizes))
    print(f"{'articles':>9} {'median s':>9} {'runs':>20} {'peak GB':>8}")
    medians, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            corpus = Path(tmp) / f"c{size}"
            write_corpus(corpus, articles[:size])
            results = [cold_build(corpus, Path(tmp) / f"out{size}-{number}", args.engine) for number in range(args.runs)]
            times = [r[0] for r in results]
            medians.append(statistics.median(times))
            peaks.append(max(r[1] for r in results))
            print(f"{size:>9} {medians[-1]:>9.1f} {' / '.join(f'{t:.1f}' for t in times):>20} {peaks[-1]:>8.2f}", flush=True)
        if len(sizes) > 1:
            print(f"growth exponent: time {exponent(sizes, medians):.2f}, peak memory {exponent(sizes, peaks):.2f}")
        if args.incremental:
            _incremental(Path(tmp), sizes[-1], articles, medians[-1], args)


def _incremental(tmp: Path, size: int, articles: list[dict], full: float, args: argparse.Namespace) -> None:
    corpus, out = tmp / f"c{size}", tmp / "incremental"
    run(build_command(corpus, out, args.engine))
    checks = [run(build_command(corpus, out, args.engine, force=False))[0] for _ in range(args.runs)]
    added, perturb = [], Perturbation(articles[:REAL_ARTICLES])
    for number in range(args.runs):
        extra = perturb(articles[number], 1000 + number)
        write_corpus(corpus, [extra])
        added.append(run(build_command(corpus, out, args.engine, force=False))[0])
    check, add = statistics.median(checks), statistics.median(added)
    print(f"up-to-date check: {check:.2f} s; add one article and rebuild: {add:.1f} s = {add / full:.0%} of a full build")


if __name__ == "__main__":
    main()
