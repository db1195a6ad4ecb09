"""Editions: up-to-date checks, rebuilds on change, atomic publishing, the lock, pruning, the cache."""

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import CliRunner

from briefing.cli import app
from briefing.config import load_config
from briefing.editions.cache import ArticleCache
from briefing.editions.regenerate import BUILT, UNCHANGED, UP_TO_DATE, regenerate
from briefing.editions.store import editions, latest_edition, prune
from briefing.errors import OutputError, TemplateError
from briefing.files import file_hash
from briefing.pipeline import build
from briefing.report import Report

SEEDS = Path(__file__).parent.parent / "seeds"
ROOT = Path(__file__).parent.parent
NOW = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


@pytest.fixture
def corpus(tmp_path):
    """A copy of the seeds with their profile, and a config writing md and json to tmp/out."""
    shutil.copytree(SEEDS, tmp_path / "src")
    return tmp_path / "src"


def config_of(corpus, **overrides):
    overrides.setdefault("out", corpus.parent / "out")
    overrides.setdefault("formats", ("md", "json"))
    return load_config(corpus / "briefing.toml", **overrides)


def snapshot(out):
    return {p.name: p.read_bytes() for p in out.glob("briefing.*")}


def test_first_build_writes_an_edition_and_the_plain_outputs(corpus):
    config = config_of(corpus)
    outcome = regenerate(config, now=NOW)
    assert outcome.status == BUILT and outcome.new == 5
    edition = latest_edition(config.out)
    assert edition.name == "2026-01-02T030400Z"
    assert sorted(p.name for p in edition.path.iterdir()) == ["briefing.json", "briefing.md", "manifest.json"]
    for fmt, path in edition.outputs().items():
        assert (config.out / f"briefing.{fmt}").read_bytes() == path.read_bytes()
    manifest = edition.manifest
    assert set(manifest["fingerprint"]) == {"inputs", "config", "templates", "code", "version"}
    assert len([p for p in manifest["fingerprint"]["inputs"] if p.endswith(".txt")]) == 5
    assert manifest["summarizer"] == "coverage" and manifest["tool"]["version"]
    assert {"ingest", "clean", "summarize", "render"} <= manifest["timings"].keys()
    assert not list(config.out.rglob("*.tmp")) and not list((config.out / "editions").glob(".staging-*"))
    assert "New since" not in (config.out / "briefing.md").read_text()


def test_second_build_with_nothing_changed_is_a_no_op(corpus):
    config = config_of(corpus)
    regenerate(config, now=NOW)
    before = snapshot(config.out)
    outcome = regenerate(config, now=NOW + timedelta(hours=1))
    assert outcome.status == UP_TO_DATE and outcome.seconds < 1
    assert outcome.line().startswith("up to date: edition 2026-01-02T030400Z")
    assert len(editions(config.out)) == 1 and snapshot(config.out) == before


def test_up_to_date_check_imports_nothing_heavy(corpus):
    config = config_of(corpus)
    regenerate(config, now=NOW)
    code = (
        "import sys; from pathlib import Path; from briefing.config import load_config; "
        "from briefing.editions.regenerate import regenerate; "
        f"o = regenerate(load_config(Path({str(corpus / 'briefing.toml')!r}), out=Path({str(config.out)!r}), formats=('md', 'json'))); "
        "print(o.status, sorted(m for m in ('sumy', 'nltk', 'weasyprint', 'scipy', 'sklearn', 'numpy', 'syntok', 'trafilatura', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "up to date []", result.stderr


@pytest.mark.parametrize("change", ["config file", "cli option", "template", "article"])
def test_a_change_triggers_a_rebuild(corpus, tmp_path, change):
    config = config_of(corpus)
    regenerate(config, now=NOW)
    if change == "config file":
        toml = corpus / "briefing.toml"
        toml.write_text(toml.read_text().replace("threshold = 0.06", "threshold = 0.08"))
        config = config_of(corpus)
    elif change == "cli option":
        config = config_of(corpus, words_per_section=60)
    elif change == "template":
        (tmp_path / "tpl").mkdir()
        (tmp_path / "tpl" / "digest.md.j2").write_text('{% extends "default/digest.md.j2" %}\n')
        config = config_of(corpus, templates=tmp_path / "tpl")
    else:
        (corpus / "002_9bdb7bde9eb3842a.txt").write_text((corpus / "002_9bdb7bde9eb3842a.txt").read_text() + "\nA new closing paragraph was added to this article by its editors today.\n")
    outcome = regenerate(config, now=NOW + timedelta(hours=1))
    assert outcome.status == BUILT
    assert [e.name for e in editions(config.out)] == ["2026-01-02T030400Z", "2026-01-02T040400Z"]


def test_forced_rebuild_of_the_same_briefing_adds_no_edition(corpus):
    config = config_of(corpus)
    regenerate(config, now=NOW)
    outcome = regenerate(config, force=True, now=NOW + timedelta(hours=1))
    assert outcome.status == UNCHANGED and len(editions(config.out)) == 1
    assert regenerate(config).status == UP_TO_DATE


def test_a_failing_build_keeps_the_previous_edition(corpus, tmp_path):
    config = config_of(corpus)
    regenerate(config, now=NOW)
    before = snapshot(config.out)
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "digest.md.j2").write_text("{% for x in %}")
    with pytest.raises(TemplateError):
        regenerate(config_of(corpus, templates=tmp_path / "broken"), now=NOW + timedelta(hours=1))
    assert [e.name for e in editions(config.out)] == ["2026-01-02T030400Z"]
    assert snapshot(config.out) == before
    assert sorted(p.name for p in (config.out / "editions").iterdir()) == ["2026-01-02T030400Z"]
    assert not list(config.out.glob(".briefing.*"))
    # and the next good build compares with the last good edition
    assert regenerate(config).status == UP_TO_DATE


def test_missing_outputs_are_restored_from_the_latest_edition(corpus):
    config = config_of(corpus)
    regenerate(config, now=NOW)
    (config.out / "briefing.md").unlink()
    (config.out / "briefing.json").write_text("{}")
    outcome = regenerate(config)
    assert outcome.status == UP_TO_DATE and outcome.restored
    edition = latest_edition(config.out)
    assert all(file_hash(config.out / f"briefing.{fmt}") == entry["sha256"] for fmt, entry in edition.manifest["outputs"].items())


def test_keep_prunes_old_editions_and_edition_names_always_sort_later(corpus):
    config = config_of(corpus, keep=2)
    for words in (60, 70, 80):  # the same pinned clock each time
        regenerate(replace(config, words_per_section=words), now=NOW)
    names = [e.name for e in editions(config.out)]
    assert names == ["2026-01-02T030400Z.1", "2026-01-02T030400Z.2"]
    assert prune(config.out, 1) and [e.name for e in editions(config.out)] == ["2026-01-02T030400Z.2"]


def test_a_second_run_waits_for_the_lock_then_gives_up_with_a_clear_message(corpus):
    config = config_of(corpus, lock_timeout=0.2)
    config.out.mkdir()
    with FileLock(str(config.out / ".lock")), pytest.raises(OutputError, match="another build is still running"):
        regenerate(config)
    assert not (config.out / "editions").exists()


def test_two_concurrent_builds_leave_consistent_output(corpus):
    out = corpus.parent / "out"
    command = [sys.executable, "-m", "briefing", "build", "--config", str(corpus / "briefing.toml"),
               "--out", str(out), "--format", "md,json"]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]  # not wait(): a full pipe would block the child
    results = [(run.returncode, *output) for run, output in zip(runs, outputs, strict=True)]
    assert [code for code, _, _ in results] == [0, 0], results
    lines = sorted(stdout for _, stdout, _ in results)
    assert lines[0].startswith("built edition ") and lines[1].startswith("up to date: edition "), results
    assert len(editions(out)) == 1
    edition = latest_edition(out)
    for fmt, entry in edition.manifest["outputs"].items():
        assert file_hash(out / f"briefing.{fmt}") == entry["sha256"]
    json.loads((out / "briefing.json").read_text())
    assert not list(out.rglob("*.tmp"))


def test_cli_build_prints_one_line_quiet_prints_nothing_and_bad_usage_is_2(corpus):
    runner = CliRunner()
    args = ["build", "--config", str(corpus / "briefing.toml"), "--out", str(corpus.parent / "out"), "--format", "md"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0 and first.stdout.startswith("built edition ") and len(first.stdout.splitlines()) == 1
    second = runner.invoke(app, [*args, "--quiet"])
    assert second.exit_code == 0 and second.stdout == ""
    assert runner.invoke(app, [*args, "--keep", "-1"]).exit_code == 2
    assert runner.invoke(app, [*args, "--force", "--keep", "1"]).exit_code == 0


def test_a_missing_source_fails_with_exit_1_and_leaves_the_edition(corpus):
    runner = CliRunner()
    args = ["build", str(corpus), "--out", str(corpus.parent / "out"), "--format", "md"]
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, [*args[:1], str(corpus / "gone"), *args[2:]])
    assert result.exit_code == 1 and "no such file or folder" in result.output
    assert len(editions(corpus.parent / "out")) == 1


# --- the per-article cache -----------------------------------------------------


def test_cached_build_equals_uncached_build(corpus, tmp_path):
    config = config_of(corpus)
    plain = build(config, Report(), NOW)
    first = ArticleCache.load(tmp_path)
    assert build(config, Report(), NOW, first) == plain
    assert (first.hits, first.misses) == (0, 5)
    first.save()
    second = ArticleCache.load(tmp_path)
    assert build(config, Report(), NOW, second) == plain
    assert (second.hits, second.misses) == (5, 0)


def test_adding_one_article_cleans_and_splits_only_that_one(corpus):
    config = config_of(corpus)
    regenerate(config, now=NOW)
    (corpus / "005_more.txt").write_text(
        "Another report\n\nOfficials in Tskhinvali said the ballot papers for the referendum had been printed overnight.\n"
    )
    cache = ArticleCache.load(config.out)
    build(config, Report(), NOW, cache)
    assert (cache.hits, cache.misses) == (5, 1)


def test_a_story_briefing_is_kept_whole_and_a_damaged_one_is_made_again(corpus, tmp_path):
    config = config_of(corpus)
    cache = ArticleCache.load(tmp_path)
    briefing = build(config, Report(), NOW, cache)
    articles = [article for article, _ in cache.served()]
    key = cache.story_key(articles, config)
    assert key and key == cache.story_key(articles, config) != cache.story_key(articles[:-1], config)
    assert key != cache.story_key(articles, replace(config, words_per_section=config.words_per_section + 1))
    cache.keep_story(key, briefing)
    cache.save()
    again = ArticleCache.load(tmp_path)
    build(config, Report(), NOW, again)  # serves the same articles, so their keys are known
    assert again.story(key) == briefing  # times, dates, nested parts: all as they were
    assert again.story("story:unknown") is None
    again._used[key] = {"briefing": {"$NoSuchModel": {}}}
    assert again.story(key) is None


def test_the_cache_key_follows_only_the_repeated_lines_a_document_holds(tmp_path):
    from briefing.models import RawDocument

    cache = ArticleCache(None)
    raw = RawDocument("a.txt", "Title\n\nSubscribe to our newsletter today.\n\nBody text of the article goes here.")
    assert cache.key(raw, frozenset()) == cache.key(raw, frozenset({"some line found elsewhere"}))
    assert cache.key(raw, frozenset()) != cache.key(raw, frozenset({"subscribe to our newsletter today."}))


def test_a_damaged_article_cache_is_rebuilt_not_fatal(corpus):
    config = config_of(corpus)
    regenerate(config, now=NOW)
    database = config.out / ".cache" / "articles.sqlite"
    assert database.is_file()
    database.write_bytes(b"this is not a database" * 100)
    (corpus / "005_more.txt").write_text("Another report\n\nOfficials in Tskhinvali said the ballot papers were printed.\n")
    assert regenerate(config, now=NOW).status == BUILT
    cache = ArticleCache.load(config.out)
    build(config, Report(), NOW, cache)
    assert (cache.hits, cache.misses) == (6, 0)


def test_the_article_cache_keeps_what_the_last_build_used(corpus):
    config = config_of(corpus)
    regenerate(config, now=NOW)
    (corpus / "004_4e6e529b6f978c4b.txt").unlink()
    regenerate(config, now=NOW)
    import sqlite3

    with sqlite3.connect(config.out / ".cache" / "articles.sqlite") as db:
        # Each article's cleaning and its text's signature (for finding copies), the removed one's gone.
        assert db.execute("SELECT count(*) FROM entries WHERE key NOT LIKE 'signature:%'").fetchone()[0] == 4
        assert db.execute("SELECT count(*) FROM entries WHERE key LIKE 'signature:%'").fetchone()[0] == 4
