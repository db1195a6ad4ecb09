"""Who said what and corroboration as a user meets them: `briefing build` on a
small story, its outputs read back; the parts switched off in the config; the
speaker a bullet shows; and no speaker invented for an unattributed claim."""

import dataclasses
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from helpers import article, passages_of
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from briefing.cli import app
from briefing.models import (
    Briefing,
    Corroboration,
    NamedPerson,
    Source,
    Speaker,
    Statement,
    SummarySection,
    SummarySentence,
    Support,
)
from briefing.output import render
from briefing.story.people import People, named_once
from briefing.story.who_said_what import Attributed, _merge_names, attributions_of, names_speaker

ARTICLES = {
    "alpha.txt": ("Alpha Post", "2022-03-31", """Kremlin plays down the region's bid to join Russia

Kremlin spokesman Dmitry Peskov said on Thursday that Moscow had taken no steps on the breakaway region's request to join Russia.

“We have not taken any legal or other action,” Peskov told reporters. “This concerns the choice of the people of the region, which we respect.”

The region's leader announced a referendum on joining Russia earlier in the week, before the presidential election.

Farmers in the valley complained that the new checkpoints had cut them off from their fields for most of the spring."""),
    "beta.txt": ("Beta Daily", "2022-03-31", """Moscow says it has taken no legal steps

“We have not taken legal or any other measures,” Dmitry Peskov told journalists on Thursday.

The region's leader announced a referendum on joining Russia this week, ahead of the presidential election.

The capital's mayor promised that the city's schools would reopen after the holidays with new teachers."""),
    "gamma.txt": ("Gamma Wire", "2022-04-01", """Troops seen near the border

Columns of trucks were seen moving towards the border overnight, according to residents of two villages.

“The border will close tomorrow and nobody will be allowed to cross it,” he said.

Shops in the capital stayed open late as residents stocked up on fuel and bread for the coming days."""),
}
UNATTRIBUTED = "The border will close tomorrow"


def write_story(folder: Path, parts: str = "") -> Path:
    (folder / "articles").mkdir(parents=True)
    for name, (outlet, published, text) in ARTICLES.items():
        title, body = text.split("\n\n", 1)
        front = f"---\ntitle: {title}\noutlet: {outlet}\npublished: {published}\n---\n"
        (folder / "articles" / name).write_text(front + body + "\n", "utf-8")
    config = folder / "briefing.toml"
    config.write_text(f'title = "The region and the Kremlin"\nsources = ["articles"]\n'
                      f'[output]\nformats = ["md", "html", "json"]\n{parts}', "utf-8")
    return config


def build(tmp_path: Path, parts: str = ""):
    config = write_story(tmp_path, parts)
    result = CliRunner().invoke(app, ["build", "--config", str(config), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    return json.loads((out / "briefing.json").read_text()), (out / "briefing.md").read_text(), \
        (out / "briefing.html").read_text()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(tmp_path_factory.mktemp("story"))


def summary_sentences(data):
    return [*data["key_points"], *(s for section in data["sections"] for s in section["summary"])]


def source_text(data, number):
    """The cleaned text of source `number`, which every offset in briefing.json indexes."""
    return next(s for s in data["sources"] if s["id"] == number)["text"]


def test_who_said_what_names_the_speaker_with_role_and_cites_both_translations(built):
    data, markdown, html = built
    first = data["who_said_what"][0]
    assert (first["name"], first["role"]) == ("Dmitry Peskov", "Kremlin spokesman")
    cited = {n for s in first["statements"] for n in [s["source"], *s["also"]]}
    assert len(cited) == 2, first  # the two outlets that carry his words in two translations
    for statement in first["statements"]:  # verbatim from the source it cites, at its offsets
        assert source_text(data, statement["source"])[statement["start"]:statement["end"]] == statement["text"]
    headings = [t.content for t in MarkdownIt("commonmark").parse(markdown) if t.type == "inline"]
    assert "Who said what" in headings and "<h2 id=\"who-said-what\">Who said what</h2>" in html


def test_no_speaker_is_invented_for_an_unattributed_claim(built):
    data, markdown, _html = built
    assert all(UNATTRIBUTED not in s["text"] for s in summary_sentences(data))
    assert all(UNATTRIBUTED not in st["text"] for entry in data["who_said_what"] for st in entry["statements"])
    assert UNATTRIBUTED not in markdown.split("## Sources")[0]


def test_each_summary_sentence_says_which_outlets_carry_it(built):
    data, markdown, html = built
    sentences = summary_sentences(data)
    assert all(s["corroboration"] for s in sentences)
    referendum = next(s for s in sentences if "referendum" in s["text"])
    assert referendum["corroboration"]["outlets"] == 2
    assert sorted(referendum["sources"]) == sorted(n for g in referendum["corroboration"]["groups"] for n in g)
    for support in referendum["corroboration"]["supports"]:
        assert source_text(data, support["source"])[support["start"]:support["end"]] == support["text"]
    single = [s for s in sentences if s["corroboration"]["outlets"] == 1]
    assert single and "*(single source)*" in markdown and "single source</span>" in html


def test_key_points_can_require_several_outlets(tmp_path):
    data, _, _ = build(tmp_path, "[parts]\nmin_outlets = 2\n")
    assert data["key_points"] and all(k["corroboration"]["outlets"] >= 2 for k in data["key_points"])


def test_each_part_can_be_switched_off(tmp_path):
    data, markdown, html = build(tmp_path, "[parts]\nwho_said_what = false\ncorroboration = false\n")
    assert data["who_said_what"] == [] and all(s["corroboration"] is None for s in summary_sentences(data))
    assert "Who said what" not in markdown + html and "outlets" not in markdown and "single source" not in html


def test_a_bad_parts_value_is_a_one_line_error(tmp_path):
    config = write_story(tmp_path, "[parts]\nmin_outlets = 0\n")
    result = CliRunner().invoke(app, ["build", "--config", str(config), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "'min_outlets'" in result.output and len(result.output.strip().splitlines()) == 1


def story_attributions(paragraphs):
    """The attributions of an article of `paragraphs`, and its sentences as the pipeline splits them."""
    story = article(paragraphs)
    passages = passages_of(story)
    return attributions_of([story], passages), [s for p in passages for s in p.sentences]


def bullet_speaker(attributed, sentence):
    """The speaker a bullet of `sentence` alone is shown with."""
    return attributed.speaker_of(SummarySentence(sentence.text, (1,), sentence.start, sentence.end), sentence)


def test_speaker_of_a_bullet_that_names_none_and_what_is_no_candidate():
    found, sentences = story_attributions([
        "Kremlin spokesman Dmitry Peskov met reporters on Thursday.",
        "“We have taken no steps at all on this,” he said.",
        "“Nobody will be allowed to cross,” one of them said.",
        "“It is over.”",
        "Trucks moved to the border at night.",
    ])
    attributed = Attributed(found)
    usable = [s.text for s in sentences if attributed.usable(s)]
    assert usable == ["Kremlin spokesman Dmitry Peskov met reporters on Thursday.",
                      "“We have taken no steps at all on this,” he said.",
                      "Trucks moved to the border at night."]
    bullet = bullet_speaker(attributed, sentences[1])
    assert (bullet.speaker, bullet.speaker_role, bullet.speaker_named) == ("Dmitry Peskov", "Kremlin spokesman", False)
    assert bullet_speaker(attributed, sentences[4]).speaker == ""


def test_a_statement_inside_a_relative_clause_is_not_its_sentences():
    found, (first, second) = story_attributions([
        "American agencies fear the complex could break a pact in which North Korea pledged to give up its program.",
        "North Korea has said the underground construction is for civilian use.",
    ])
    assert [(a.speaker, a.embedded) for a in found] == [("North Korea", True), ("North Korea", False)]
    attributed = Attributed(found)
    # The first sentence is the agencies' fear, told by the writer: shown, but as no one's statement.
    assert attributed.usable(first)
    assert bullet_speaker(attributed, first).speaker == ""
    assert bullet_speaker(attributed, second).speaker == "North Korea"


def test_a_bullet_shows_its_speaker_per_its_source_in_every_format():
    bullet = SummarySentence("“We have taken no steps,” he said.", (2, 1), 0, 34, speaker="Dmitry Peskov",
                             speaker_role="Kremlin spokesman", speaker_named=False,
                             corroboration=Corroboration((Support(2, 0, 34, "x", True), Support(1, 5, 30, "y", False)),
                                                         ((1,), (2,))))
    briefing = Briefing(
        title="T", generated_at=datetime(2022, 4, 5, tzinfo=UTC),
        sources=(Source(1, "One", "one.txt"), Source(2, "Two", "two.txt")),
        key_points=(bullet,), sections=(SummarySection("S", (bullet,), ()),),
        who_said_what=(Speaker("Dmitry Peskov", "Kremlin spokesman",
                               (Statement("We have taken no steps", 2, 1, 23, "quote", "said", date(2022, 3, 31),
                                          also=(1,), quoted=True),), (1, 2)),),
    )
    env = render.template_env()
    markdown, html = render.to_markdown(briefing, env), render.to_html(briefing, env)
    assert ("he said. \\[[2](#source-2), [1](#source-1)\\] — Dmitry Peskov, per \\[[2](#source-2)\\]"
            " *(2 outlets: 1, 2)*") in markdown
    assert "— Dmitry Peskov, per [<a href=\"#source-2\">2</a>]" in html
    assert "- “We have taken no steps” \\[[2](#source-2), [1](#source-1)\\] (2022-03-31)" in markdown
    data = json.loads(render.to_json(briefing))
    assert data["key_points"][0]["speaker"] == {"name": "Dmitry Peskov", "role": "Kremlin spokesman",
                                                "named_in_sentence": False, "per": 2}
    named = dataclasses.replace(bullet, speaker_named=True)
    assert ", per" not in render.to_markdown(dataclasses.replace(briefing, key_points=(named,), sections=()), env)


def test_short_forms_of_a_name_join_the_fuller_one_when_only_one_fits():
    merged = _merge_names({"Mahathir Mohamad": [1], "Mahathir": [2], "Dmitry Peskov": [3], "Peskov": [4],
                           "Kim Dae-jung": [5], "Kim Jong-pil": [6], "Kim": [7], "F.W. de Klerk": [8], "De Klerk": [9]})
    assert merged == {"Mahathir Mohamad": [1, 2], "Dmitry Peskov": [3, 4], "Kim Dae-jung": [5], "Kim Jong-pil": [6],
                      "Kim": [7],  # two Kims: which one is "Kim" is not known
                      "F.W. de Klerk": [8, 9]}  # "De Klerk" opens a sentence


def test_a_bullet_that_names_its_speaker_by_surname_alone_shows_the_full_name():
    assert not names_speaker("Rubin said the delegation had pressed for access.", "James Rubin", "")
    assert names_speaker("James Rubin said the delegation had pressed for access.", "James Rubin", "")
    assert names_speaker("Dr. Barnett Slepian said the clinic would stay open.", "Barnett A. Slepian", "")
    assert names_speaker("De Klerk said he would appeal.", "F.W. de Klerk", "")  # initials aside
    assert names_speaker("The spokesman said no steps were taken.", "", "Kremlin spokesman")
    assert not names_speaker("Officials said no steps were taken.", "", "Kremlin spokesman")


def test_a_person_named_by_one_word_is_shown_by_the_full_name_the_source_gives():
    story = article([
        "Hazim Delic, a deputy commander of the camp, was convicted on Monday.",
        "Emile Lahoud, the army commander, was elected president. Nassib Lahoud, a lawmaker, stood down.",
        "Delic was cleared of two murders. Lahoud is to be sworn in on Nov. 24.",
    ])
    people = People([story])
    passages = passages_of(story)
    by_text = {s.text: s for p in passages for s in p.sentences}

    def named(text):
        sentence = by_text[text]
        return people.named_in(SummarySentence(text, (1,), sentence.start, sentence.end), 0).people

    assert named("Delic was cleared of two murders.") == (
        NamedPerson("Delic", "Hazim Delic", "deputy commander of the camp"),)
    assert named("Lahoud is to be sworn in on Nov. 24.") == ()  # two Lahouds: which is not known
    first = SummarySentence("Delic appealed.", (1,), 0, 15, people=(NamedPerson("Delic", "Hazim Delic"),))
    second = dataclasses.replace(first, text="Delic was cleared.")
    assert [b.people for b in named_once([first, second])] == [first.people, ()]  # once a section
    named_before = SummarySentence("Hazim Delic was convicted.", (1,), 0, 26)
    assert named_once([named_before, second])[1].people == ()
    assert named("Hazim Delic, a deputy commander of the camp, was convicted on Monday.") == ()


def test_the_full_name_of_one_named_by_one_word_is_shown_in_every_format():
    bullet = SummarySentence("Delic was cleared of two murders.", (1,), 0, 33,
                             people=(NamedPerson("Delic", "Hazim Delic", "deputy commander"),))
    briefing = Briefing(title="T", generated_at=datetime(2022, 4, 5, tzinfo=UTC), sources=(Source(1, "One", "one.txt"),),
                        key_points=(bullet,), sections=())
    env = render.template_env()
    assert "murders. \\[[1](#source-1)\\] — Delic: Hazim Delic" in render.to_markdown(briefing, env)
    assert '<span class="named"> — Delic: Hazim Delic</span>' in render.to_html(briefing, env)
    assert json.loads(render.to_json(briefing))["key_points"][0]["people"] == [
        {"written": "Delic", "name": "Hazim Delic", "role": "deputy commander"}]


def test_a_word_the_article_also_writes_in_lower_case_is_nobodys_name():
    from briefing.story.mentions import Resolver

    text = "Bill Archer, the committee chairman, met reporters. Bill passed, and the bill was signed."
    assert Resolver(text).person_known_as("Bill") is None  # the bill
    assert Resolver("President Fernando Henrique Cardoso Cardoso won. Cardoso spoke.").fullest_name("Cardoso") \
        == "Fernando Henrique Cardoso"  # a doubled word


def test_a_speaker_is_a_person_known_by_one_word_but_not_a_place_nor_a_people():
    from briefing.story.mentions import Resolver

    text = ("Maia Otarashvili said the region was cut off. Otarashvili added that talks had failed. "
            "East Africa said the bombers had fled. Aid is scarce in East Africa. Africa waited. "
            "Ethnic Albanians said they would vote. An ethnic Albanian was hurt. Albanians marched.")
    resolver = Resolver(text)
    speakers = {"Maia Otarashvili", "East Africa", "Ethnic Albanians"}
    assert resolver.person_known_as("Otarashvili") is None  # no title or role: not known to be a person
    assert resolver.person_known_as("Otarashvili", speakers) == ("Maia Otarashvili", "")  # but a speaker
    assert resolver.person_known_as("Africa", speakers) is None  # written as a place
    assert resolver.person_known_as("Albanians", speakers) is None  # a people
    set_off = Resolver("Hazim Delic, a Muslim who served as deputy warden of the camp, was found guilty. Delic left. "
                       "Chechen Telecom, a venture who hired them, said so. Chechen warlords fled.")
    assert set_off.person_known_as("Delic") == ("Hazim Delic", "")  # a "who" is a person's
    assert set_off.person_known_as("Chechen") is None  # a name the word only begins
    paper = Resolver("The official newspaper China Sports Daily said China hopes to win. China picked up a medal.")
    assert paper.person_known_as("China") is None  # "official newspaper" is a body's role, not a person's


def test_a_dated_event_and_a_figure_show_the_full_name_of_one_named_by_one_word():
    from briefing.models import Figure, FigureConflict, TimelineEvent

    delic = (NamedPerson("Delic", "Hazim Delic"),)
    event = TimelineEvent("1992", date(1992, 1, 1), date(1992, 12, 31), "year", "Delic ran the camp in 1992.", (1,),
                          0, 27, 23, 27, people=delic)
    figure = Figure("Delic held 40 prisoners.", "40 prisoners", 40, 40, (1,), 0, 24, 11, 23, people=delic)
    briefing = Briefing(title="T", generated_at=datetime(2022, 4, 5, tzinfo=UTC), sources=(Source(1, "One", "one.txt"),),
                        key_points=(), sections=(), timeline=(event,),
                        figures=(FigureConflict("prisoners", (figure, figure)),))
    env = render.template_env()
    markdown, html = render.to_markdown(briefing, env), render.to_html(briefing, env)
    assert "in 1992. \\[[1](#source-1)\\] — Delic: Hazim Delic" in markdown
    assert "prisoners**. \\[[1](#source-1)\\] — Delic: Hazim Delic" in markdown
    assert html.count('<span class="named"> — Delic: Hazim Delic</span>') == 3
    data = json.loads(render.to_json(briefing))
    assert data["timeline"][0]["people"] == data["figures"][0]["figures"][0]["people"] == [
        {"written": "Delic", "name": "Hazim Delic", "role": None}]


def who_said_what_statements(*articles):
    """Every statement of the "Who said what" of a briefing of `articles`, in order."""
    from briefing.config import Config
    from briefing.pipeline import brief_articles
    from briefing.report import Report

    briefing = brief_articles(list(articles), Config(), Report())
    return [st for speaker in briefing.who_said_what for st in speaker.statements]


@pytest.mark.parametrize("one, two, expected", [
    # The same words in two articles are one statement, credited to both.
    ("Galina Starovoitova, a member of parliament, was shot dead on Friday in St. Petersburg. She had said she "
     "would run again in 2000.",
     "Galina Starovoitova, a liberal lawmaker, was buried on Tuesday in the city of St. Petersburg. She had said "
     "she would run again in 2000.",
     [("reported", "She had said she would run again in 2000.", 1, (2,))]),
    # The speaker's own words stand for another source's report of the same statement.
    ("South Ossetian President Anatoly Bibilov spoke on Friday. According to him, unification with Russia is the "
     "strategic goal of the Ossetian people.",
     "South Ossetian President Anatoly Bibilov spoke on Friday. “Unification with Russia is the strategic goal of "
     "the Ossetian people,” he noted.",
     [("quote", "Unification with Russia is the strategic goal of the Ossetian people", 2, (1,))]),
])
def test_one_statement_in_two_articles_is_said_once_crediting_both(one, two, expected):
    said = who_said_what_statements(article([one], origin="one.txt"), article([two], origin="two.txt"))
    assert [(st.kind, st.text, st.source, st.also) for st in said] == expected


def test_a_channel_that_relays_another_speaker_is_not_the_speaker_of_the_sentence():
    found, sentences = story_attributions([
        "Foreign Minister David Zalkaliani said on Thursday that a referendum was unacceptable, according to Tass.",
        "“We will not allow it,” he said Thursday, Tass reported.",
    ])
    # The agency is no "he" either: the quotation after it is Zalkaliani's.
    assert [(a.kind, a.speaker, a.cue, a.embedded) for a in found] == [
        ("reported", "Tass", "according to", True), ("reported", "David Zalkaliani", "said", False),
        ("quote", "David Zalkaliani", "said", False)]
    assert bullet_speaker(Attributed(found), sentences[0]).speaker == "David Zalkaliani"
