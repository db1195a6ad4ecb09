"""The command line: help, exit codes, one-line errors, outputs."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app

runner = CliRunner()
SEEDS = Path(__file__).parent.parent / "seeds"
COMMANDS = ["build", "summarize", "sections", "sources", "watch", "schedule", "eval", "summarizers"]


def run(*args):
    return runner.invoke(app, list(map(str, args)))


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.output and len(result.output.splitlines()) > 3


def test_top_level_help_lists_the_commands():
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_help_does_not_import_the_heavy_engines():
    code = "import sys; from briefing.cli import app; print(sorted(m for m in ('sumy', 'nltk', 'weasyprint', 'trafilatura', 'scipy', 'sklearn') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"


def test_summarize_prints_one_sentence_per_line_within_budget():
    result = run("summarize", SEEDS, "--words", 60)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines and sum(len(line.split()) for line in lines) <= 60
    seeds_text = " ".join(" ".join(p.read_text().split()) for p in SEEDS.glob("*.txt"))
    assert all(line in seeds_text for line in lines)


def test_sections_shows_passages_per_section():
    result = run("sections")
    assert result.exit_code == 0, result.output
    assert "## The referendum" in result.output and "## History" in result.output
    assert "[3:" in result.output


def test_build_with_sources_and_formats(tmp_path):
    result = run("build", SEEDS / "003_02221e45dd3d2410.txt", "--out", tmp_path, "--format", "md,json", "--words", 50, "-s", "lexrank")
    assert result.exit_code == 0, result.output
    # the plain outputs, beside the editions and their feed, the article cache and the lock (see test_editions.py)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", ".lock", "briefing.json", "briefing.md", "editions", "editions.atom"]
    data = json.loads((tmp_path / "briefing.json").read_text())
    assert len(data["sources"]) == 1


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["build", "missing-folder"], "missing-folder: no such file or folder"),
        (["build", "--summarizer", "bogus"], "unknown summarizer 'bogus'"),
        (["build", "--format", "pdf,docx"], "'formats' must be some of"),
        (["summarize", "--config", "nope.toml"], "nope.toml: config file not found"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(tmp_path, args, fragment):
    result = run(*args, "--out", tmp_path) if args[0] == "build" else run(*args)
    assert result.exit_code == 1
    assert fragment in result.output
    assert "Traceback" not in result.output
    assert len([line for line in result.output.splitlines() if line.startswith("error:")]) == 1


def test_empty_folder_and_strict_skip(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("build", empty, "--out", tmp_path / "o")
    assert result.exit_code == 1 and "no articles" in result.output
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text((SEEDS / "003_02221e45dd3d2410.txt").read_text())
    (corpus / "bad.txt").write_bytes(bytes(range(256)) * 10)
    result = run("build", corpus, "--out", tmp_path / "o", "--format", "json")
    assert result.exit_code == 0 and "bad.txt: binary file" in result.output
    result = run("build", corpus, "--out", tmp_path / "o2", "--format", "json", "--strict")
    assert result.exit_code == 1 and "bad.txt: binary file" in result.output and "--strict" in result.output


def test_unwritable_output_fails_before_any_work(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("build", "--out", blocker / "out")
    assert result.exit_code == 1 and "cannot create the output folder" in result.output


def test_usage_error_exits_2():
    assert run("build", "--no-such-option").exit_code == 2
