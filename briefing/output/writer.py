"""Writing the outputs: every format rendered first, then all swapped in at once.

Each file is written to a temporary name in the output folder and renamed
over the old one only when every format has rendered, so a failure (or an
interrupt) leaves the previous briefing whole and no temporary files behind.
`publish` does the same with files already rendered (an edition's) copied in.

This module imports nothing heavy at load time: the up-to-date check of a
scheduled build goes through it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from briefing.config import Config
from briefing.engine.choose import running
from briefing.errors import OutputError
from briefing.files import fsync_file, swapped_in, write_synced
from briefing.models import Briefing
from briefing.report import Report

STORIES_DIR = "stories"


def output_paths(out: Path, formats: Sequence[str]) -> dict[str, Path]:
    """Where each format is written: `out/briefing.<format>`."""
    return {fmt: out / f"briefing.{fmt}" for fmt in formats}


def check_output_dir(out: Path) -> None:
    """Fail before any work when `out` cannot be created or written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out}: cannot create the output folder ({error.strerror or error})") from None
    if not out.is_dir() or not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"{out}: output folder is not writable")


def write_briefing(briefing: Briefing, config: Config, report: Report, out: Path | None = None,
                   pdf_parts: bool = True) -> list[Path]:
    """Render each requested format into `out` (default `config.out`), then replace the old outputs together.

    Without `pdf_parts` the PDF leaves who said what, the figures and the timeline to the other formats.
    """
    from briefing.output import pdf, render

    env = render.shared_env(config.templates, config.citations_shown)
    targets = output_paths(config.out if out is None else out, config.formats)
    renderers = {
        "html": lambda: render.to_html(briefing, env),
        "md": lambda: render.to_markdown(briefing, env),
        "json": lambda: render.to_json(briefing, paths_base(config)),
    }
    with report.stage("render"):
        texts = {fmt: renderers[fmt]() for fmt in renderers if fmt in config.formats}
        html = render.print_html(briefing, env, texts.get("html"), pdf_parts) if "pdf" in config.formats else ""
    base = config.out if out is None else out
    if briefing.stories:  # each story's own briefing, linked from the front page: on the build's engine
        jobs = [(page.briefing, config, story_dir(base, page.slug)) for page in briefing.stories]
        with report.stage("stories"), running(config.engine, config.scheduler, config.workers) as engine:
            engine.map(write_story, jobs)
    with swapped_in() as temporary_for:
        for fmt, text in texts.items():
            write_synced(temporary_for(targets[fmt]), text.encode("utf-8"))
        if "pdf" in config.formats:
            with report.stage("pdf"):
                pdf.write_pdf(html, temporary_for(targets["pdf"]), render.assets_dir(config.templates),
                              variant=config.pdf_variant)
    return list(targets.values())


def write_story(job: tuple[Briefing, Config, Path]) -> list[Path]:
    """One story's briefing written into its folder: a module-level function, so an engine can run it anywhere."""
    story, config, folder = job
    return write_briefing(story, config, Report(strict=config.strict), out=folder,
                          pdf_parts=config.story_pdf == "full")


def paths_base(config: Config) -> Path | None:
    """The folder briefing.json's paths are relative to: the config file's, else the
    folder the local sources share (None when every source is a URL)."""
    if config.path is not None:
        return config.path.resolve().parent
    local = [Path(s).resolve() for s in config.sources if isinstance(s, Path)]
    if not local:
        return None
    return Path(os.path.commonpath([p if p.is_dir() else p.parent for p in local]))
def story_dir(out: Path, slug: str) -> Path:
    """Where a story of a front page is written: `out/stories/<slug>/`."""
    folder = out / STORIES_DIR / slug
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def publish_stories(source: Path, out: Path) -> None:
    """Replace `out/stories` by the `stories` folder of a rendered edition `source` (or remove it when it has none)."""
    target = out / STORIES_DIR
    staged = out / (".staging-" + STORIES_DIR)
    old = out / (".old-" + STORIES_DIR)
    for leftover in (staged, old):
        shutil.rmtree(leftover, ignore_errors=True)
    if (source / STORIES_DIR).is_dir():
        shutil.copytree(source / STORIES_DIR, staged)
    if target.exists():
        os.rename(target, old)
    if staged.exists():
        os.rename(staged, target)
    shutil.rmtree(old, ignore_errors=True)


def publish(files: Mapping[str, Path], out: Path) -> list[Path]:
    """Copy rendered files (by format) to `out/briefing.<format>`, all replaced together."""
    targets = output_paths(out, list(files))
    with swapped_in() as temporary_for:
        for fmt, source in files.items():
            temporary = temporary_for(targets[fmt])
            shutil.copyfile(source, temporary)
            fsync_file(temporary)
    return list(targets.values())
