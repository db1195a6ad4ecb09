"""The `briefing` command: a thin typer layer over the library.

Each command loads the config and calls one library function. Library errors
become one line on stderr and exit status 1 here, and only here; --verbose
shows the traceback. Heavy modules are imported inside the commands so that
`briefing --help` starts fast.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import BriefingError

app = typer.Typer(
    help="Turn news articles about one story into a cited briefing (PDF, Markdown, HTML, JSON).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Sources = Annotated[Optional[list[str]], typer.Argument(help="Article files or folders (.txt, .md, .html).", show_default=False)]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", "-c", help="Config file (TOML) with the section profile.")]
SummarizerOpt = Annotated[Optional[str], typer.Option("--summarizer", "-s", help="Summarizer name (see `briefing summarizers`).")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Log each stage; show tracebacks.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")]
Strict = Annotated[bool, typer.Option("--strict", help="Fail on warnings (skipped file, empty section).")]


def user_errors(command: Callable) -> Callable:
    """Translate BriefingError into one line and exit 1 (traceback with --verbose)."""

    @wraps(command)
    def run(*args, **kwargs):
        verbose = kwargs.get("verbose", False)
        _setup_logging(verbose, kwargs.get("quiet", False))
        try:
            return command(*args, **kwargs)
        except BriefingError as error:
            if verbose:
                raise
            typer.echo(f"error: {error.message}", err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            typer.echo("error: interrupted; previous outputs left as they were", err=True)
            raise typer.Exit(130) from None

    return run


def _setup_logging(verbose: bool, quiet: bool) -> None:
    level = logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(format="%(levelname)s: %(message)s" if verbose else "warning: %(message)s", level=level, stream=sys.stderr, force=True)


def _load(sources: list[str] | None, config_file: Path | None, **overrides):
    """The config for a command: the file given, else the embedded default when no sources."""
    from .config import default_config_path, load_config

    if config_file is None and not sources:
        config_file = default_config_path()
    if sources:
        overrides["sources"] = tuple(Path(s) for s in sources)
    return load_config(config_file, **overrides)


@app.command()
@user_errors
def build(
    sources: Sources = None,
    config: ConfigOpt = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output directory.")] = None,
    summarizer: SummarizerOpt = None,
    words: Annotated[Optional[int], typer.Option("--words", "-w", help="Word budget of each section.")] = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="Outputs, comma-separated: pdf,md,html,json.")] = None,
    templates: Annotated[Optional[Path], typer.Option("--templates", help="Folder of template overrides.")] = None,
    strict: Strict = False,
    verbose: Verbose = False,
    quiet: Quiet = False,
) -> None:
    """Build the briefing (the embedded seed corpus when no SOURCES are given)."""
    from .writer import build_and_write

    formats = tuple(f.strip() for f in format.split(",") if f.strip()) if format else None
    cfg = _load(sources, config, out=out, summarizer=summarizer, words_per_section=words,
                formats=formats, templates=templates, strict=strict or None)
    written = build_and_write(cfg)
    if not quiet:
        for path in written:
            typer.echo(str(path))


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
    from .pipeline import summarize_sources

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
    from .pipeline import Report, read_articles
    from .passages import to_passages
    from .topics import assign_sections

    cfg = _load(sources, config)
    articles = read_articles(cfg, Report(strict=cfg.strict))
    passages = [p for i, a in enumerate(articles) for p in to_passages(i, a)]
    for section in assign_sections(passages, cfg):
        typer.echo(f"## {section.title} ({len(section.passages)} passages)")
        for p in section.passages:
            text = " ".join(p.text.split())
            typer.echo(f"  [{p.article + 1}:{p.index + 1}] {text[:100]}{'…' if len(text) > 100 else ''}")


@app.command(name="eval")
@user_errors
def evaluate(
    dataset: Annotated[Path, typer.Argument(help="Dataset in JSON lines (see README).")],
    summarizer: Annotated[Optional[list[str]], typer.Option("--summarizer", "-s", help="Summarizer to score; repeat for several.")] = None,
    words: Annotated[int, typer.Option("--words", "-w", help="Summary length in words.")] = 100,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the scores as JSON here.")] = None,
    verbose: Verbose = False,
) -> None:
    """Score summarizers with ROUGE against human summaries."""
    from .evaluate import evaluate as run_eval
    from .evaluate import format_table, rows_to_json
    from .summarize import get_selector

    names = summarizer or ["coverage"]
    for name in names:
        get_selector(name)  # an unknown name fails before any work
    rows = run_eval(dataset, names, words)
    typer.echo(format_table(rows))
    if json_out:
        from .writer import write_atomic

        write_atomic(json_out, rows_to_json(rows).encode())


@app.command()
def summarizers() -> None:
    """List the summarizers that --summarizer accepts."""
    from .summarize import names

    for name in names():
        typer.echo(name)


def main() -> None:  # pragma: no cover - console entry point
    app()
