"""`briefing schedule`: an in-process scheduler that can be bounded and stopped."""

import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.editions.watch import make_trigger, parse_every

SEEDS = Path(__file__).parent.parent / "seeds"


def test_schedule_every_second_runs_twice_and_exits(tmp_path):
    corpus = shutil.copytree(SEEDS, tmp_path / "src")
    started = time.monotonic()
    result = CliRunner().invoke(app, ["schedule", "--config", str(corpus / "briefing.toml"), "--out", str(tmp_path / "out"),
                                      "--format", "md", "--every", "1s", "--max-runs", "2"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("built edition ") and lines[1].startswith("up to date: edition ")
    assert time.monotonic() - started < 30


def test_schedule_exits_1_when_its_last_run_failed(tmp_path):
    result = CliRunner().invoke(app, ["schedule", str(tmp_path / "missing"), "--out", str(tmp_path / "out"),
                                      "--every", "1s", "--max-runs", "1"])
    assert result.exit_code == 1
    assert "error: build failed:" in result.output and "no such file or folder" in result.output


@pytest.mark.parametrize("args", [[], ["--every", "soon"], ["--every", "0s"], ["--cron", "every day"],
                                  ["--every", "1m", "--cron", "0 6 * * *"]])
def test_bad_schedule_is_bad_usage(tmp_path, args):
    result = CliRunner().invoke(app, ["schedule", "--out", str(tmp_path), *args, "--max-runs", "1"])
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize("text, seconds", [("30m", 1800), ("1h30m", 5400), ("90s", 90), ("1.5h", 5400), ("2d", 172800),
                                           ("45", 45), ("500ms", 0.5)])
def test_parse_every(text, seconds):
    assert parse_every(text) == seconds


def test_cron_trigger_from_a_crontab_line():
    trigger = make_trigger(None, "0 6 * * *")
    assert "hour='6'" in str(trigger) and "minute='0'" in str(trigger)


def test_schedule_has_help():
    result = CliRunner().invoke(app, ["schedule", "--help"])
    assert result.exit_code == 0 and "--every" in result.output and "--cron" in result.output and "--max-runs" in result.output
