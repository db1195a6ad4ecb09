"""Progress on stderr: per stage, from the library's Report hook; nothing under --quiet or for a short run."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from briefing.config import load_config
from briefing.pipeline import build
from briefing.progress import LineProgress, progress_for, rate
from briefing.report import Report

SEEDS = Path(__file__).parent.parent / "seeds"


class Recorder:
    """A Progress that keeps every event."""

    def __init__(self):
        self.events = []

    def begin(self, stage, total):
        self.events.append(("begin", stage, total))

    def advance(self, stage, done, total, item):
        self.events.append(("advance", stage, done, total))

    def end(self, stage, seconds):
        self.events.append(("end", stage))


def test_a_build_reports_each_stage_and_its_items(tmp_path):
    recorder = Recorder()
    build(load_config(SEEDS / "briefing.toml", out=tmp_path), Report(progress=recorder))
    stages = [e[1] for e in recorder.events if e[0] == "begin"]
    assert {"ingest", "clean", "passages", "topics", "summarize"} <= set(stages)
    assert [e[1] for e in recorder.events if e[0] == "end"] == list(dict.fromkeys(stages))
    ingest = [e for e in recorder.events if e[:2] == ("advance", "ingest")]
    assert [e[2] for e in ingest] == [1, 2, 3, 4, 5] and {e[3] for e in ingest} == {5}
    passages = [e for e in recorder.events if e[:2] == ("advance", "passages")]
    assert passages[-1][2:] == (5, 5)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_lines_come_only_for_a_stage_that_runs_long():
    stream, clock = io.StringIO(), Clock()
    progress = LineProgress(stream, interval=5, clock=clock)
    progress.begin("clean", None)
    progress.advance("clean", 1, 10, "a.txt")
    progress.end("clean", 0.5)
    assert stream.getvalue() == ""
    progress.begin("pdf", 300)
    for done in range(1, 301):
        clock.now += 0.125  # exact in binary: a line every 40 items
        progress.advance("pdf", done, 300, f"{done}.txt")
    progress.end("pdf", 37.5)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "briefing: pdf 40/300 (5 s, 8.0/s): 40.txt"  # with the stage's rate
    assert len(lines) == 8 and lines[-1] == "briefing: pdf done (38 s)"


def test_rates_read_at_any_speed():
    assert [rate(2480, 2), rate(7, 2), rate(3, 36), rate(0, 5), rate(5, 0)] == ["1,240/s", "3.5/s", "12.0 s each", "-/s", "-/s"]


def test_no_display_when_quiet_and_lines_when_not_a_terminal():
    assert progress_for(io.StringIO(), quiet=True) is None
    assert isinstance(progress_for(io.StringIO()), LineProgress)


def test_a_quiet_build_prints_nothing_and_a_normal_one_only_its_line(tmp_path):
    def run(*flags):
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "briefing",
                "build",
                str(SEEDS),
                "--out",
                str(tmp_path / "o"),
                "--format",
                "md",
                *flags,
            ],
            capture_output=True,
            text=True,
        )

    quiet = run("--quiet", "--force")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    normal = run("--force")
    assert normal.returncode == 0 and normal.stdout.startswith(("built edition", "rebuilt")) and normal.stderr == ""


def test_verbose_names_each_stage_as_it_starts_and_keeps_library_logs_out(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "build", str(SEEDS), "--out", str(tmp_path / "o"), "--format", "pdf", "-v"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "INFO: briefing: ingest     ..." in result.stderr and "INFO: briefing: pdf        ..." in result.stderr
    assert "weasyprint" not in result.stderr.lower() and "Step 2" not in result.stderr


def test_on_a_terminal_stages_show_as_bars_on_stderr(tmp_path):
    import os
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "build", str(SEEDS), "--out", str(tmp_path / "o"), "--format", "md"],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "COLUMNS": "100", "LINES": "25", "TERM": "xterm"},
    )
    os.close(follower)
    shown = b""
    while True:  # read as it comes: a full terminal buffer would stall the build
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the build has closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait() == 0 and process.stdout.read().startswith(b"built edition")
    assert all(stage in shown for stage in (b"ingest", b"passages", b"summarize")), shown[-3000:]
