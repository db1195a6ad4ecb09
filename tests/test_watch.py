"""`briefing watch`: a bounded run that picks up a change and survives a failed build."""

import shutil
import threading
import time
from pathlib import Path

from typer.testing import CliRunner

from briefing.cli import app
from briefing.config import load_config
from briefing.editions.watch import watch, watched_paths

SEEDS = Path(__file__).parent.parent / "seeds"
NEW_ARTICLE = Path(__file__).parent / "data" / "new_article.txt"


def start_watch(corpus, **options):
    """Run `watch` in a thread; its lines are collected as (line, is_error)."""
    lines, stop = [], threading.Event()
    load = lambda: load_config(corpus / "briefing.toml", out=corpus.parent / "out", formats=("md",))  # noqa: E731
    thread = threading.Thread(
        target=lambda: lines.append(("returned", watch(load, lambda line, error: lines.append((line, error)), stop=stop, **options))),
        daemon=True,
    )
    thread.start()
    return lines, stop, thread


def wait_for(lines, count, poke=None, timeout=30.0):
    """Wait until `lines` holds `count` entries, calling `poke` now and then (a change may land
    before the watcher has started)."""
    deadline = time.monotonic() + timeout
    poked = 0.0
    while len(lines) < count and time.monotonic() < deadline:
        if poke and time.monotonic() - poked > 3:
            poke()
            poked = time.monotonic()
        time.sleep(0.05)
    assert len(lines) >= count, lines


def test_watch_rebuilds_on_a_change_and_stops_after_max_builds(tmp_path):
    corpus = shutil.copytree(SEEDS, tmp_path / "src")
    lines, _stop, thread = start_watch(corpus, debounce=0.1, max_builds=2)
    wait_for(lines, 1)
    assert lines[0][0].startswith("built edition ")
    shutil.copy(NEW_ARTICLE, corpus / "005_new.txt")
    wait_for(lines, 2, poke=lambda: (corpus / "005_new.txt").touch())
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert lines[1][0].startswith("built edition ") and "(1 new," in lines[1][0]
    assert lines[-1] == ("returned", False)
    assert "New since" in (tmp_path / "out" / "briefing.md").read_text()


def test_watch_reports_a_failed_build_and_keeps_watching(tmp_path):
    corpus = shutil.copytree(SEEDS, tmp_path / "src")
    toml = corpus / "briefing.toml"
    good = toml.read_text()
    lines, _stop, thread = start_watch(corpus, debounce=0.1, max_builds=3)
    wait_for(lines, 1)
    wait_for(lines, 2, poke=lambda: toml.write_text(good + "\nbogus_key = 1\n"))
    assert lines[1][1] is True and "unknown key 'bogus_key'" in lines[1][0]
    assert (tmp_path / "out" / "briefing.md").exists()  # the last good edition stays
    wait_for(lines, 3, poke=lambda: toml.write_text(good.replace("threshold = 0.06", "threshold = 0.07")))
    thread.join(timeout=30)
    assert lines[2][0].startswith("built edition "), lines
    assert lines[-1] == ("returned", False)


def test_watch_stops_when_asked(tmp_path):
    corpus = shutil.copytree(SEEDS, tmp_path / "src")
    lines, stop, thread = start_watch(corpus, debounce=0.1)
    wait_for(lines, 1)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive() and lines[-1] == ("returned", False)


def test_watched_paths_are_the_sources_the_config_and_the_templates(tmp_path):
    (tmp_path / "tpl").mkdir()
    config = load_config(SEEDS / "briefing.toml", templates=tmp_path / "tpl")
    assert watched_paths(config) == [SEEDS.resolve(), (SEEDS / "briefing.toml").resolve(), (tmp_path / "tpl").resolve()]


def test_cli_watch_with_max_builds_1_builds_once_and_exits(tmp_path):
    corpus = shutil.copytree(SEEDS, tmp_path / "src")
    result = CliRunner().invoke(app, ["watch", "--config", str(corpus / "briefing.toml"), "--out", str(tmp_path / "out"),
                                      "--format", "md", "--max-builds", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("built edition ")


def test_watch_has_help():
    result = CliRunner().invoke(app, ["watch", "--help"])
    assert result.exit_code == 0 and "--max-builds" in result.output and "--debounce" in result.output
