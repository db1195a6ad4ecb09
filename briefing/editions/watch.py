"""Rebuilding without a person at the keyboard: `watch` for changes, `schedule` by the clock.

Both call `attempt` for each build: load the config afresh (an edited config
file applies to the next build), regenerate the editions, report one line.
A failed build is reported and the loop goes on; the last good edition stays
published (see editions.py). Each returns whether its last build failed.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Generator, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from briefing.config import Config
from briefing.editions.regenerate import regenerate
from briefing.errors import BriefingError

log = logging.getLogger("briefing")

Load = Callable[[], Config]
Echo = Callable[[str, bool], None]  # (line, is_error)

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?", re.I)
_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


def attempt(load: Load, echo: Echo, force: bool = False) -> bool:
    """One build: True when it succeeded (built or up to date), False when it failed."""
    try:
        outcome = regenerate(load(), force=force)
    except BriefingError as error:
        echo(f"error: build failed: {error.message}", True)
        return False
    except Exception as error:  # a bug must not end a long-running watch; say what it was
        log.debug("build failed", exc_info=True)
        echo(f"error: build failed: {type(error).__name__}: {error}", True)
        return False
    echo(outcome.line(), False)
    return True


# --- watch ----------------------------------------------------------------------


def watch(
    load: Load,
    echo: Echo,
    *,
    debounce: float = 0.5,
    max_builds: int | None = None,
    stop: threading.Event | None = None,
) -> bool:
    """Build now, then again whenever a source, the config file or a template changes.

    Changes are gathered until `debounce` seconds pass without one. Ends after
    `max_builds` builds, when `stop` is set, or on Ctrl-C; returns whether the
    last build failed.
    """
    config = load()  # a config that cannot be read at the start is the caller's error
    ok, builds = attempt(lambda: config, echo), 1
    stop = stop or threading.Event()
    batches: Generator[set[tuple[Any, str]], None, None] | None = None
    watching = None
    try:
        while max_builds is None or builds < max_builds:
            # One watcher while the paths stay the same: it also keeps changes made during a build.
            if watching != (watched_paths(config), config.out.resolve()):
                if batches is not None:
                    batches.close()
                watching = (watched_paths(config), config.out.resolve())
                batches = _changes(*watching, debounce, stop)
                log.info("watching %s", ", ".join(map(str, watching[0])))
            changed = next(batches, None) if batches is not None else None
            if changed is None or stop.is_set():
                break
            log.info("changed: %s", ", ".join(sorted(Path(p).name for _, p in changed)))
            try:
                config = load()
            except BriefingError as error:
                echo(f"error: build failed: {error.message}", True)
                ok, builds = False, builds + 1
                continue
            ok, builds = attempt(_constant(config), echo), builds + 1
    except KeyboardInterrupt:
        pass
    finally:
        if batches is not None:
            batches.close()
    return not ok


def _constant(config: Config) -> Load:
    """A loader that hands back a config already loaded."""
    return lambda: config


def _changes(paths: list[Path], out: Path, debounce: float, stop: threading.Event) -> Generator[set[tuple[Any, str]], None, None]:
    """Batches of changes under `paths`, except in the output folder `out`."""
    from watchfiles import DefaultFilter
    from watchfiles import watch as changes_in

    default_filter = DefaultFilter()

    def relevant(change: Any, path: str) -> bool:
        return default_filter(change, path) and not Path(path).resolve().is_relative_to(out)

    quiet_ms = max(int(debounce * 1000), 1)
    return changes_in(
        *paths, watch_filter=relevant, step=quiet_ms, debounce=max(10 * quiet_ms, 1600),
        stop_event=stop, raise_interrupt=False, yield_on_timeout=False, rust_timeout=500,
    )


def watched_paths(config: Config) -> list[Path]:
    """The sources on disk, the config file and the template folder of `config`."""
    candidates: Iterable[Any] = (*config.sources, config.path, config.templates)
    paths = [Path(p).resolve() for p in candidates if isinstance(p, Path) and Path(p).exists()]
    return list(dict.fromkeys(paths))


# --- schedule -------------------------------------------------------------------


def parse_every(text: str) -> float:
    """Seconds in a duration: `30m`, `1h30m`, `90s`, `1.5h`, `2d`; a bare number is seconds."""
    text = text.strip()
    parts = list(_DURATION.finditer(text))
    if not parts or "".join(m.group(0) for m in parts).replace(" ", "") != text.replace(" ", ""):
        raise ValueError(f"not a duration: {text!r} (try 30m, 1h, 90s)")
    seconds = sum(float(m.group(1)) * _SECONDS[(m.group(2) or "").lower() or None] for m in parts)
    if seconds <= 0:
        raise ValueError(f"the interval must be positive, not {text!r}")
    return seconds


def make_trigger(every: str | None, cron: str | None):
    """An APScheduler trigger for `--every DURATION` or `--cron "MIN HOUR DOM MON DOW"`."""
    if (every is None) == (cron is None):
        raise ValueError("give one of --every or --cron")
    if every is not None:
        from apscheduler.triggers.interval import IntervalTrigger

        return IntervalTrigger(seconds=parse_every(every))
    from apscheduler.triggers.cron import CronTrigger

    return CronTrigger.from_crontab(cron)


def schedule(
    load: Load,
    echo: Echo,
    trigger,
    *,
    max_runs: int | None = None,
    stop: threading.Event | None = None,
) -> bool:
    """Build now, then at every time `trigger` fires (APScheduler 3), in this process.

    Runs never overlap: a run still going when the next is due delays it.
    Ends after `max_runs` runs, when `stop` is set, or on Ctrl-C; returns
    whether the last run failed.
    """
    from apscheduler.schedulers.background import BackgroundScheduler

    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    done, stop = threading.Event(), stop or threading.Event()
    state = {"runs": 0, "ok": True}

    def run() -> None:
        state["ok"] = attempt(load, echo)
        state["runs"] += 1
        if max_runs is not None and state["runs"] >= max_runs:
            done.set()

    scheduler = BackgroundScheduler()
    scheduler.add_job(run, trigger, id="build", max_instances=1, coalesce=True, misfire_grace_time=None,
                      next_run_time=datetime.now(scheduler.timezone))
    scheduler.start()
    try:
        while not done.wait(0.1) and not stop.is_set():
            pass
    except KeyboardInterrupt:
        pass
    finally:
        scheduler.shutdown(wait=True)
    return not state["ok"]
