from helpers import article, passages_of

from briefing.config import SectionSpec, load_config
from briefing.story.topics import assign_sections, discover_topics, most_topics, segment

SPECS = (
    SectionSpec("Elections", "The vote, the ballot and the candidates of the election.", ("vote", "ballot")),
    SectionSpec("Weather", "Storms, rain and floods.", ("storm", "rain", "flood")),
)


def titles_by_passage(sections):
    return {p.text: s.title for s in sections for p in s.passages}


def test_passages_go_to_the_most_similar_section():
    a = article(["Voters cast a ballot in the election for mayor today.", "Heavy rain and a storm flooded the valley."])
    result = titles_by_passage(segment(passages_of(a), SPECS, threshold=0.05))
    assert result == {a.text.split("\n\n")[0]: "Elections", a.text.split("\n\n")[1]: "Weather"}


def test_a_profile_of_titles_alone_is_matched_by_the_titles_words(tmp_path):
    profile = tmp_path / "briefing.toml"
    profile.write_text('[[sections]]\ntitle = "Election results"\n[[sections]]\ntitle = "Flood damage"\n')
    specs = load_config(profile).sections
    a = article(["The election results gave the mayor a second term.", "Flood damage in the valley cost millions."])
    result = titles_by_passage(segment(passages_of(a), specs, threshold=0.05))
    assert result == {a.text.split("\n\n")[0]: "Election results", a.text.split("\n\n")[1]: "Flood damage"}


def test_a_paragraph_that_only_continues_follows_its_predecessor():
    a = article(["The storm brought rain and floods to the coast overnight.", "Nobody expected that to happen so soon."])
    sections = segment(passages_of(a), SPECS, threshold=0.05)
    assert titles_by_passage(sections)["Nobody expected that to happen so soon."] == "Weather"


def test_unrelated_passage_goes_to_other_or_is_dropped():
    a = article(["The ballot count for the vote ended.", "Chess players admire the opening gambit played."])
    b = article(["Museum curators catalogued ancient pottery shards."])
    passages = passages_of(a, b)
    other = segment(passages, SPECS, threshold=0.05, unassigned="other", other_title="Miscellany")
    assert [s.title for s in other] == ["Elections", "Weather", "Miscellany"]
    assert [p.text for p in other[-1].passages] == ["Museum curators catalogued ancient pottery shards."]
    dropped = segment(passages, SPECS, threshold=0.05, unassigned="drop")
    assert [s.title for s in dropped] == ["Elections", "Weather"]
    assert sum(len(s.passages) for s in dropped) < len(passages)


def test_sections_learn_words_their_description_lacks():
    # "precipitation" is in no description: it reaches Weather through the
    # vocabulary of the passages Weather already won.
    a = article(
        [
            "The storm and rain caused a flood near the river and more precipitation.",
            "Rain and storm warnings continue as the flood recedes.",
            "Forecasters expect precipitation totals to climb across the region.",
        ]
    )
    b = article(["Candidates asked for every vote and ballot in the election."])
    result = titles_by_passage(segment(passages_of(a, b), SPECS, threshold=0.05))
    assert result["Forecasters expect precipitation totals to climb across the region."] == "Weather"


def test_passage_order_is_kept_within_a_section():
    a = article(["First storm of the year with rain.", "Second storm with more rain."])
    b = article(["Third storm brought floods and rain."])
    weather = segment(passages_of(a, b), SPECS, threshold=0.05)[1]
    assert [(p.article, p.index) for p in weather.passages] == [(0, 0), (0, 1), (1, 0)]


def test_discovered_topics_are_named_by_their_top_terms():
    a = article(
        [
            "The football match ended with a late goal for the home team.",
            "The football coach praised the team and the goal scorer.",
            "Inflation rose as the central bank kept interest rates high.",
            "The central bank said inflation and interest rates would stay high.",
        ]
    )
    sections = discover_topics(passages_of(a), count=2)
    assert len(sections) == 2
    names = " ".join(s.title.lower() for s in sections)
    assert "football" in names or "goal" in names or "team" in names
    assert "inflation" in names or "bank" in names or "interest" in names
    assert sorted(len(s.passages) for s in sections) == [2, 2]


def test_terms_written_side_by_side_name_a_topic_as_one_phrase():
    a = article(
        [
            "Protesters marched through Phnom Penh on Monday against the election result.",
            "Police in Phnom Penh broke up the protest with water cannon.",
            "The central bank raised interest rates to fight inflation.",
            "Inflation forced the central bank to act again on rates.",
        ]
    )
    titles = [s.title for s in discover_topics(passages_of(a), count=2)]
    assert any("Phnom Penh" in t for t in titles) and any("central bank" in t.lower() for t in titles)
    assert not any(", Penh" in t or "Phnom," in t for t in titles)


# Six subjects, each written about by both of two articles in a paragraph each: paragraphs make
# many small groups, each shared by enough articles to be a topic.
SUBJECTS = [
    ("The harbour strike kept container ships waiting outside the port.", "Dock workers at the harbour voted to extend the strike."),
    ("The central bank raised interest rates to slow inflation.", "Inflation pushed the central bank to raise rates again."),
    ("Floods cut the rail line along the river valley.", "The river flooded the valley and closed the rail line."),
    ("The football team sacked its coach after a losing season.", "A losing season cost the football coach his job."),
    ("Wildfires burned forest near the mountain villages.", "Villagers fled the forest fire in the mountains."),
    ("The museum opened a gallery of medieval tapestries.", "Medieval tapestries fill the new museum gallery."),
]


def test_discovered_topics_are_no_more_than_the_budget_gives_whole_sections():
    first = article([a for a, _ in SUBJECTS], origin="a.txt")
    second = article([b for _, b in SUBJECTS], origin="b.txt")
    passages = passages_of(first, second)
    unlimited = discover_topics(passages)
    assert len(unlimited) > 3
    capped = discover_topics(passages, most=3)
    assert len(capped) == 3
    assert sorted(p.text for s in capped for p in s.passages) == sorted(p.text for p in passages)
    config = load_config(None, total_words=400, words_per_section=130)
    assert most_topics(config) == 3
    assert len(assign_sections(passages, config)) <= 3
