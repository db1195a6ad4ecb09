"""Editions: a briefing regenerated on a schedule, cheaply, safely, saying what is new.

The output folder of a build:

    out/briefing.{pdf,md,html,json}   the latest edition, each file replaced atomically
    out/editions/<UTC time>/          one folder per build that changed something:
                                      the outputs and manifest.json
    out/.cache/articles.json          cleaned and split articles (cache.py)
    out/.lock                         held while a build runs

`regenerate` is the whole of it: take the lock, compare what the briefing is
made of (inputs by content hash, config, templates, code) with the latest
edition's manifest, and either say "up to date" or build a new edition
(opening with "New since <previous edition>" when articles came or changed),
then publish it and prune old editions. An edition folder appears whole
(rendered in a staging folder, then renamed), the plain files are swapped in
after it, and a build that fails leaves both as they were.

Up to the decision to build, nothing heavy is imported: the check of a
scheduled run that finds nothing to do takes a few hundredths of a second.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import version
from .config import Config, shipped_dir
from .errors import OutputError, SourceError
from .writer import check_output_dir, output_paths, publish, umask, write_atomic

if TYPE_CHECKING:
    from .cache import ArticleCache
    from .models import Briefing
    from .novelty import Changes
    from .pipeline import Report

log = logging.getLogger("briefing")

EDITIONS_DIR = "editions"
MANIFEST = "manifest.json"
LOCK_FILE = ".lock"
STAMP_FORMAT = "%Y-%m-%dT%H%M%SZ"
_EDITION_NAME = re.compile(r"^(\d{4}-\d\d-\d\dT\d{6}Z)(?:\.(\d+))?$")
_STAGING_PREFIX = ".staging-"
# Config fields that change how a build runs, never what it produces.
_OPERATIONAL = ("path", "keep", "lock_timeout", "refresh", "cache", "fetch_timeout", "max_redirects", "host_delay")

BUILT, UP_TO_DATE, UNCHANGED = "built", "up to date", "unchanged"


@dataclass(frozen=True)
class Edition:
    """One edition folder and its manifest."""

    path: Path
    manifest: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.manifest["created"])

    def outputs(self) -> dict[str, Path]:
        """The edition's files, by format."""
        return {fmt: self.path / entry["file"] for fmt, entry in self.manifest["outputs"].items()}


@dataclass(frozen=True)
class Outcome:
    """What one run did: built an edition, found it up to date, or rebuilt the same briefing."""

    status: str
    edition: Edition
    seconds: float
    articles: int = 0
    new: int = 0
    changed: int = 0
    removed: int = 0
    restored: bool = False

    def line(self) -> str:
        """The one log line of the run."""
        if self.status == UP_TO_DATE:
            restored = "; outputs restored from it" if self.restored else ""
            return f"up to date: edition {self.edition.name}{restored} ({self.seconds:.2f} s)"
        counts = f"{self.articles} articles ({self.new} new, {self.changed} changed, {self.removed} removed)"
        if self.status == UNCHANGED:
            return f"rebuilt, briefing unchanged: edition {self.edition.name}, {counts} ({self.seconds:.1f} s)"
        return f"built edition {self.edition.name}: {counts} ({self.seconds:.1f} s)"


def regenerate(config: Config, *, force: bool = False, now: datetime | None = None, report: Report | None = None) -> Outcome:
    """Bring `config.out` up to date: a new edition when anything it depends on changed (or `force`)."""
    started = time.perf_counter()
    check_output_dir(config.out)
    with build_lock(config.out, config.lock_timeout):
        previous = latest_edition(config.out)
        prints = fingerprint(config)
        if previous and not force and prints["inputs"] is not None and previous.manifest.get("fingerprint") == prints:
            restored = restore_outputs(previous, config.out)
            outcome = Outcome(UP_TO_DATE, previous, time.perf_counter() - started, restored=restored)
        else:
            outcome = _build(config, previous, prints, now, report, started)
        prune(config.out, config.keep)
    return outcome


@contextmanager
def build_lock(out: Path, timeout: float) -> Iterator[None]:
    """Hold `out/.lock` for a build; wait up to `timeout` seconds for another build to finish."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(out / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log.warning("another build is writing to %s; waiting up to %g s", out, timeout)
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise OutputError(
                f"{out}: another build is still running (lock {out / LOCK_FILE}); gave up after {timeout:g} s"
            ) from None
    try:
        yield
    finally:
        lock.release()


# --- what a briefing is made of ---------------------------------------------


def fingerprint(config: Config) -> dict[str, Any]:
    """Inputs by content hash, config, templates and code: equal fingerprints, equal briefings.

    `inputs` is None when a source is a URL: its content cannot be known without fetching it.
    """
    return {
        "inputs": input_hashes(config),
        "config": config_hash(config),
        "templates": tree_hash(_template_files(config)),
        "code": tree_hash(sorted(Path(__file__).resolve().parent.glob("*.py"))),
        "version": version(),
    }


def input_hashes(config: Config) -> dict[str, str] | None:
    """sha256 of every file the sources name or hold, by resolved path.

    Every file in a source folder counts, not only articles: a metadata file
    beside the articles changes the briefing too. The output folder does not.
    """
    if any(not isinstance(source, Path) for source in config.sources):
        return None
    out = config.out.resolve()
    files: dict[str, str] = {}
    for source in config.sources:
        if not source.exists():
            raise SourceError(f"{source}: no such file or folder")
        found = sorted(source.rglob("*")) if source.is_dir() else [source]
        for path in found:
            resolved = path.resolve()
            hidden = any(part.startswith(".") for part in path.relative_to(source).parts) if source.is_dir() else False
            if path.is_file() and not hidden and not resolved.is_relative_to(out):
                files[str(resolved)] = file_hash(path)
    return files


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    except OSError:
        return "unreadable"  # the build reports it; a later fix changes the hash
    return digest.hexdigest()


def config_hash(config: Config) -> str:
    """A hash of every option that shapes the briefing."""
    values = {k: v for k, v in asdict(config).items() if k not in _OPERATIONAL}
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def tree_hash(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.name}\0{file_hash(path)}\0".encode())
    return digest.hexdigest()


def _template_files(config: Config) -> list[Path]:
    folders = [Path(config.templates)] if config.templates else []
    folders.append(shipped_dir("templates"))
    return [p for folder in folders if folder.is_dir() for p in sorted(folder.rglob("*")) if p.is_file()]


# --- editions on disk ---------------------------------------------------------


def editions(out: Path) -> list[Edition]:
    """Every complete edition in `out`, oldest first."""
    folder = out / EDITIONS_DIR
    if not folder.is_dir():
        return []
    found = []
    for path in sorted((p for p in folder.iterdir() if _EDITION_NAME.match(p.name)), key=_order):
        try:
            found.append(Edition(path, json.loads((path / MANIFEST).read_text("utf-8"))))
        except (OSError, ValueError):
            log.warning("%s: no readable manifest, ignored", path)
    return found


def latest_edition(out: Path) -> Edition | None:
    """The newest complete edition, if any."""
    found = editions(out)
    return found[-1] if found else None


def find_edition(out: Path, name: str | None) -> Edition | None:
    path = out / EDITIONS_DIR / name if name else None
    if path is None or not (path / MANIFEST).is_file():
        return None
    try:
        return Edition(path, json.loads((path / MANIFEST).read_text("utf-8")))
    except (OSError, ValueError):
        return None


def prune(out: Path, keep: int) -> list[Path]:
    """Delete all but the `keep` newest editions (`keep` 0: delete none)."""
    if keep <= 0:
        return []
    doomed = [edition.path for edition in editions(out)[:-keep]]
    for path in doomed:
        shutil.rmtree(path, ignore_errors=True)
    return doomed


def restore_outputs(edition: Edition, out: Path) -> bool:
    """Publish `edition` again when the plain outputs are missing or not its files."""
    outputs = edition.outputs()
    targets = output_paths(out, list(outputs))
    if all(targets[fmt].is_file() and file_hash(targets[fmt]) == edition.manifest["outputs"][fmt]["sha256"] for fmt in outputs):
        return False
    publish(outputs, out)
    return True


def _order(path: Path) -> tuple[str, int]:
    match = _EDITION_NAME.match(path.name)
    return (match.group(1), int(match.group(2) or 0)) if match else (path.name, 0)


def _edition_name(folder: Path, now: datetime) -> str:
    """The UTC time of the build; suffixed when that would not sort after every edition."""
    name = now.astimezone(UTC).strftime(STAMP_FORMAT)
    taken = sorted((p for p in folder.iterdir() if _EDITION_NAME.match(p.name)), key=_order)
    if taken and _order(folder / name) <= _order(taken[-1]):
        base, number = _order(taken[-1])
        name = f"{base}.{number + 1}"
    return name


# --- building an edition ------------------------------------------------------


def _build(config: Config, previous: Edition | None, prints: dict, now: datetime | None, report: Report | None, started: float) -> Outcome:
    from .cache import ArticleCache, text_hash
    from .pipeline import Report, build

    report = report or Report(strict=config.strict)
    now = now or datetime.now(UTC)
    cache = ArticleCache.load(config.out)
    briefing = build(config, report, now, cache)
    served = cache.served()
    articles = {a.origin: {"text": text_hash(a), "cache": cache.key_of(a), "title": a.title} for a, _ in served}
    baseline, changes = _baseline(config.out, previous, articles)
    if baseline is not None:
        with report.stage("new since"):
            briefing = _with_new_since(briefing, served, baseline, changes, cache, config)
    manifest = _manifest(briefing, config, report, prints, articles, baseline)
    seen = _changes_since(previous, articles) if baseline is not previous else changes
    counts = {"articles": len(briefing.sources), "new": len(seen.new), "changed": len(seen.changed), "removed": len(seen.removed)}
    if previous is not None and previous.manifest.get("content") == manifest["content"]:
        # The same briefing again (a forced run, a change that alters nothing):
        # no new edition; the latest one now answers for these inputs.
        write_atomic(previous.path / MANIFEST, _json({**previous.manifest, "fingerprint": prints, "articles": articles}))
        restore_outputs(previous, config.out)
        _save_cache(cache)
        return Outcome(UNCHANGED, find_edition(config.out, previous.name) or previous, time.perf_counter() - started, **counts)
    edition = write_edition(briefing, config, report, manifest, now)
    publish(edition.outputs(), config.out)
    _save_cache(cache)
    return Outcome(BUILT, edition, time.perf_counter() - started, **counts)


def _baseline(out: Path, previous: Edition | None, articles: dict[str, dict]) -> tuple[Edition | None, Changes]:
    """The edition "New since" compares with, and the article changes since it.

    That is the previous edition, unless it holds the very same articles
    (a rebuild for a config or template change): then the one it compared with,
    so that its "New since" section carries over.
    """
    changes = _changes_since(previous, articles)
    if previous is None or changes:
        return previous, changes
    earlier = find_edition(out, previous.manifest.get("baseline"))
    return earlier, _changes_since(earlier, articles) if earlier else changes


def _changes_since(edition: Edition | None, articles: dict[str, dict]) -> Changes:
    """Articles new, changed and removed since `edition` (all new when there is none)."""
    from .novelty import compare

    old = {origin: entry["text"] for origin, entry in edition.manifest.get("articles", {}).items()} if edition else {}
    return compare(old, {origin: entry["text"] for origin, entry in articles.items()})


def _with_new_since(briefing: Briefing, served, baseline: Edition, changes: Changes, cache: ArticleCache, config: Config) -> Briefing:
    """The briefing opening with what is new since `baseline`, and noting removed articles."""
    from .novelty import Knowledge, new_since_section

    old_articles = baseline.manifest.get("articles", {})
    current = {article.origin: passages for article, passages in served}
    known = list(baseline.manifest.get("sentences", []))
    for origin, entry in old_articles.items():
        if origin in current and origin not in changes.changed:
            old_passages = current[origin]
        else:  # changed or removed since: its old text, if the cache still has it
            stored = cache.stored(entry.get("cache") or "")
            old_passages = stored[1] if stored else ()
        known += [s.text for p in old_passages for s in p.sentences]
    fresh = [p for origin in (*changes.new, *changes.changed) for p in current[origin]]
    section = None
    if changes.new or changes.changed:
        title = f"New since {baseline.created.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
        section = new_since_section(fresh, Knowledge(known), config.new_since_words, config.summarizer, title)
    removed = tuple(f"{old_articles[o].get('title') or Path(o).name} ({Path(o).name})" for o in changes.removed)
    return replace(briefing, new_since=section, removed=removed)


def _manifest(briefing: Briefing, config: Config, report: Report, prints: dict, articles: dict, baseline: Edition | None) -> dict:
    from .render import briefing_dict

    content = briefing_dict(briefing)
    content.pop("generated_at")
    content_hash = hashlib.sha256(
        json.dumps([content, prints["templates"], list(config.formats)], sort_keys=True, default=str).encode()
    ).hexdigest()
    sentences = [*briefing.key_points, *(s for section in briefing.sections for s in section.summary)]
    if briefing.new_since:
        sentences += briefing.new_since.summary
    return {
        "created": briefing.generated_at.isoformat(),
        "tool": {"name": "briefing", "version": prints["version"]},
        "summarizer": config.summarizer,
        "fingerprint": prints,
        "config_file": str(config.path) if config.path else None,
        "baseline": baseline.name if baseline else None,
        "articles": articles,
        "sentences": [s.text for s in sentences],
        "content": content_hash,
        "warnings": list(briefing.warnings),
        "timings": {},
        "outputs": {},
    }


def write_edition(briefing: Briefing, config: Config, report: Report, manifest: dict, now: datetime) -> Edition:
    """Render the outputs and the manifest into a new edition folder, which appears whole."""
    from .writer import write_briefing

    folder = config.out / EDITIONS_DIR
    folder.mkdir(exist_ok=True)
    for stale in folder.glob(_STAGING_PREFIX + "*"):  # left by a killed build; we hold the lock
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=folder))
    try:
        os.chmod(staging, 0o777 & ~umask())
        files = write_briefing(briefing, config, report, out=staging)
        manifest = {
            **manifest,
            "timings": {stage: round(seconds, 4) for stage, seconds in report.timings.items()},
            "outputs": {path.suffix[1:]: {"file": path.name, "sha256": file_hash(path)} for path in files},
        }
        write_atomic(staging / MANIFEST, _json(manifest))
        final = folder / _edition_name(folder, now)
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Edition(final, manifest)


def _save_cache(cache: ArticleCache) -> None:
    try:
        cache.save()
    except OSError as error:  # the edition is written; only the next build gets slower
        log.warning("could not write the article cache (%s)", error.strerror or error)


def _json(data: dict) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
