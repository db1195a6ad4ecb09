"""Writing the outputs: every format rendered first, then all swapped in at once.

Each file is written to a temporary name in the output folder and renamed
over the old one only when every format has rendered, so a failure (or an
interrupt) leaves the previous briefing whole and no temporary files behind.
`publish` does the same with files already rendered (an edition's) copied in.

This module imports nothing heavy at load time: the up-to-date check of a
scheduled build goes through it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.config import Config
from briefing.engine.base import Engine
from briefing.engine.choose import running
from briefing.errors import OutputError
from briefing.files import fsync_file, swapped_in, write_synced
from briefing.models import Briefing
from briefing.report import Report
from briefing.sources.suffixes import OUTPUT_MARK

STORIES_DIR = "stories"
# In each story's folder: the stamp of what its files were rendered from (see `render_stamp`).
STAMP = ".rendered"


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
    mark = out / OUTPUT_MARK
    if not mark.is_file():  # a source folder that holds this one (or a copy of it) never reads it as articles
        try:
            write_synced(mark, b"A briefing's output folder: builds never read it as sources.\n")
        except OSError as error:
            raise OutputError(f"{out}: output folder is not writable ({error.strerror or error})") from None


@dataclass(frozen=True)
class Reuse:
    """What lets an edition take a story's files from an earlier one instead of rendering them again."""

    salt: str  # what shapes the files besides the briefing: the options, templates and code
    earlier: Path | None  # the earlier edition's folder (its `stories/`), if any


def write_briefing(briefing: Briefing, config: Config, report: Report, out: Path | None = None,
                   engine: Engine | None = None, reuse: Reuse | None = None, pdf_parts: bool = True) -> list[Path]:
    """Render each requested format into `out` (default `config.out`), then replace the old outputs together;
    the stories' own briefings of a front page are written on `engine` (default: the one `config` names),
    or linked from `reuse.earlier` when rendered there from the same briefing.

    Without `pdf_parts` the PDF leaves who said what, the figures and the timeline to the other formats.
    """
    if briefing.stories and engine is None:
        with running(config.engine, config.scheduler, config.workers) as own:
            return write_briefing(briefing, config, report, out, own, reuse, pdf_parts)
    base = config.out if out is None else out
    stories = _start_stories(briefing, config, base, engine, reuse) if briefing.stories and engine else None
    rendered = render_files(briefing, config, report, pdf_parts)  # meanwhile the engine renders the stories
    if stories is not None:
        _finish_stories(stories, report)
    targets = output_paths(base, config.formats)
    with swapped_in() as temporary_for:
        for fmt, target in targets.items():
            write_synced(temporary_for(target), rendered[fmt])
    return list(targets.values())


def render_files(briefing: Briefing, config: Config, report: Report, pdf_parts: bool = True) -> dict[str, bytes]:
    """Each format of `config.formats` rendered, by format (the front page's stories not included)."""
    from briefing.output import pdf, render

    env = render.shared_env(config.templates, config.citations_shown, config.front_page_stories)
    renderers = {
        "html": lambda: render.to_html(briefing, env),
        "md": lambda: render.to_markdown(briefing, env),
        "json": lambda: render.to_json(briefing, paths_base(config)),
    }
    with report.stage("render"):
        texts = {fmt: renderers[fmt]() for fmt in renderers if fmt in config.formats}
    rendered: dict[str, bytes] = {fmt: text.encode("utf-8") for fmt, text in texts.items()}
    if "pdf" in config.formats:
        with report.stage("pdf"):
            html = render.print_html(briefing, env, texts.get("html"), pdf_parts)
            rendered["pdf"] = pdf.pdf_bytes(html, render.assets_dir(config.templates), variant=config.pdf_variant)
    return rendered


@dataclass(frozen=True)
class _StoryWrites:
    """A front page's stories under way: those linked from an earlier edition, and the files of the rest
    as the engine renders them (with the folder and stamp each goes to)."""

    linked: tuple[str, ...]  # the titles of the stories linked
    jobs: tuple[tuple[str, Path, str], ...]  # title, folder, stamp of each story rendered
    files: Iterator[dict[str, bytes]]  # their files, in the order of `jobs`


def _start_stories(briefing: Briefing, config: Config, out: Path, engine: Engine,
                   reuse: Reuse | None) -> _StoryWrites:
    """Link each story of `briefing` whose files an earlier edition rendered from the same briefing (its stamp),
    and set the engine rendering the others, a task per story, the costliest first (the last task to finish
    is then a small one, not a long one holding up the build)."""
    full = [full_story_pdf(config, rank) for rank in range(len(briefing.stories))]
    stamps = [render_stamp(page.briefing, config, reuse.salt, whole) if reuse else ""
              for page, whole in zip(briefing.stories, full, strict=True)]
    rendered = _rendered_stories(reuse.earlier / STORIES_DIR) if reuse and reuse.earlier else {}
    folders = [story_dir(out, page.slug) for page in briefing.stories]
    linked, todo = [], []
    for rank, page in enumerate(briefing.stories):
        if stamps[rank] in rendered and _linked(rendered[stamps[rank]], folders[rank]):
            linked.append(page.briefing.title)
        else:
            todo.append(rank)
    todo.sort(key=lambda rank: (not full[rank], -len(briefing.stories[rank].briefing.sources), rank))
    stories = [briefing.stories[rank].briefing for rank in todo]
    files = engine.each(render_story, [(story, config, full[rank]) for story, rank in zip(stories, todo, strict=True)])
    jobs = tuple((story.title, folders[rank], stamps[rank]) for story, rank in zip(stories, todo, strict=True))
    return _StoryWrites(tuple(linked), jobs, iter(files))


def _finish_stories(stories: _StoryWrites, report: Report) -> None:
    """Write each rendered story's files into its folder as they come back."""
    with report.stage("write", len(stories.linked) + len(stories.jobs)) as step:
        for title in stories.linked:
            step.advance(title)
        for (title, folder, stamp), files in zip(stories.jobs, stories.files, strict=True):
            if stamp:
                files = {**files, STAMP: stamp.encode()}
            with swapped_in() as temporary_for:  # replaced, never written into: a name may link to an earlier edition
                for name, data in files.items():
                    write_synced(temporary_for(folder / name), data)
            step.advance(title)


def full_story_pdf(config: Config, rank: int) -> bool:
    """Whether the story of a front page at `rank` (0 = the most important) gets a full PDF, not a digest:
    with `story_pdf = "auto"`, the stories the front page shows in full do, those its index lists do not
    (a digest lays out in about half the time, and a pile of hundreds of stories is mostly index)."""
    if config.story_pdf == "auto":
        return rank < config.front_page_stories
    return config.story_pdf == "full"


def render_stamp(story: Briefing, config: Config, salt: str, full_pdf: bool) -> str:
    """What a story's files are rendered from: its briefing, the formats, whether its PDF is full, and `salt`
    (options, templates, code)."""
    from briefing.output.render import briefing_dict

    made_of = [salt, list(config.formats), full_pdf, briefing_dict(story)]
    return hashlib.sha256(json.dumps(made_of, sort_keys=True, default=str).encode()).hexdigest()


def _rendered_stories(stories: Path) -> dict[str, Path]:
    """The story folders under `stories` by the stamp of what they were rendered from."""
    found = {}
    for stamp in sorted(stories.glob(f"*/{STAMP}")) if stories.is_dir() else ():
        try:
            found[stamp.read_text("ascii").strip()] = stamp.parent
        except (OSError, UnicodeDecodeError):  # unreadable: rendered again, never trusted
            continue
    return found


def _linked(source: Path, folder: Path) -> bool:
    """Hard-link (or copy) every file of the story folder `source` into `folder`; False when that fails."""
    try:
        for path in sorted(source.iterdir()):
            if path.is_file() and not path.is_symlink():
                link_or_copy(path, folder / path.name)
    except OSError:
        return False
    return True


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """A hard link of `source` at `target` (files are never changed in place, only replaced), or a copy
    where the file system has no hard links."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def render_story(job: tuple[Briefing, Config, bool]) -> dict[str, bytes]:
    """One story's files by name (its PDF full or a digest), rendered wherever the engine runs it: a worker of
    a remote cluster needs no access to the output folder, which only the build's own process writes."""
    story, config, full_pdf = job
    rendered = render_files(story, config, Report(strict=config.strict, echo=False), full_pdf)
    return {path.name: rendered[fmt] for fmt, path in output_paths(Path(), list(rendered)).items()}


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
        shutil.copytree(source / STORIES_DIR, staged, copy_function=link_or_copy)
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
