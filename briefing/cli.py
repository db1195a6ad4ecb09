"""The `briefing` command: a thin typer layer over the library.

Each command loads the config and calls one library function. Library errors
become one line on stderr and exit status 1 here, and only here; --verbose
shows the traceback. Heavy modules are imported inside the commands so that
`briefing --help` starts fast.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable
from functools import partial, wraps
from pathlib import Path
from typing import Annotated, Optional

import typer

from briefing.errors import BriefingError

app = typer.Typer(
    help="Turn news articles about one story into a cited briefing (PDF, Markdown, HTML, JSON).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Sources = Annotated[Optional[list[str]], typer.Argument(help="Article files, folders, feeds and URLs (.txt .md .html .xml .jsonl, http(s)://).", show_default=False)]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", "-c", help="Config file (TOML) with the section profile.")]
SummarizerOpt = Annotated[Optional[str], typer.Option("--summarizer", "-s", help="Summarizer name (see `briefing summarizers`).")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Log each stage; show tracebacks.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]
Strict = Annotated[bool, typer.Option("--strict", help="Fail on warnings (skipped file, empty section).")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", "-o", help="Output directory.")]
FormatOpt = Annotated[Optional[str], typer.Option("--format", "-f", help="Outputs, comma-separated: pdf,md,html,json.")]
KeepOpt = Annotated[Optional[int], typer.Option("--keep", help="Editions to keep in OUT/editions (0: all).", min=0)]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Leave out articles published before this date (YYYY-MM-DD).")]
Refresh = Annotated[bool, typer.Option("--refresh", help="Fetch URLs again instead of reading them from the cache.")]


def user_errors(command: Callable) -> Callable:
    """Translate BriefingError into one line and exit 1 (traceback with --verbose)."""

    @wraps(command)
    def run(*args, **kwargs):
        verbose = kwargs.get("verbose", False)
        _setup_logging(verbose, kwargs.get("quiet", False))
        _interrupt_on_sigterm()
        try:
            return command(*args, **kwargs)
        except BriefingError as error:
            if verbose:
                raise
            typer.echo(f"error: {error.message}", err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            # Outputs are swapped in together, so they are whole; which briefing they
            # hold depends on whether the interrupt came before the swap or after it.
            typer.echo(
                "error: interrupted; outputs left whole (the previous briefing unless the new one was already in place)",
                err=True,
            )
            raise typer.Exit(130) from None

    return run


def _interrupt_on_sigterm() -> None:
    """Let SIGTERM (cron, systemd, kill) unwind like Ctrl-C, so every `finally`
    removes its temporary files and the previous outputs stay as they were."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _setup_logging(verbose: bool, quiet: bool) -> None:
    level = logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(format="%(levelname)s: %(message)s" if verbose else "warning: %(message)s", level=level, stream=sys.stderr, force=True)


def _load(sources: list[str] | None, config_file: Path | None, **overrides):
    """The config for a command: the file given, else the embedded default when no sources."""
    from briefing.config import default_config_path, load_config

    if config_file is None and not sources:
        config_file = default_config_path()
    if sources:
        overrides["sources"] = tuple(s if "://" in s else Path(s) for s in sources)
    return load_config(config_file, **overrides)


@app.command()
@user_errors
def build(
    sources: Sources = None,
    config: ConfigOpt = None,
    out: OutOpt = None,
    summarizer: SummarizerOpt = None,
    words: Annotated[Optional[int], typer.Option("--words", "-w", help="Word budget of each section.")] = None,
    format: FormatOpt = None,
    templates: Annotated[Optional[Path], typer.Option("--templates", help="Folder of template overrides.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when nothing changed.")] = False,
    keep: KeepOpt = None,
    since: SinceOpt = None,
    refresh: Refresh = False,
    strict: Strict = False,
    verbose: Verbose = False,
    quiet: Quiet = False,
) -> None:
    """Build a new edition of the briefing when its sources, config or templates changed
    (the embedded seed corpus when no SOURCES are given)."""
    from briefing.editions.regenerate import regenerate

    cfg = _load(sources, config, out=out, summarizer=summarizer, words_per_section=words,
                formats=_formats(format), templates=templates, strict=strict or None, keep=keep,
                since=since, refresh=refresh or None)
    _echo(quiet)(regenerate(cfg, force=force).line(), False)


@app.command()
@user_errors
def watch(
    sources: Sources = None,
    config: ConfigOpt = None,
    out: OutOpt = None,
    format: FormatOpt = None,
    keep: KeepOpt = None,
    debounce: Annotated[float, typer.Option("--debounce", help="Seconds without changes before rebuilding.", min=0)] = 0.5,
    max_builds: Annotated[Optional[int], typer.Option("--max-builds", help="Stop after N builds.", min=1)] = None,
    verbose: Verbose = False,
    quiet: Quiet = False,
) -> None:
    """Build, then rebuild whenever the sources, the config or the templates change (Ctrl-C stops)."""
    from briefing.editions.watch import watch as watch_sources

    load = partial(_load, sources, config, out=out, formats=_formats(format), keep=keep)
    failed = watch_sources(load, _echo(quiet), debounce=debounce, max_builds=max_builds)
    raise typer.Exit(1 if failed else 0)


@app.command()
@user_errors
def schedule(
    sources: Sources = None,
    config: ConfigOpt = None,
    out: OutOpt = None,
    format: FormatOpt = None,
    keep: KeepOpt = None,
    every: Annotated[Optional[str], typer.Option("--every", help="Interval: 30m, 1h, 90s.")] = None,
    cron: Annotated[Optional[str], typer.Option("--cron", help='Crontab times, e.g. "0 6 * * *" (local time).')] = None,
    max_runs: Annotated[Optional[int], typer.Option("--max-runs", help="Stop after N runs.", min=1)] = None,
    verbose: Verbose = False,
    quiet: Quiet = False,
) -> None:
    """Build now, then on a schedule, in this process (for machines without cron)."""
    from briefing.editions.watch import make_trigger
    from briefing.editions.watch import schedule as run_schedule

    try:
        trigger = make_trigger(every, cron)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    load = partial(_load, sources, config, out=out, formats=_formats(format), keep=keep)
    raise typer.Exit(1 if run_schedule(load, _echo(quiet), trigger, max_runs=max_runs) else 0)


def _formats(text: str | None) -> tuple[str, ...] | None:
    return tuple(f.strip() for f in text.split(",") if f.strip()) if text else None


def _echo(quiet: bool) -> Callable[[str, bool], None]:
    """Print a run's line (unless quiet) or an error (always, on stderr)."""
    def echo(line: str, error: bool) -> None:
        if error or not quiet:
            typer.echo(line, err=error)
    return echo


@app.command()
@user_errors
def summarize(
    sources: Sources = None,
    config: ConfigOpt = None,
    words: Annotated[int, typer.Option("--words", "-w", help="Hard word budget of the summary.")] = 100,
    summarizer: SummarizerOpt = None,
    verbose: Verbose = False,
) -> None:
    """One multi-document summary of SOURCES on stdout, one sentence per line."""
    from briefing.pipeline import summarize_sources

    cfg = _load(sources, config, summarizer=summarizer)
    for sentence in summarize_sources(cfg, words):
        typer.echo(" ".join(sentence.text.split()))


@app.command()
@user_errors
def sections(
    sources: Sources = None,
    config: ConfigOpt = None,
    verbose: Verbose = False,
) -> None:
    """Show which passage went to which section, for tuning a profile."""
    from briefing.pipeline import segment_sources

    for section in segment_sources(_load(sources, config)):
        typer.echo(f"## {section.title} ({len(section.passages)} passages)")
        for p in section.passages:
            text = " ".join(p.text.split())
            typer.echo(f"  [{p.article + 1}:{p.index + 1}] {text[:100]}{'…' if len(text) > 100 else ''}")


@app.command(name="sources")
@user_errors
def list_sources(
    sources: Sources = None,
    config: ConfigOpt = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output directory, whose cache of fetched pages is used.")] = None,
    since: SinceOpt = None,
    refresh: Refresh = False,
    verbose: Verbose = False,
) -> None:
    """List what would be read: each article's date, words, title, outlet and author; what is skipped or merged, and why."""
    from briefing.sources.inventory import take_inventory

    inventory = take_inventory(_load(sources, config, out=out, since=since, refresh=refresh or None))
    for line in inventory.lines():
        typer.echo(line)
    raise typer.Exit(0 if inventory.articles else 1)


@app.command(name="eval")
@user_errors
def evaluate(
    dataset: Annotated[Path, typer.Argument(help="Dataset in JSON lines (see README).")],
    summarizer: Annotated[Optional[list[str]], typer.Option("--summarizer", "-s", help="Summarizer to score; repeat for several.")] = None,
    words: Annotated[int, typer.Option("--words", "-w", help="Summary length in words.")] = 100,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the scores as JSON here.")] = None,
    half: Annotated[Optional[str], typer.Option("--half", help="Only clusters 1, 3, 5... (odd) or 2, 4, 6... (even).")] = None,
    peers: Annotated[Optional[Path], typer.Option("--peers", help="Also score published systems' summaries (JSON lines: id, system, summary).")] = None,
    key_points: Annotated[bool, typer.Option("--key-points", help="Also score the key points of each cluster built as a briefing.")] = False,
    verbose: Verbose = False,
) -> None:
    """Score summarizers with ROUGE against human summaries."""
    from briefing.config import Config
    from briefing.evaluate import HALVES, evaluate_key_points, evaluate_peers, format_table, rows_to_json
    from briefing.evaluate import evaluate as run_eval
    from briefing.story.summarize import get_selector

    names = summarizer or ["coverage"]
    for name in names:
        get_selector(name)  # an unknown name fails before any work
    if half not in (None, *HALVES):
        raise typer.BadParameter(f"'{half}' is not one of {', '.join(HALVES)}", param_hint="--half")
    rows = run_eval(dataset, names, words, half)
    if key_points:
        rows += [evaluate_key_points(dataset, words, half, Config(summarizer=names[0]))]
    if peers:
        rows += evaluate_peers(dataset, peers, words, half)
    typer.echo(format_table(rows))
    if json_out:
        from briefing.files import write_atomic

        write_atomic(json_out, rows_to_json(rows).encode())


@app.command()
def summarizers() -> None:
    """List the summarizers that --summarizer accepts."""
    from briefing.story.summarize import names

    for name in names():
        typer.echo(name)


def main() -> None:  # pragma: no cover - console entry point
    app()
