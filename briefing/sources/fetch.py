"""Web pages by URL: the one place the network is touched.

A fetch has a timeout (per read and in total), a size cap (at most cap + 1
bytes are ever read), a User-Agent that names the tool, and a limit on
redirects, which may only lead to other http(s) addresses. Every failure is a
`SourceError` naming the URL and the problem in one line; the caller warns
and goes on with the other sources.

Fetched pages are kept in a disk cache keyed by URL, so a scheduled rebuild
reads them from disk unless asked to `refresh`. Feeds change, so they are
`revalidate`d: asked for again with the cached copy's ETag/Last-Modified,
which costs the server a 304 when nothing changed.

A feed can send us to dozens of pages on one site, so the fetcher is polite
the way crawlers are: it reads each site's robots.txt once per build and
leaves alone what it disallows to us (RFC 9309: a missing robots.txt allows
everything, a server error disallows everything), and it spaces its requests
to one site by `host_delay` seconds, or the site's Crawl-delay if longer.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from briefing import version
from briefing.errors import SourceError
from briefing.files import write_atomic
from briefing.urls import site, web_url

CHUNK = 64 * 1024
# The name robots.txt rules address us by.
ROBOTS_NAME = "briefing"
# A Crawl-delay longer than this is not waited out: a briefing is due on time.
MAX_CRAWL_DELAY = 10.0
ACCEPT = (
    "text/html,application/xhtml+xml;q=0.9,application/rss+xml;q=0.9,application/atom+xml;q=0.9,"
    "application/xml;q=0.8,text/xml;q=0.8,text/plain;q=0.7,*/*;q=0.1"
)


@dataclass(frozen=True)
class Page:
    """A fetched response body and what the server said about it."""

    url: str  # the address asked for (the cache key)
    final_url: str  # where redirects ended
    data: bytes
    content_type: str = "application/octet-stream"
    charset: str | None = None
    fetched_at: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    from_cache: bool = False


@dataclass(frozen=True)
class Fetcher:
    """How URLs are fetched and where fetched pages are cached (None: no cache)."""

    cache: Path | None = None
    timeout: float = 20.0
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    refresh: bool = False
    robots: bool = True  # obey each site's robots.txt
    host_delay: float = 1.0  # least seconds between two requests to one site
    # Per build: each site's robots.txt rules, and when it was last asked.
    _rules: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict, repr=False, compare=False)
    _last_request: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_config(cls, config) -> Fetcher:
        """The fetcher a build's config asks for; the cache defaults to `<out>/.cache/pages`."""
        return cls(
            cache=config.cache or Path(config.out) / ".cache" / "pages",
            timeout=config.fetch_timeout,
            max_bytes=config.max_file_bytes,
            max_redirects=config.max_redirects,
            refresh=config.refresh,
            robots=config.robots,
            host_delay=config.host_delay,
        )

    def fetch(self, url: str, revalidate: bool = False) -> Page:
        """The page at `url`: the cached copy unless `refresh`, else fetched (and cached).

        With `revalidate` a cached copy is checked with the server first.
        """
        url = check_url(url)
        cached = None if self.refresh else self.cached(url)
        if cached and not revalidate:
            return cached
        if self.robots:
            self._check_robots(url)
        self._wait_turn(url)
        page = self._get(url, cached)
        if page is not cached:
            self._store(page)
        return page

    def cached(self, url: str) -> Page | None:
        """The cached copy of `url`, or None (a damaged entry counts as none)."""
        if self.cache is None:
            return None
        body, meta = self._paths(url)
        try:
            info = json.loads(meta.read_text("utf-8"))
            data = body.read_bytes()
            fetched_at = datetime.fromisoformat(info["fetched_at"])
            return Page(url, info["final_url"], data, info["content_type"], info.get("charset"),
                        fetched_at, info.get("etag"), info.get("last_modified"), from_cache=True)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _check_robots(self, url: str) -> None:
        """SourceError unless the site's robots.txt lets us fetch `url`."""
        host = site(url)
        if host not in self._rules:
            self._rules[host] = self._read_robots(host, url)
        if not self._rules[host].can_fetch(ROBOTS_NAME, url):
            raise SourceError(f"{url}: the site's robots.txt does not allow fetching it")

    def _read_robots(self, site: str, url: str) -> urllib.robotparser.RobotFileParser:
        rules = urllib.robotparser.RobotFileParser(f"{site}/robots.txt")
        try:
            text = self._get(f"{site}/robots.txt", None).data.decode("utf-8", "replace")
        except HTTPStatusError as error:
            # None (or none for us to read): all is allowed; a server error: stay away.
            rules.allow_all, rules.disallow_all = error.status < 500, error.status >= 500
            return rules
        except SourceError as error:  # the site cannot be reached: say so of the page asked for
            raise SourceError(f"{url}: {error.message.removeprefix(f'{site}/robots.txt: ')}") from None
        rules.parse(text.splitlines())
        return rules

    def _wait_turn(self, url: str) -> None:
        """Sleep until this site's last page request is `host_delay` (or its Crawl-delay) ago.

        The robots.txt request is not counted: it is one small file per build."""
        host = site(url)
        rules = self._rules.get(host)
        asked = rules.crawl_delay(ROBOTS_NAME) if rules is not None else None
        delay = max(self.host_delay, min(float(asked or 0), MAX_CRAWL_DELAY))
        last = self._last_request.get(host)
        if last is not None:
            time.sleep(max(0.0, last + delay - time.monotonic()))
        self._last_request[host] = time.monotonic()

    def _get(self, url: str, cached: Page | None) -> Page:
        headers = {"User-Agent": user_agent(), "Accept": ACCEPT, "Accept-Encoding": "identity"}
        if cached and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached and cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        opener = urllib.request.build_opener(_LimitedRedirects(self.max_redirects))
        deadline = time.monotonic() + self.timeout
        try:
            with opener.open(urllib.request.Request(url, headers=headers), timeout=self.timeout) as response:
                data = self._read(url, response, deadline)
                return Page(
                    url=url,
                    final_url=response.geturl(),
                    data=data,
                    content_type=response.headers.get_content_type(),
                    charset=response.headers.get_content_charset(),
                    fetched_at=datetime.now(UTC),
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                )
        except _TooManyRedirects:
            raise SourceError(f"{url}: too many redirects (more than {self.max_redirects})") from None
        except _BadRedirect as error:
            raise SourceError(f"{url}: redirected to {error.target}, not an http or https address") from None
        except urllib.error.HTTPError as error:
            if error.code == 304 and cached:
                return cached
            raise HTTPStatusError(url, error.code, error.reason) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise SourceError(f"{url}: timed out after {self.timeout:g} s") from None
            raise SourceError(f"{url}: cannot connect ({_reason(error.reason)})") from None
        except TimeoutError:
            raise SourceError(f"{url}: timed out after {self.timeout:g} s") from None
        except (http.client.HTTPException, OSError) as error:
            raise SourceError(f"{url}: bad response ({_reason(error)})") from None

    def _read(self, url: str, response, deadline: float) -> bytes:
        """The body, refused as soon as it is known to pass the cap or the deadline."""
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise SourceError(f"{url}: too large ({int(declared):,} bytes; the limit is {self.max_bytes:,})")
        chunks, size = [], 0
        while size <= self.max_bytes:
            if time.monotonic() > deadline:
                raise SourceError(f"{url}: timed out after {self.timeout:g} s")
            # read1 returns what has arrived; read would wait for the whole amount asked.
            chunk = response.read1(min(CHUNK, self.max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > self.max_bytes:
            raise SourceError(f"{url}: too large (more than {self.max_bytes:,} bytes)")
        return b"".join(chunks)

    def _store(self, page: Page) -> None:
        """Keep `page` for later builds; a cache that cannot be written only costs a refetch."""
        if self.cache is None:
            return
        body, meta = self._paths(page.url)
        info = {
            "url": page.url,
            "final_url": page.final_url,
            "content_type": page.content_type,
            "charset": page.charset,
            "fetched_at": (page.fetched_at or datetime.now(UTC)).isoformat(),
            "etag": page.etag,
            "last_modified": page.last_modified,
        }
        try:
            write_atomic(body, page.data)
            write_atomic(meta, json.dumps(info, indent=1).encode())
        except OSError:
            pass

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        return self.cache / f"{key}.body", self.cache / f"{key}.meta"


def check_url(url: str) -> str:
    """`url` without its #fragment; SourceError unless it is an http(s) address with a host."""
    if web_url(url) is None:
        raise SourceError(f"{url}: not an http or https address")
    return urldefrag(url)[0]


def user_agent() -> str:
    """`briefing/<version> (...)`: who is asking, so site owners can tell."""
    return f"briefing/{version()} (news briefing generator; python-urllib)"


class HTTPStatusError(SourceError):
    """The server answered with an error status."""

    def __init__(self, url: str, status: int, reason: str | None):
        super().__init__(f"{url}: HTTP {status} {reason or ''}".rstrip())
        self.status = status


class _TooManyRedirects(Exception):
    pass


class _BadRedirect(Exception):
    def __init__(self, target: str):
        self.target = target


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most `limit` redirects (loops included), and only to http(s) addresses."""

    def __init__(self, limit: int):
        self.limit = limit
        # urllib's own checks stay out of the way of ours.
        self.max_redirections = self.max_repeats = limit + 1

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if not location:
            return None  # the 3xx itself is raised as an HTTP error
        target = urljoin(req.full_url, location)
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            raise _BadRedirect(target)
        hops = getattr(req, "briefing_hops", 0)
        if hops >= self.limit:
            raise _TooManyRedirects()
        req.briefing_hops = hops + 1  # redirect_request carries the count to the next request
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.briefing_hops = getattr(req, "briefing_hops", 0)
        return new


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__

