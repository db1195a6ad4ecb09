"""`briefing sources`, build's --since and --refresh, and merged sources in the briefing."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from localweb import loopback_only, web  # noqa: F401 - fixtures
from typer.testing import CliRunner

from briefing.cli import app
from briefing.config import load_config
from briefing.errors import ConfigError, StrictError
from briefing.models import Carrier, Source
from briefing.output import render
from briefing.pipeline import build
from briefing.report import Report
from briefing.sources.corpus import read_articles
from briefing.sources.inventory import take_inventory

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
SEEDS = Path(__file__).parent.parent / "seeds"
runner = CliRunner()


@pytest.fixture
def corpus(tmp_path):
    """Saved pages (two of them copies of one wire story) and a JSON lines export."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("harbour-times", "courier-analysis", "metro-wire", "bayside-wire"):
        shutil.copy(PAGES / f"{name}.html", folder)
    shutil.copy(FIXTURES / "exports" / "articles.jsonl", folder)
    return folder


def config_for(sources, tmp_path, **overrides):
    return load_config(None, sources=tuple(sources), out=tmp_path / "out", **overrides)


def test_read_articles_merges_copies_and_orders_by_date(corpus, tmp_path):
    report = Report()
    articles = read_articles(config_for([corpus], tmp_path), report)
    names = [Path(a.origin).name for a in articles]
    assert names == ["harbour-times.html", "courier-analysis.html", "metro-wire.html", "articles.jsonl:1",
                     "articles.jsonl:2", "articles.jsonl:7"]
    assert [a.published for a in articles][:5] == [date(2022, 4, d) for d in (1, 2, 3, 4, 6)]
    metro = articles[2]
    assert [c.outlet for c in metro.also] == ["Bayside Post", "Bayside Post"]  # the page and the export's copy of it
    assert any("near-duplicates merged" in note for note in report.notes)
    assert all("near-duplicates" not in warning for warning in report.warnings)


def test_the_source_list_shows_who_else_carried_a_merged_article(corpus, tmp_path):
    briefing = build(config_for([corpus], tmp_path))
    metro = next(s for s in briefing.sources if s.outlet == "Metro Daily")
    assert [c.outlet for c in metro.also] == ["Bayside Post", "Bayside Post"]
    env = render.template_env()
    markdown = render.to_markdown(briefing, env)
    line = next(line for line in markdown.splitlines() if line.startswith(f"[^{metro.id}]:"))
    assert line.endswith("<https://metrodaily.example.org/world/karsund-strike-strands-ships>; also carried by Bayside Post.")
    html = render.to_html(briefing, env)
    assert 'also carried by <a class="carrier" href="https://baysidepost.example.com/2022/04/03/ships-queue-off-karsund/">Bayside Post</a></li>' in html
    entry = next(s for s in json.loads(render.to_json(briefing))["sources"] if s["id"] == metro.id)
    assert {"outlet": "Bayside Post", "published": "2022-04-03",
            "url": "https://baysidepost.example.com/2022/04/03/ships-queue-off-karsund/",
            "origin": str(corpus / "bayside-wire.html")} in entry["also"]


def test_a_source_carried_only_by_its_own_outlet_lists_no_one_else():
    source = Source(1, "T", "a.html", outlet="Metro Daily", also=(Carrier("b.txt", "Metro Daily"), Carrier("c.txt")))
    assert render._carried_by(source) == [("c.txt", None)]


def test_sources_without_copies_render_as_before(sample_briefing):
    assert "also" not in render.to_markdown(sample_briefing, render.template_env())
    assert all("also" not in s for s in json.loads(render.to_json(sample_briefing))["sources"])


def test_undated_sources_fail_a_strict_build_and_are_noted_otherwise(tmp_path):
    source = SEEDS / "003_02221e45dd3d2410.txt"
    report = Report()
    build(config_for([source], tmp_path), report)
    assert report.warnings == [] and report.notes == [f"{source}: no publication date found; listed after the dated sources"]
    with pytest.raises(StrictError, match=r"003_02221e45dd3d2410\.txt: no publication date found.*--strict"):
        build(config_for([source], tmp_path, strict=True))


def test_since_leaves_out_older_articles_of_every_kind(corpus, tmp_path):
    report = Report()
    articles = read_articles(config_for([corpus], tmp_path, since=date(2022, 4, 3)), report)
    assert [a.published for a in articles] == [date(2022, 4, 3), date(2022, 4, 4), date(2022, 4, 6), None]
    left_out = [n for n in report.notes if "before --since 2022-04-03" in n]
    assert len(left_out) == 2 and any(w.endswith("'published' is not a date ('soon'); ignored") for w in report.warnings)


@pytest.mark.parametrize(
    "value, expected",
    [("2022-04-03", date(2022, 4, 3)), (date(2022, 4, 3), date(2022, 4, 3))],
)
def test_since_is_a_date(value, expected):
    assert load_config(None, since=value).since == expected


def test_bad_input_options_are_reported_together(tmp_path):
    config = tmp_path / "briefing.toml"
    config.write_text('[input]\nsince = "last week"\nfetch_timeout = 0\nmax_redirects = -1\ncolour = 1\n')
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    message = caught.value.message
    for fragment in ("unknown key 'input.colour'", "'since' must be a date like 2022-04-01, not 'last week'",
                     "'fetch_timeout' must be positive, 'max_redirects' and 'host_delay' not negative"):
        assert fragment in message


def test_input_options_from_a_config_file(tmp_path):
    config = tmp_path / "briefing.toml"
    config.write_text('[input]\nsince = 2022-04-02\nrefresh = true\ncache = "pages"\nfetch_timeout = 5\nmax_redirects = 2\n')
    loaded = load_config(config)
    assert (loaded.since, loaded.refresh, loaded.cache, loaded.fetch_timeout, loaded.max_redirects) == (
        date(2022, 4, 2), True, tmp_path / "pages", 5.0, 2)


def test_inventory_lists_articles_copies_skips_and_notes(corpus, tmp_path):
    (corpus / "broken.html").write_text("<html><body><nav>Home</nav></body></html>")
    lines = take_inventory(config_for([corpus], tmp_path)).lines()
    text = "\n".join(lines)
    assert lines[0].startswith("  1  2022-04-01     ") and "Dockworkers walk out as Karsund port talks collapse — The Harbour Times, Ana Ruiz" in lines[0]
    assert f"     + also Bayside Post ({corpus / 'bayside-wire.html'} <https://baysidepost.example.com/2022/04/03/ships-queue-off-karsund/>)" in text
    assert " undated " in text and "When?" in text
    assert f"warning: {corpus / 'broken.html'}: no article text found in the page" in lines
    assert any(line.startswith("note: ") and "near-duplicates merged" in line for line in lines)


def test_cli_sources_prints_one_line_per_article(corpus, tmp_path):
    result = runner.invoke(app, ["sources", str(corpus), "--since", "2022-04-02"])
    assert result.exit_code == 0, result.output
    numbered = [line for line in result.output.splitlines() if line[:3].strip().isdigit()]
    assert len(numbered) == 5 and all(" words  " in line for line in numbered)
    assert "before --since 2022-04-02; left out" in result.output


def test_cli_sources_with_nothing_readable_exits_1(tmp_path):
    (tmp_path / "menu.html").write_text("<html><body><nav>Home</nav></body></html>")
    result = runner.invoke(app, ["sources", str(tmp_path / "menu.html")])
    assert result.exit_code == 1
    assert "warning: " in result.output and "error: no articles to read" in result.output


def test_cli_sources_default_lists_the_seeds():
    result = runner.invoke(app, ["sources"])
    assert result.exit_code == 0, result.output
    assert [line[:3] for line in result.output.splitlines()[:5]] == ["  1", "  2", "  3", "  4", "  5"]
    assert "2022-04-01" in result.output.splitlines()[0]


def test_cli_build_reads_a_url_and_refresh_fetches_it_again(web, tmp_path):
    url = web.route("/story", body=(PAGES / "harbour-times.html").read_bytes())
    out = tmp_path / "out"
    args = ["build", url, "--out", str(out), "--format", "json"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert web.hits["/story"] == 1 and list((out / ".cache" / "pages").glob("*.body"))
    source = json.loads((out / "briefing.json").read_text())["sources"][0]
    assert (source["outlet"], source["published"]) == ("The Harbour Times", "2022-04-01")
    assert source["url"] == "https://harbourtimes.example.com/news/2022/04/01/dockworkers-walk-out"
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0 and web.hits["/story"] == 1
    assert runner.invoke(app, [*args, "--force", "--refresh"]).exit_code == 0 and web.hits["/story"] == 2


def test_cli_build_with_a_failing_url_still_builds(web, tmp_path):
    good = web.route("/story", body=(PAGES / "harbour-times.html").read_bytes())
    result = runner.invoke(app, ["build", good, web.url("/gone"), "--out", str(tmp_path / "out"), "--format", "md"])
    assert result.exit_code == 0, result.output
    assert f"{web.url('/gone')}: HTTP 404 Not Found" in result.output


def test_sources_has_help_and_build_has_the_new_options():
    assert "sources" in runner.invoke(app, ["--help"]).output
    result = runner.invoke(app, ["sources", "--help"])
    assert result.exit_code == 0 and "--since" in result.output and "--refresh" in result.output
    build_help = runner.invoke(app, ["build", "--help"]).output
    assert "--since" in build_help and "--refresh" in build_help
