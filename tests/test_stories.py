"""Stories in a pile (issue 12): the front page of a mixed folder, one story as before,
names an editor would write, bullets that stand alone, each statement once."""

import json
import re
from pathlib import Path

import pytest
from helpers import article, sentences_of
from pypdf import PdfReader
from typer.testing import CliRunner

from briefing.cli import app
from briefing.config import Config, load_config
from briefing.errors import ConfigError
from briefing.models import Sentence
from briefing.story import stories
from briefing.story.standalone import leans_on_context, standalone_units, unnamed_speaker
from briefing.text.phrases import noun_phrases
from briefing.text.similarity import same_event

runner = CliRunner()

# Two unrelated stories, three reports each (written for these tests).
STRIKE = [
    ("Rotterdam dock strike halts container traffic",
     ["Dock workers in Rotterdam walked out on Monday, halting container traffic at Europe's largest port.",
      "The dockers' union said the strike over automated cranes at the container terminals would last a week.",
      "Shipping lines diverted container ships from Rotterdam to Antwerp and Hamburg as the strike went on."]),
    ("Port of Rotterdam paralysed as dockers strike over cranes",
     ["The strike by Rotterdam dock workers left hundreds of container ships waiting outside the port.",
      "The union fears the automated cranes at the container terminals will cost two thousand dock jobs.",
      "Port managers in Rotterdam said the strike cost the container terminals millions of euros a day."]),
    ("Rotterdam dockers extend strike, talks with terminal operators fail",
     ["Talks between the dockers' union and the container terminal operators in Rotterdam failed on Thursday.",
      "The dock workers extended their strike against automated cranes for a second week.",
      "Container ships kept sailing to Antwerp and Hamburg while the Rotterdam port strike continued."]),
]
VOLCANO = [
    ("Icelandic volcano erupts, ash cloud grounds flights",
     ["A volcano under the Vatnajokull glacier in Iceland erupted on Tuesday, sending an ash cloud over the Atlantic.",
      "Airlines cancelled flights to Reykjavik as volcanic ash drifted toward Scandinavia.",
      "Geologists said lava from the eruption was melting the glacier and could flood farms near the volcano."]),
    ("Ash from Iceland eruption disrupts air travel",
     ["Volcanic ash from the Icelandic eruption forced airlines to cancel hundreds of flights across northern Europe.",
      "Geologists flew over the Vatnajokull glacier and saw lava and steam rising from the volcano.",
      "Farmers near the volcano in Iceland moved their sheep away from the glacier for fear of flooding."]),
    ("Iceland's volcano keeps erupting as glacier melts",
     ["The eruption under the Vatnajokull glacier in Iceland continued for a third day on Thursday.",
      "Meltwater from the glacier flooded roads near the volcano, and geologists warned of more lava.",
      "Airlines resumed some flights to Reykjavik as the volcanic ash cloud moved east."]),
]


def write_folder(folder: Path, *reports) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, (title, paragraphs) in enumerate(reports):
        (folder / f"{number:02d}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """A folder of two stories, built with default settings through the CLI."""
    root = tmp_path_factory.mktemp("mixed")
    folder = write_folder(root / "in", *STRIKE, *VOLCANO)
    result = runner.invoke(app, ["build", str(folder), "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    assert "6 articles" in result.output and "in 2 stories" in result.output  # the user is told
    return root / "out"


def test_a_mixed_folder_gets_a_front_page_with_one_entry_per_story(mixed):
    front = json.loads((mixed / "briefing.json").read_text())
    assert len(front["stories"]) == 2
    assert front["key_points"] == [] and front["sections"] == []
    headlines = {entry["headline"] for entry in front["stories"]}
    # Each story's headline is one of its own articles' headlines, never a cut-off sentence.
    assert any("Rotterdam" in h for h in headlines) and any("Iceland" in h or "volcano" in h.lower() for h in headlines)
    for entry in front["stories"]:
        assert entry["sources"] == 3 and 1 <= len(entry["key_points"]) <= 3
        story = json.loads((mixed / entry["briefing"]).read_text())
        assert story["title"] == entry["headline"] and len(story["sources"]) == 3
        words = {"rotterdam", "dock", "strike"} if "Rotterdam" in entry["headline"] else {"volcano", "ash", "glacier"}
        assert all(words & set(re.findall(r"\w+", p["text"].lower())) for p in story["key_points"])


def test_the_front_page_links_each_story_and_bookmarks_it_in_the_pdf(mixed):
    front = json.loads((mixed / "briefing.json").read_text())
    digest = (mixed / "briefing.md").read_text()
    html = (mixed / "briefing.html").read_text()
    for entry in front["stories"]:
        slug = entry["slug"]
        assert f"(stories/{slug}/briefing.md)" in digest
        assert f'href="stories/{slug}/briefing.html"' in html
        for fmt in ("pdf", "md", "html", "json"):
            assert (mixed / "stories" / slug / f"briefing.{fmt}").is_file()
    outline = [item.title for item in _flat(PdfReader(mixed / "briefing.pdf").outline)]
    assert all(any(entry["headline"] in title for title in outline) for entry in front["stories"])


def test_a_front_page_shows_its_top_stories_in_full_and_indexes_the_rest(mixed, tmp_path):
    """With front_page_stories = 1 the first story is shown in full and the second listed; the front page lists no
    sources of its own (each story's briefing does), however many articles the pile holds."""
    folder = mixed.parent / "in"
    (tmp_path / "briefing.toml").write_text(f'sources = ["{folder}"]\n[output]\nfront_page_stories = 1\n', "utf-8")
    result = runner.invoke(app, ["build", "--config", str(tmp_path / "briefing.toml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    front = json.loads((out / "briefing.json").read_text())
    first, second = front["stories"]  # JSON indexes every story
    digest = (out / "briefing.md").read_text()
    heading = re.search(r"^## (.*)$", digest.split(first["headline"])[1], re.M)
    assert heading and heading.group(1) == "1 more story"
    assert f"- [{second['headline']}](stories/{second['slug']}/briefing.md)" in digest
    assert second["key_points"][0]["text"] not in digest  # listed, not shown in full
    assert "## Sources" not in digest
    text = "".join(page.extract_text() for page in PdfReader(out / "briefing.pdf").pages)
    assert "1 more story" in text and "Sources" not in text
    assert (out / "stories" / second["slug"] / "briefing.pdf").is_file()


def _flat(entries) -> list:
    return [leaf for entry in entries for leaf in (_flat(entry) if isinstance(entry, list) else [entry])]


def test_a_new_edition_publishes_the_stories_it_was_built_with(mixed):
    edition = next((mixed / "editions").iterdir())
    assert sorted(p.name for p in (edition / "stories").iterdir()) == sorted(p.name for p in (mixed / "stories").iterdir())


def test_one_story_builds_one_briefing_as_before(tmp_path):
    folder = write_folder(tmp_path / "in", *STRIKE)
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "out"), "--quiet", "--format", "json,md"])
    assert result.exit_code == 0, result.output
    briefing = json.loads((tmp_path / "out" / "briefing.json").read_text())
    assert briefing["stories"] == [] and briefing["key_points"]
    assert not (tmp_path / "out" / "stories").exists()
    points = {p["text"] for p in briefing["key_points"]}
    bullets = [s["text"] for section in briefing["sections"] for s in section["summary"]]
    assert not points & set(bullets)  # a key point is not said again in its section


def test_stories_1_forces_one_story(tmp_path):
    write_folder(tmp_path / "in", *STRIKE, *VOLCANO)
    (tmp_path / "briefing.toml").write_text('sources = ["in"]\n[topics]\nstories = 1\n')
    result = runner.invoke(app, ["build", "--config", str(tmp_path / "briefing.toml"), "--out", str(tmp_path / "out"),
                                 "--quiet", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "out" / "briefing.json").read_text())["stories"] == []


def test_stories_must_be_0_or_1(tmp_path):
    (tmp_path / "briefing.toml").write_text("[topics]\nstories = 3\n")
    with pytest.raises(ConfigError, match="'stories' must be one of 0, 1"):
        load_config(tmp_path / "briefing.toml")


def test_sources_and_sections_show_the_stories(tmp_path):
    folder = write_folder(tmp_path / "in", *STRIKE, *VOLCANO)
    listing = runner.invoke(app, ["sources", str(folder)])
    assert listing.exit_code == 0 and "2 stories:" in listing.output
    assert re.search(r"articles (1, 2, 3|4, 5, 6)\n", listing.output)
    shown = runner.invoke(app, ["sections", str(folder)])
    assert shown.exit_code == 0 and shown.output.count("# Story ") == 2


def test_grouping_finds_the_stories_without_being_told_how_many():
    reports = [article(paragraphs, title=title) for title, paragraphs in STRIKE + VOLCANO]
    found = stories.group_articles(reports)
    assert sorted(s.articles for s in found) == [(0, 1, 2), (3, 4, 5)]
    assert len(stories.find_stories(reports, Config(stories=1))) == 1


def test_slugs_are_unique_folder_names():
    taken = set()
    assert stories.slug("Iceland's volcano: ash & flights", taken) == "iceland-s-volcano-ash-flights"
    assert stories.slug("Iceland's volcano: ash & flights", taken) == "iceland-s-volcano-ash-flights-2"


def test_noun_phrases_keep_multiword_names_whole_and_never_tear_a_month_from_a_date():
    texts = ["The union agreed to keep the Bird exception under the salary cap on Dec. 10 in Phnom Penh.",
             "Owners wanted the salary cap to replace the Bird exception, Hun Sen said in Phnom Penh."]
    forms = {p.form for p in noun_phrases(texts).values() if p.texts == 2}
    assert {"Bird exception", "salary cap", "Phnom Penh"} <= forms
    assert not {"Dec", "Dec."} & {p.form for p in noun_phrases(texts).values()}


@pytest.mark.parametrize("text", [
    "But Michael Jordan made $33 million.",
    "— Finally, the players agreed to the deal.",
    "He never finished university in the capital.",
    "At the time, Lara said the team was ready.",
    "This is the first time the league has lost games.",
    "… and the talks went on into the night.",
    "Meanwhile, the owners met in New York.",
    "The remaining 10 percent were undecided.",
    "Social mobility, moreover, is fueled by movement.",
    "One would require every clinic to report its prices.",
    "One of them was taken to hospital.",
    "Each was fined $500 by the court.",
    "On Saturday, he traveled to the capital for talks with the council.",
    "In 1994 he made his first visit to the island.",
    "In recent appearances in court, where he faces charges of fraud, he was seen with a bandage.",
    "Two caveats seem in order, however.",
    "In each case, a sniper fired from behind the house.",
    "A day earlier, 27 protesters were injured in similar clashes.",  # earlier than what?
    "Two years later the council agreed to stop the works.",
    "Hours before, the mayor had left the city.",
    "All have spent time in prison.",
    "Most declared themselves in favor of a government led by a lawmaker.",  # most of whom?
    "Some pointed to difficulties the companies could face.",
    "Several were arrested.",
    "All complained about severe shortages in their country.",  # all of whom?
    "Each served as chief economist of the bank.",
    "The statement sent the stock of both companies surging.",  # which statement?
    "The move set off street demonstrations across the country.",
    "In particular, the two companies refine oil in the same states.",
    "Occasionally, he receives e-mail calling for rallies at the mosque.",  # who does?
    "Last week he was charged with ten counts of corruption.",
    "Now part of this base, including young recruits, is fighting abroad.",  # which base?
    "Investigators now believe those attacks were linked to two shootings.",
    "Under this standard, a contract is illegal only if it drives out competition.",
    "This decision angered the council.",
    "According to locals, they are firing heavy weapons in the hills.",  # who is?
    "This time, the ministry also rejected the plan.",  # as against when?
    "A second man was found overnight in the province.",  # after which?
    "An Israeli inquiry found he was indirectly responsible for the killings.",  # who was?
    "A Kurdish news agency said he would ask for asylum.",
    "The third man, a senior official, was freed.",
    "Tens of thousands of others were stranded as ports were shut.",
    "The second largest, Acme Bank, reported a 13 percent drop in profit.",  # the second largest what?
    "Spain dropped to 3.5 percent from 4 percent.",  # what did?
    "Acme's rose 14 percent.",  # Acme's what?
    "Revenues rose 26 percent, to $3.95 billion from $3.13 billion.",  # whose?
])
def test_bullets_that_lean_on_context(text):
    assert leans_on_context(text)


@pytest.mark.parametrize("text", [
    "This year the union won a larger share of the revenue.",
    "Hundreds of players lost their salaries during the lockout.",
    "Thereafter-free text about Theresa May stands alone.",
    "One person died in the fire on Main Street.",
    "One of the firefighters was taken to hospital.",
    "When Mayor Holt arrived in Paris on Monday, he was greeted by the council.",
    "Prices rose sharply in the morning, and by noon, they had doubled.",
    "In his first speech as mayor, Holt promised new roads.",
    "In 1994 the council made its first visit to the island.",
    "A week after the government fell, the president asked Ecevit to form a cabinet.",
    "Days before the vote, the party split in two.",
    "Two years ago, the mayor agreed to the plan.",  # counted from the day of the article
    "All flights were cancelled on Monday.",
    "Some armed men attacked the convoy at dawn.",
    "One hundred and thirty-five bids were successful.",
    "Many of those injured in the blaze may need years of care.",  # told by what follows
    "Most Americans agree that the talks failed.",
    "The decision of the court to free him angered the families.",  # what follows says which
    "The statement issued by the ministry denied any role in the attack.",
    "Recently the company said it would merge with its rival.",
    "The union expects to win this week, and these days it rarely loses.",
    "Those who fought in the war were honoured on Monday.",
    "“We fought hard for those rights,” the mayor said.",  # the speaker's own words
    "According to the mayor, the talks failed.",
    "Fighting for the town of Kindu in this vast West African nation subsided on Monday.",  # the dateline's place
    "At this point, officials consider the two shootings connected.",
    "Spain's jobless rate dropped to 3.5 percent from 4 percent.",  # names the measure
    "Shares of Acme rose 14 percent on Tuesday.",
    "The second-largest bank in Japan failed on Monday.",
    "The fourth quarter figure was in line with projections.",  # a part of the year
    "The second half is shortened by the Easter holiday.",
    "The second biggest loss of life in peacetime was in 1914.",  # a rank that names what it ranks
    "The spokesman said he would resign on Friday.",  # the spokesman may be he
    "The Kennedy family said she had died peacefully.",
])
def test_bullets_that_stand_alone(text):
    assert not leans_on_context(text)


def test_a_quotation_keeps_its_speaker_or_is_not_used():
    assert unnamed_speaker("“We must move forward along this path,” he said.")
    assert unnamed_speaker("“This is a great day for all of us.”")
    assert unnamed_speaker("The deal will be signed next week, she said.")
    assert not unnamed_speaker("“This is a great day for all of us,” the mayor said.")
    assert not unnamed_speaker("The deal will be signed next week, Billy Hunter said.")


@pytest.mark.parametrize("text", [
    "I think we are going to see low grain prices for six months to a year.",  # an interview's answer
    "A. We are probably heading toward a market with no more than five large mills.",
    "From a farmer's point of view, it is hurting our business.",  # a quotation's inner sentence
    "When I arrived at the harbour, the boats were already gone.",
    "My position is, hold the nose and vote yes.",
])
def test_the_first_person_outside_quotation_marks_has_no_speaker_named(text):
    assert unnamed_speaker(text)


@pytest.mark.parametrize("text", [
    "World War I veterans marched through the capital on Sunday.",
    "King Henry I was crowned in the abbey in the year 1100.",
    "The V.I.P. lounge bears a gilded dome atop its roof.",
    "The mayor, calling the plan \"our best hope,\" signed it on Monday.",  # a short quotation is the mayor's
    "The senator said: I will vote against the bill unless it changes.",  # the sentence names who
    "Officials said the number of US troops in the region would rise.",
])
def test_no_first_person_speaker_to_name(text):
    assert not unnamed_speaker(text)


def test_a_leaning_sentence_is_taken_with_the_previous_sentence_of_its_paragraph():
    source = article(["The union rejected the final offer on Monday. But the owners said talks would go on.",
                      "“We will not move,” he said. The league will cancel the season."])
    sentences = sentences_of(source)
    kept = [s.text for s in standalone_units(sentences, sentences)]
    assert kept == ["The union rejected the final offer on Monday.",
                    "The union rejected the final offer on Monday. But the owners said talks would go on."]
    joined = standalone_units(sentences, sentences)[1]
    assert source.text[joined.start:joined.end] == joined.text  # still a verbatim span of its source
    assert isinstance(joined, Sentence)


def test_an_unnamed_speaker_goes_on_to_the_end_of_his_paragraph_not_of_an_article_in_one_block():
    lines = ["The union rejected the final offer on Monday.", "“We will not move,” he said.",
             "The league will cancel the season.", "Owners meet in New York next week.",
             "The players' union was formed in 1954."]
    paragraphed = sentences_of(article([" ".join(lines[:4]), lines[4]]))
    kept = [s.text for s in standalone_units(paragraphed, paragraphed)]
    assert kept == [lines[0], lines[4]]  # what follows "he said" in its paragraph is his
    block = sentences_of(article([" ".join(lines)]))  # no paragraph breaks: where his words end is unknown
    assert [s.text for s in standalone_units(block, block)] == [lines[0], *lines[2:]]
    unnamed = sentences_of(article([" ".join([lines[0], lines[1], "“We will not move.”", lines[3]])]))
    assert [s.text for s in standalone_units(unnamed, unnamed)] == [lines[0], lines[3]]  # his quotation, still his
    some = [s for s in block if s.index != 3]  # a sentence left out is no paragraph break
    assert [s.text for s in standalone_units(some, some)] == [lines[0], lines[2], lines[4]]


def test_the_same_event_in_other_words():
    assert same_event("Jose Saramago became the first writer in Portuguese to win the Nobel Prize for Literature.",
                      "Last Thursday, the literature prize went to Portuguese novelist Jose Saramago.")
    assert not same_event("Hun Sen ordered police to break up the demonstrations in Phnom Penh.",
                          "Hun Sen's party won 64 of the 122 seats in parliament in Phnom Penh.")


def test_a_section_is_named_by_a_noun_phrase_one_of_its_bullets_writes():
    from helpers import passages_of

    from briefing.models import SummarySection, SummarySentence
    from briefing.story.naming import name_sections

    cap = article(["The owners want a hard salary cap on every team payroll.",
                   "A hard salary cap would end the Bird exception for veterans.",
                   "The union says the salary cap talks stalled on Tuesday in New York."])
    games = article(["The league cancelled the first games of the season at Madison Square Garden.",
                     "Fans at Madison Square Garden were refunded for the cancelled games.",
                     "More games will be cancelled if the owners and players stay apart."])
    cap_passages, game_passages = passages_of(cap, games)[:3], passages_of(cap, games)[3:]
    bullet = SummarySentence("The union says the salary cap talks stalled on Tuesday in New York.", (1,), 0, 0)
    unsupported = SummarySentence("More games will be cancelled if the owners and players stay apart.", (2,), 0, 0)
    named = name_sections([SummarySection("Topic", (bullet,), tuple(cap_passages)),
                           SummarySection("Topic 2", (unsupported,), tuple(game_passages))],
                          cap_passages + game_passages)
    assert named[0].title == "Salary cap" and named[0].anchor == "section-salary-cap"
    # "Madison Square Garden" sets the second section apart, but no bullet of it says so.
    assert named[1].title != "Madison Square Garden"


def test_a_heading_that_is_a_persons_one_word_name_is_written_in_full():
    from helpers import passages_of

    from briefing.story.naming import section_name

    texts = ["South Ossetian leader Anatoly Bibilov called a referendum.", "Bibilov lost the election in May.",
             "Bibilov said the vote would go ahead."]
    passages, everywhere = passages_of(article(texts)), noun_phrases(texts)
    assert section_name(passages, None, everywhere, 10, set()) == "Anatoly Bibilov"
    # Another section is headed so already: this one is not, under either name.
    assert section_name(passages, None, everywhere, 10, {"anatoly bibilov"}) not in ("Anatoly Bibilov", "Bibilov")


def test_no_two_headings_only_one_begins_or_ends():
    from helpers import passages_of

    from briefing.story.naming import section_name

    texts = ["Thousands of Georgians fled the fighting.", "Most Georgians returned in May.", "The ceasefire held."]
    passages, everywhere = passages_of(article(texts)), noun_phrases(texts)
    assert section_name(passages, None, everywhere, 10, set()) == "Georgians"
    for other in ("georgia", "georgians", "georgians in exile"):  # "Georgia" and "Georgians" are one heading twice
        assert section_name(passages, None, everywhere, 10, {other}) != "Georgians"
    gates = ["Gates wrote the memo.", "Gates sent the memo to staff.", "The memo leaked."]
    passages, everywhere = passages_of(article(gates)), noun_phrases(gates)
    assert section_name(passages, None, everywhere, 10, {"bill gates"}) != "Gates"


@pytest.mark.parametrize("texts, nothing", [
    (["The country voted on Sunday.", "The country is small."], "country"),  # stands in for a name
    (["The week ended in talks.", "A week of talks."], "week"),  # a time
    (["The head of the agency resigned.", "The head of police said so."], "head"),  # head of what?
    (["The flooded streets emptied.", "Aid reached the flooded valley."], "flooded"),  # a participle
])
def test_a_heading_never_names_a_time_a_stand_in_or_a_part_of_something_unnamed(texts, nothing):
    from briefing.story.naming import names_nothing

    phrases = {p.form.lower(): p for p in noun_phrases(texts).values()}
    assert names_nothing(phrases[nothing], texts)
    subject = ["The ceasefire held on Sunday.", "Both sides broke the ceasefire."]
    assert not names_nothing({p.form: p for p in noun_phrases(subject).values()}["ceasefire"], subject)


def test_a_word_written_only_before_the_noun_it_modifies_names_nothing():
    from briefing.story.naming import names_nothing

    adjective = ["Turkish troops crossed the border.", "The Turkish government denied it."]
    noun = ["Troops from Turkey crossed the border.", "Turkey denied it."]
    phrases = {p.form: p for p in noun_phrases(adjective + noun).values()}
    assert names_nothing(phrases["Turkish"], adjective)
    assert not names_nothing(phrases["Turkey"], noun)
    # After a preposition too, an adjective of place modifies what follows; a name there is a noun.
    exiles = ["He met with Chilean exiles.", "The case is for Chilean courts.", "Chilean troops left."]
    alliance = ["The plan of NATO commanders failed.", "NATO jets flew."]
    phrases = {p.form: p for p in noun_phrases(exiles + alliance).values()}
    assert names_nothing(phrases["Chilean"], exiles)
    assert not names_nothing(phrases["NATO"], alliance)


def test_a_term_ends_before_its_clause_verb():
    forms = {p.form for p in noun_phrases(["Seconds later, an explosion shook the area.",
                                           "The documents cover a period that ended in August."]).values()}
    assert "explosion" in forms and "explosion shook" not in forms
    assert "ended" not in forms


def test_identical_rows_are_grouped_at_once_and_empty_rows_stay_alone():
    import numpy as np
    from scipy import sparse

    rows = np.array([[1.0, 0, 0]] * 500 + [[0, 1.0, 0]] * 500 + [[0, 0, 0]] * 2)
    labels = stories.average_linkage(sparse.csr_matrix(rows), 0.5)
    assert len(set(labels[:500])) == 1 and len(set(labels[500:1000])) == 1 and labels[0] != labels[500]
    assert labels[1000] != labels[1001] and {labels[1000], labels[1001]}.isdisjoint({labels[0], labels[500]})


@pytest.mark.parametrize("engine", ["process", "dask"])
def test_stories_are_briefed_and_written_on_every_engine_alike(mixed, tmp_path, engine):
    """With --engine process or dask each story is briefed and written by a worker: the same files."""
    folder = mixed.parent / "in"
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "out"), "--engine", engine,
                                 "--format", "md,json"])
    assert result.exit_code == 0, result.output
    assert "in 2 stories" in result.output
    stories = sorted((mixed / "stories").iterdir())
    assert len(stories) == 2
    for story in stories:
        built = tmp_path / "out" / "stories" / story.name
        assert _timeless_markdown(built / "briefing.md") == _timeless_markdown(story / "briefing.md")
        assert _timeless(built / "briefing.json") == _timeless(story / "briefing.json")


def _timeless(path: Path) -> dict:
    data = json.loads(path.read_text("utf-8"))
    data.pop("generated_at")
    return data


def _timeless_markdown(path: Path) -> str:
    """The Markdown without the minute it was generated: two builds a minute apart are the same briefing."""
    return re.sub(r"^Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC", "Generated", path.read_text("utf-8"), flags=re.M)


def test_a_rebuild_briefs_and_renders_again_only_the_story_an_article_joined(tmp_path):
    """Adding a report to one story leaves the other story's briefing as the last edition made it (its files
    linked, not rendered again), while the story it joined is briefed anew."""
    folder = write_folder(tmp_path / "in", *STRIKE[:2], *VOLCANO)
    out = tmp_path / "out"
    first = runner.invoke(app, ["build", str(folder), "--out", str(out), "--format", "md,json"])
    assert first.exit_code == 0, first.output
    before = {story.name: _stamped(story) for story in (out / "stories").iterdir()}
    (folder / "99.txt").write_text(STRIKE[2][0] + "\n\n" + "\n\n".join(STRIKE[2][1]) + "\n", "utf-8")
    second = runner.invoke(app, ["build", str(folder), "--out", str(out), "--format", "md,json"])
    assert second.exit_code == 0, second.output
    after = {story.name: _stamped(story) for story in (out / "stories").iterdir()}
    volcano = next(name for name in after if "volcano" in name or "iceland" in name or "ash" in name)
    strike = next(name for name in after if name != volcano)
    assert after[volcano] == before[volcano]  # the same briefing, generation time included
    assert after[strike]["generated_at"] > before[strike]["generated_at"]
    assert len(after[strike]["sources"]) == 3
    editions = sorted(p for p in (out / "editions").iterdir() if p.is_dir())
    assert (editions[-1] / "stories" / volcano / "briefing.md").stat().st_ino == \
        (editions[-2] / "stories" / volcano / "briefing.md").stat().st_ino  # linked, not written again


def _stamped(story: Path) -> dict:
    return json.loads((story / "briefing.json").read_text("utf-8"))


def test_serve_shows_each_story_the_front_page_links_and_nothing_else(mixed):
    import threading
    import urllib.error
    import urllib.request

    from briefing.editions.serve import make_server
    from briefing.editions.store import latest_edition

    server = make_server(mixed, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def status(path: str) -> int:
        try:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    try:
        front = (mixed / "briefing.html").read_text("utf-8")
        links = re.findall(r'href="(stories/[^"#]+)"', front)
        assert links and all(status("/" + link) == 200 for link in links)
        story = sorted((mixed / "stories").iterdir())[0].name
        edition = latest_edition(mixed).name
        assert status(f"/editions/{edition}/stories/{story}/briefing.pdf") == 200
        for refused in (f"/stories/{story}/.rendered", "/stories/../.cache/articles.sqlite",
                        f"/stories/{story}/../../.lock", f"/editions/nope/stories/{story}/briefing.md"):
            assert status(refused) == 404, refused
    finally:
        server.shutdown()
        server.server_close()


def test_the_front_page_leaves_the_source_list_to_the_stories_and_a_story_pdf_lists_what_it_cites(mixed):
    """A front page cites no source itself: its PDF, HTML and Markdown list none (each story lists its own), its
    JSON all of them; a story's PDF lists the sources its bullets cite."""
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(mixed / "briefing.pdf").pages).split())
    assert "Sources" not in text and 'id="source-' not in (mixed / "briefing.html").read_text()
    assert len(json.loads((mixed / "briefing.json").read_text())["sources"]) == 6
    for story in (mixed / "stories").iterdir():
        cited = {n for point in json.loads((story / "briefing.json").read_text())["key_points"] for n in point["sources"]}
        story_text = " ".join(" ".join(p.extract_text() for p in PdfReader(story / "briefing.pdf").pages).split())
        assert all(f"[{n}] " in story_text for n in cited)


# One subject twice (written for these tests): Rotterdam's dockers strike in March over cranes, in November over pensions.
CRANES = [
    ("Rotterdam dockers strike over automated cranes",
     ["Dock workers in Rotterdam walked out on Monday over automated cranes at the container terminals.",
      "The dockers' union said the strike at Europe's largest port would last a week.",
      "Shipping lines diverted container ships to Antwerp as the strike began."]),
    ("Rotterdam port strike enters third day",
     ["The Rotterdam dock strike over automated cranes left container ships waiting outside the port.",
      "The union fears the cranes will cost two thousand dock jobs at the terminals.",
      "Port managers said the strike cost the container terminals millions of euros a day."]),
    ("Rotterdam dockers end strike after crane deal",
     ["Rotterdam dock workers ended their strike on Friday after a deal on automated cranes.",
      "The union said no dock jobs would be lost to the cranes before 2030.",
      "Container ships returned to the Rotterdam terminals on Saturday."]),
]
PENSIONS = [
    ("Rotterdam dockers strike over pensions",
     ["Dock workers in Rotterdam walked out on Tuesday in a dispute over their pension fund.",
      "The dockers' union said the port strike would go on until the pension cuts were withdrawn.",
      "Container ships queued outside Europe's largest port as the strike began."]),
    ("Pension strike shuts Rotterdam container terminals",
     ["The Rotterdam dock strike over pensions shut the container terminals for a second day.",
      "The union says the pension fund cuts would cost retired dockers a fifth of their income.",
      "Shipping lines diverted container ships to Hamburg during the port strike."]),
    ("Rotterdam pension strike ends with a deal",
     ["Rotterdam dock workers ended their pension strike on Thursday after the fund dropped the cuts.",
      "The union said the pension deal would hold until 2030.",
      "Container traffic at the Rotterdam terminals returned to normal on Friday."]),
]


def test_one_subject_months_apart_is_two_stories_when_the_articles_are_dated(tmp_path):
    days = ["2024-03-04", "2024-03-05", "2024-03-06", "2024-11-05", "2024-11-06", "2024-11-07"]
    undated = write_folder(tmp_path / "undated", *CRANES, *PENSIONS)
    dated = tmp_path / "dated"
    dated.mkdir()
    for day, report in zip(days, sorted(undated.iterdir()), strict=True):
        (dated / report.name).write_text(f"---\npublished: {day}\n---\n" + report.read_text("utf-8"), "utf-8")
    # Undated, the two strikes read alike (the same port, union, ships and terminals): one story.
    shown = runner.invoke(app, ["sources", str(undated)])
    assert shown.exit_code == 0 and "1 story:" in shown.output
    # Dated eight months apart, they are the two stories they are.
    shown = runner.invoke(app, ["sources", str(dated)])
    assert shown.exit_code == 0 and "2 stories:" in shown.output
    assert re.search(r"strike over automated cranes — articles 1, 2, 3\n", shown.output)
    assert re.search(r"strike over pensions — articles 4, 5, 6\n", shown.output)


def test_time_only_parts_stories_more_than_a_week_apart():
    import numpy as np
    from scipy import sparse

    rows = sparse.csr_matrix(np.array([[1.0, 0.1], [1.0, -0.1]]) / np.sqrt(1.01))  # alike: cosine 0.98
    assert len(set(stories.average_linkage(rows, 0.5, [0, 6]))) == 1
    assert len(set(stories.average_linkage(rows, 0.5, [0, None]))) == 1  # an undated article: no time to go by
    assert len(set(stories.average_linkage(rows, 0.5))) == 1
    assert len(set(stories.average_linkage(rows, 0.5, [0, 200]))) == 2


def test_a_side_thread_of_a_few_articles_joins_its_story_below_the_threshold():
    import numpy as np
    from scipy import sparse

    core = [[1, 0, 0, 0, 0, 0], [0.9, 0.44, 0, 0, 0, 0], [0.9, 0, 0.44, 0, 0, 0], [0.9, 0, 0, 0.44, 0, 0]]
    thread = [[0.4, 0, 0, 0, 0.92, 0], [0.4, 0, 0, 0, 0.8, 0.45]]  # alike, and 0.37 on average like the core
    rows = np.array(core + thread)
    rows = sparse.csr_matrix(rows / np.linalg.norm(rows, axis=1, keepdims=True))
    # Below the threshold of 0.45, but two articles need only about two thirds of it (one article, a third).
    assert len(set(stories.average_linkage(rows, 0.45, small=2, stray_share=0.35))) == 1
    labels = stories.average_linkage(rows, 0.45, small=1, stray_share=0.35)
    assert len(set(labels[:4])) == 1 and labels[4] == labels[5] != labels[0]
    # Nor does a thread join when it is not that alike (0.37, short of two thirds of 0.6).
    assert len(set(stories.average_linkage(rows, 0.6, small=2, stray_share=0.35))) == 2
