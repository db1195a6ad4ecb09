"""Optional parts (extras): a command whose extra is missing says which one to
install in one line and exits 1; what every build needs works without them."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"

# `sys.modules[name] = None` is Python's own "this module cannot be imported":
# the run below sees the extra as not installed.
RUN_WITHOUT = """
import sys
for name in sys.argv[1].split(","):
    sys.modules[name] = None
from briefing.cli import app
app(args=sys.argv[2:], prog_name="briefing")
"""


def briefing_without(modules: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the `briefing` command with `modules` (comma-separated) not importable."""
    return subprocess.run(
        [sys.executable, "-c", RUN_WITHOUT, modules, *map(str, args)],
        capture_output=True, text=True, cwd=cwd, timeout=120,
    )


def assert_names_the_extra(result: subprocess.CompletedProcess, extra: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and f"'cited-briefing[{extra}]'" in lines[0]
    assert "Traceback" not in result.stderr


def test_watch_without_its_extra_says_so_before_building(tmp_path):
    result = briefing_without("watchfiles", "watch", SEEDS, "--out", tmp_path / "out", "--max-builds", "2", cwd=tmp_path)
    assert_names_the_extra(result, "watch")
    assert not (tmp_path / "out").exists()


def test_schedule_without_its_extra_says_so(tmp_path):
    result = briefing_without("apscheduler", "schedule", SEEDS, "--out", tmp_path / "out", "--every", "1h",
                              "--max-runs", "1", cwd=tmp_path)
    assert_names_the_extra(result, "schedule")
    assert not (tmp_path / "out").exists()


def test_eval_without_rouge_says_so(tmp_path):
    dataset = tmp_path / "tiny.jsonl"
    dataset.write_text('{"id": "c1", "documents": [{"id": "d1", "title": null, "text": "One article says one thing."}],'
                       ' "references": ["It says one thing."]}\n')
    result = briefing_without("rouge_score", "eval", dataset, cwd=tmp_path)
    assert_names_the_extra(result, "rouge")


@pytest.mark.parametrize("command", ["summarize", "build"])
def test_a_sumy_summarizer_without_sumy_says_so(tmp_path, command):
    args = ["--out", tmp_path / "out"] if command == "build" else []
    result = briefing_without("sumy", command, SEEDS, "--summarizer", "lexrank", *args, cwd=tmp_path)
    assert_names_the_extra(result, "baselines")


def test_a_build_needs_none_of_the_extras(tmp_path):
    result = briefing_without("sumy,nltk,rouge_score,apscheduler,watchfiles", "build", SEEDS,
                              "--out", tmp_path / "out", "--format", "md,json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "briefing.md").read_text().strip()


def test_the_stop_words_are_sumys_list():
    from importlib import resources

    from briefing.text.tokens import stop_words

    shipped = resources.files("sumy").joinpath("data/stopwords/english.txt").read_text("utf-8")
    assert stop_words() == {w.strip() for w in shipped.splitlines() if w.strip()}
