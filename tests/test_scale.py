"""Memory bounded by a story, not by the corpus: no stage builds a dense matrix over all sentences.

3,000 articles of three paragraphs, forced into one story, hold over 11,000
sentences once copies are merged: a dense sentences x sentences matrix of
them would take 1 GB in float64, more than the cap leaves. The build runs as a whole process capped at 1 GB of
address space, so such a matrix fails it (as MemoryError) instead of slowing
the machine.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys

from corpora import write_corpus

CAP = 2**30  # 1 GiB of address space


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def test_a_story_of_3000_articles_builds_within_a_bounded_memory(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 3000, paragraphs_each=3)
    (tmp_path / "briefing.toml").write_text(f'sources = ["{corpus}"]\n[topics]\nstories = 1\n', "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "--config", str(tmp_path / "briefing.toml"), "--out",
         str(tmp_path / "out"), "--format", "json", "--engine", "local", "--quiet"],
        capture_output=True, text=True, preexec_fn=_capped, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    built = json.loads((tmp_path / "out" / "briefing.json").read_text("utf-8"))
    sentences = sum(len(source["text"].split(". ")) for source in built["sources"])
    assert len(built["sources"]) > 2000 and sentences > 10_000  # a dense square of them: 0.8 GB and more
    assert built["key_points"] and built["sections"]
