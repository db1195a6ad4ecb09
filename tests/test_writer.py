"""Outputs are replaced together or not at all."""

import dataclasses
from datetime import date

import pytest
from pypdf import PdfReader

from briefing.config import load_config
from briefing.files import write_atomic
from briefing.models import Speaker, Statement, StoryPage, TimelineEvent
from briefing.output import pdf
from briefing.output.writer import full_story_pdf, render_story, write_briefing
from briefing.report import Report


def test_a_failing_pdf_leaves_every_previous_output_and_no_temporary_file(sample_briefing, tmp_path, monkeypatch):
    config = load_config(None, out=tmp_path)
    write_briefing(sample_briefing, config, Report())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert sorted(before) == ["briefing.html", "briefing.json", "briefing.md", "briefing.pdf"]

    def broken(html, assets_dir, **options):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(pdf, "pdf_bytes", broken)
    changed = sample_briefing.__class__(**{**sample_briefing.__dict__, "title": "Another title"})
    with pytest.raises(RuntimeError):
        write_briefing(changed, config, Report())
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_outputs_are_readable_by_others(sample_briefing, tmp_path):
    write_briefing(sample_briefing, load_config(None, out=tmp_path, formats=("md",)), Report())
    assert (tmp_path / "briefing.md").stat().st_mode & 0o044 == 0o044


def test_write_atomic_replaces_whole_files(tmp_path):
    target = tmp_path / "deep" / "file.json"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and [p.name for p in target.parent.iterdir()] == ["file.json"]


def _with_parts(briefing):
    """The sample briefing with a speaker and a timeline event, each citing a source nothing else cites."""
    extra = dataclasses.replace(briefing.sources[0], id=4, title="Only the timeline cites this")
    event = TimelineEvent("April 2, 2022", date(2022, 4, 2), date(2022, 4, 2), "day", "Cranes stood idle on April 2.",
                          (4,), 0, 29, 22, 29)
    speaker = Speaker("Ana Ruiz", "union leader", (Statement("We will not move.", 1, 0, 17, "quote", "said"),), (1,))
    return dataclasses.replace(briefing, sources=(*briefing.sources, extra), timeline=(event,), who_said_what=(speaker,))


def _pdf_text(path):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.mark.parametrize("story_pdf", ["full", "digest"])
def test_a_story_pdf_is_full_or_a_digest_and_its_html_always_full(sample_briefing, tmp_path, story_pdf):
    config = load_config(None, out=tmp_path, story_pdf=story_pdf)
    for name, data in render_story((_with_parts(sample_briefing), config, full_story_pdf(config, 0))).items():
        (tmp_path / name).write_bytes(data)

    text, html = _pdf_text(tmp_path / "briefing.pdf"), (tmp_path / "briefing.html").read_text()
    assert "Timeline" in html and "Who said what" in html and "Only the timeline cites this" in html
    assert ("Cranes stood idle" in text) == (story_pdf == "full")
    assert ("Only the timeline cites this" in text) == (story_pdf == "full")  # a source only a left-out part cites
    if story_pdf == "digest":
        assert "In the HTML and JSON editions of this briefing: Who said what, Timeline." in text
        assert "1 more source, not cited above, is listed in the HTML and JSON editions" in text
    assert "Key points" in text and "Talks & <i>offers</i>" in text


def test_by_default_the_stories_a_front_page_shows_get_full_pdfs_and_those_it_indexes_digests(sample_briefing, tmp_path):
    story = _with_parts(sample_briefing)
    pages = tuple(StoryPage(slug, dataclasses.replace(story, title=slug), 1, None, None) for slug in ("first", "second"))
    front = dataclasses.replace(sample_briefing, key_points=(), sections=(), stories=pages)
    write_briefing(front, load_config(None, out=tmp_path, front_page_stories=1), Report())
    assert "Cranes stood idle" in _pdf_text(tmp_path / "stories" / "first" / "briefing.pdf")
    second = _pdf_text(tmp_path / "stories" / "second" / "briefing.pdf")
    assert "Cranes stood idle" not in second and "In the HTML and JSON editions of this briefing" in second
    assert "Cranes stood idle" in (tmp_path / "stories" / "second" / "briefing.html").read_text()


@pytest.mark.parametrize(("story_pdf", "full"), [("auto", [True, True, False]), ("full", [True] * 3), ("digest", [False] * 3)])
def test_which_story_pdfs_are_full(story_pdf, full):
    config = load_config(None, story_pdf=story_pdf, front_page_stories=2)
    assert [full_story_pdf(config, rank) for rank in range(3)] == full


def test_a_single_briefing_pdf_keeps_every_part_whatever_story_pdf_says(sample_briefing, tmp_path):
    write_briefing(_with_parts(sample_briefing), load_config(None, out=tmp_path, story_pdf="digest"), Report())
    assert "Cranes stood idle" in _pdf_text(tmp_path / "briefing.pdf")


def test_a_front_page_pdf_shows_the_first_entries_of_its_index_and_counts_the_rest(sample_briefing, tmp_path,
                                                                                   monkeypatch):
    from briefing.output import render

    monkeypatch.setattr(render, "PRINTED_INDEX", 2)
    titles = [f"Story number {n} of the pile" for n in range(1, 6)]
    pages = tuple(StoryPage(f"s{n}", dataclasses.replace(sample_briefing, title=title), 1, None, None)
                  for n, title in enumerate(titles, 1))
    front = dataclasses.replace(sample_briefing, key_points=(), sections=(), stories=pages)
    write_briefing(front, load_config(None, out=tmp_path, front_page_stories=1), Report())
    text, html = _pdf_text(tmp_path / "briefing.pdf"), (tmp_path / "briefing.html").read_text()
    assert "4 more stories" in text and "Story number 3" in text and "Story number 4" not in text
    assert "The other 2 are indexed in the HTML, Markdown and JSON editions." in text
    assert all(title in html for title in titles) and "The other" not in html
    assert "Story number 5" in (tmp_path / "briefing.md").read_text()
