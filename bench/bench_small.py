"""Small inputs stay fast: whole processes, side by side, in one run.

Measures, interleaved and as medians of RUNS whole processes each:

- `briefing summarize` of 1 and of 5 DUC 2004 dev clusters against a plain sumy
  LexRank script on the same text files (clusters read in place from
  ../shared/eval/duc2004/dev.jsonl and written to a temporary folder);
- the seeds' cold `briefing build` against a bare WeasyPrint render of the HTML
  that build wrote (`weasyprint.HTML(...).write_pdf(...)`, nothing else);
- `briefing --help`, and the up-to-date check (`briefing build` of the seeds
  again, nothing changed).

Prints each median (wall clock, and CPU: user + system of the process and its
children, which a shared machine's load disturbs less), the wall-clock runs
behind it, and the ratios the issue sets limits on (summarize <= 1x sumy, cold
build <= 1.5x WeasyPrint, up-to-date check <= 1 s). Each command runs once
untimed first (bytecode written, files cached). Asserts nothing: the machine is
shared and noisy.

    .venv/bin/python bench/bench_small.py [--runs 5] [--dataset PATH]

To compare two commits in one go, run this file from a copy of each
(`git archive <commit> | tar -x -C DIR`, then `python DIR/bench/bench_small.py
--dataset ...`): the commands import the briefing package of the copy they run in.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT.parent / "shared" / "eval" / "duc2004" / "dev.jsonl"
BRIEFING = [sys.executable, "-m", "briefing"]
TEMPLATES = ROOT / "templates"

# A plain sumy LexRank script, as a user of sumy would write it: every text file
# of a folder as one document, 5 sentences (about 100 words of newswire).
# sumy's own Tokenizer needs NLTK's punkt data (a download): Punkt's untrained
# defaults and the Treebank word tokenizer are the same tools without it.
SUMY_SCRIPT = """
import sys
from pathlib import Path
from nltk.tokenize.punkt import PunktSentenceTokenizer
from nltk.tokenize import TreebankWordTokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

class Tokenizer:
    language = "english"
    def __init__(self):
        self.sentences, self.words = PunktSentenceTokenizer(), TreebankWordTokenizer()
    def to_sentences(self, paragraph):
        return tuple(self.sentences.tokenize(paragraph))
    def to_words(self, sentence):
        return tuple(w for w in self.words.tokenize(sentence) if any(c.isalnum() for c in w))

text = "\\n\\n".join(p.read_text("utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt")))
summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
for sentence in summarizer(PlaintextParser.from_string(text, Tokenizer()).document, 5):
    print(sentence)
"""

BARE_WEASYPRINT = "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1], base_url=sys.argv[2]).write_pdf(sys.argv[3])"


def write_clusters(dataset: Path, count: int, folder: Path) -> int:
    """The first `count` clusters' articles as text files in `folder` (headline, blank line, text);
    returns how many articles."""
    folder.mkdir(parents=True)
    written = 0
    with dataset.open(encoding="utf-8") as lines:
        for _, line in zip(range(count), lines, strict=False):
            cluster = json.loads(line)
            for document in cluster["documents"]:
                head = f"{document['title']}\n\n" if document.get("title") else ""
                (folder / f"{cluster['id']}_{document['id']}.txt").write_text(head + document["text"], "utf-8")
                written += 1
    return written


# The commands run as installed: with their bytecode cached (an environment that forbids
# writing it would make every run compile briefing, but not its site-packages, anew).
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds one whole process takes (it must succeed): wall clock, and CPU (user + system,
    its children included), which other people's load on a shared machine disturbs less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=ENVIRONMENT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


Times = dict[str, list[tuple[float, float]]]


def interleaved(commands: Mapping[str, list[str] | list[list[str]]], runs: int, cwd: Path) -> Times:
    """Each command run `runs` times, taking turns, so that load on the machine hits all alike,
    after a turn untimed (bytecode written, files in the page cache). A command given as a list
    of commands runs its i-th on turn i (the untimed turn runs the last)."""
    for command in commands.values():
        timed(command[-1] if isinstance(command[0], list) else command, cwd)
    times: Times = {name: [] for name in commands}
    for turn in range(runs):
        for name, command in commands.items():
            this = command[turn] if isinstance(command[0], list) else command
            times[name].append(timed(this, cwd))
    return times


def median(runs: list[tuple[float, float]], which: int) -> float:
    return statistics.median(run[which] for run in runs)


def line(name: str, runs: list[tuple[float, float]]) -> str:
    walls = ", ".join(f"{wall:.2f}" for wall, _ in runs)
    return f"  {name:<28} {median(runs, 0):7.3f} s wall ({walls}); {median(runs, 1):7.3f} s CPU"


def ratio(name: str, top: list[tuple[float, float]], bottom: list[tuple[float, float]], limit: float) -> str:
    wall, cpu = (median(top, k) / median(bottom, k) for k in (0, 1))
    verdict = "ok" if wall <= limit else "OVER"
    return f"  {name:<42} {wall:6.2f} wall, {cpu:6.2f} CPU  (limit {limit}: {verdict})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="Runs of each command (median taken).")
    parser.add_argument("--dataset", type=Path, default=DATASET, help="DUC 2004 clusters in JSON lines.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        sumy_script = tmp / "sumy_lexrank.py"
        sumy_script.write_text(SUMY_SCRIPT, "utf-8")
        sizes = {n: write_clusters(args.dataset, n, tmp / f"duc{n}") for n in (1, 5)}
        summaries = {}
        for n in sizes:
            summaries[f"briefing summarize {n}"] = [*BRIEFING, "summarize", str(tmp / f"duc{n}"), "--quiet"]
            summaries[f"sumy lexrank {n}"] = [sys.executable, str(sumy_script), str(tmp / f"duc{n}")]
        builds: dict[str, list[str] | list[list[str]]] = {
            "briefing build (cold)": [[*BRIEFING, "build", "--out", str(tmp / f"cold{i}"), "--quiet"]
                                      for i in range(args.runs + 1)],
            "bare weasyprint": [[sys.executable, "-c", BARE_WEASYPRINT, str(tmp / f"cold{i}" / "briefing.html"),
                                 str(TEMPLATES), str(tmp / f"bare{i}.pdf")] for i in range(args.runs + 1)],
            "briefing build (up to date)": [*BRIEFING, "build", "--out", str(tmp / f"cold{args.runs}"), "--quiet"],
            "briefing --help": [*BRIEFING, "--help"],
        }
        times = interleaved(summaries, args.runs, ROOT)
        times |= interleaved(builds, args.runs, ROOT)
    print(f"{args.runs} runs each, interleaved; clusters: 1 ({sizes[1]} articles), 5 ({sizes[5]} articles)")
    for name, runs in times.items():
        print(line(name, runs))
    print("ratios of medians (the limits apply to wall-clock time):")
    for n in sizes:
        print(ratio(f"summarize / sumy lexrank, {n} cluster(s)", times[f"briefing summarize {n}"],
                    times[f"sumy lexrank {n}"], 1.0))
    print(ratio("cold build / bare weasyprint", times["briefing build (cold)"], times["bare weasyprint"], 1.5))
    checks = times["briefing build (up to date)"]
    print(f"  {'up-to-date check, seconds':<42} {median(checks, 0):6.2f} wall, {median(checks, 1):6.2f} CPU  (limit 1 s)")


if __name__ == "__main__":
    main()
