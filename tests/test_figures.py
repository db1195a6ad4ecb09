"""Figures that disagree: the interval a figure allows, what it counts, and the
briefing's section built from real articles through the `briefing` command."""

import json
import math
from pathlib import Path

import pytest
from helpers import built_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefing.models import Sentence
from briefing.story.figures import conflicts, quantities

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def sentence(text, article=0):
    return Sentence(text, article, 0, 0, len(text))


def only(text):
    found = quantities(sentence(text))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("More than 9,000 people were killed.", 9000, math.inf),
        ("Up to 12,000 people died.", 0, 12000),
        ("Some 11 thousand people were killed.", 10000, 12000),  # "some": one unit of the last digit
        ("It has about 55,000 inhabitants.", 54000, 56000),
        ("It has 55,000 inhabitants.", 54500, 55500),  # a round number is rounded: half a unit
        ("It has 54,312 inhabitants.", 54311.5, 54312.5),
        ("Between 5,000 and 7,000 soldiers were sent.", 4500, 7500),
        ("Two to three thousand people fled.", 1500, 3500),
        ("The city has a population of about 2.5 million.", 2_400_000, 2_600_000),
        ("Hundreds of thousands of people fled.", 100_000, 1_999_999),
        ("Nearly 37,000 deaths were recorded.", 36000, 37000),
    ],
)
def test_a_figure_is_the_interval_its_words_allow(text, low, high):
    found = only(text)
    assert (found.low, found.high) == (low, high)


@pytest.mark.parametrize(
    "text",
    [
        "The war of 2008 ended in August.",  # a year
        "He spent 20 years in jail.",  # a duration
        "Prices rose 12 percent.",  # a share
        "About 10,000 people were there.",  # people, nothing said of them
        "The 4th base was deployed.",
    ],
)
def test_what_is_no_count_of_anything_is_no_figure(text):
    assert quantities(sentence(text)) == []


def test_what_a_figure_counts():
    displaced = only("Up to 30,000 Georgian citizens were displaced.").thing
    assert (displaced.head, displaced.event, displaced.group) == ("people", "displaced", frozenset({"georgian"}))
    # "ethnic" does not make them others; "government" and "rebel" troops are two counts.
    assert only("Some 30 thousand ethnic Georgians remain uprooted.").thing.group == frozenset({"georgian"})
    assert only("Some 5,000 government troops were sent.").thing.group != only("Some 3,500 rebel troops were sent.").thing.group
    toll = only("The death toll stood at around 7,000.").thing
    assert (toll.head, toll.event) == ("people", "dead")
    place = only("South Ossetia – a tiny territory of less than 50,000 people – gained independence.").thing
    assert (place.event, place.place) == ("population", "South Ossetia")


def pair(a, b):
    return conflicts([sentence(a, 0), sentence(b, 1)])


def test_the_issues_examples():
    # "more than 9,000 dead" and "around 7,000 dead" cannot both be true ...
    found = pair("Hurricane Mitch killed more than 9,000 people.", "Hurricane Mitch left around 7,000 dead.")
    assert len(found) == 1 and found[0].about == "people killed"
    assert [f.figure for f in found[0].figures] == ["more than 9,000 people", "around 7,000 dead"]
    assert [f.sources for f in found[0].figures] == [(1,), (2,)]
    # Sentences too short to name their incident are taken to be about the story's.
    assert len(pair("More than 9,000 dead.", "Around 7,000 dead.")) == 1
    # ... "up to 12,000" and "some 11 thousand" can.
    assert pair("Hurricane Mitch killed up to 12,000 people.", "Hurricane Mitch killed some 11 thousand people.") == ()


@pytest.mark.parametrize(
    "a, b, conflict",
    [
        # An approximation stops short of the next round number ...
        ("Pinochet's rule killed some 3,000 people.", "Pinochet's rule killed at least 4,000 people.", True),
        # ... while "up to" and "at least" may meet at the number itself.
        ("Pinochet's rule killed up to 4,000 people.", "Pinochet's rule killed at least 4,000 people.", False),
        # Round numbers are rounded to their last digit: 22 and 23 million do not meet.
        ("North Korea's 22 million people need food.", "The harvest cannot feed its 23 million people.", True),
        ("The blast killed about 50 people.", "The blast killed 56 people.", False),
    ],
)
def test_where_two_intervals_meet(a, b, conflict):
    assert bool(pair(a, b)) == conflict


@pytest.mark.parametrize(
    "a, b",
    [
        # A population and a count of troops are different things.
        ("South Ossetia, a territory of less than 50,000 people, has voted.",
         "Russia has sent around 2,000 troops to South Ossetia."),
        # Figures of two years: "In 1978, 20 people died in a fire" is another fire.
        ("In 1978, 20 people died in a hotel fire.", "The disco fire killed 60 people."),
        # Far apart: a slum's residents and a continent's people.
        ("The slum has about 300,000 residents.", "The continent is home to 300 million people."),
        # Tolls of two places, or of two incidents.
        ("The bomb killed 11 people in Dar es Salaam.", "The bomb killed more than 200 people in Nairobi."),
        ("The strike in Afghanistan killed 26 people.", "The embassy blast killed more than 200 people."),
        # One source's own figures are not a disagreement.
    ],
)
def test_figures_about_different_things_never_conflict(a, b):
    assert quantities(sentence(a)) and quantities(sentence(b))  # both read, neither flagged
    assert pair(a, b) == ()


def test_one_sources_figures_are_not_compared():
    same = [sentence("The storm killed 40 people.", 0), sentence("The storm killed 400 people by Friday.", 0)]
    assert conflicts(same) == ()


def test_a_figure_quoted_carries_offsets_into_its_article():
    text = "South Ossetia – a tiny territory of less than 50,000 people – gained independence."
    figure = conflicts([Sentence(text, 3, 7, 100, 100 + len(text)),
                        sentence("It offered benefits to its approximately 55,000 inhabitants.", 4)])[0].figures[0]
    assert (figure.sources, figure.start, figure.end) == ((4,), 100, 100 + len(text))
    assert text[figure.figure_start - 100 : figure.figure_end - 100] == figure.figure == "less than 50,000 people"


def test_the_labelled_seed_pairs():
    """Real sentence pairs from the seed articles, labelled by hand (README: "Figures that disagree")."""
    rows = [json.loads(line) for line in (FIXTURES / "figure_pairs_seeds.jsonl").read_text("utf-8").splitlines()]
    assert any(r["conflict"] for r in rows) and not all(r["conflict"] for r in rows)
    for row in rows:
        assert bool(pair(row["a"], row["b"])) == row["conflict"], row["note"]


def _write(folder, name, published, body):
    meta = f"---\ntitle: {name}\npublished: {published}\n---\n" if published else ""
    (folder / f"{name}.txt").write_text(meta + body + "\n", "utf-8")


@pytest.fixture
def disagreeing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "wire", "2022-04-01",
           "The island voted on Sunday in a referendum on independence from the mainland.\n\n"
           "Kalvia – a small island of less than 50,000 people – has long sought independence.\n\n"
           "Officials said the count would take several days to finish.")
    _write(corpus, "paper", "2022-04-02",
           "Voters on the island went to the polls on Sunday in a referendum on independence.\n\n"
           "The mainland has sent some 2,000 troops to the island, officials said.\n\n"
           "The island's government offers free schooling to its approximately 55,000 inhabitants.")
    return corpus


def test_build_shows_figures_that_disagree_in_every_format(tmp_path, disagreeing):
    out, data = built_in(tmp_path, disagreeing)
    [conflict] = data["figures"]  # the troops are no population: one conflict only
    assert conflict["about"] == "population of Kalvia"
    by_source = {f["sources"][0]: f for f in conflict["figures"]}
    titles = {s["id"]: s["title"] for s in data["sources"]}
    assert {titles[i]: f["figure"] for i, f in by_source.items()} == {
        "wire": "less than 50,000 people", "paper": "approximately 55,000 inhabitants"}
    texts = {s["id"]: s["text"] for s in data["sources"]}
    for figure in conflict["figures"]:  # a client checks each figure against its source's text
        text = texts[figure["sources"][0]]
        assert text[figure["start"] : figure["end"]] == figure["text"]
        assert text[figure["figure_start"] : figure["figure_end"]] == figure["figure"]
        assert figure["text"] in (disagreeing / f"{titles[figure['sources'][0]]}.txt").read_text("utf-8")
    markdown = (out / "briefing.md").read_text("utf-8")
    assert "## Figures that disagree" in markdown and "**less than 50,000 people**" in markdown
    html = (out / "briefing.html").read_text("utf-8")
    assert '<mark class="figure">approximately 55,000 inhabitants</mark>' in html


def test_no_section_when_nothing_disagrees(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "one", "2022-04-01", "Kalvia – a small island of less than 50,000 people – voted on Sunday.")
    _write(corpus, "two", "2022-04-01", "The mainland keeps some 60,000 troops near Kalvia, officials said.")
    out, data = built_in(tmp_path, corpus)
    assert data["figures"] == []
    assert "Figures that disagree" not in (out / "briefing.md").read_text("utf-8")
    assert 'id="figures"' not in (out / "briefing.html").read_text("utf-8")


def test_the_part_can_be_switched_off(tmp_path, disagreeing):
    config = tmp_path / "briefing.toml"
    config.write_text('[parts]\nfigures = false\n', "utf-8")
    out, data = built_in(tmp_path, disagreeing, "--config", str(config))
    assert data["figures"] is None
    assert "Figures that disagree" not in (out / "briefing.md").read_text("utf-8")


NUMBERISH = st.sampled_from(
    ["more than", "up to", "about", "some", "less than", "at least", "nearly", "between", "and", "to", "-", "–",
     "9,000", "7,000", "12", "1.5", "0", "00", "2008", "1991-92", "thousand", "million", "hundreds of", "a",
     "dozens of", "people", "troops", "inhabitants", "killed", "were", "dead", "the death toll rose to", "its",
     "South Ossetia", "’s", "of", ",", ".", " ", "%", "$", "km", "in", "Kalvia", "—"]
)
FIGURE_TEXTS = st.lists(st.one_of(NUMBERISH, st.text(max_size=8)), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FIGURE_TEXTS, FIGURE_TEXTS)
def test_any_text_gives_figures_inside_their_sentences(a, b):
    for text in (a, b):
        for found in quantities(sentence(text)):
            assert 0 <= found.start < found.end <= len(text) and found.low <= found.high
    for conflict in conflicts([sentence(a, 0), sentence(b, 1)]):
        for figure in conflict.figures:
            assert figure.text[figure.figure_start - figure.start : figure.figure_end - figure.start] == figure.figure
