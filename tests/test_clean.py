"""Tests for the Clean stage: paragraphs, boilerplate rules, metadata, repeated lines."""

from __future__ import annotations

import textwrap
import time
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.models import RawDocument
from briefing.text.clean import clean, clean_all, parse_date, repeated_lines

SEEDS = Path(__file__).parent.parent / "seeds"

BODY = [
    "The regional parliament voted on Tuesday to hold a referendum on the territory's status.",
    "Opposition leaders called the vote a stunt ahead of the elections, according to local media.",
    "Officials in the capital said they would not recognise the result of any such vote.",
]
SEED_BOILERPLATE = [
    "Skip to content",
    "Placeholder while loading article actions",
    "| News, Georgia, Tskhinvali",
    "See Also",
    "Also Read:",
    "Related article:",
    "https://",
    "Our website uses cookies",
    "seeks local specialists",
    "Send CV",
    "This post is also available in",
    "Not all news on the site expresses the point of view",
    "Ukraine offers neutrality in talks with Russia. What does that mean?",
]


def body_of(text: str, **meta) -> list[str]:
    """The paragraphs of the cleaned `text`, read back through the offsets."""
    article = clean(RawDocument(origin="doc.txt", text=text, has_header=meta.pop("has_header", False), **meta))
    return [article.text[start:end] for start, end in article.paragraphs]


def squash(text: str) -> str:
    """`text` without whitespace, control characters and byte-order marks, which cleaning may drop."""
    return "".join(c for c in "".join(text.split()) if unicodedata.category(c) != "Cc" and c != "\ufeff")


# Paragraph layouts


def test_one_line_per_paragraph_without_blank_lines():
    assert body_of("\n".join(BODY)) == BODY


def test_blank_line_separated_paragraphs():
    assert body_of("\n\n\n".join(BODY) + "\n") == BODY


def test_hard_wrapped_paragraphs_are_rejoined():
    paras = [" ".join([sentence] * 3) for sentence in BODY]
    wrapped = "\n\n".join(textwrap.fill(para, width=72) for para in paras)
    assert body_of(wrapped) == paras


def test_hard_wrapped_text_without_blank_lines_breaks_at_short_lines():
    paras = [" ".join([sentence] * 3) for sentence in BODY]
    assert body_of("\n".join(textwrap.fill(para, width=60) for para in paras)) == paras


def test_block_of_full_paragraph_lines_is_split():
    text = BODY[0] + "\n" + BODY[1] + "\n\n" + BODY[2]
    assert body_of(text) == BODY


def test_soft_break_before_lowercase_continues_paragraph():
    text = "The vote was held in\nthe capital on Tuesday, officials said.\nTurnout was high, the election commission said."
    assert body_of(text) == [
        "The vote was held in the capital on Tuesday, officials said.",
        "Turnout was high, the election commission said.",
    ]


def test_whitespace_collapsed_and_offsets_index_the_text():
    article = clean(RawDocument("doc.txt", "  Tbilisi\u00a0said   no.\t\n\nMoscow  said\u2009yes.  ", has_header=False))
    assert article.text == "Tbilisi said no.\n\nMoscow said yes."
    assert article.paragraphs == ((0, 16), (18, 34))


# Boilerplate families, in wordings the seeds do not use


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Placeholder while loading comments",
        "Loading...",
        "Home | World | Europe",
        "» Politics",
        "Read more: Georgia heads to the polls",
        "Related stories",
        "Related Article: South Ossetia Leader Wants Public Debate on Joining Russia",
        "See also:",
        "https://example.com/news/2022/04/01/a-story-about-the-vote",
        "www.example.org/world",
        "press@example.org",
        "We use cookies to improve your experience. By continuing to browse you agree to our Cookie Policy.",
        "This website uses cookies to personalise content and ads.",
        "This article is also available in: Français Deutsch",
        "Sign up for our weekly newsletter to get the latest news.",
        "Share on Facebook",
        "Share this article",
        "Advertisement",
        "Story continues below advertisement",
        "© 2024 Example Media Ltd. All rights reserved.",
        "Copyright 2023 The Daily Example.",
        "The Daily Example is hiring reporters. Send your CV and a cover letter to jobs@example.com.",
        "Example News seeks freelance correspondents in the region. Competitive remuneration offered.",
        "The views expressed in this column do not necessarily reflect the views of the editorial board.",
        "Not every story on this website expresses the opinion of its editors.",
        "Photo: Reuters",
        "* * *",
    ],
)
def test_boilerplate_line_is_dropped(line):
    article = clean(RawDocument("doc.txt", "\n\n".join([BODY[0], line, BODY[1], BODY[2]]), has_header=False))
    assert [article.text[s:e] for s, e in article.paragraphs] == BODY
    assert " ".join(line.split()) in article.removed


@pytest.mark.parametrize(
    "line",
    [
        "Read more widely, the report shows the region's economy depends on transfers from Moscow.",
        "Lawmakers said the ruling party does not represent the views of most voters in the region.",
        "The ministry seeks foreign journalists' help in documenting the damage, officials said.",
        "Residents said cookies and bread were in short supply after the border was closed.",
        "Loading of the trucks resumed on Wednesday, the customs office said.",
        "Related developments in Abkhazia were discussed at the meeting, the spokesman said.",
        "He declined to say when the vote would be held.",
    ],
)
def test_body_sentences_resembling_boilerplate_are_kept(line):
    assert line in body_of("\n\n".join([BODY[0], line, BODY[1]]))


def test_subheads_and_teaser_headlines_are_dropped():
    text = "\n\n".join([BODY[0], "Georgia says vote is illegal. What happens next?", "What does this mean for Ukraine?", BODY[1]])
    assert body_of(text) == BODY[:2]


def test_trailing_credits_after_last_paragraph_are_dropped():
    text = "\n\n".join([*BODY, "Reporting by Jane Doe; Editing by John Roe", "Contact the desk at desk@example.com."])
    assert body_of(text) == BODY


@pytest.mark.parametrize("note", [
    "This article was originally published in Russian.",
    "This story has been updated with comment from the Georgian foreign ministry.",
    "This interview has been edited and condensed for clarity.",
])
def test_editors_notes_about_the_piece_after_the_last_paragraph_are_dropped(note):
    assert body_of("\n\n".join([*BODY, note])) == BODY


def test_a_last_paragraph_about_a_published_report_is_news_not_a_note():
    text = "\n\n".join([*BODY, "The report was published by the OSCE mission on Monday and names four villages."])
    assert body_of(text) == [*BODY, "The report was published by the OSCE mission on Monday and names four villages."]


# Title, byline and dateline


def test_title_byline_and_date_become_metadata():
    article = clean(RawDocument("x/story.txt", "Vote Set in Breakaway Region\nBy Jane Doe\nMonday, March 7, 2022\n" + "\n".join(BODY)))
    assert (article.title, article.author, article.published) == ("Vote Set in Breakaway Region", "Jane Doe", date(2022, 3, 7))
    assert article.has_headline
    assert [article.text[s:e] for s, e in article.paragraphs] == BODY


@pytest.mark.parametrize(
    "line",
    [
        "April 1, 2022",
        "1 April 2022",
        "2022-04-01",
        "Apr. 1, 2022",
        "Fri 1st Apr 2022",
        "Published: Friday, April 1, 2022 10:42 am",
        "Updated April 1, 2022 at 3:45 p.m. EDT",
        "2022-04-01T09:30:00Z",
        "01.04.2022",
    ],
)
def test_dateline_formats(line):
    article = clean(RawDocument("a.txt", f"A Headline Without a Period\n{line}\n\n{BODY[0]}"))
    assert article.published == date(2022, 4, 1)
    assert article.text == BODY[0]


@pytest.mark.parametrize(
    ("line", "author", "day"),
    [
        ("By Jane Doe and John Roe, Reuters", "Jane Doe and John Roe", None),
        ("By: Anna van der Berg | April 2, 2022", "Anna van der Berg", date(2022, 4, 2)),
        ("Written by Giorgi Maisuradze", "Giorgi Maisuradze", None),
    ],
)
def test_byline_formats(line, author, day):
    article = clean(RawDocument("a.txt", f"Headline\n{line}\n{BODY[0]}"))
    assert (article.author, article.published) == (author, day)


def test_sentence_starting_with_by_is_not_a_byline():
    article = clean(RawDocument("a.txt", f"Headline\nBy Thursday, troops had crossed the border.\n{BODY[0]}"))
    assert article.author is None
    assert article.text.startswith("By Thursday, troops")


def test_date_inside_the_body_is_not_the_publication_date():
    article = clean(RawDocument("a.txt", "Headline\n" + "\n".join(BODY) + "\nThe vote is set for April 10, 2022."))
    assert article.published is None


def test_byline_and_dateline_after_a_standfirst():
    text = f"Vote Set in Breakaway Region\nThe de facto leader wants a vote by summer.\n\nBy Jane Doe\n\nSat 2 Apr 2022 10.00 BST\n\n{BODY[0]}"
    article = clean(RawDocument("a.txt", text))
    assert (article.author, article.published) == ("Jane Doe", date(2022, 4, 2))
    assert [article.text[s:e] for s, e in article.paragraphs] == ["The de facto leader wants a vote by summer.", BODY[0]]


def test_dateline_far_below_the_top_is_not_metadata():
    article = clean(RawDocument("a.txt", "Headline\n" + "\n".join(BODY * 3) + "\nApril 10, 2022\n" + BODY[0]))
    assert article.published is None


def test_byline_and_date_shared_by_one_outlet_are_still_metadata():
    raws = [RawDocument(f"{i}.txt", f"Headline {i}\nBy Jane Doe\nApril 1, 2022\n{BODY[i]}", outlet="Same") for i in range(2)]
    assert [(a.author, a.published) for a in clean_all(raws)] == [("Jane Doe", date(2022, 4, 1))] * 2


def test_title_is_first_line_surviving_boilerplate():
    article = clean(RawDocument("a.txt", "Skip to main content\nVote Set in Breakaway Region?\nLoading...\n\n" + BODY[0]))
    assert article.title == "Vote Set in Breakaway Region?"
    assert article.text == BODY[0]


def test_given_metadata_is_kept_and_repeated_title_line_dropped():
    raw = RawDocument("a.txt", "Vote Set\nBy Jane Doe\n" + BODY[0], title="Vote Set", author="J. Roe", published=date(2020, 1, 1))
    article = clean(raw)
    assert (article.title, article.author, article.published, article.text) == ("Vote Set", "J. Roe", date(2020, 1, 1), BODY[0])


def test_sentence_first_line_is_body_and_title_falls_back_to_its_opening_words():
    article = clean(RawDocument("/data/in/kremlin-story.txt", "\n".join(BODY)))
    assert article.title == "The regional parliament voted on Tuesday to hold a referendum on the…"
    assert not article.has_headline
    assert article.text.startswith(BODY[0])


def test_without_header_the_first_line_is_body():
    assert body_of("\n".join(BODY), has_header=False) == BODY


def test_newswire_dateline_is_left_in_place():
    first = "WASHINGTON (Reuters) - The State Department said on Thursday it would not recognise the vote."
    assert body_of(first + "\n" + BODY[1])[0] == first


def test_parse_date():
    assert parse_date("2022-04-01") == date(2022, 4, 1)
    assert parse_date("posted Sept. 3, 2021, 9:00") == date(2021, 9, 3)
    assert parse_date("2022-13-45") is None
    assert parse_date("no date here") is None


# Lines repeated across a site


def site_doc(i: int, extra: str, **meta) -> RawDocument:
    return RawDocument(f"{i}.txt", f"{BODY[i % 3]}\n\n{extra}\n\n{BODY[(i + 1) % 3]}", has_header=False, **meta)


def test_footer_repeated_on_one_outlet_is_dropped():
    footer = "Example Monitor is an independent outlet covering the Caucasus."
    articles = clean_all([site_doc(i, footer, outlet="Example Monitor") for i in range(2)])
    assert all(footer not in a.text and footer in a.removed for a in articles)


def test_line_repeated_on_one_host_is_dropped():
    line = "Independent journalism from the South Caucasus since 1998"
    articles = clean_all([site_doc(i, line, url=f"https://www.example.ge/news/{i}") for i in range(2)])
    assert all(line not in a.text for a in articles)


def test_site_notice_repeated_in_three_unattributed_documents_is_dropped():
    line = "Follow our channel for the latest updates from the region every morning."
    articles = clean_all([site_doc(i, line) for i in range(3)])
    assert all(line not in a.text for a in articles)


def test_quote_shared_by_two_outlets_is_kept():
    quote = "“We will not recognise the results of any effort to divide sovereign territory,” the spokesperson said."
    raws = [site_doc(0, quote, outlet="Outlet A"), site_doc(1, quote, outlet="Outlet B")]
    assert repeated_lines(raws) == frozenset()
    assert all(quote in a.text for a in clean_all(raws))


def test_background_sentence_shared_by_three_outlets_is_kept():
    line = "Moscow recognised the region's independence after a brief war with Georgia in 2008."
    assert all(line in a.text for a in clean_all([site_doc(i, line) for i in range(3)]))


def test_repeated_quote_on_the_same_outlet_is_kept():
    quote = "“This concerns the choice of the people, which we respect,” the spokesman said."
    assert all(quote in a.text for a in clean_all([site_doc(i, quote, outlet="Same") for i in range(3)]))


# Robustness


@settings(max_examples=300, deadline=None)
@given(st.text(), st.booleans())
def test_never_crashes_and_offsets_hold(text, has_header):
    article = clean(RawDocument("doc.txt", text, has_header=has_header))
    assert "\n\n".join(article.text[s:e] for s, e in article.paragraphs) == article.text
    assert all("\n" not in article.text[s:e] and article.text[s:e] == article.text[s:e].strip() for s, e in article.paragraphs)
    assert all(squash(article.text[s:e]) in squash(text) for s, e in article.paragraphs)


@pytest.mark.parametrize("text", ["", "   \n\n\t ", "\x00\x07\x1b[31m", "\ufeff\r\n\r\n", "日本語の記事です。ロシアは声明を出した。\n次の段落。"])
def test_degenerate_inputs(text):
    clean_all([RawDocument("a.txt", text), RawDocument("b.txt", text, has_header=False)])


@pytest.mark.parametrize("text", ["word " * 200_000, "a" * 1_000_000, "a." * 500_000, ("x" * 70 + "\n") * 14_000])
def test_one_megabyte_is_fast(text):
    started = time.perf_counter()
    clean(RawDocument("big.txt", text))
    assert time.perf_counter() - started < 1.0


# The real seeds


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, object]]:
    paths = sorted(SEEDS.glob("*.txt"))
    articles = clean_all([RawDocument(str(path), path.read_text(encoding="utf-8")) for path in paths])
    return {path.name[:3]: (path.read_text(encoding="utf-8"), article) for path, article in zip(paths, articles, strict=True)}


def test_seed_boilerplate_is_gone(seeds):
    for _, article in seeds.values():
        for phrase in SEED_BOILERPLATE:
            assert phrase not in article.text, (article.origin, phrase)


def test_seed_paragraphs_are_verbatim(seeds):
    for source, article in seeds.values():
        assert article.paragraphs
        for start, end in article.paragraphs:
            assert squash(article.text[start:end]) in squash(source)


def test_seed_000_metadata_and_one_paragraph_per_line(seeds):
    source, article = seeds["000"]
    assert (article.author, article.published) == ("Natalia Kochiashvili", date(2022, 4, 1))
    assert article.title.startswith("‘President’ of Occupied Tskhinvali Region")
    assert [article.text[s:e] for s, e in article.paragraphs] == [" ".join(line.split()) for line in source.splitlines()[3:]]


def test_seed_003_hard_wraps_rebuilt(seeds):
    source, article = seeds["003"]
    blocks = [" ".join(block.split()) for block in source.split("\n\n") if block.strip()]
    paras = [article.text[s:e] for s, e in article.paragraphs]
    assert len(blocks) == 16
    assert paras == [block for block in blocks if not block.startswith(("Related article", "https://"))]


def test_seed_titles(seeds):
    assert seeds["004"][1].title == "What is happening in South Ossetia and what does it have to do with the Ukraine-Russia war?"
    assert seeds["001"][1].title.startswith("Separatist South Ossetia will hold a referendum")
    assert seeds["003"][1].title == "The Kremlin has played down a suggestion by the president of South…"
