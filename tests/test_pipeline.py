"""The pipeline's own decisions: budgets, cross-section redundancy, key points."""

from helpers import article, passages_of, sentences_of

from briefing.config import Config
from briefing.models import Section, SummarySection
from briefing.pipeline import (
    OPENING_WORDS,
    choose_key_points,
    discovered_sections,
    section_budgets,
    summarize_sections,
)
from briefing.report import Report
from briefing.story.stories import headline
from briefing.story.summarize import centrality, summarize
from briefing.text.tokens import word_count

FIRST = article(["The council approved the harbour budget on Monday after a long debate in the chamber.",
                 "The harbour budget adds money for dredging, new cranes and safety inspections next year."])
SECOND = article(["On Monday the council approved the harbour budget after a long debate in the chamber.",
                  "Dock workers said the new cranes would arrive before the summer shipping season begins."])


def sections():
    first, second = passages_of(FIRST, SECOND)[:2], passages_of(FIRST, SECOND)[2:]
    return (Section("Budget", tuple(first)), Section("Workers", tuple(second)))


def test_a_later_section_does_not_say_again_what_an_earlier_one_said():
    summaries = summarize_sections(sections(), Config(summarizer="lead", words_per_section=60), Report())
    said = [s.text for section in summaries for s in section.summary]
    assert "On Monday the council approved the harbour budget after a long debate in the chamber." not in said
    approved = [s for s in summaries[0].summary if s.text.startswith("The council approved")]
    assert approved and approved[0].sources == (1, 2)  # said once, both sources credited


def test_section_budgets_share_the_total_by_size():
    budgets = section_budgets(sections(), per_section=100, total=120)
    assert sum(budgets) <= 120 + 40 and all(40 <= b <= 100 for b in budgets)
    assert section_budgets(sections(), per_section=50, total=500) == [50, 50]


def test_key_points_keep_their_budgets_and_open_with_what_most_articles_report():
    config = Config(key_points=2, key_point_words=40)
    corpus = [s for p in passages_of(FIRST, SECOND) for s in p.sentences]
    points = choose_key_points(corpus, config)
    assert 1 <= len(points) <= 2 and sum(word_count(p.text) for p in points) <= 40
    # Both articles report the approval: it comes first, crediting both.
    assert "council approved the harbour budget" in points[0].text and points[0].sources == (1, 2)
    assert len({p.text for p in points}) == len(points)


def test_key_points_open_with_the_best_summary_of_opening_words():
    config = Config(key_points=5, key_point_words=130)
    corpus = [s for p in passages_of(FIRST, SECOND) for s in p.sentences]
    opening = [s.text for s in summarize(corpus, OPENING_WORDS, "coverage")]
    points = [p.text for p in choose_key_points(corpus, config)]
    assert sorted(points[: len(opening)]) == sorted(opening)


def test_a_story_is_headlined_by_a_real_headline_never_by_a_cut_off_sentence():
    stand_in = article(["Ossetian officials said the referendum on joining Russia would be held in July."],
                       title="Ossetian officials said the referendum on joining Russia would…", has_headline=False)
    real = article(["A vote on leaving Georgia was announced for the summer."], title="Breakaway region sets vote")
    corpus = sentences_of(stand_in, real)
    assert headline([stand_in, real], centrality(corpus)) == "Breakaway region sets vote"
    # No real headline: the noun phrases its text writes, not the stand-in's cut-off sentence.
    assert headline([stand_in], centrality(corpus)) == "Russia and the referendum"


def test_no_bullet_is_the_inner_sentence_of_a_quotation_whose_speaker_is_unknown():
    """A quotation the attributions give no speaker is left out whole: its inner sentences, which carry no
    quotation mark, are never shown as if the writer said them."""
    from datetime import UTC, datetime

    from briefing.pipeline import brief_articles

    def report(place, day):
        return article([f"Dock workers met in {place} on {day} to discuss the pay offer from the port employers.",
                        "Talks with the employers broke down again without a new date for a meeting.",
                        '"We will not give up. The strike at every port will begin on Monday morning. '
                        'Nobody can stop it now."'], origin=f"{place}.txt")

    articles = [report("Rotterdam", "Tuesday"), report("Antwerp", "Wednesday"), report("Hamburg", "Thursday")]
    briefing = brief_articles(articles, Config(), Report(echo=False), datetime(2024, 1, 1, tzinfo=UTC))
    bullets = [*briefing.key_points, *(s for section in briefing.sections for s in section.summary)]
    assert briefing.key_points and bullets
    assert not any("The strike at every port" in b.text or "Nobody can stop" in b.text for b in bullets)


def test_a_discovered_section_left_empty_by_the_key_points_is_not_shown():
    summaries = summarize_sections(sections(), Config(summarizer="lead", words_per_section=60), Report())
    emptied = (summaries[0], SummarySection(summaries[1].title, (), summaries[1].passages))
    shown = discovered_sections(emptied, passages_of(FIRST, SECOND))
    assert len(shown) == 1 and shown[0].summary == summaries[0].summary
