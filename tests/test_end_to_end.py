"""The seed corpus built for real: every output read back and checked."""

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from briefing.config import default_config_path, load_config
from briefing.pipeline import build_and_write

SEEDS = Path(__file__).parent.parent / "seeds"
GOLDEN = Path(__file__).parent / "golden" / "seeds_digest.md"
PINNED = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
SECTIONS = ["The referendum", "Troops in Ukraine", "Reactions", "History"]
BOILERPLATE = [
    "Skip to content", "Placeholder while loading", "| News", "See Also", "Also Read", "Related article",
    "http", "cookies", "Send CV", "also available in", "Not all news on the site", "neutrality in talks",
    "By Natalia Kochiashvili",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    config = load_config(default_config_path(), out=out)
    build_and_write(config, now=PINNED)
    return out


@pytest.fixture(scope="module")
def data(built):
    return json.loads((built / "briefing.json").read_text())


def squash(text):
    return " ".join(text.split())


def test_all_four_outputs_and_no_temporary_files(built):
    # and the mark that keeps a build from reading an output folder as sources
    expected = [".briefing-output", "briefing.html", "briefing.json", "briefing.md", "briefing.pdf"]
    assert sorted(p.name for p in built.iterdir()) == expected


def test_sections_follow_the_profile(data):
    assert [s["title"] for s in data["sections"]][:4] == SECTIONS
    for section in data["sections"][:4]:
        assert section["summary"], section["title"]


def test_every_summary_sentence_is_verbatim_and_cited(data):
    ids = {s["id"]: s for s in data["sources"]}
    sentences = data["key_points"] + [s for section in data["sections"] for s in section["summary"]]
    assert sentences
    for sentence in sentences:
        assert sentence["sources"] and set(sentence["sources"]) <= ids.keys()
        first = ids[sentence["sources"][0]]
        original = squash((SEEDS / first["path"]).read_text())
        assert squash(sentence["text"]) in original
        # The offsets point into the cleaned text the JSON carries.
        assert first["text"][sentence["start"]:sentence["end"]] == sentence["text"]


def test_json_names_files_relative_to_the_config_and_matches_its_schema(data):
    from briefing.schemas import JSON_SCHEMA, load

    assert [s["path"] for s in data["sources"]] and all(not Path(s["path"]).is_absolute() for s in data["sources"])
    assert all((SEEDS / s["path"]).is_file() for s in data["sources"])
    validator = jsonschema.Draft202012Validator(load(JSON_SCHEMA), format_checker=jsonschema.FormatChecker())
    assert not [error.message for error in validator.iter_errors(data)]


def test_sources_carry_metadata_from_the_text(data):
    by_file = {Path(s["path"]).name[:3]: s for s in data["sources"]}
    assert by_file["000"]["author"] == "Natalia Kochiashvili"
    assert by_file["000"]["published"] == "2022-04-01"
    assert by_file["004"]["title"].startswith("What is happening in South Ossetia")
    assert len(data["sources"]) == 5


def test_repeated_statement_is_said_once_and_credits_every_source(data):
    peskov = [s for section in data["sections"] for s in section["summary"] if "Peskov" in s["text"]]
    assert len(peskov) <= 1
    if peskov:
        assert len(peskov[0]["sources"]) >= 2


def test_word_budgets_hold(data):
    config = load_config(default_config_path())
    for section in data["sections"]:
        assert sum(len(s["text"].split()) for s in section["summary"]) <= config.words_per_section
    assert sum(len(s["text"].split()) for sec in data["sections"] for s in sec["summary"]) <= config.total_words


def test_no_boilerplate_anywhere(built):
    for name in ("briefing.md", "briefing.html"):
        body = (built / name).read_text().split("Sources")[0]
        for phrase in BOILERPLATE:
            assert phrase not in body, (name, phrase)


def test_markdown_digest_parses_with_the_expected_structure(built, data):
    tokens = MarkdownIt("commonmark").parse((built / "briefing.md").read_text())
    headings = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    sections = [("h2", s["title"]) for s in data["sections"]]
    conflicts = [("h3", c["about"][:1].upper() + c["about"][1:]) for c in data["figures"]]
    assert headings == [("h1", "South Ossetia's referendum on joining Russia"), ("h2", "Key points"), *sections,
                        ("h2", "Who said what"), ("h2", "Figures that disagree"), *conflicts, ("h2", "Timeline"),
                        ("h2", "Sources")]
    assert sections[:4] == [("h2", title) for title in SECTIONS]
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]


def test_pdf_has_text_outline_links_and_page_numbers(built):
    reader = PdfReader(built / "briefing.pdf")
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    for heading in ["Key points", *SECTIONS, "Sources"]:
        assert heading in text
    assert re.search(r"Page 1 of \d+", text)
    outline = [item.title for item in _flatten(reader.outline)]
    assert all(title in outline for title in SECTIONS)
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", []) if a.get_object().get("/Subtype") == "/Link"]
    internal = [a for a in links if a.get("/Dest") is not None or a.get("/A", {}).get("/S") == "/GoTo"]
    assert len(internal) >= 10
    for phrase in BOILERPLATE[:-1]:
        assert phrase not in text.split("Sources")[0], phrase


def test_pdf_shows_who_said_what_and_corroboration(built, data):
    """The seeds' PDF read back as an analyst would: the speakers' part, a
    bullet's speaker per its source, and outlets per statement."""
    text = squash(" ".join(page.extract_text() for page in PdfReader(built / "briefing.pdf").pages))
    assert "Who said what" in text and "Who said what" in [i.title for i in _flatten(PdfReader(built / "briefing.pdf").outline)]
    body = text.split("Who said what")[0]
    for entry in data["who_said_what"][:3]:
        assert entry["name"] in text.split("Who said what")[1]
    shown = [s for s in data["key_points"] if s["speaker"] and not s["speaker"]["named_in_sentence"]]
    for bullet in shown:
        assert f"— {bullet['speaker']['name'] or bullet['speaker']['role']}, per [{bullet['speaker']['per']}]" in body
    assert "outlets" in body and "single source" in body


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_golden_digest_with_pinned_clock(built, request):
    digest = (built / "briefing.md").read_text().replace(str(SEEDS.resolve()), "seeds")
    if request.config.getoption("--update-golden"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(digest)
    assert digest == GOLDEN.read_text()


def test_figures_and_timeline_of_the_seeds_read_back(built, data):
    """The seeds' population given under one figure and about another, and a timeline
    from 1801 to April 2022 in which each date has its source's precision."""
    [conflict] = data["figures"]
    assert conflict["about"] == "population of South Ossetia"
    assert [f["figure"] for f in conflict["figures"]] == ["less than 50,000 people", "approximately 55,000 inhabitants"]
    timeline = data["timeline"]
    assert [e["earliest"] for e in timeline] == sorted(e["earliest"] for e in timeline)
    when = {e["when"] for e in timeline}
    assert {"1801", "May 1920", "August 2008", "August 26, 2008", "April 10, 2022"} <= when
    ids = {s["id"]: s for s in data["sources"]}
    for event in timeline:  # every entry checks against its source's text
        text = ids[event["sources"][0]]["text"]
        assert text[event["start"] : event["end"]] == event["text"]
        assert event["start"] <= event["date_start"] < event["date_end"] <= event["end"]
        if event["relative"]:  # only the one dated article resolves relative dates
            assert ids[event["sources"][0]]["published"] == "2022-04-01"
    for figure in conflict["figures"]:
        text = ids[figure["sources"][0]]["text"]
        assert text[figure["start"] : figure["end"]] == figure["text"]
        assert text[figure["figure_start"] : figure["figure_end"]] == figure["figure"]
    reader = PdfReader(built / "briefing.pdf")
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    assert "Figures that disagree" in text and "less than 50,000 people" in text
    assert "Timeline" in text and "August 26, 2008" in text
    outline = [item.title for item in _flatten(reader.outline)]
    assert "Figures that disagree" in outline and "Timeline" in outline
