"""Near-duplicates: wire copies, an article saved twice, a feed entry and its page.

Merged into one source listing every copy; articles that merely share a
quote or a paragraph stay apart.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from briefing.editions.cache import ArticleCache
from briefing.engine.base import LocalEngine
from briefing.models import Carrier, RawDocument
from briefing.sources.dedupe import (
    CONTAINED,
    MIN_SHINGLES,
    NUM_PERM,
    containment,
    merge_duplicates,
    shingles,
    signature,
)
from briefing.sources.fetch import Fetcher
from briefing.sources.ingest import Intake, read_path

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
SEEDS = Path(__file__).parent.parent / "seeds"


def page(name: str) -> RawDocument:
    (document,) = read_path(PAGES / f"{name}.html", Intake([].append, [].append, 10_000_000, Fetcher()))
    return document


def merge(raws, **kwargs):
    notes = []
    return merge_duplicates(raws, notes.append, **kwargs), notes


def as_text_file(raw: RawDocument, origin: str) -> RawDocument:
    """The same article as a reader saved it: a text file with title, byline and dateline."""
    header = f"{raw.title}\nBy {raw.author}\n{raw.published:%B %d, %Y}\n\n"
    return RawDocument(origin, header + raw.text)


def test_wire_copies_become_one_source_listing_every_outlet():
    metro, bayside, courier = page("metro-wire"), page("bayside-wire"), page("courier-analysis")
    merged, notes = merge([bayside, courier, metro])
    assert [d.origin for d in merged] == [str(PAGES / "courier-analysis.html"), str(PAGES / "metro-wire.html")]
    kept = merged[1]
    assert kept.text == metro.text  # the fuller copy: Bayside Post cut the last paragraphs
    assert kept.also == (Carrier(bayside.origin, "Bayside Post", bayside.url, date(2022, 4, 3)),)
    assert len(notes) == 1 and notes[0].startswith(f"{metro.origin}: near-duplicates merged into it")
    assert re.search(r"bayside-wire.html \(Bayside Post, 9\d% shared\)", notes[0])


def test_the_same_article_saved_twice():
    html = page("harbour-times")
    text = as_text_file(html, "saved/harbour-times.txt")
    merged, notes = merge([text, html])
    assert len(merged) == 1 and len(notes) == 1
    (kept,) = merged
    assert {kept.origin, kept.also[0].origin} == {html.origin, "saved/harbour-times.txt"}


def test_a_feed_entry_and_its_page():
    html = page("harbour-times")
    entry = RawDocument(html.url, "Supply chains under strain\n\n" + html.text, title=html.title, author="Ana Ruiz",
                        outlet="The Harbour Times – Shipping", published=date(2022, 4, 1), url=html.url, has_header=False)
    merged, _ = merge([entry, html])
    assert len(merged) == 1 and len(merged[0].also) == 1


def test_articles_sharing_a_quote_or_a_paragraph_stay_apart():
    harbour, courier = page("harbour-times"), page("courier-analysis")
    quote = harbour.text.split("\n")[2]  # Marta Olsen's two-sentence quote
    other = RawDocument("quoting.txt", "\n\n".join([
        "Union leaders in three other ports said on Monday they were watching the dispute in Karsund closely.",
        quote,
        harbour.text.split("\n")[3],  # and a background paragraph
        "In Lindholm, dockworkers voted to hold a one-hour stoppage in solidarity next week. The ferry unions have not decided.",
        "Employers in the other ports said their own pay talks were going well and that they expected no disruption this spring.",
    ]), has_header=False)
    assert 0.3 < containment(shingles(other.text), shingles(harbour.text)) < CONTAINED
    merged, notes = merge([harbour, courier, other])
    assert len(merged) == 3 and notes == []


def test_a_shortened_copy_is_merged_into_the_full_one():
    metro = page("metro-wire")
    brief = RawDocument("brief.txt", "\n\n".join(metro.text.split("\n")[2:6]), has_header=False, outlet="Night Desk")
    merged, _ = merge([brief, metro])
    assert [d.origin for d in merged] == [metro.origin] and merged[0].also[0].outlet == "Night Desk"


def test_of_equally_full_copies_the_earliest_is_kept():
    metro = page("metro-wire")
    later = replace(metro, origin="later.html", published=date(2022, 4, 4), outlet="Later News", author=None)
    undated = replace(metro, origin="undated.html", published=None, author=None, url=None, outlet=None)
    merged, _ = merge([later, undated, metro])
    (kept,) = merged
    assert kept.origin == metro.origin and [c.origin for c in kept.also] == ["later.html", "undated.html"]

    merged, _ = merge([undated, later])  # a dated copy comes before an undated one
    (kept,) = merged
    assert kept.origin == "later.html" and [c.origin for c in kept.also] == ["undated.html"]


def test_an_undated_kept_copy_takes_its_date_from_another_copy():
    metro = page("metro-wire")
    added = "\n".join(f"Added paragraph {n}: this outlet gave its copy of the story more background on the port." for n in range(5))
    fuller = replace(metro, origin="fuller.txt", published=None, author=None, text=metro.text + "\n" + added)
    merged, _ = merge([fuller, metro])
    (kept,) = merged
    assert kept.origin == "fuller.txt" and kept.published == date(2022, 4, 3) and kept.author == "Erik Dahl"


def test_short_texts_are_never_merged():
    a = RawDocument("a.txt", "The strike goes on.", has_header=False)
    merged, notes = merge([a, replace(a, origin="b.txt")])
    assert len(merged) == 2 and notes == []


def test_different_articles_containing_the_same_brief_are_not_chained():
    metro = page("metro-wire")
    paragraphs = metro.text.split("\n")
    brief = RawDocument("brief.txt", "\n\n".join(paragraphs[2:6]), has_header=False)
    cranes = "\n\n".join(f"Paragraph {n} of a report about harbours, cranes and tides in another country." for n in range(20))
    farms = "\n\n".join(f"In section {n} farmers describe how the closure of the port has left their grain unsold." for n in range(20))
    one = replace(brief, origin="one.txt", text=brief.text + "\n\n" + cranes)
    two = replace(brief, origin="two.txt", text=farms + "\n\n" + brief.text)
    merged, _ = merge([one, two, brief])
    assert sorted(d.origin for d in merged) == ["one.txt", "two.txt"]


@pytest.mark.parametrize("use_lsh", [False, True], ids=["exact", "lsh"])
def test_lsh_and_exact_comparison_agree(use_lsh):
    corpus = [page(n) for n in ("harbour-times", "courier-analysis", "metro-wire", "bayside-wire", "fjord-gazette")]
    corpus.append(as_text_file(corpus[0], "saved/harbour-times.txt"))
    merged, notes = merge(corpus, use_lsh=use_lsh)
    assert sorted(Path(d.origin).name for d in merged) == ["courier-analysis.html", "fjord-gazette.html", "harbour-times.html", "metro-wire.html"]
    assert len(notes) == 2


def test_the_seeds_have_no_duplicates():
    raws = [RawDocument(str(p), p.read_text("utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    merged, notes = merge(raws)
    assert merged == raws and notes == []


def test_signatures_computed_once_per_text_and_reused_alike():
    corpus = [page(n) for n in ("harbour-times", "courier-analysis", "metro-wire", "bayside-wire", "fjord-gazette")]
    cache = ArticleCache(None)
    first = cache.signatures(corpus)
    assert first == [signature(raw.text) for raw in corpus]
    assert all(len(s.minhash) == 8 * NUM_PERM for s in first)

    class Counting(LocalEngine):
        texts = 0

        def map(self, func, items):
            self.texts += len(items)
            return super().map(func, items)

    engine = Counting()
    assert cache.signatures(corpus, engine) == first and engine.texts == 0
    given, _ = merge(corpus, use_lsh=True, signatures=first)
    computed, _ = merge(corpus, use_lsh=True)
    assert given == computed and len(given) == 4


def test_a_text_too_short_to_merge_has_no_minhash():
    short = signature("Four words only here. And two.")
    assert short.minhash == b"" and short.shingles < MIN_SHINGLES and short.words == 6
