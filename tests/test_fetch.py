"""Fetching URLs from a server on 127.0.0.1: limits, errors, redirects, the disk cache."""

from __future__ import annotations

import itertools
import socket

import pytest
from localweb import loopback_only, web  # noqa: F401 - fixtures

from briefing.config import load_config
from briefing.errors import SourceError
from briefing.sources.fetch import Fetcher, check_url, user_agent
from briefing.sources.ingest import read_sources

PAGE = (
    "<html><head><title>Port reopens</title><meta property='og:site_name' content='Local Times'></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Port reopens</h1>"
    + "<p>The port of Karsund reopened on Monday after the union and the authority agreed on a new contract.</p>"
    + "<p>Dockworkers returned to the container terminals at six in the morning, and the first ships berthed by noon.</p>"
    + "<p>The agreement gives workers a rise of 7 percent over two years and ends the use of agency staff at night.</p>"
    + "</article><footer>All rights reserved.</footer></body></html>"
)


def fetcher(tmp_path, **kwargs) -> Fetcher:
    return Fetcher(**{"cache": tmp_path / "cache", "timeout": 2.0, "max_bytes": 100_000, "host_delay": 0, **kwargs})


def test_a_page_is_fetched_with_our_user_agent(web, tmp_path):
    url = web.route("/story", body=PAGE)
    page = fetcher(tmp_path).fetch(url)
    assert page.data == PAGE.encode() and page.content_type == "text/html" and page.charset == "utf-8"
    assert page.final_url == url and not page.from_cache
    agent = web.headers["/story"]["User-Agent"]
    assert agent == user_agent() and agent.startswith("briefing/")


def test_redirects_are_followed_within_the_limit(web, tmp_path):
    web.route("/final", body=PAGE)
    web.redirect("/b", "/final", status=301)
    start = web.redirect("/a", "/b")
    page = fetcher(tmp_path, max_redirects=2).fetch(start)
    assert page.final_url == web.url("/final") and page.data == PAGE.encode()
    with pytest.raises(SourceError, match=r"/a: too many redirects \(more than 1\)"):
        fetcher(tmp_path, max_redirects=1, refresh=True).fetch(start)


def test_a_redirect_loop_stops(web, tmp_path):
    loop = web.redirect("/loop", "/loop")
    with pytest.raises(SourceError, match="too many redirects"):
        fetcher(tmp_path).fetch(loop)


def test_a_redirect_may_only_lead_to_the_web(web, tmp_path):
    url = web.redirect("/sneaky", "file:///etc/passwd")
    with pytest.raises(SourceError, match="redirected to file:///etc/passwd, not an http or https address"):
        fetcher(tmp_path).fetch(url)


def test_a_slow_server_times_out(web, tmp_path):
    url = web.route("/slow", body=PAGE, delay=1.0)
    with pytest.raises(SourceError, match=r"/slow: timed out after 0.3 s"):
        fetcher(tmp_path, timeout=0.3).fetch(url)


def test_a_trickling_body_times_out_as_a_whole(web, tmp_path):
    # Every piece arrives well within the socket timeout; the whole does not.
    url = web.route("/trickle", body=PAGE, pieces=8, pause=0.1)
    with pytest.raises(SourceError, match=r"timed out after 0\.35 s"):
        fetcher(tmp_path, timeout=0.35).fetch(url)


@pytest.mark.parametrize("status, reason", [(404, "Not Found"), (500, "Internal Server Error"), (403, "Forbidden")])
def test_http_errors_name_the_url_and_status(web, tmp_path, status, reason):
    url = web.route("/gone", status=status, body="<html>no</html>")
    with pytest.raises(SourceError) as caught:
        fetcher(tmp_path).fetch(url)
    assert caught.value.message == f"{url}: HTTP {status} {reason}"


def test_an_unroutable_path_is_a_404(web, tmp_path):
    with pytest.raises(SourceError, match="HTTP 404"):
        fetcher(tmp_path).fetch(web.url("/nothing-here"))


@pytest.mark.parametrize("length", [True, False], ids=["declared", "undeclared"])
def test_an_oversized_body_is_refused(web, tmp_path, length):
    url = web.route("/big", body=b"x" * 5000, length=length, content_type="text/plain")
    with pytest.raises(SourceError, match=r"/big: too large .*the limit is 1,000|/big: too large \(more than 1,000 bytes\)"):
        fetcher(tmp_path, max_bytes=1000).fetch(url)
    assert fetcher(tmp_path, max_bytes=5000, refresh=True).fetch(url).data == b"x" * 5000


def test_connection_refused_is_one_line(loopback_only, tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SourceError, match=rf"127.0.0.1:{port}/x: cannot connect \("):
        fetcher(tmp_path, timeout=1).fetch(f"http://127.0.0.1:{port}/x")


@pytest.mark.parametrize("url", ["ftp://example.org/file", "file:///etc/passwd", "http://", "javascript:alert(1)"])
def test_only_web_addresses_are_fetched(url):
    with pytest.raises(SourceError, match="not an http or https address"):
        check_url(url)


def test_pages_are_cached_by_url_until_refresh(web, tmp_path):
    url = web.route("/story", body=PAGE)
    first = fetcher(tmp_path).fetch(url)
    again = fetcher(tmp_path).fetch(url + "#comments")  # a fragment is the same page
    assert web.hits["/story"] == 1 and again.from_cache and again.data == first.data
    fresh = fetcher(tmp_path, refresh=True).fetch(url)
    assert web.hits["/story"] == 2 and not fresh.from_cache
    assert not fetcher(tmp_path / "elsewhere").fetch(url).from_cache


def test_a_damaged_cache_entry_is_fetched_again(web, tmp_path):
    url = web.route("/story", body=PAGE)
    fetcher(tmp_path).fetch(url)
    for meta in (tmp_path / "cache").glob("*.meta"):
        meta.write_text("{not json")
    assert not fetcher(tmp_path).fetch(url).from_cache and web.hits["/story"] == 2


def test_revalidation_uses_the_etag_and_keeps_the_cached_copy_on_304(web, tmp_path):
    url = web.route("/feed", body="<rss version='2.0'><channel></channel></rss>", etag='"v1"', content_type="application/rss+xml")
    fetcher(tmp_path).fetch(url)
    page = fetcher(tmp_path).fetch(url, revalidate=True)
    assert web.hits["/feed"] == 2 and web.headers["/feed"]["If-None-Match"] == '"v1"' and page.from_cache


def test_without_a_cache_nothing_is_written(web, tmp_path):
    url = web.route("/story", body=PAGE)
    Fetcher(cache=None).fetch(url)
    Fetcher(cache=None).fetch(url)
    assert web.hits["/story"] == 2 and not list(tmp_path.iterdir())


def test_config_sets_the_fetcher_and_the_cache_defaults_to_the_output_folder(tmp_path):
    config = load_config(None, out=tmp_path / "out", fetch_timeout=3.5, max_redirects=2, refresh=True)
    made = Fetcher.from_config(config)
    assert (made.cache, made.timeout, made.max_redirects, made.refresh) == (tmp_path / "out" / ".cache" / "pages", 3.5, 2, True)
    assert Fetcher.from_config(load_config(None, cache=tmp_path / "c")).cache == tmp_path / "c"


def test_a_failing_url_is_one_warning_and_the_rest_is_read(web, tmp_path):
    good = web.route("/story", body=PAGE)
    bad = web.url("/missing")
    (tmp_path / "local.txt").write_text("Local story\n\nThe harbour master said the queue of ships was shrinking.")
    warnings = []
    documents = read_sources([bad, good, tmp_path / "local.txt"], warnings.append, 100_000, fetcher=fetcher(tmp_path))
    assert warnings == [f"{bad}: HTTP 404 Not Found"]
    assert [d.origin for d in documents] == [good, str(tmp_path / "local.txt")]
    page = documents[0]
    assert page.title == "Port reopens" and page.outlet == "Local Times" and page.url == good and not page.has_header


def test_a_redirected_page_records_where_it_ended(web, tmp_path):
    final = web.route("/2022/story", body=PAGE)
    short = web.redirect("/s/1", "/2022/story", status=301)
    (document,) = read_sources([short], [].append, 100_000, fetcher=fetcher(tmp_path))
    assert document.origin == short and document.url == final


def test_a_text_url_and_an_unknown_type(web, tmp_path):
    text = web.route("/notes.txt", body="Notes\n\nThe strike ended on Monday.", content_type="text/plain")
    image = web.route("/photo.jpg", body=b"\xff\xd8\xff" + bytes(100), content_type="image/jpeg")
    warnings = []
    documents = read_sources([text, image], warnings.append, 100_000, fetcher=fetcher(tmp_path))
    assert [d.origin for d in documents] == [text] and documents[0].url == text
    assert warnings == [f"{image}: not a web page, feed or text (image/jpeg)"]


def test_a_text_url_is_read_in_the_charset_the_server_declares(web, tmp_path):
    body = "Заметки\n\nЗабастовка в порту закончилась в понедельник утром после переговоров."
    url = web.route("/notes.txt", body=body.encode("cp1251"), content_type="text/plain; charset=windows-1251")
    (document,) = read_sources([url], [].append, 100_000, fetcher=fetcher(tmp_path))
    assert "Забастовка в порту закончилась" in document.text


def test_the_guard_refuses_other_addresses(loopback_only):
    with pytest.raises(AssertionError, match="tried to reach"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)


def test_an_export_by_url(web, tmp_path):
    lines = '{"title": "One", "text": "The first story of the export, about the port."}\n{"title": "Two", "text": "The second one."}\n'
    url = web.route("/export.jsonl", body=lines, content_type="application/octet-stream")
    documents = read_sources([url], [].append, 100_000, fetcher=fetcher(tmp_path))
    assert [(d.origin, d.title) for d in documents] == [(f"{url}:1", "One"), (f"{url}:2", "Two")]


# Politeness: robots.txt and the pace of requests to one site


def test_robots_txt_is_obeyed_and_read_once_per_site(web, tmp_path):
    web.route("/robots.txt", body="User-agent: *\nAllow: /\n\nUser-agent: briefing\nDisallow: /private/\n",
              content_type="text/plain")
    allowed, barred = web.route("/story", body=PAGE), web.route("/private/story", body=PAGE)
    polite = fetcher(tmp_path)
    assert polite.fetch(allowed).data == PAGE.encode()
    with pytest.raises(SourceError, match=r"/private/story: the site's robots.txt does not allow fetching it"):
        polite.fetch(barred)
    assert web.hits["/robots.txt"] == 1 and "/private/story" not in web.hits
    assert fetcher(tmp_path, robots=False, refresh=True).fetch(barred).data == PAGE.encode()


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (503, False)])
def test_an_unreadable_robots_txt_allows_unless_the_server_fails(web, tmp_path, status, allowed):
    web.route("/robots.txt", status=status, body="")
    url = web.route("/story", body=PAGE)
    if allowed:
        assert fetcher(tmp_path).fetch(url).data == PAGE.encode()
    else:
        with pytest.raises(SourceError, match=r"robots\.txt does not allow"):
            fetcher(tmp_path).fetch(url)


def test_requests_to_one_site_are_spaced_by_the_longer_of_our_delay_and_its_crawl_delay(web, tmp_path):
    pages = [web.route(f"/story/{i}", body=PAGE) for i in range(3)]

    def gaps(fetcher_, urls):
        for url in urls:
            fetcher_.fetch(url)
        times = [t for path, t in web.arrivals if path.startswith("/story/")][-len(urls):]
        return [later - earlier for earlier, later in itertools.pairwise(times)]

    # The fetcher spaces its requests; the server sees their arrivals, which a busy
    # machine delays unevenly by a few hundredths: the margin is for that, far below the delay.
    assert min(gaps(fetcher(tmp_path, host_delay=0.3), pages)) >= 0.25
    web.route("/robots.txt", body="User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    assert gaps(fetcher(tmp_path, host_delay=0.1, refresh=True), pages[:2])[0] >= 0.95


def test_config_sets_robots_and_pace(tmp_path):
    config = tmp_path / "briefing.toml"
    config.write_text("[input]\nrobots = false\nhost_delay = 2.5\n")
    made = Fetcher.from_config(load_config(config))
    assert (made.robots, made.host_delay) == (False, 2.5)
    assert Fetcher.from_config(load_config(None)).robots
