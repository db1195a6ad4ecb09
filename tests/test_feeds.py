"""RSS and Atom feeds: full-content and summary-only entries, --since, feeds by URL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from localweb import loopback_only, web  # noqa: F401 - fixtures

from briefing.errors import SourceError
from briefing.sources.feeds import parse
from briefing.sources.fetch import Fetcher
from briefing.sources.ingest import read_sources

FIXTURES = Path(__file__).parent / "fixtures"
FEED = FIXTURES / "feeds" / "harbour-times.rss"
ANALYSIS = "/analysis/karsund-strike-weeks"


@pytest.fixture
def site(web):
    """The local server with the analysis page the feed's summary-only entry links to."""
    web.route(ANALYSIS, body=(FIXTURES / "pages" / "courier-analysis.html").read_bytes())
    return web


def feed_text(web) -> str:
    return FEED.read_text("utf-8").replace("http://127.0.0.1:PORT", web.url(""))


def feed_file(tmp_path, web) -> Path:
    path = tmp_path / "harbour-times.rss"
    path.write_text(feed_text(web), "utf-8")
    return path


def read(sources, tmp_path, **kwargs):
    warnings, notes = [], []
    fetcher = Fetcher(cache=tmp_path / "cache", timeout=2, max_bytes=1_000_000, host_delay=0)
    documents = read_sources(sources, warnings.append, 1_000_000, fetcher=fetcher, note=notes.append, **kwargs)
    return documents, warnings, notes


def test_each_entry_is_an_article_from_its_content_or_its_page(site, tmp_path):
    documents, warnings, _ = read([feed_file(tmp_path, site)], tmp_path)
    mediation, walkout, analysis = documents

    assert mediation.title == "Union and port authority agree to mediation"
    assert mediation.text.startswith("Both sides in the Karsund port strike accepted the appointment of a mediator")
    assert "\n\n" in mediation.text and "<p>" not in mediation.text  # paragraphs, not markup
    assert (mediation.author, mediation.outlet, mediation.published) == ("Ana Ruiz", "The Harbour Times – Shipping", date(2022, 4, 5))
    assert mediation.url == mediation.origin == site.url("/news/2022/04/05/mediation") and not mediation.has_header
    assert "Supply chains under strain" in walkout.text and walkout.published == date(2022, 4, 1)

    # Summary-only: the linked page is read; the feed's own fields come first.
    assert "nineteen days and ended only after the regional government" in analysis.text
    assert "Read more" not in analysis.text
    assert analysis.title == "Analysis: why the Karsund strike could last for weeks"
    assert (analysis.author, analysis.outlet, analysis.published) == ("Tomas Lind", "Karsund Courier", date(2022, 4, 2))
    assert site.hits[ANALYSIS] == 1

    # Summary-only entries whose pages are gone are skipped, one line each.
    assert len(warnings) == 2
    for path in ("/shipping/ferry-timetable", "/shipping/removed-story"):
        assert any(w.startswith(f"{site.url(path)}: HTTP 404 Not Found (entry of ") and w.endswith("skipped") for w in warnings)


def test_since_leaves_out_older_entries_before_fetching_their_pages(site, tmp_path):
    documents, warnings, notes = read([feed_file(tmp_path, site)], tmp_path, since=date(2022, 4, 2))
    assert [d.published for d in documents] == [date(2022, 4, 5), date(2022, 4, 2)]
    assert warnings == [] and "/shipping/ferry-timetable" not in site.hits
    assert len(notes) == 3 and all("before --since 2022-04-02; left out" in n for n in notes)


def test_a_feed_by_url_is_asked_for_again_but_its_pages_come_from_the_cache(site, tmp_path):
    url = site.route("/shipping/rss", body=feed_text(site), content_type="application/rss+xml", etag='"v1"')
    first, _, _ = read([url], tmp_path)
    second, _, _ = read([url], tmp_path)
    assert [d.title for d in first] == [d.title for d in second] and len(first) == 3
    assert site.hits["/shipping/rss"] == 2 and site.headers["/shipping/rss"]["If-None-Match"] == '"v1"'
    assert site.hits[ANALYSIS] == 1


def test_a_cached_feed_that_cannot_be_refreshed_is_used_with_a_warning(site, tmp_path):
    url = site.route("/shipping/rss", body=feed_text(site), content_type="application/rss+xml")
    read([url], tmp_path)
    site.route("/shipping/rss", status=503, body="down")
    documents, warnings, _ = read([url], tmp_path)
    assert len(documents) == 3
    assert any(w.startswith(f"{url}: HTTP 503 Service Unavailable; using the copy fetched ") for w in warnings)


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Coastal Wire</title>
  <id>urn:coastal-wire</id>
  <updated>2022-04-06T10:00:00Z</updated>
  <entry>
    <title>Talks resume in Karsund</title>
    <id>urn:cw:1</id>
    <updated>2022-04-06T09:00:00+02:00</updated>
    <published>2022-04-06T00:30:00+02:00</published>
    <author><name>Erik Dahl</name></author>
    <content type="html">{content}</content>
  </entry>
  <entry>
    <title>Brief: pickets stay</title>
    <id>urn:cw:2</id>
    <updated>2022-04-06T11:00:00Z</updated>
    <summary>Pickets stayed at the gates of the Port of Karsund on Wednesday while mediation went on, and union officials said
      they would remain there until an agreement was signed by both sides and put to a vote of the members.</summary>
  </entry>
  <entry>
    <title>Teaser</title>
    <id>urn:cw:3</id>
    <updated>2022-04-06T12:00:00Z</updated>
    <summary>More soon.</summary>
  </entry>
</feed>
"""


def test_an_atom_feed(tmp_path):
    paragraph = "&lt;p&gt;Mediated talks between the union and the port authority resumed on Wednesday in Karsund. &lt;/p&gt;"
    path = tmp_path / "wire.atom"
    path.write_text(ATOM.format(content=paragraph * 12), "utf-8")
    documents, warnings, _ = read([path], tmp_path)
    talks, brief = documents
    # Published at half past midnight local time: still the 6th, as the wire dated it.
    assert (talks.title, talks.author, talks.outlet, talks.published) == ("Talks resume in Karsund", "Erik Dahl", "Coastal Wire", date(2022, 4, 6))
    assert talks.origin == f"{path}#1" and talks.url is None
    assert brief.text.startswith("Pickets stayed at the gates") and brief.origin == f"{path}#2"
    assert warnings == [f"{path}#3: the feed entry has no article text and no link; skipped"]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("config.xml", "<?xml version='1.0'?><settings><colour>blue</colour></settings>", "not an RSS or Atom feed"),
        ("empty.rss", "<rss version='2.0'><channel><title>Nothing yet</title></channel></rss>", "the feed has no entries"),
    ],
)
def test_files_that_are_not_feeds_or_are_empty(tmp_path, name, data, message):
    (tmp_path / name).write_text(data)
    documents, warnings, _ = read([tmp_path], tmp_path)
    assert documents == [] and warnings == [f"{tmp_path / name}: {message}"]


def test_feed_data_is_never_taken_for_an_address_or_a_file(loopback_only, tmp_path):
    # Given a string, feedparser would fetch a URL or open a file; it only ever gets bytes here.
    (tmp_path / "secret").write_text("<rss version='2.0'><channel><item><title>x</title></item></channel></rss>")
    for data in (b"http://192.0.2.1/feed", str(tmp_path / "secret").encode()):
        with pytest.raises(SourceError, match="not an RSS or Atom feed"):
            parse(data, "x")


def test_a_feed_named_without_a_feed_suffix_is_recognised(site, tmp_path):
    path = tmp_path / "download"
    path.write_text(feed_text(site))
    documents, _, _ = read([path], tmp_path)
    assert len(documents) == 3
