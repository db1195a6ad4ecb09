"""Saved web pages of realistic structure: article text and metadata, field by field.

Each fixture in tests/fixtures/pages/ is a page as a site serves it
(navigation, cookie or consent banner, related links, reader comments,
newsletter box, footer, og: and JSON-LD or microdata metadata) with its
article text beside it in `<name>.expected`, one paragraph per line. The
text a build would use (read, then cleaned) must match it sentence by
sentence: precision and recall both at least 0.95.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefing.errors import SourceError
from briefing.sources.fetch import Fetcher
from briefing.sources.ingest import Intake, read_path
from briefing.sources.pages import extract, fragment_text
from briefing.text.clean import clean
from briefing.text.passages import split_sentences

PAGES = Path(__file__).parent / "fixtures" / "pages"
MIN_SCORE = 0.95

METADATA = {
    "harbour-times": {
        "title": "Dockworkers walk out as Karsund port talks collapse",
        "author": "Ana Ruiz",
        "outlet": "The Harbour Times",
        "published": date(2022, 4, 1),
        "url": "https://harbourtimes.example.com/news/2022/04/01/dockworkers-walk-out",
    },
    "courier-analysis": {  # metadata only in a JSON-LD @graph, of a type trafilatura does not read
        "title": "Analysis: why the Karsund strike could last for weeks",
        "author": "Tomas Lind",
        "outlet": "Karsund Courier",
        "published": date(2022, 4, 2),
        "url": "https://www.karsundcourier.example.net/analysis/karsund-strike-weeks-4471",
    },
    "metro-wire": {  # table layout, meta author, a dateline in the text, reader posts
        "title": "Karsund strike strands ships as cargo is diverted",
        "author": "Erik Dahl",
        "outlet": "Metro Daily",
        "published": date(2022, 4, 3),
        "url": "https://metrodaily.example.org/world/karsund-strike-strands-ships",
    },
    "bayside-wire": {  # a WordPress theme: entry-content, comment list, post navigation
        "title": "Ships queue off Karsund as dock strike enters third day",
        "author": "Coastal Wire",
        "outlet": "Bayside Post",
        "published": date(2022, 4, 3),
        "url": "https://baysidepost.example.com/2022/04/03/ships-queue-off-karsund/",
    },
    "fjord-gazette": {  # ISO-8859-1, microdata, a byline with a job title
        "title": "The port strike is a bill for years of delay",
        "author": "Søren Åberg",
        "outlet": "Fjord Gazette",
        "published": date(2022, 4, 4),
        "url": "https://fjordgazette.example.no/opinion/port-strike-bill",
    },
}


def read_page(name: str):
    intake = Intake([].append, [].append, 10_000_000, Fetcher())
    (document,) = read_path(PAGES / f"{name}.html", intake)
    return document


def sentences(text: str) -> list[str]:
    return [" ".join(s.split()) for paragraph in text.split("\n") for s, _, _ in split_sentences(paragraph)]


def scores(found: str, expected: str) -> tuple[float, float]:
    """Sentence precision and recall of `found` against `expected`."""
    got, want = sentences(found), sentences(expected)
    hits = len(set(got) & set(want))
    return hits / len(set(got)), hits / len(set(want))


@pytest.mark.parametrize("name", sorted(METADATA))
def test_article_text_matches_sentence_by_sentence(name):
    article = clean(read_page(name))
    expected = (PAGES / f"{name}.expected").read_text("utf-8")
    precision, recall = scores(article.text, expected)
    assert precision >= MIN_SCORE and recall >= MIN_SCORE, (name, precision, recall)


@pytest.mark.parametrize("name", sorted(METADATA))
def test_metadata_field_by_field(name):
    document = read_page(name)
    for field, value in METADATA[name].items():
        assert getattr(document, field) == value, (name, field)
    assert document.has_header is False and document.origin == str(PAGES / f"{name}.html")


@pytest.mark.parametrize("name", sorted(METADATA))
def test_no_furniture_in_the_text(name):
    text = clean(read_page(name)).text.lower()
    for furniture in ("cookie", "subscribe", "sign up", "all rights reserved", "related", "most read",
                      "comment", "leave a reply", "share this", "share on", "newsletter", "log in", "skip to"):
        assert furniture not in text, (name, furniture)


def test_every_fixture_is_checked():
    assert {p.stem for p in PAGES.glob("*.html")} == set(METADATA)
    assert {p.stem for p in PAGES.glob("*.expected")} == set(METADATA)


def test_the_scores_are_real():
    # A page whose comments were taken for article text, and which lost a paragraph, fails.
    expected = (PAGES / "metro-wire.expected").read_text("utf-8")
    damaged = "Forty ships is nothing, I saw sixty out there on Saturday evening from the lighthouse.\n" + "\n".join(expected.splitlines()[1:])
    precision, recall = scores(damaged, expected)
    assert precision < MIN_SCORE and recall < MIN_SCORE


def test_reader_comments_are_cut_out_before_extraction():
    html = (PAGES / "metro-wire.html").read_text("utf-8")
    assert "Forty ships is nothing" in html
    assert "Forty ships is nothing" not in extract(html, "metro-wire.html").text


def test_comment_pruning_spares_a_wrapper_holding_most_of_the_page():
    import lxml.html

    from briefing.sources.pages import _prune_comments

    tree = lxml.html.fromstring(
        "<html><body><div class='with-comments'><article><p>A long article paragraph about the port strike.</p></article>"
        "<ol class='comment-list'><li>Short reply.</li></ol></div><div id='disqus_thread'>Another reply.</div></body></html>"
    )
    _prune_comments(tree)
    assert tree.text_content() == "A long article paragraph about the port strike."


def test_json_ld_fills_in_what_the_page_does_not_say():
    body = "".join(f"<p>Paragraph {n} of a long report about the strike at the port and what it means.</p>" for n in range(6))
    html = ('<html><head><script type="application/ld+json">[{"@type": "WebPage"}, {"@type": ["ReportageNewsArticle"], '
            '"headline": "Strike report", "author": [{"name": "A. One"}, {"name": "B. Two"}], "publisher": {"name": "Wire Co"}, '
            '"datePublished": "2022-04-05", "mainEntityOfPage": {"@id": "https://wire.example/strike-report"}}]</script>'
            f'</head><body><div>{body}</div></body></html>')
    page = extract(html, "x.html")
    assert (page.author, page.outlet, page.published, page.url) == ("A. One; B. Two", "Wire Co", date(2022, 4, 5), "https://wire.example/strike-report")


def test_broken_json_ld_is_ignored():
    body = "".join(f"<p>Paragraph {n} of a long report about the strike at the port and what it means.</p>" for n in range(6))
    page = extract(f'<html><head><script type="application/ld+json">{{"@type": </script></head><body>{body}</body></html>', "x.html")
    assert "Paragraph 5" in page.text and page.author is None


def test_a_page_of_menus_holds_no_article(tmp_path):
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>")
    with pytest.raises(SourceError, match=r"menu\.html: no article text found in the page"):
        read_path(tmp_path / "menu.html", Intake([].append, [].append, 10_000, Fetcher()))


def test_fragments_become_paragraphs():
    html = "<p>One <b>bold</b> claim.</p><ul><li>First point.</li><li>Second point.</li></ul>Tail<br>line<script>x()</script>"
    assert fragment_text(html) == "One bold claim.\n\nFirst point.\n\nSecond point.\n\nTail\n\nline"
    assert fragment_text("Just text, no tags.") == "Just text, no tags."
