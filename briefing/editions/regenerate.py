"""Regeneration: a briefing rebuilt on a schedule, cheaply, safely, saying what is new.

The output folder of a build:

    out/briefing.{pdf,md,html,json}   the latest edition, each file replaced atomically
    out/editions/<UTC time>/          one folder per build that changed something:
                                      the outputs and manifest.json (store.py)
    out/.cache/articles.sqlite        cleaned and split articles, per article (cache.py)
    out/editions.atom                 the feed of editions (feed.py)
    out/.lock                         held while a build runs (lock.py)

`regenerate` is the whole of it, one step per module: take the lock, compare
what the briefing is made of with the latest edition's manifest
(fingerprint.py), and either say "up to date" or build a new edition (opening
with "New since <previous edition>" when articles came or changed: news.py),
write it (new_edition.py), publish it (publish.py), prune old editions
(store.py), write the feed of editions (feed.py) and send the new edition to
its readers (deliver.py). A build that fails leaves the last edition and the
plain files as they were.

Up to the decision to build, nothing heavy is imported.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from briefing.config import Config
from briefing.editions.deliver import deliver
from briefing.editions.feed import FEED_FILE, write_feed
from briefing.editions.fingerprint import fingerprint
from briefing.editions.lock import build_lock
from briefing.editions.publish import publish_edition, restore_outputs
from briefing.editions.store import (
    EDITIONS_DIR,
    MANIFEST,
    Edition,
    find_edition,
    latest_edition,
    manifest_bytes,
    prune,
)
from briefing.engine.base import Engine
from briefing.engine.choose import running
from briefing.errors import OutputError
from briefing.files import remove_stale_temporaries, write_atomic
from briefing.output.writer import check_output_dir
from briefing.report import Report

if TYPE_CHECKING:
    from briefing.editions.cache import ArticleCache

log = logging.getLogger("briefing")

BUILT, UP_TO_DATE, UNCHANGED = "built", "up to date", "unchanged"


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
    stories: int = 1  # a front page of several stories when more than one

    def line(self) -> str:
        """The one log line of the run."""
        if self.status == UP_TO_DATE:
            restored = "; outputs restored from it" if self.restored else ""
            return f"up to date: edition {self.edition.name}{restored} ({self.seconds:.2f} s)"
        counts = f"{self.articles} articles ({self.new} new, {self.changed} changed, {self.removed} removed)"
        if self.stories > 1:
            counts += f" in {self.stories} stories"
        if self.status == UNCHANGED:
            return f"rebuilt, briefing unchanged: edition {self.edition.name}, {counts} ({self.seconds:.1f} s)"
        return f"built edition {self.edition.name}: {counts} ({self.seconds:.1f} s)"


def regenerate(config: Config, *, force: bool = False, now: datetime | None = None, report: Report | None = None) -> Outcome:
    """Bring `config.out` up to date: a new edition when anything it depends on changed (or `force`),
    then the feed of editions, and the new edition delivered to `config.deliver_to`."""
    started = time.perf_counter()
    report = report or Report(strict=config.strict)
    check_output_dir(config.out)
    with build_lock(config.out, config.lock_timeout):
        with _writing(config.out):
            _tidy(config)
        previous = latest_edition(config.out)
        prints = fingerprint(config)
        try:
            if previous and not force and prints["inputs"] is not None and previous.manifest.get("fingerprint") == prints:
                with _writing(config.out):
                    restored = restore_outputs(previous, config.out)
                outcome = Outcome(UP_TO_DATE, previous, time.perf_counter() - started, restored=restored)
            else:
                outcome = _build(config, previous, prints, now, report, started)
        finally:
            # Whether or not this run published, old editions go: a run that
            # keeps failing (a full disk) must not also keep them all.
            pruned = prune(config.out, config.keep)
        if outcome.status != UP_TO_DATE or pruned or not (config.out / FEED_FILE).is_file():
            with _writing(config.out):
                write_feed(config.out, config.base_url)
        if outcome.status == BUILT and config.deliver:
            deliver(outcome.edition, config.deliver_to, config.base_url, report.warn_late)
    return outcome


def _tidy(config: Config) -> None:
    """Remove what a killed build left: temporaries beside the outputs, the caches and the manifests."""
    out = config.out
    editions = out / EDITIONS_DIR
    folders = [out, out / ".cache", out / ".cache" / "pages", *(p for p in editions.glob("*") if p.is_dir() and not p.is_symlink())]
    if config.cache:
        folders.append(config.cache)
    for path in remove_stale_temporaries(folders):
        log.info("removed %s, left by an interrupted build", path)


@contextmanager
def _writing(out) -> Iterator[None]:
    """Disk trouble while writing (full, read-only, gone) as one line; what was written before stays."""
    try:
        yield
    except OSError as error:
        raise OutputError(
            f"{out}: cannot write ({error.strerror or error}); the last edition and the outputs are as they were"
        ) from None


def _build(config: Config, previous: Edition | None, prints: dict, now: datetime | None, report: Report, started: float) -> Outcome:
    """Build, say what is new, then write and publish an edition (or find the briefing unchanged)."""
    from briefing.output.pdf import rendering_ahead

    # Entered before the build's stages import NumPy (see rendering_ahead): WeasyPrint loads on another core meanwhile.
    with rendering_ahead("pdf" in config.formats):
        # The build's stages import NumPy and syntok: kept off the up-to-date path.
        from briefing.editions.cache import ArticleCache

        cache = ArticleCache.load(config.out)
        try:
            with running(config.engine, config.scheduler, config.workers) as engine:  # one pool for the whole build
                return _build_on(engine, config, previous, prints, now or datetime.now(UTC), report, started, cache)
        finally:
            cache.close()  # the database file is not left open (an unmountable disk, a later tidy)


def _build_on(engine: Engine, config: Config, previous: Edition | None, prints: dict, now: datetime, report: Report,
              started: float, cache: ArticleCache) -> Outcome:
    from briefing.editions import news
    from briefing.editions.cache import text_hash
    from briefing.editions.new_edition import make_manifest, write_edition
    from briefing.pipeline import build

    briefing = build(config, report, now, cache, engine)
    served = cache.served()
    articles = {a.origin: {"text": text_hash(a), "cache": cache.key_of(a), "title": a.title} for a, _ in served}
    baseline, changes = news.baseline(config.out, previous, articles)
    if baseline is not None:
        with report.stage("new since"):
            briefing = news.with_new_since(briefing, served, baseline, changes, cache, config)
    manifest = make_manifest(briefing, config, prints, articles, baseline)
    seen = news.changes_since(previous, articles) if baseline is not previous else changes
    counts = (len(briefing.sources), len(seen.new), len(seen.changed), len(seen.removed))  # articles, new, changed, removed
    stories = max(1, len(briefing.stories))
    if previous is not None and previous.manifest.get("content") == manifest["content"]:
        # The same briefing again (a forced run, a change that alters nothing):
        # no new edition; the latest one now answers for these inputs.
        with _writing(config.out):
            write_atomic(previous.path / MANIFEST, manifest_bytes({**previous.manifest, "fingerprint": prints, "articles": articles}))
            restore_outputs(previous, config.out)
        _save_cache(cache)
        return Outcome(UNCHANGED, find_edition(config.out, previous.name) or previous, time.perf_counter() - started, *counts, stories=stories)
    with _writing(config.out):
        edition = write_edition(briefing, config, report, manifest, now, engine, previous)
        publish_edition(edition, config.out)
    _save_cache(cache)
    return Outcome(BUILT, edition, time.perf_counter() - started, *counts, stories=stories)


def _save_cache(cache: ArticleCache) -> None:
    try:
        cache.save()
    except (OSError, sqlite3.Error) as error:  # the edition is written; only the next build gets slower
        log.warning("could not write the article cache (%s)", getattr(error, "strerror", None) or error)
