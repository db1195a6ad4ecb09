"""Corroboration on tiny stories: the same statement in other words, what is
not the same statement, and outlets counted once however many copies they run."""

import pytest
from helpers import article, sentences_of

from briefing.story.corroboration import Matcher, Outlets, corroborate

# Filler that gives the story its common words, as a real story has.
BACKGROUND = [
    "The breakaway region lies in the mountains north of the capital.",
    "The region has a population of about fifty thousand people.",
    "The region held elections for its parliament last year.",
    "Trade with the neighbouring republic has grown since then.",
]


def story(*statements):
    """One article per statement, each with the same background sentences."""
    articles = [article([statement, *BACKGROUND], origin=f"{n}.txt", outlet=f"Outlet {n}")
                for n, statement in enumerate(statements)]
    sentences = sentences_of(*articles)
    firsts = [next(s for s in sentences if s.article == n and s.index == 0) for n in range(len(articles))]
    return articles, Matcher(sentences), firsts


@pytest.mark.parametrize("a, b", [
    # one quote, translated twice
    ("“We have not taken any legal or other action,” Kremlin spokesman Dmitry Peskov told reporters.",
     "“We have not taken legal or any other measures,” Kremlin spokesman Dmitry Peskov told journalists."),
    # one fact, reworded
    ("Moscow recognized the region's independence after the war of 2008.",
     "Russia recognized the region as independent after its 2008 war with Georgia."),
])
def test_the_same_statement_in_other_words(a, b):
    _, matcher, (first, second) = story(a, b)
    assert matcher.same(first, second)


@pytest.mark.parametrize("a, b", [
    # the story's common words, two different claims
    ("The region will hold a referendum on joining Russia in July.",
     "The region's opposition says the referendum is a stunt before the election."),
    # the same words around different numbers
    ("Moscow recognized the region's independence in 2008.",
     "Moscow recognized the region's independence in 1920."),
])
def test_not_the_same_statement(a, b):
    _, matcher, (first, second) = story(a, b)
    assert not matcher.same(first, second)


def test_copies_and_one_outlet_count_once():
    wire = ("Officials said the border crossing would reopen on Monday after two weeks of talks between the two "
            "governments, which had closed it after clashes in the spring left several people wounded on both sides.")
    articles = [
        article([wire], origin="a.txt", outlet="Daily One"),
        article([wire + " Local traders welcomed the news."], origin="b.txt", outlet="Evening Two"),  # a reprint
        article(["The border crossing will reopen on Monday, officials said, ending two weeks of talks."],
                origin="c.txt", outlet="Daily One"),  # the first outlet again
        article(["The crossing reopens on Monday after talks, officials announced."], origin="d.txt",
                url="https://www.third.example/story"),
    ]
    outlets = Outlets(articles)
    assert outlets.groups(range(4)) == [[0, 1, 2], [3]]
    matcher = Matcher(sentences_of(*articles))
    first = sentences_of(*articles)[0]
    found = corroborate(first, matcher, outlets)
    assert next(s.source for s in found.supports) == 1
    assert found.count == 2
    assert sorted(map(sorted, found.outlets))[0] == [1, 2, 3]


def test_a_statement_nobody_else_carries_is_single_source():
    articles, matcher, (first, _) = story("The region's president resigned on Friday after a week of protests.",
                                          "Trade with the neighbouring republic fell by a tenth last spring.")
    found = corroborate(first, matcher, Outlets(articles))
    assert found.count == 1 and [s.source for s in found.supports] == [1]
    assert found.supports[0].same_words


def test_outlets_linked_through_a_third_are_one():
    wire = ("Officials said the border crossing would reopen on Monday after two weeks of talks between the two "
            "governments, which had closed it after clashes in the spring left several people wounded on both sides.")
    articles = [
        article([wire], origin="a.txt", outlet="Daily One"),
        article(["The crossing reopens on Monday after talks, officials announced."], origin="b.txt", outlet="Evening Two"),
        # Evening Two again, running Daily One's wire copy: all three are one outlet's say.
        article([wire + " Local traders welcomed the news."], origin="c.txt", outlet="Evening Two"),
        article(["The border crossing will reopen on Monday, officials said."], origin="d.txt", outlet="Third Post"),
    ]
    assert Outlets(articles).groups([3, 2, 1, 0, 2]) == [[0, 1, 2], [3]]
