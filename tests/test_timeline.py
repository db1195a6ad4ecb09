"""Timeline: the date grammar, dates resolved against the article's own date,
and the section built through the `briefing` command."""

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import built_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefing.cli import app
from briefing.models import Sentence
from briefing.story.timeline import events, mentions, reads_alone, sentence_date

FIXTURES = Path(__file__).parent / "fixtures"
FRIDAY = date(2022, 4, 1)  # the seeds' one dated article: Friday, April 1, 2022
runner = CliRunner()


def dated(text, published=None):
    found = sentence_date(Sentence(text, 0, 0, 0, len(text)), published)
    return found and (found.earliest, found.latest, found.precision, found.label)


@pytest.mark.parametrize(
    "text, earliest, latest, precision, label",
    [
        ("Russia invaded on February 24, 2022, from three sides.", date(2022, 2, 24), date(2022, 2, 24), "day", "February 24, 2022"),
        ("Russia invaded on 24 February 2022 from three sides.", date(2022, 2, 24), date(2022, 2, 24), "day", "February 24, 2022"),
        ("The army crossed the border in August 2008 at night.", date(2008, 8, 1), date(2008, 8, 31), "month", "August 2008"),
        ("The armed conflict in 1991-92 uprooted thousands.", date(1991, 1, 1), date(1992, 12, 31), "year", "1991–1992"),
        ("Moscow recognized the region in 2008, after a war.", date(2008, 1, 1), date(2008, 12, 31), "year", "2008"),
        ("Abuses took place between 1973 and 1983 in Chile.", date(1973, 1, 1), date(1983, 12, 31), "year", "1973–1983"),
        ("Netanyahu appointed him on Oct. 9, 1998, to the post.", date(1998, 10, 9), date(1998, 10, 9), "day", "October 9, 1998"),
        # A later date that narrows the first: "In August 2008, ... on August 26".
        ("In August 2008, after the war, the Kremlin recognized it on August 26.", date(2008, 8, 26), date(2008, 8, 26), "day", "August 26, 2008"),
    ],
)
def test_absolute_dates_at_the_precision_the_text_gives(text, earliest, latest, precision, label):
    assert dated(text) == (earliest, latest, precision, label)


@pytest.mark.parametrize(
    "text, day",
    [
        # "on Thursday" in Friday's paper is the day before; "on Friday" is that day.
        ("The spokesman told journalists on Thursday that nothing was decided.", date(2022, 3, 31)),
        ("Bibilov announced the vote on Friday in a video address.", date(2022, 4, 1)),
        ("Officials met yesterday to discuss the referendum.", date(2022, 3, 31)),
        ("March 30 it became known that a referendum would be held.", date(2022, 3, 30)),
        # Looking ahead: the next one.
        ("The presidential elections are scheduled for April 10.", date(2022, 4, 10)),
        ("The delegation will meet on Tuesday in the capital.", date(2022, 4, 5)),
        ("Officials said they expect the envoy to meet the president on Monday.", date(2022, 4, 4)),
        ("On Sunday, the president plans to visit the troops stationed there.", date(2022, 4, 3)),
        ("In December the administration plans to resume the talks over the site.", None),
        # "said on Friday that ... will": the saying is past, whatever is said of the future.
        ("The leader announced on Friday that the region will hold a referendum.", date(2022, 4, 1)),
        ("The leaders last met on 20 December in the capital.", date(2021, 12, 20)),
        # Wire copy in capitals (a Reuters headline) names the day all the same.
        ("HOLDERS APPROVED THE MERGER WEDNESDAY, THE COMPANY SAID.", date(2022, 3, 30)),
    ],
)
def test_relative_dates_resolve_against_the_articles_date(text, day):
    if day is None:  # a month: the next December, since the sentence looks ahead
        assert dated(text, FRIDAY)[3] == "December 2022"
    else:
        assert dated(text, FRIDAY)[:2] == (day, day)


def test_a_day_of_the_coming_month_is_that_coming_day():
    # In December, "Jan. 1" is the coming one; in late November, "Dec. 1" too. A month alone looks back.
    assert dated("The nations launching the euro on Jan. 1 cut rates.", date(1998, 12, 3))[3] == "January 1, 1999"
    assert dated("The council of the bank gauges inflation on Dec. 1, its chief said.", date(1998, 11, 27))[3] == (
        "December 1, 1998")
    assert dated("Prices fell in January, the agency said.", date(1998, 12, 3))[3] == "January 1998"
    assert dated("The leaders last met on 20 December in the capital.", date(2022, 4, 1))[3] == "December 20, 2021"


def test_a_future_word_in_a_quotation_is_the_speakers_not_the_dates():
    said = '"Such a meeting will achieve no result," the king wrote in an Oct. 17 letter to his son.'
    assert dated(said, date(1998, 10, 22))[3] == "October 17, 1998"


def test_a_month_ahead_only_as_far_as_the_sentence_looks():
    october = date(1998, 10, 4)
    # "persuaded him to meet in May", in October: last May, not one seven months away.
    assert dated("Holbrooke persuaded Milosevic to meet in May with Rugova, the leader.", october)[3] == "May 1998"
    assert dated("The administration plans to resume the talks over the site in May.", october)[3] == "May 1999"


def test_last_week_and_weekend_are_spans_of_days():
    # Friday April 1, 2022: last week is March 21-27, last weekend March 26-27.
    assert dated("Officials met the envoy last week in the capital city.", FRIDAY) == (
        date(2022, 3, 21), date(2022, 3, 27), "week", "week of March 21, 2022")
    assert dated("Officials met the envoy last weekend in the capital city.", FRIDAY)[:2] == (date(2022, 3, 26), date(2022, 3, 27))


def test_last_year_and_years_ago_are_years():
    assert dated("The region held a similar vote last year, without result.", FRIDAY)[3] == "2021"
    assert dated("The campaign began five years ago in the capital.", FRIDAY)[3] == "2017"
    # A count past the calendar dates nothing (it had raised: found by the property test below).
    assert not dated("The legend began 99999 years ago in the capital.", FRIDAY)
    assert not dated("The legend began 99999999 days ago in the capital.", FRIDAY)


@pytest.mark.parametrize(
    "text",
    [
        "The spokesman told journalists on Thursday that nothing was decided.",
        "March 30 it became known that a referendum would be held.",
        "Officials met yesterday to discuss the referendum.",
    ],
)
def test_an_undated_article_gives_no_relative_date(text):
    assert dated(text, None) is None


@pytest.mark.parametrize(
    "text",
    [
        "Since 2008, Russia has controlled the region and its border.",  # a span, not an event
        "The region was no district in any form until 1922, historians say.",
        "Georgians remember the 2008 war with fear and anger.",  # the name of a known event
        "Some 2000 people were displaced from the villages.",  # a count, not a year
        "Bibilov's campaign is no different from the campaign of 5 years ago.",
        # An event the sentence refers to, not one it tells.
        "The minister says the government will not allow what happened in 2008 to be repeated.",
        "Despite a short alliance with an Islamic party in 1974, he is a staunch defender of secularism.",
    ],
)
def test_dates_that_are_no_event_of_the_sentence(text):
    assert dated(text, FRIDAY) is None


@pytest.mark.parametrize(
    "text, label",
    [
        # A relative clause's date gives way to the main clause's, with or without commas around it.
        ("Pasechnik, head of the republic, which declared independence in 2014, said on March 27, 2022 that "
         "a referendum may follow.", "March 27, 2022"),
        ("Mbeki — who became party president in 1997 — took a hard line on November 7, 1998 against it.",
         "November 7, 1998"),
        ("The man who shot him in 1994 was arrested on October 16, 1998 in London.", "October 16, 1998"),
        ("A lawmaker who planned to run for president in the elections was killed on November 20, 1998 at home.",
         "November 20, 1998"),
        # An earlier event gives way to what followed, and an aside in brackets to the main clause.
        ("Only after the annexation of Georgia in 1921, the oblast was created within the republic in 1922.", "1922"),
        ("After the takeover of East Georgia in 1801, the area was part of the short-lived Governate (1840).",
         "1801"),
        # With no date of its own, the main clause leaves the clause's date standing: it is what the sentence tells.
        ("El Hage, who moved back to the United States in 1997, has pleaded not guilty to the charges.", "1997"),
        # "the following" is no event.
        ("Eurostat gave the following rates for November 1998, with November 1997 in brackets.", "November 1998"),
    ],
)
def test_the_main_clause_dates_the_sentence(text, label):
    assert dated(text)[3] == label


def test_a_sentence_that_leans_on_the_one_before_is_left_out():
    assert not reads_alone("But he said the recognition in 2008 was not a sufficient step.")
    assert not reads_alone("It has also stoked sentiment in the region recognized in 2008.")
    assert not reads_alone("“We had the opportunity in 2014 when Crimea returned.")
    assert reads_alone("Moscow recognized the independence of the region on August 26, 2008.")
    # Who or what it tells of is named before: "On Saturday, he traveled..." (who?), "The move followed...".
    assert not reads_alone("On Saturday, he traveled with the foreign minister to Riyadh for talks.")
    assert not reads_alone("The move followed a criminal complaint filed in Geneva last week.")
    # A connective its date makes good is no reason to leave it out.
    assert reads_alone("Earlier this month, the Energy Department predicted lower oil prices.")


def test_the_same_event_from_two_sources_is_one_entry_citing_both():
    a = "Moscow recognized the independence of Abkhazia and Tskhinvali on August 26, 2008, two weeks after the war."
    b = "In August 2008, after the Russian army invaded Georgia, the Kremlin recognized the independence of South Ossetia on August 26."
    c = "Elections in the region are scheduled for April 10, 2022, officials said."
    found = events([Sentence(a, 0, 0, 0, len(a)), Sentence(b, 1, 0, 0, len(b)), Sentence(c, 1, 1, 200, 200 + len(c))],
                   [None, None])
    assert [(e.when, e.sources) for e in found] == [("August 26, 2008", (1, 2)), ("April 10, 2022", (2,))]
    assert (found[1].start, found[1].end) == (200, 200 + len(c))
    assert c[found[1].date_start - 200 : found[1].date_end - 200] == "April 10, 2022"


def test_mentions_are_in_order_and_do_not_overlap():
    text = "From 1846 until 1918 the area was part of the Tiflis Governate, and in May 1920 it was recognized."
    found = mentions(text, None)
    assert [text[m.start : m.end] for m in found] == ["1846", "1918", "May 1920"]


def _write(folder, name, published, body):
    meta = f"---\ntitle: {name}\n" + (f"published: {published}\n" if published else "") + "---\n"
    (folder / f"{name}.txt").write_text(meta + body + "\n", "utf-8")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    _write(folder, "dated", "2022-04-01",
           "The Kremlin spokesman told journalists on Thursday that no legal steps had been taken.\n\n"
           "The region's leader first proposed a vote on joining Russia in 2016, but it was never held.")
    _write(folder, "undated", None,
           "The opposition leader told reporters on Thursday that the vote was a stunt.\n\n"
           "Moscow recognized the region's independence on August 26, 2008, two weeks after the war.")
    return folder


def test_build_shows_the_timeline_in_every_format(tmp_path, corpus):
    out, data = built_in(tmp_path, corpus)
    titles = {s["id"]: s["title"] for s in data["sources"]}
    timeline = [(e["when"], titles[e["sources"][0]], e["relative"]) for e in data["timeline"]]
    # Oldest first; the undated article's "on Thursday" is left out, not guessed.
    assert timeline == [("August 26, 2008", "undated", False), ("2016", "dated", False),
                        ("March 31, 2022", "dated", True)]
    texts = {s["id"]: s["text"] for s in data["sources"]}
    for event in data["timeline"]:  # a client checks each entry against its source's text
        text = texts[event["sources"][0]]
        assert text[event["start"] : event["end"]] == event["text"]
        assert event["start"] <= event["date_start"] < event["date_end"] <= event["end"]
        assert event["text"] in (corpus / f"{titles[event['sources'][0]]}.txt").read_text("utf-8")
    markdown = (out / "briefing.md").read_text("utf-8")
    assert "## Timeline" in markdown and "- **March 31, 2022** — The Kremlin spokesman" in markdown
    assert 'class="when relative"' in (out / "briefing.html").read_text("utf-8")


def test_the_timeline_can_be_switched_off_and_capped(tmp_path, corpus):
    config = tmp_path / "briefing.toml"
    config.write_text("[parts]\ntimeline = false\n", "utf-8")
    out, data = built_in(tmp_path, corpus, "--config", str(config))
    assert data["timeline"] is None and "## Timeline" not in (out / "briefing.md").read_text("utf-8")
    config.write_text("[parts]\ntimeline_events = 1\n", "utf-8")
    _, data = built_in(tmp_path, corpus, "--config", str(config))
    assert len(data["timeline"]) == 1


def test_a_bad_timeline_cap_is_a_one_line_error(tmp_path, corpus):
    config = tmp_path / "briefing.toml"
    config.write_text("[parts]\ntimeline_events = -1\n", "utf-8")
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out"), "--config", str(config)])
    assert result.exit_code == 1
    assert "'timeline_events' must not be negative" in result.output and "Traceback" not in result.output


def test_the_seeds_labelled_events_are_found():
    """The hand-labelled dated events of the seeds (README: "Timeline"): a regression
    floor under the figures the README gives, not a target."""
    from briefing.config import default_config_path, load_config
    from briefing.report import Report
    from briefing.sources.corpus import read_articles
    from briefing.text.passages import to_passages

    labels = [json.loads(line) for line in (FIXTURES / "timeline_seeds.jsonl").read_text("utf-8").splitlines()]
    found = set()
    for index, article in enumerate(read_articles(load_config(default_config_path()), Report())):
        sentences = [s for p in to_passages(index, article) for s in p.sentences]
        for event in events(sentences, [article.published] * (index + 1)):
            found.add((Path(article.origin).name, " ".join(event.text.split()[:6]), event.earliest.isoformat(),
                       event.latest.isoformat()))
    right = [row for row in labels if (row["file"], row["opens"], row["earliest"], row["latest"]) in found]
    assert len(right) / len(labels) >= 0.85
    assert len(right) / len(found) >= 0.7


DATEISH = st.sampled_from(
    ["on", "Thursday", "Friday", "last", "next", "year", "years", "ago", "five", "2", "March", "30", "Oct.", "9,",
     "1998", "1991-92", "between", "and", "since", "the", "2008", "war", "31", "February", "29", "yesterday",
     "will", "in", "1990s", "WEDNESDAY", "70's", ",", ".", " ", "—", "2022-04-01", "2022-13-45"]
)
DATE_TEXTS = st.lists(st.one_of(DATEISH, st.text(max_size=8)), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DATE_TEXTS, st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2090, 12, 31))))
def test_any_text_gives_dates_inside_it_in_order(text, published):
    found = mentions(text, published)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for mention in found:
        assert 0 <= mention.start < mention.end <= len(text) and mention.earliest <= mention.latest
        assert published is not None or not mention.relative
