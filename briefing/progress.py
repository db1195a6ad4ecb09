"""Progress of a long run on stderr: a bar per stage on a terminal, periodic lines in a log.

The library reports progress through `report.Report.progress`; these are the
two displays the CLI plugs in there. Nothing is shown under --quiet, and a run
short enough not to need it shows nothing either: lines are written only for
a stage that has been running for `interval` seconds.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any

from briefing.report import Progress


def progress_for(stream: IO[str] | None = None, *, quiet: bool = False, lines_only: bool = False) -> Progress | None:
    """The display that suits `stream` (default stderr): none, bars on a terminal, else lines."""
    stream = stream or sys.stderr
    if quiet:
        return None
    if stream.isatty() and not lines_only:
        return BarProgress(stream)
    return LineProgress(stream)


class LineProgress:
    """One line now and then while a stage runs long: `briefing: passages 120/300 (6 s, 20/s)`."""

    def __init__(self, stream: IO[str], interval: float = 5.0, clock=time.monotonic):
        self.stream, self.interval, self.clock = stream, interval, clock
        self.started: dict[str, float] = {}
        self.last_line = 0.0

    def begin(self, stage: str, total: int | None) -> None:
        self.started.setdefault(stage, self.clock())

    def advance(self, stage: str, done: int, total: int | None, item: str) -> None:
        now = self.clock()
        if now - max(self.last_line, self.started.get(stage, now)) >= self.interval:
            count = f"{done}/{total}" if total else str(done)
            elapsed = now - self.started[stage]
            self._line(f"{stage} {count} ({elapsed:.0f} s, {rate(done, elapsed)}){': ' + item if item else ''}")

    def end(self, stage: str, seconds: float) -> None:
        self.started.pop(stage, None)
        if seconds >= self.interval:
            self._line(f"{stage} done ({seconds:.0f} s)")

    def _line(self, text: str) -> None:
        self.last_line = self.clock()
        print(f"briefing: {' '.join(text.split())[:200]}", file=self.stream, flush=True)


def rate(done: float, seconds: float | None) -> str:
    """Items per second, as a reader takes it in: "1,240/s", "3.5/s", "12 s each"."""
    if not seconds or not done:
        return "-/s"
    per_second = done / seconds
    if per_second >= 10:
        return f"{per_second:,.0f}/s"
    if per_second >= 1:
        return f"{per_second:.1f}/s"
    return f"{seconds / done:.1f} s each"


class BarProgress:
    """A rich progress bar per stage, on stderr, cleared when the stage ends."""

    def __init__(self, stream: IO[str]):
        # rich is imported only when a terminal shows progress.
        from rich.console import Console

        self.console = Console(file=stream)
        self.tasks: dict[str, Any] = {}
        self.bars: Any = None

    def _start(self) -> None:
        """A live display while any stage runs (a new one each time: a stopped one does not restart)."""
        from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bars

        self.bars = Bars(
            SpinnerColumn(),
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            _rate_column(),
            TextColumn("{task.fields[item]}", style="dim"),
            console=self.console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.bars.start()

    def begin(self, stage: str, total: int | None) -> None:
        if not self.tasks:
            self._start()
        if stage in self.tasks:
            self.bars.update(self.tasks[stage], total=total)
        else:
            self.tasks[stage] = self.bars.add_task(stage, total=total, item="")

    def advance(self, stage: str, done: int, total: int | None, item: str) -> None:
        if stage in self.tasks:
            self.bars.update(self.tasks[stage], completed=done, total=total, item=item[-50:])

    def end(self, stage: str, seconds: float) -> None:
        task = self.tasks.pop(stage, None)
        if task is not None:
            self.bars.remove_task(task)
        if not self.tasks:
            self.bars.stop()


def _rate_column() -> Any:
    """A rich column showing a stage's items per second."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(rate(task.completed, task.elapsed), style="progress.data.speed")

    return RateColumn()
