"""The command line: help, exit codes, one-line errors, outputs."""

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app

runner = CliRunner()
SEEDS = Path(__file__).parent.parent / "seeds"
COMMANDS = ["build", "summarize", "sections", "sources", "watch", "schedule", "init", "eval", "summarizers", "deliver", "serve"]


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


def test_help_does_not_import_the_build_libraries():
    code = "import sys; from briefing.cli import app; print(sorted(m for m in ('numpy', 'highspy', 'jinja2', 'rich', 'syntok') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"


@pytest.mark.parametrize(("given", "used"), [(None, "1"), ("3", "3")])
def test_the_command_gives_blas_one_thread_unless_told_otherwise(given, used):
    environment = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    if given:
        environment["OPENBLAS_NUM_THREADS"] = given
    code = "import os, briefing.cli; print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['MKL_NUM_THREADS'])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True)
    assert result.stdout.split() == [used, "1"]


def test_summarize_prints_one_sentence_per_line_within_budget():
    result = run("summarize", SEEDS, "--words", 60)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines and sum(len(line.split()) for line in lines) <= 60
    seeds_text = " ".join(" ".join(p.read_text().split()) for p in SEEDS.glob("*.txt"))
    assert all(line in seeds_text for line in lines)


def test_summarize_quotes_no_claim_whose_speaker_is_unknown(tmp_path):
    """`briefing summarize` keeps to the rule of a briefing's bullets: a claim whose speaker its source
    leaves unknown ("they insist", of nobody the article names) is never printed, however widely carried."""
    # ("Port officials are watching..., but they insist" would be the officials' since 758d5ba: no group here.)
    claim = "The talks are watched closely, but they insist that the strike will end before the shipping season begins."
    for number, (city, day) in enumerate([("Rotterdam", "Monday"), ("Antwerp", "Tuesday"), ("Hamburg", "Friday")]):
        (tmp_path / f"{number}.txt").write_text(
            f"Dock strike spreads\n\nDock workers in {city} walked out on {day} over the pay offer from the "
            f"port employers.\n\n{claim}\n\nShips waited outside {city} for a berth as the queue grew.\n", "utf-8")
    result = run("summarize", tmp_path, "--words", 100)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines and not any("they insist" in line for line in lines)
    assert any("walked out" in line for line in lines)


def test_sections_shows_passages_per_section():
    result = run("sections")
    assert result.exit_code == 0, result.output
    assert "## The referendum" in result.output and "## History" in result.output
    assert "[3:" in result.output


def test_a_folder_with_a_briefing_toml_uses_it():
    """`briefing sections seeds/` shows the profile's sections, not discovered topics."""
    result = run("sections", SEEDS, "--json")
    assert result.exit_code == 0, result.output
    [story] = json.loads(result.stdout)  # a profile is one story
    titles = [s["title"] for s in story["sections"]]
    assert titles[:4] == ["The referendum", "Troops in Ukraine", "Reactions", "History"]


def test_sections_json_gives_the_passages_with_their_places():
    result = run("sections", "--json")
    sections = [s for story in json.loads(result.stdout) for s in story["sections"]]
    assert {p["source"] for s in sections for p in s["passages"]} == {1, 2, 3, 4, 5}
    assert all(p["paragraph"] >= 1 for s in sections for p in s["passages"])
    assert all(p["text"].strip() for s in sections for p in s["passages"])


def test_sources_json_lists_the_articles(tmp_path):
    result = run("sources", SEEDS, "--json", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [a["number"] for a in data["articles"]] == [1, 2, 3, 4, 5]
    assert all(a["words"] > 50 and a["title"] for a in data["articles"])
    assert data["error"] is None and isinstance(data["warnings"], list)


def test_build_with_sources_and_formats(tmp_path):
    result = run("build", SEEDS / "003_02221e45dd3d2410.txt", "--out", tmp_path, "--format", "md,json", "--words", 50, "-s", "lexrank")
    assert result.exit_code == 0, result.output
    # the plain outputs, beside the editions and their feed, the article cache, the lock (see test_editions.py)
    # and the mark that keeps any build from reading this folder as sources
    assert sorted(p.name for p in tmp_path.iterdir()) == [".briefing-output", ".cache", ".lock", "briefing.json", "briefing.md",
                                                          "editions", "editions.atom"]
    data = json.loads((tmp_path / "briefing.json").read_text())
    assert len(data["sources"]) == 1


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["build", "missing-folder"], "missing-folder: no such file or folder"),
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


@pytest.mark.parametrize(
    "args, message",
    [
        (["build", "--words", "0"], "Invalid value for '--words': must be positive"),
        (["build", "--format", "pdf,docx"], "Invalid value for '--format': must be one of pdf, md, html, json, not docx"),
        (["build", "--since", "yesterday"], "Invalid value for '--since': must be a date like 2022-04-01"),
        (["build", "--keep", "-1"], "Invalid value for '--keep': must not be negative"),
        (["build", "--summarizer", "bogus"], "Invalid value for '--summarizer': 'bogus' is not one of coverage"),
        (["summarize", "--summarizer", "bogus"], "Invalid value for '--summarizer'"),
        (["watch", "--format", "docx"], "Invalid value for '--format'"),
        (["schedule", "--every", "soon"], "Invalid value for '--every' / '--cron'"),
        (["init", "seeds", "--topics", "0"], "Invalid value for '--topics': must be positive"),
        (["eval", "x.jsonl", "--half", "third"], "Invalid value for '--half'"),
    ],
)
def test_bad_option_values_exit_2_naming_the_flag(tmp_path, args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output and "words_per_section" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_config_file_error_still_exits_1_naming_the_key(tmp_path):
    toml = tmp_path / "briefing.toml"
    toml.write_text("[summary]\nwords_per_section = 0\n")
    result = run("build", "--config", toml, "--out", tmp_path / "out")
    assert result.exit_code == 1 and "'words_per_section' must be positive" in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("briefing ")
    assert subprocess.run([sys.executable, "-m", "briefing", "--version"], capture_output=True, text=True).stdout.startswith("briefing ")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_flags_as_flags(command):
    help_text = run(command, "--help").output
    assert "<bool>" not in help_text and "<int>" not in help_text and "<path>" not in help_text
    assert "--help" in help_text and "-h," in help_text


def test_command_list_is_one_line_per_command():
    listing = run("--help").output.split("Commands:")[1].strip().splitlines()
    assert sorted(line.split()[0] for line in listing) == sorted(COMMANDS)


def test_completion_is_available():
    assert "--install-completion" in run("--help").output
    # Typer names the shell it finds among the command's parents, as when a user types it at a bash
    # prompt; whatever started the tests may be no shell (a detached job), so bash is the parent here
    # (the "; true" keeps bash from replacing itself with the command).
    command = f"{shlex.quote(sys.executable)} -m briefing --show-completion; true"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
    assert "complete -o default -F _briefing_completion briefing" in result.stdout, result.stderr


def test_the_same_options_where_commands_share_them():
    shared = {"--config", "--out", "--format", "--templates", "--keep", "--verbose", "--quiet"}
    for command in ("build", "watch", "schedule"):
        assert all(flag in run(command, "--help").output for flag in shared), command


def test_many_warnings_of_one_kind_show_the_first_few_and_count_the_rest(tmp_path):
    """A thousand earnings tables must not bury the one warning that matters: five of a kind are shown,
    the rest counted in one line; --verbose shows each."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in SEEDS.glob("*.txt"):
        (folder / name.name).write_text(name.read_text("utf-8"), "utf-8")
    for number in range(8):
        (folder / f"table{number}.txt").write_text("Subscribe\n", "utf-8")

    def build(*extra: str) -> str:
        done = subprocess.run([sys.executable, "-m", "briefing", "build", str(folder), "--out", str(tmp_path / "out"),
                               "--format", "md", "--force", *extra], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stderr

    shown = build()
    assert shown.count("nothing but boilerplate, skipped") == 6  # five lines, then the count
    assert "warning: 3 more like 'nothing but boilerplate, skipped' (--verbose shows each)" in shown
    assert build("-v").count("nothing but boilerplate, skipped") == 8
