"""`briefing init` writes a starting profile that builds; the library API validates like the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import briefing
from briefing.cli import app
from briefing.config import Config, describe, options_in

SEEDS = Path(__file__).parent.parent / "seeds"
runner = CliRunner()


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder)
    return folder


def test_init_writes_a_commented_config_whose_sections_build(articles):
    result = runner.invoke(app, ["init", str(articles), "--topics", "3"])
    assert result.exit_code == 0, result.output
    text = (articles / "briefing.toml").read_text()
    data = tomllib.loads(text)
    assert data["sources"] == ["."]
    assert len(data["sections"]) == 3 and all(s["title"] and s["terms"] and s["description"] for s in data["sections"])
    for name in options_in("summary") + options_in("output"):  # every option, commented, with its help
        assert f"# {name} = " in text and describe(name) in text
    built = runner.invoke(app, ["sections", str(articles), "--json"])  # the folder's own briefing.toml is used
    assert [s["title"] for s in json.loads(built.stdout)][:3] == [s["title"] for s in data["sections"]]


def test_init_refuses_to_overwrite_without_force(articles):
    (articles / "briefing.toml").write_text("# mine\n")
    result = runner.invoke(app, ["init", str(articles)])
    assert result.exit_code == 1 and "exists; use --force" in result.output
    assert (articles / "briefing.toml").read_text() == "# mine\n"
    assert runner.invoke(app, ["init", str(articles), "--force"]).exit_code == 0


def test_init_on_a_missing_folder_is_one_line(tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "not a folder" in result.output and "Traceback" not in result.output


def test_library_build_with_a_config_made_in_python(articles, tmp_path):
    config = briefing.Config(sources=[str(articles)], out=str(tmp_path / "out"), formats=["md", "json"])
    outcome = briefing.build(config)
    assert outcome.line().startswith("built edition")
    assert (tmp_path / "out" / "briefing.md").is_file()
    # A path given as a string is a path: the second build is up to date.
    assert briefing.build(config).line().startswith("up to date")


def test_library_build_from_a_toml_path_with_options(tmp_path):
    outcome = briefing.build(SEEDS / "briefing.toml", out=tmp_path / "out", formats=["json"])
    assert outcome.status == "built"
    data = json.loads((tmp_path / "out" / "briefing.json").read_text())
    assert data["sections"][0]["title"] == "The referendum"


def test_library_validates_whatever_way_the_config_is_made(tmp_path):
    with pytest.raises(ValueError):
        briefing.Config(words_per_section=-5)
    with pytest.raises(briefing.BriefingError, match="'words_per_section' must be positive"):
        briefing.load_config(None, words_per_section=0)
    with pytest.raises(ValueError):
        briefing.build(Config(out=tmp_path), words_per_section=0)


def test_import_briefing_is_light():
    heavy = "('pydantic', 'numpy', 'weasyprint', 'typer')"
    code = f"import sys, briefing; print(sorted(m for m in {heavy} if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"
