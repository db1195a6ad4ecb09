"""Hostile and broken input: every nasty file is read correctly or skipped
with a warning naming it; none crashes the run or leaks into the outputs."""

import json
import signal
import subprocess
import sys
import time

import pytest
from hostile.corpus import ARTICLE, EXPECT, write_corpus

from briefing.config import load_config
from briefing.errors import SourceError
from briefing.pipeline import build_and_write
from briefing.report import Report
from briefing.sources.corpus import read_articles


def read_one(path, **options):
    """The article text of one file, and the warnings reading it gave."""
    report = Report()
    try:
        articles = read_articles(load_config(None, sources=(path,), **options), report)
    except SourceError:
        articles = []
    return "\n\n".join(a.text for a in articles), report.warnings


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("hostile") / "corpus")


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_each_file_is_read_or_skipped_with_its_name(corpus, name):
    config = load_config(None, sources=(corpus / name,))
    report = Report()
    if EXPECT[name] == "read":
        [article] = read_articles(config, report)
        assert article.text.strip()
        assert not report.warnings
    else:
        try:
            read_articles(config, report)
        except SourceError as error:  # the only file, so nothing is left
            assert "no articles" in error.message
        assert len(report.warnings) == 1 and name in report.warnings[0]


@pytest.mark.parametrize("name", ["utf16-bom.txt", "utf16-le-no-bom.txt", "utf16-be-no-bom.txt", "nul-bytes.txt"])
def test_utf16_and_nul_bytes_give_the_real_text(corpus, name):
    text, _ = read_one(corpus / name)
    assert "The city council approved the harbour bud" in text and "\x00" not in text


def test_windows_1251_is_detected(corpus):
    assert "референдум о вхождении в состав России" in read_one(corpus / "windows-1251.txt")[0]


def test_size_limit_refuses_with_a_clear_message(corpus):
    text, warnings = read_one(corpus / "one-megabyte-line.txt", max_file_bytes=1000)
    assert not text and len(warnings) == 1 and "one-megabyte-line.txt: too large" in warnings[0]


def test_whole_corpus_builds_and_nothing_leaks(corpus, tmp_path):
    out = tmp_path / "out"
    config = load_config(None, sources=(corpus,), out=out, formats=("json", "md", "html"))
    report = Report()
    build_and_write(config, report=report)
    skipped = {name for name, fate in EXPECT.items() if fate == "skip"}
    for name in skipped:
        assert any(name in warning for warning in report.warnings), name
    listed = (out / "briefing.json").read_text()
    for name in set(EXPECT) - skipped:  # a source, or a copy merged into one
        assert name in listed, name
    html = (out / "briefing.html").read_text()
    assert "<script>" not in html and "<iframe" not in html and "file:///etc/passwd" not in html


def test_strict_fails_on_the_first_bad_file(corpus):
    config = load_config(None, sources=(corpus,), strict=True)
    with pytest.raises(Exception, match=r"\(--strict\)"):
        read_articles(config, Report(strict=True))


def test_symlinked_source_is_followed(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(ARTICLE)
    link = tmp_path / "folder" / "link.txt"
    link.parent.mkdir()
    link.symlink_to(real)
    [article] = read_articles(load_config(None, sources=(link.parent,)), Report())
    assert "harbour budget" in article.text


def test_ten_thousand_tiny_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05}.txt").write_text(f"Note {i}\n\nThe harbour office logged ship number {i} arriving at dawn today.\n")
    started = time.perf_counter()
    articles = read_articles(load_config(None, sources=(folder,)), Report())
    assert len(articles) == 10_000
    assert time.perf_counter() - started < 60  # generous: a hang, not a speed target


def test_sigterm_during_build_leaves_previous_outputs_and_no_temporary_files(tmp_path):
    sources = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "briefing", "build", str(sources / "name with spaces.txt"), "--out", str(out), "-q"]
    subprocess.run(command, check=True, capture_output=True)
    before = {p.name: p.read_bytes() for p in out.glob("briefing.*")}
    assert len(before) == 4
    (sources / "name with spaces.txt").write_text(ARTICLE + "\nA new paragraph about cranes arriving next week at the port.\n")
    interrupted = 0
    for delay in (0.4, 0.8, 1.2, 1.6):  # at different points of the build
        process = subprocess.Popen([*command, "--force"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        # communicate, not wait: a child blocked writing to a full pipe would never exit (subprocess's own warning)
        process.communicate(timeout=30)
        after = {p.name: p.read_bytes() for p in out.glob("briefing.*")}
        assert set(after) == set(before)
        assert not [p for p in out.rglob("*") if ".tmp" in p.name or p.name.startswith(".staging")], "temporary files"
        newest = max((out / "editions").iterdir())
        published = {p.name: p.read_bytes() for p in newest.glob("briefing.*")}
        # Whole either way: the previous set, or the new edition's if the swap came first.
        assert after in (before, published), f"outputs mixed by a build stopped after {delay} s"
        if process.returncode == 0:
            assert after == published
        interrupted += process.returncode != 0 and after == before
        before = after
    assert interrupted, "no build was stopped before its swap: the delays no longer fall inside a build"


def test_sigint_during_pdf_rendering_keeps_the_previous_outputs(tmp_path):
    out = tmp_path / "out"
    sources = write_corpus(tmp_path / "corpus") / "name with spaces.txt"
    command = [sys.executable, "-m", "briefing", "build", str(sources), "--out", str(out), "-q", "--force"]
    subprocess.run(command, check=True, capture_output=True)
    before = {p.name: p.read_bytes() for p in out.glob("briefing.*")}
    sources.write_text(ARTICLE + "\nThe harbour master resigned on Friday after the vote.\n")
    process = subprocess.Popen([*command, "-v"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in process.stderr:  # the stage log says when rendering starts
        if "render" in line:
            process.send_signal(signal.SIGINT)
            break
    process.communicate(timeout=60)
    assert process.returncode == 130  # interrupted while the PDF was being made
    assert {p.name: p.read_bytes() for p in out.glob("briefing.*")} == before
    assert not [p for p in out.rglob("*") if ".tmp" in p.name or p.name.startswith(".staging")]


def test_out_inside_the_sources_is_never_read_back(tmp_path):
    sources = tmp_path / "articles"
    sources.mkdir()
    (sources / "story.txt").write_text(ARTICLE)
    out = sources / "out"
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "briefing", "build", str(sources), "--out", str(out), "--force", "-f", "md,json,html"],
            capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stderr
    assert len(json.loads((out / "briefing.json").read_text())["sources"]) == 1


@pytest.mark.parametrize(
    "files, fragment",
    [
        (None, "no-such-templates"),
        ({"briefing.html.j2": '{% include "missing-part.html.j2" %}'}, "missing-part.html.j2"),
        ({"digest.md.j2": "{% if %}"}, "digest.md.j2"),
    ],
)
def test_broken_template_folder_is_one_line_naming_the_file(tmp_path, files, fragment):
    templates = tmp_path / "no-such-templates"
    if files is not None:
        templates.mkdir()
        for name, text in files.items():
            (templates / name).write_text(text)
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "--out", str(tmp_path / "out"), "--templates", str(templates), "-f", "md,html"],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and fragment in errors[0] and "Traceback" not in result.stderr
