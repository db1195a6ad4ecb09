"""The `briefing` command: a thin typer layer over the library.

Each command loads the config and calls one library function. Library errors
become one line on stderr and exit status 1 here, and only here; a bad option
value is bad usage (exit 2, naming the flag); --verbose shows the traceback.
Options shared by several commands are declared once below, their help taken
from the config's declarations. Heavy modules are imported inside the commands
so that `briefing --help` starts fast.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
from collections.abc import Callable
from functools import partial, wraps
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

from briefing.about import version
from briefing.config import DEFAULT_CONFIG_NAME, OptionError, describe
from briefing.errors import BriefingError
from briefing.text.safe import printable

# NumPy's BLAS gets one thread unless the user sets another number: our products are
# small (a few hundred sentences by a few thousand words), where a pool of BLAS
# threads costs more waking and spinning than it saves, and the `process` engine's
# workers inherit this instead of each starting a pool per core. Set before NumPy
# loads; OpenMP (scikit-learn's k-means) is left to its own defaults.
for _blas_threads in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_blas_threads, "1")

app = typer.Typer(
    help="Turn news articles about one story into a cited briefing (PDF, Markdown, HTML, JSON).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain click help, as pip and mkdocs print it: flags shown as flags, no boxes.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Command(TyperCommand):
    """A command whose help lists arguments by name alone, as click does (typer adds `<path>`)."""

    def format_options(self, ctx, formatter) -> None:
        arguments = [
            (p.display_name_raw + ("..." if p.nargs != 1 else ""), (p.get_help_record(ctx) or ("", ""))[1])
            for p in self.get_params(ctx)
            if isinstance(p, TyperArgument) and not p.hidden
        ]
        options = [r for p in self.get_params(ctx) if p.param_type_name == "option" and (r := p.get_help_record(ctx))]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


# Warnings of one kind shown before the rest are counted (see _Repeats).
SAME_WARNINGS_SHOWN = 5
# Loggers of the libraries we use, quiet unless -vv asks for them.
_LIBRARY_LOGGERS = (
    "weasyprint",
    "fontTools",
    "trafilatura",
    "htmldate",
    "courlan",
    "apscheduler",
    "watchfiles",
    "charset_normalizer",
    "urllib3",
    "readability",
)

# The flag that sets each config key, to name it in an error about its value.
FLAGS = {
    "sources": "SOURCES",
    "out": "--out",
    "summarizer": "--summarizer",
    "words_per_section": "--words",
    "formats": "--format",
    "templates": "--templates",
    "keep": "--keep",
    "since": "--since",
    "refresh": "--refresh",
    "strict": "--strict",
    "discover": "--topics",
    "base_url": "--base-url",
    "engine": "--engine",
    "scheduler": "--scheduler",
    "deliver_to": "--to",
}

Sources = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="SOURCES",
        show_default=False,
        help="Article files, folders, feeds and URLs (.txt .md .html .xml .jsonl, http(s)://). "
        f"A single folder holding a {DEFAULT_CONFIG_NAME} is read with that config.",
    ),
]
ConfigOpt = Annotated[Path | None, typer.Option("--config", "-c", metavar="FILE", help="Config file (TOML).")]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", metavar="DIR", help=describe("out"))]
SummarizerOpt = Annotated[str | None, typer.Option("--summarizer", "-s", metavar="NAME", help=describe("summarizer"))]
WordsOpt = Annotated[int | None, typer.Option("--words", "-w", metavar="N", help=describe("words_per_section"))]
FormatOpt = Annotated[
    str | None, typer.Option("--format", "-f", metavar="LIST", help="Outputs, comma-separated: pdf,md,html,json.")
]
TemplatesOpt = Annotated[Path | None, typer.Option("--templates", metavar="DIR", help=describe("templates"))]
KeepOpt = Annotated[int | None, typer.Option("--keep", metavar="N", help=describe("keep"))]
SinceOpt = Annotated[str | None, typer.Option("--since", metavar="DATE", help=describe("since"))]
Refresh = Annotated[bool, typer.Option("--refresh", help=describe("refresh"))]
Strict = Annotated[bool, typer.Option("--strict", help=describe("strict"))]
Verbose = Annotated[
    int,
    typer.Option(
        "--verbose",
        "-v",
        count=True,
        show_default=False,
        help="Log each stage and show tracebacks; -vv also logs the libraries used.",
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors (no progress).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
NoDeliver = Annotated[bool, typer.Option("--no-deliver", help="Write new editions but send them to nobody.")]
BaseUrlOpt = Annotated[str | None, typer.Option("--base-url", metavar="URL", help=describe("base_url"))]
EngineOpt = Annotated[str | None, typer.Option("--engine", metavar="NAME", help=describe("engine"))]
SchedulerOpt = Annotated[str | None, typer.Option("--scheduler", metavar="ADDRESS", help=describe("scheduler"))]


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"briefing {version()}")
        raise typer.Exit()


@app.callback()
def main(
    show_version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Turn news articles about one story into a cited briefing (PDF, Markdown, HTML, JSON)."""


def user_errors(command: Callable) -> Callable:
    """Translate library errors: a bad option value exits 2 naming the flag; any other error
    is one line and exit 1 (the traceback with --verbose)."""

    @wraps(command)
    def run(*args, **kwargs):
        verbose = kwargs.get("verbose", 0)
        repeats = _setup_logging(verbose, kwargs.get("quiet", False))
        _interrupt_on_sigterm()
        try:
            return command(*args, **kwargs)
        except OptionError as error:
            raise typer.BadParameter(error.problem, param_hint=f"'{FLAGS.get(error.key, error.key)}'") from None
        except BriefingError as error:
            if verbose:
                raise
            typer.echo(f"error: {printable(error.message)}", err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            # Outputs are swapped in together, so they are whole; which briefing they
            # hold depends on whether the interrupt came before the swap or after it.
            typer.echo(
                "error: interrupted; outputs left whole"
                " (the previous briefing unless the new one was already in place)",
                err=True,
            )
            raise typer.Exit(130) from None
        finally:
            repeats.tell_the_rest()

    return run


def _interrupt_on_sigterm() -> None:
    """Let SIGTERM (cron, systemd, kill) unwind like Ctrl-C, so every `finally`
    removes its temporary files and the previous outputs stay as they were."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


class _PrintableFormatter(logging.Formatter):
    """Log lines without terminal escapes: warnings quote titles, links and file names from sources."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


class _Repeats(logging.Filter):
    """Lets through the first SAME_WARNINGS_SHOWN warnings of each kind (a message less the file or address it
    opens with: "nothing but boilerplate, skipped"), then counts the rest: a wire service's year can hold
    a thousand earnings tables, and a thousand lines of the same warning hide the one that matters.
    Every warning stays in the edition's manifest."""

    def __init__(self) -> None:
        super().__init__()
        self.held: dict[str, int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.WARNING or not record.name.startswith("briefing"):
            return True
        kind = str(record.getMessage()).partition(": ")[2] or str(record.getMessage())
        self.held[kind] = self.held.get(kind, 0) + 1
        return self.held[kind] <= SAME_WARNINGS_SHOWN

    def tell_the_rest(self) -> None:
        """One line for each kind of warning some of which were held back."""
        for kind, count in self.held.items():
            if count > SAME_WARNINGS_SHOWN:
                more = count - SAME_WARNINGS_SHOWN
                print(printable(f"warning: {more:,} more like '{kind}' (--verbose shows each)"), file=sys.stderr)
        self.held.clear()


def _setup_logging(verbose: int, quiet: bool) -> _Repeats:
    """Our warnings on stderr (our progress too with -v); the libraries' only with -vv. Returns the filter
    that holds back repeated warnings (all of them shown with -v)."""
    handler = logging.StreamHandler(sys.stderr)
    repeats = _Repeats()
    if not verbose:
        handler.addFilter(repeats)
    handler.setFormatter(_PrintableFormatter("%(levelname)s: %(name)s: %(message)s" if verbose else "warning: %(message)s"))
    logging.basicConfig(level=logging.INFO if verbose > 1 else logging.WARNING, handlers=[handler], force=True)
    logging.getLogger("briefing").setLevel(logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING)
    for name in _LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose > 1 else logging.CRITICAL)
    return repeats


def _load(sources: list[str] | None, config_file: Path | None, **overrides):
    """The config for a command: the file given; else the folder's own briefing.toml when the only
    source is a folder that has one; else the embedded default when there are no sources."""
    from briefing.config import default_config_path, load_config

    if config_file is None and sources and len(sources) == 1 and (Path(sources[0]) / DEFAULT_CONFIG_NAME).is_file():
        config_file, sources = Path(sources[0]) / DEFAULT_CONFIG_NAME, None
    if config_file is None and not sources:
        config_file = default_config_path()
    if sources:
        overrides["sources"] = tuple(sources)
    return load_config(config_file, **overrides)


def _report(strict: bool, quiet: bool, verbose: int):
    """A report that shows progress on stderr (bars on a terminal, lines otherwise; none with --quiet)."""
    from briefing.progress import progress_for
    from briefing.report import Report

    return Report(strict=strict, progress=progress_for(quiet=quiet, lines_only=verbose > 0))


def _check_summarizer(name: str | None) -> None:
    if name is not None:
        from briefing.story.summarize import names

        if name not in names():
            raise typer.BadParameter(f"{name!r} is not one of {', '.join(names())}", param_hint="'--summarizer'")


@app.command(cls=Command)
@user_errors
def build(
    sources: Sources = None,
    config: ConfigOpt = None,
    out: OutOpt = None,
    summarizer: SummarizerOpt = None,
    words: WordsOpt = None,
    format: FormatOpt = None,
    templates: TemplatesOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when nothing changed.")] = False,
    keep: KeepOpt = None,
    since: SinceOpt = None,
    refresh: Refresh = False,
    strict: Strict = False,
    no_deliver: NoDeliver = False,
    base_url: BaseUrlOpt = None,
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Build the briefing (a new edition when anything changed).

    With no SOURCES and no config, builds the embedded seed corpus.
    """
    from briefing.editions.regenerate import regenerate

    _check_summarizer(summarizer)
    cfg = _load(
        sources,
        config,
        out=out,
        summarizer=summarizer,
        words_per_section=words,
        formats=_formats(format),
        templates=templates,
        strict=strict or None,
        keep=keep,
        since=since,
        refresh=refresh or None,
        deliver=False if no_deliver else None,
        base_url=base_url,
        engine=engine,
        scheduler=scheduler,
    )
    _echo(quiet)(regenerate(cfg, force=force, report=_report(cfg.strict, quiet, verbose)).line(), False)


@app.command(cls=Command)
@user_errors
def watch(
    sources: Sources = None,
    config: ConfigOpt = None,
    out: OutOpt = None,
    format: FormatOpt = None,
    templates: TemplatesOpt = None,
    keep: KeepOpt = None,
    debounce: Annotated[
        float, typer.Option("--debounce", metavar="SECONDS", help="Seconds without changes before rebuilding.", min=0)
    ] = 0.5,
    max_builds: Annotated[
        int | None,
        typer.Option(
            "--max-builds", metavar="N", help="Stop after N rebuilds (the first build is not counted).", min=1
        ),
    ] = None,
    no_deliver: NoDeliver = False,
    base_url: BaseUrlOpt = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Build, then rebuild on every change (Ctrl-C stops).

    Rebuilds whenever a source, the config file or a template changes.
    """
    from briefing.editions.watch import watch as watch_sources

    load = partial(_load, sources, config, out=out, formats=_formats(format), templates=templates, keep=keep,
                   deliver=False if no_deliver else None, base_url=base_url)
    load()  # a bad option fails now, as bad usage
    failed = watch_sources(load, _echo(quiet), debounce=debounce, max_rebuilds=max_builds)
    raise typer.Exit(1 if failed else 0)


@app.command(cls=Command)
@user_errors
def schedule(
    sources: Sources = None,
    config: ConfigOpt = None,
    out: OutOpt = None,
    format: FormatOpt = None,
    templates: TemplatesOpt = None,
    keep: KeepOpt = None,
    every: Annotated[str | None, typer.Option("--every", metavar="DURATION", help="Interval: 30m, 1h, 90s.")] = None,
    cron: Annotated[
        str | None, typer.Option("--cron", metavar="TIMES", help='Crontab times, e.g. "0 6 * * *" (local time).')
    ] = None,
    max_runs: Annotated[int | None, typer.Option("--max-runs", metavar="N", help="Stop after N runs.", min=1)] = None,
    no_deliver: NoDeliver = False,
    base_url: BaseUrlOpt = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Build now, then on a schedule (for machines without cron)."""
    from briefing.editions.watch import make_trigger
    from briefing.editions.watch import schedule as run_schedule

    try:
        trigger = make_trigger(every, cron)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'--every' / '--cron'") from None
    load = partial(_load, sources, config, out=out, formats=_formats(format), templates=templates, keep=keep,
                   deliver=False if no_deliver else None, base_url=base_url)
    load()  # a bad option fails now, as bad usage
    raise typer.Exit(1 if run_schedule(load, _echo(quiet), trigger, max_runs=max_runs) else 0)


def _formats(text: str | None) -> tuple[str, ...] | None:
    return tuple(f.strip() for f in text.split(",") if f.strip()) if text is not None else None


def _echo(quiet: bool) -> Callable[[str, bool], None]:
    """Print a run's line (unless quiet) or an error (always, on stderr)."""

    def echo(line: str, error: bool) -> None:
        if error or not quiet:
            typer.echo(printable(line), err=error)

    return echo


@app.command(cls=Command)
@user_errors
def summarize(
    sources: Sources = None,
    config: ConfigOpt = None,
    words: Annotated[
        int, typer.Option("--words", "-w", metavar="N", help="Hard word budget of the summary.", min=1)
    ] = 100,
    summarizer: SummarizerOpt = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """One summary of all SOURCES on stdout, a sentence per line."""
    from briefing.pipeline import summarize_sources

    _check_summarizer(summarizer)
    cfg = _load(sources, config, summarizer=summarizer)
    for sentence in summarize_sources(cfg, words, _report(cfg.strict, quiet, verbose)):
        typer.echo(" ".join(sentence.text.split()))


@app.command(cls=Command)
@user_errors
def sections(
    sources: Sources = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Show the stories, and which passage went to which section, for tuning a profile."""
    from briefing.pipeline import segment_sources

    cfg = _load(sources, config)
    found = segment_sources(cfg, _report(cfg.strict, quiet, verbose))
    if as_json:
        _print_json(
            [
                {
                    "story": headline,
                    "sections": [
                        {
                            "title": s.title,
                            "anchor": s.key,
                            "passages": [
                                {"source": p.article + 1, "paragraph": p.index + 1, "text": p.text} for p in s.passages
                            ],
                        }
                        for s in story_sections
                    ],
                }
                for headline, story_sections in found
            ]
        )
        return
    for number, (headline, story_sections) in enumerate(found, 1):
        if len(found) > 1:
            typer.echo(printable(f"# Story {number} of {len(found)}: {headline}"))
        for section in story_sections:
            typer.echo(printable(f"## {section.title} ({len(section.passages)} passages)"))
            for p in section.passages:
                text = " ".join(p.text.split())
                typer.echo(printable(f"  [{p.article + 1}:{p.index + 1}] {text[:100]}{'…' if len(text) > 100 else ''}"))


@app.command(name="sources", cls=Command)
@user_errors
def list_sources(
    sources: Sources = None,
    config: ConfigOpt = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help="Output folder, whose cache of fetched pages is used."),
    ] = None,
    since: SinceOpt = None,
    refresh: Refresh = False,
    as_json: JsonOpt = False,
    verbose: Verbose = 0,
) -> None:
    """List what a build would read, skip or merge, and why.

    One line per article: its number, date, words, title, outlet, author and place.
    """
    from briefing.pipeline import story_list
    from briefing.sources.inventory import take_inventory

    cfg = _load(sources, config, out=out, since=since, refresh=refresh or None)
    inventory = take_inventory(cfg)
    found = story_list(inventory.articles, cfg) if inventory.articles else []
    if as_json:
        _print_json({**inventory.to_dict(), "stories": [{"headline": h, "articles": [i + 1 for i in m]} for h, m in found]})
    else:
        for line in inventory.lines():
            typer.echo(printable(line))  # titles and file names are the sources' own
        if found:
            typer.echo(f"{len(found)} stor{'y' if len(found) == 1 else 'ies'}:")
            for headline, members in found:
                typer.echo(printable(f"  {headline} — articles {', '.join(str(i + 1) for i in members)}"))
    raise typer.Exit(0 if inventory.articles else 1)


@app.command(cls=Command)
@user_errors
def init(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="Folder of articles.")],
    topics: Annotated[int | None, typer.Option("--topics", metavar="N", help=describe("discover"))] = None,
    force: Annotated[bool, typer.Option("--force", help=f"Replace an existing {DEFAULT_CONFIG_NAME}.")] = False,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Write a commented briefing.toml for a folder of articles.

    Its sections are the topics discovered in the articles: a starting profile to edit.
    """
    from briefing.profile import write_starter_config

    if topics is not None and topics < 1:
        raise typer.BadParameter("must be positive", param_hint="'--topics'")
    report = _report(False, quiet, verbose)
    written = write_starter_config(folder, force=force, topics=topics or 0, report=report)
    _echo(quiet)(f"wrote {written}: edit its [[sections]], then run: briefing build {folder}", False)


@app.command(name="eval", cls=Command)
@user_errors
def evaluate(
    dataset: Annotated[Path, typer.Argument(metavar="DATASET", help="Dataset in JSON lines (see README).")],
    summarizer: Annotated[
        list[str] | None,
        typer.Option("--summarizer", "-s", metavar="NAME", help="Summarizer to score; repeat for several."),
    ] = None,
    words: Annotated[int, typer.Option("--words", "-w", metavar="N", help="Summary length in words.", min=1)] = 100,
    json_out: Annotated[
        Path | None, typer.Option("--json", metavar="FILE", help="Also write the scores as JSON here.")
    ] = None,
    half: Annotated[
        str | None,
        typer.Option("--half", metavar="odd|even", help="Only clusters 1, 3, 5... (odd) or 2, 4, 6... (even)."),
    ] = None,
    peers: Annotated[
        Path | None,
        typer.Option("--peers", metavar="FILE", help="Also score published systems' summaries (JSON lines: id, system, summary)."),
    ] = None,
    key_points: Annotated[
        bool, typer.Option("--key-points", help="Also score the key points of each cluster built as a briefing.")
    ] = False,
    verbose: Verbose = 0,
) -> None:
    """Score summarizers with ROUGE against human summaries."""
    from briefing.config import Config
    from briefing.evaluate import HALVES, evaluate_key_points, evaluate_peers, format_table, rows_to_json
    from briefing.evaluate import evaluate as run_eval

    names = summarizer or ["coverage"]
    for name in names:
        _check_summarizer(name)  # an unknown name fails before any work
    if half not in (None, *HALVES):
        raise typer.BadParameter(f"'{half}' is not one of {', '.join(HALVES)}", param_hint="'--half'")
    rows = run_eval(dataset, names, words, half)
    if key_points:
        rows += [evaluate_key_points(dataset, words, half, Config(summarizer=names[0]))]
    if peers:
        rows += evaluate_peers(dataset, peers, words, half)
    typer.echo(format_table(rows))
    if json_out:
        from briefing.files import write_atomic

        write_atomic(json_out, rows_to_json(rows).encode())


@app.command(name="deliver", cls=Command)
@user_errors
def deliver_edition(
    edition: Annotated[
        str | None, typer.Argument(metavar="EDITION", help="Edition name (a folder of OUT/editions); default: the latest.")
    ] = None,
    config: ConfigOpt = None,
    out: OutOpt = None,
    to: Annotated[
        list[str] | None, typer.Option("--to", metavar="URL", help="Apprise URL to send to instead of the config's; repeat for several.")
    ] = None,
    base_url: BaseUrlOpt = None,
    verbose: Verbose = 0,
) -> None:
    """Send an edition again, by hand, to the config's destinations (or --to)."""
    from briefing.editions.deliver import deliver
    from briefing.editions.store import find_edition, latest_edition
    from briefing.errors import OutputError

    cfg = _load(None, config, out=out, base_url=base_url, deliver_to=tuple(to) if to else None)
    chosen = find_edition(cfg.out, edition) if edition else latest_edition(cfg.out)
    if chosen is None:
        raise OutputError(f"{cfg.out}: no edition {edition!r}" if edition else f"{cfg.out}: no edition yet; run `briefing build`")
    if not cfg.deliver_to:
        raise typer.BadParameter("no destinations: set [deliver] to in the config, or give --to", param_hint="'--to'")
    failed = [r for r in deliver(chosen, cfg.deliver_to, cfg.base_url) if not r.sent]
    typer.echo(f"edition {chosen.name} sent to {len(cfg.deliver_to) - len(failed)} of {len(cfg.deliver_to)} destinations")
    raise typer.Exit(1 if failed else 0)


@app.command(cls=Command)
@user_errors
def serve(
    config: ConfigOpt = None,
    out: OutOpt = None,
    port: Annotated[int, typer.Option("--port", "-p", metavar="N", help="Port to listen on.", min=0, max=65535)] = 8000,
    host: Annotated[
        str, typer.Option("--host", metavar="ADDRESS", help="Address to listen on; 127.0.0.1 keeps it to this machine.")
    ] = "127.0.0.1",
    verbose: Verbose = 0,
) -> None:
    """Preview OUT on a local web server: the latest briefing, the editions, the feed (Ctrl-C stops)."""
    from briefing.editions.serve import make_server

    cfg = _load(None, config, out=out)
    server = make_server(cfg.out, host, port)
    typer.echo(f"serving {cfg.out} on http://{host}:{server.server_address[1]}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    finally:
        server.server_close()


@app.command(cls=Command)
def summarizers() -> None:
    """List the summarizers that --summarizer accepts."""
    from briefing.story.summarize import names

    for name in names():
        typer.echo(name)


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))
