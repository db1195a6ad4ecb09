"""Outputs are replaced together or not at all."""

import pytest

from briefing.config import load_config
from briefing.files import write_atomic
from briefing.output import pdf
from briefing.output.writer import write_briefing
from briefing.report import Report


def test_a_failing_pdf_leaves_every_previous_output_and_no_temporary_file(sample_briefing, tmp_path, monkeypatch):
    config = load_config(None, out=tmp_path)
    write_briefing(sample_briefing, config, Report())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert sorted(before) == ["briefing.html", "briefing.json", "briefing.md", "briefing.pdf"]

    def broken(html, target, assets_dir, **options):
        target.write_bytes(b"%PDF-half")
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(pdf, "write_pdf", broken)
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
