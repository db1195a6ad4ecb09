"""An article's date is what the article states of itself: metadata, or a dateline in its header.

Never a date inside a sentence of the story, whatever paragraph it is in and
however the text is wrapped; a dateline without a year stays without one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.models import Dated, MonthDay, RawDocument, Source
from briefing.output import render
from briefing.schemas import JSON_SCHEMA, load
from briefing.sources.dedupe import merge_duplicates
from briefing.sources.fetch import Fetcher
from briefing.sources.ingest import Intake, read_path, read_sources
from briefing.sources.pages import extract
from briefing.text import dates
from briefing.text.clean import clean, clean_all

FIXTURES = Path(__file__).parent / "fixtures"
REUTERS = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "reuters21578" / "articles.jsonl"
REUTERS_SAMPLE = 400  # articles, spread over the whole file
runner = CliRunner()

STORY = [
    "Merrill Lynch Capital Markets is lead manager for a 100 mln Ecu eurobond due March 30, 1990, "
    "paying 7-1/4 pct and priced at 101-1/4, the bookrunner said.",
    "The company said its board approved a two-for-one stock split for shareholders of record as of April 1, 1987.",
    "Dec 31",
    "The offer and withdrawal rights will expire at 1630 EST, March 30, 1987, unless extended by the bidder.",
    "Friday, April 1, 2022",
    "Shareholders will meet on Thursday, May 14, to vote on the proposal, a spokesman added.",
]


def read(text: str, **meta) -> RawDocument:
    return RawDocument("story.txt", text, **meta)


# A line that is only a dateline


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Friday, April 1, 2022", date(2022, 4, 1)),
        ("Published 01.04.2022 14:05", date(2022, 4, 1)),
        ("Updated: Apr. 1, 2022 at 3:45 p.m. EDT", date(2022, 4, 1)),
        ("2022-04-01T09:30:00+02:00", date(2022, 4, 1)),
        ("Sat 2 Apr 2022 10.00 BST", date(2022, 4, 2)),
        ("Friday, April 1", MonthDay(4, 1)),
        ("Posted 26 Feb, 14:05 GMT", MonthDay(2, 26)),
        ("Last updated 2022/04/01 10:00", date(2022, 4, 1)),
    ],
)
def test_a_dateline_line_gives_its_date(line, day):
    assert dates.dateline(line) == day


@pytest.mark.parametrize(
    "line",
    [
        "April 1, 1987.",  # the end of a wrapped sentence
        "March 30, 1990, paying 7-1/4 pct",
        "due March 30, 1990",
        "Dec 31",  # a bare month and day labels tables as often as it dates a story
        "ESSO SAF <ESSF.PA> YEAR ENDED DEC 31 1986",
        "Qtr ended Feb 28, 1987",
        "The vote is set for April 10, 2022",
    ],
)
def test_a_date_with_words_around_it_is_no_dateline(line):
    assert dates.dateline(line) is None


@pytest.mark.parametrize(
    ("paragraph", "day", "rest"),
    [
        ("TBILISI, April 1 (Reuters) - The Kremlin said on Thursday.", MonthDay(4, 1), "The Kremlin said on Thursday."),
        ("SALVADOR, Feb 26 - Showers continued throughout the week.", MonthDay(2, 26), "Showers continued throughout the week."),
        ("LONDON, April 1, 2022 (Reuters) — Oil rose.", date(2022, 4, 1), "Oil rose."),
        ("NEW YORK, Friday, April 1 – Stocks fell.", MonthDay(4, 1), "Stocks fell."),
        ("Tbilisi, 1 April 2022 (Civil.ge) -- The vote was set.", date(2022, 4, 1), "The vote was set."),
        ("Portland, Maine, April 1 - Oil fell.", MonthDay(4, 1), "Oil fell."),
    ],
)
def test_a_newswire_lead_in_gives_its_date_and_where_the_story_starts(paragraph, day, rest):
    found = dates.lead_in(paragraph)
    assert found is not None and found[0] == day and paragraph[found[1] :] == rest


@pytest.mark.parametrize(
    "paragraph",
    [
        "WASHINGTON (Reuters) - The State Department said on Thursday it would not recognise the vote.",
        "On Friday, April 1 - the day of the vote - turnout was low.",
        "Today, April 1 - the day of the vote - turnout was low.",
        "Shares, which rose on April 1 - a Friday - fell again.",
        "The bonds, due March 30, 1990 - the bank said - pay 7 pct.",
    ],
)
def test_a_paragraph_without_a_dated_lead_in_has_none(paragraph):
    assert dates.lead_in(paragraph) is None


# Cleaning: where a dateline may be


@pytest.mark.parametrize("width", [34, 41, 45, 50, 58, 66, 72, 80, 95])
def test_dates_in_a_hard_wrapped_story_are_never_its_date(width):
    body = "\n\n".join(textwrap.fill(paragraph, width, break_on_hyphens=False) for paragraph in STORY)
    article = clean(read(f"MERRILL LYNCH ISSUES 100 MLN ECU EUROBOND\n\n{body}\n"))
    assert article.dated is None
    if width >= 45:  # narrower wrapping is not recognised as wrapping: its lines stay paragraphs
        assert STORY[0] in article.text and STORY[1] in article.text  # the wrapped sentences are whole again


def test_dates_in_a_story_laid_out_one_line_per_paragraph_are_never_its_date():
    for start in range(len(STORY)):
        article = clean(read("A Headline\n" + "\n".join(STORY[start:] + STORY[:start])))
        assert (article.dated is None) == (start != 4), start  # only when "Friday, April 1, 2022" opens the story


def test_the_seeds_dateline_after_the_byline():
    article = clean(read(f"A Headline\nBy Natalia Kochiashvili\nFriday, April 1, 2022\n{STORY[5]}"))
    assert (article.author, article.dated) == ("Natalia Kochiashvili", Dated(date(2022, 4, 1), dates.DATELINE))
    assert article.text == STORY[5]


def test_a_wrapped_header_keeps_its_dateline():
    body = textwrap.fill(STORY[0] * 3, 60)
    article = clean(read(f"Eurobond issued\nPublished 01.04.2022 14:05\n\n{body}"))
    assert article.published == date(2022, 4, 1) and article.date_source == "dateline"
    assert "Published" not in article.text


def test_a_lead_in_dateline_without_a_year_is_a_partial_date_cut_from_the_text():
    article = clean(read("Cocoa review\n\nSALVADOR, Feb 26 - Showers continued throughout the week.\n\nMore rain is due."))
    assert (article.published, article.partial_date, article.date_source) == (None, MonthDay(2, 26), "dateline")
    assert article.text == "Showers continued throughout the week.\n\nMore rain is due."


@pytest.mark.parametrize("width", [48, 52, 60, 72])
def test_a_lead_in_wrapped_with_its_paragraph_is_still_a_dateline(width):
    first = textwrap.fill(f"TBILISI, April 1, 2022 (Reuters) - {STORY[5]} {STORY[1]}", width)
    article = clean(read(f"Vote set\n\n{first}\n\n{textwrap.fill(STORY[0], width)}"))
    assert article.dated == Dated(date(2022, 4, 1), "dateline")
    assert article.text.startswith(STORY[5])


def test_a_dateline_after_the_story_has_begun_is_part_of_the_story():
    text = f"A Headline\n\n{STORY[5]}\n\nFriday, April 1, 2022\n\nTBILISI, April 1 (Reuters) - The vote was set."
    assert clean(read(text)).dated is None


def test_metadata_stands_and_a_dateline_never_completes_a_year_from_elsewhere():
    text = "Cocoa review\n\nSALVADOR, Feb 26 - Showers continued in 1986 and 1987.\n\nMore rain is due."
    with_metadata = clean(read(text, published=date(1987, 2, 26), date_source=dates.SOURCES_TOML))
    assert with_metadata.dated == Dated(date(1987, 2, 26), "sources.toml") and with_metadata.partial_date is None
    assert with_metadata.text.startswith("Showers continued")
    assert clean(read(text)).dated == Dated(MonthDay(2, 26), "dateline")  # not 1986, 1987 or this year


# Readers name where their date came from


def test_front_matter_and_sources_toml_are_named(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2022-03-30\n---\nA Headline\n\nSALVADOR, Feb 26 - A story.")
    (tmp_path / "b.txt").write_text("A Headline\n\nTBILISI, April 1 (Reuters) - Another story.")
    (tmp_path / "sources.toml").write_text('["b.txt"]\npublished = 2022-04-01\n')
    a, b = clean_all(read_sources([tmp_path], [].append, 10_000_000))
    assert (a.dated, a.text) == (Dated(date(2022, 3, 30), "front matter"), "A story.")
    assert (b.dated, b.text) == (Dated(date(2022, 4, 1), "sources.toml"), "Another story.")


def test_jsonl_and_feed_dates_are_named(tmp_path):
    intake = Intake([].append, [].append, 10_000_000, Fetcher())
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"text": "Body text here.", "published": "2022-04-02T10:00:00Z"}) + "\n")
    (record,) = read_path(export, intake)
    assert record.dated == Dated(date(2022, 4, 2), "JSONL")
    entries = read_path(FIXTURES / "feeds" / "harbour-times.rss", intake)
    assert entries and all(e.date_source == "feed" for e in entries if e.published)


PAGE = """<html><head>{head}</head><body>
<div class="masthead"><span class="date">Monday, April 4, 2022</span></div>
<h1>Port strike ends</h1>
{header}
<p>{story} The strike that began on March 28, 2022 ended today after the two sides agreed on pay.</p>
<p>{story}</p><ul class="related"><li><time datetime="2022-03-01">March 1, 2022</time> Older story</li></ul>
</body></html>"""
WORDS = " ".join(["Dockworkers returned to the cranes of the port on Sunday morning."] * 5)


@pytest.mark.parametrize(
    ("head", "header", "dated"),
    [
        ('<meta property="article:published_time" content="2022-04-03T07:00:00+02:00">', "",
         Dated(date(2022, 4, 3), "page metadata")),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-04-02"}</script>', "",
         Dated(date(2022, 4, 2), "JSON-LD")),
        ("", '<p class="dateline">April 3, 2022</p>', Dated(date(2022, 4, 3), "dateline")),
        ("", '<p class="byline">By Erik Dahl</p><time datetime="2022-04-03T07:00">Sunday</time>', Dated(date(2022, 4, 3), "dateline")),
        ("", "", None),  # the masthead's today, the story's dates and a related story's are none of them the date
    ],
)
def test_a_page_is_dated_by_its_metadata_or_its_header_only(head, header, dated):
    page = extract(PAGE.format(head=head, header=header, story=WORDS), "page.html")
    assert (Dated(page.published, page.date_source) if page.published else None) == dated


def test_a_date_taken_from_another_copy_says_so():
    text = "\n\n".join([STORY[0], STORY[1], STORY[3], STORY[5]] * 2)
    copies = [RawDocument("full.txt", text + "\n\n" + "\n\n".join(STORY)),
              RawDocument("wire.jsonl:1", text, published=date(1987, 3, 2), date_source="JSONL")]
    (kept,) = merge_duplicates(copies, [].append, use_lsh=False)
    assert kept.origin == "full.txt" and kept.dated == Dated(date(1987, 3, 2), "JSONL of a copy")


# What the user sees


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: Front matter story\ndate: 2022-03-30\n---\nThe council met and voted.")
    (folder / "b.txt").write_text("Seeds layout story\nBy Jane Doe\nFriday, April 1, 2022\nThe vote was held on Friday.")
    (folder / "c.txt").write_text("Cocoa review\n\nSALVADOR, Feb 26 - Showers continued throughout the week.")
    body = "\n\n".join(textwrap.fill(p, 60) for p in STORY)
    (folder / "d.txt").write_text(f"EUROBOND ISSUED\n\n{body}\n")


def test_briefing_sources_says_where_each_date_came_from(tmp_path):
    write_corpus(tmp_path / "in")
    result = runner.invoke(app, ["sources", str(tmp_path / "in")])
    assert result.exit_code == 0, result.output
    listing = [line for line in result.output.splitlines() if line[:3].strip().isdigit()]
    assert len(listing) == 4, result.output
    by_file = {Path(next(w for w in line.split() if w.endswith((".md", ".txt")))).name: line for line in listing}
    assert "2022-03-30" in by_file["a.md"] and by_file["a.md"].endswith("[date from front matter]")
    assert "2022-04-01" in by_file["b.txt"] and by_file["b.txt"].endswith("[date from dateline]")
    assert "--02-26" in by_file["c.txt"] and by_file["c.txt"].endswith("[dateline: Feb 26, no year]")
    assert " undated " in by_file["d.txt"] and "[" not in by_file["d.txt"].split("d.txt")[-1]


def test_briefing_sources_json_carries_the_date_source(tmp_path):
    write_corpus(tmp_path / "in")
    result = runner.invoke(app, ["sources", str(tmp_path / "in"), "--json"])
    assert result.exit_code == 0, result.output
    articles = {Path(a["origin"]).name: a for a in json.loads(result.output)["articles"]}
    assert [articles[name]["date_source"] for name in ("a.md", "b.txt", "c.txt", "d.txt")] == [
        "front matter", "dateline", "dateline", None]
    assert (articles["c.txt"]["published"], articles["c.txt"]["partial_date"]) == (None, "--02-26")


def test_verbose_build_logs_each_date_and_the_briefing_lists_a_missing_year(tmp_path):
    write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "build", str(tmp_path / "in"), "--out", str(out), "--format", "json", "-v"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert f"{tmp_path / 'in' / 'a.md'}: date 2022-03-30 from front matter" in done.stderr
    assert f"{tmp_path / 'in' / 'c.txt'}: date --02-26 from dateline" in done.stderr
    assert "gives Feb 26 but no year" in done.stderr
    data = json.loads((out / "briefing.json").read_text())
    validator = jsonschema.Draft202012Validator(load(JSON_SCHEMA), format_checker=jsonschema.FormatChecker())
    assert not list(validator.iter_errors(data))
    sources = {Path(s["path"]).name: s for s in data["sources"]}
    assert (sources["c.txt"]["published"], sources["c.txt"]["partial_date"], sources["c.txt"]["date_source"]) == (
        None, "--02-26", "dateline")
    assert (sources["b.txt"]["published"], sources["b.txt"]["date_source"]) == ("2022-04-01", "dateline")
    assert sources["d.txt"]["published"] is None and sources["d.txt"]["date_source"] is None


def test_the_source_list_names_a_day_without_its_year():
    source = Source(1, "Cocoa review", "c.txt", partial_date=MonthDay(2, 26), date_source="dateline")
    assert render.template_env().filters["source_details"](source) == ["Feb 26 (year not stated)"]


def test_since_keeps_an_article_whose_year_is_unknown(tmp_path):
    write_corpus(tmp_path / "in")
    result = runner.invoke(app, ["sources", str(tmp_path / "in"), "--since", "2022-04-01"])
    assert result.exit_code == 0, result.output
    assert "c.txt" in result.output and "a.md: published 2022-03-30, before --since 2022-04-01; left out" in result.output


# Reuters-21578 in place: none of its articles states a date in its text


def reuters_sample() -> list[dict]:
    if not REUTERS.is_file():
        pytest.skip(f"the Reuters-21578 evaluation file is not here ({REUTERS})")
    with REUTERS.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    return rows[:: max(1, len(rows) // REUTERS_SAMPLE)]


def write_reuters(rows: list[dict], folder: Path, front_matter: bool) -> None:
    folder.mkdir()
    for row in rows:
        body = "\n\n".join(textwrap.fill(p, 70) for p in row["text"].split("\n\n"))
        head = f"---\ndate: {row['date']}\n---\n" if front_matter else ""
        (folder / f"{row['id']}.txt").write_text(f"{head}{row['title']}\n\n{body}\n", encoding="utf-8")


@pytest.mark.parametrize("front_matter", [False, True], ids=["headline-and-body", "with-front-matter"])
def test_reuters_articles_are_dated_only_by_what_states_their_date(tmp_path, front_matter):
    rows = reuters_sample()
    write_reuters(rows, tmp_path / "wire", front_matter)
    articles = {Path(a.origin).stem: a for a in clean_all(read_sources([tmp_path / "wire"], [].append, 10_000_000))}
    assert len(articles) == len(rows)
    expected = {row["id"]: Dated(date.fromisoformat(row["date"]), "front matter") if front_matter else None for row in rows}
    assert {key: article.dated for key, article in articles.items()} == expected


def test_a_page_text_opening_with_a_dateline_loses_it_and_dates_by_it_only_without_metadata():
    text = f"TBILISI, April 1 (Reuters) - {STORY[5]}\n\n{STORY[0]}"
    bare = clean(RawDocument("page.html", text, has_header=False))
    assert bare.dated == Dated(MonthDay(4, 1), "dateline") and bare.text.startswith(STORY[5])
    dated = clean(RawDocument("page.html", text, has_header=False, published=date(2022, 4, 1), date_source="JSON-LD"))
    assert dated.dated == Dated(date(2022, 4, 1), "JSON-LD") and dated.text.startswith(STORY[5])


def test_a_header_with_a_day_and_a_full_date_takes_the_full_date():
    article = clean(read(f"A Headline\nBy Jane Doe | Friday, April 1\nPublished 01.04.2022 14:05\n{STORY[5]}"))
    assert article.dated == Dated(date(2022, 4, 1), "dateline") and article.author == "Jane Doe"
