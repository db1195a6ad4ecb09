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
to one site by `host_delay` seconds, or the site's Crawl-delay if longer
(across the threads that fetch a feed's pages too).

Where a fetch may connect and the deadline of each fetch are `netguard`'s: a
URL the user named goes anywhere, a link found in a source only to public
addresses or back to the site of the URL it was found in. All fetching of a
build stops after `budget` seconds. Credentials in a URL (`user:pw@host`)
are sent as HTTP Basic authentication, and shown nowhere: `redact` is the
URL as messages, the cache and the outputs see it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urldefrag, urlsplit, urlunsplit

from briefing import urls
from briefing.about import version
from briefing.errors import SourceError
from briefing.files import write_atomic
from briefing.urls import without_password

if TYPE_CHECKING:
    import urllib.robotparser

    from briefing.sources.netguard import Policy

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
    allow_private: bool = False  # links found in sources may lead to private and local addresses
    budget: float | None = None  # seconds all fetching of one build may take
    # Per build: each site's robots.txt rules, when it was last asked, and whose turn it is.
    _rules: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict, repr=False, compare=False)
    _last_request: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    _site_locks: dict[str, threading.Lock] = field(default_factory=dict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _robots_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _started: float = field(default_factory=time.monotonic, repr=False, compare=False)

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
            allow_private=config.allow_private,
            budget=config.fetch_budget,
        )

    def fetch(self, url: str, revalidate: bool = False, found_in: str | None = None) -> Page:
        """The page at `url`: the cached copy unless `refresh`, else fetched (and cached).

        With `revalidate` a cached copy is checked with the server first.
        `found_in` is the user-named URL whose content gave `url` ("" when a
        file gave it); None when the user named `url` itself (see `netguard`).
        """
        from briefing.sources.netguard import Policy, site_of  # the network stack: only when a URL is fetched

        url = check_url(url)
        named = found_in is None
        policy = Policy(named=named, home=site_of(url if found_in is None else found_in), allow_private=self.allow_private)
        # A link found in a source is cached apart from the same URL named by
        # the user, and per policy: a page fetched when the policy let it be
        # fetched is never served from the cache to a fetch it would refuse.
        key = without_password(url) if named else f"{without_password(url)}\0found, {policy.home}, {self.allow_private}"
        cached = None if self.refresh else self.cached(key)
        if cached and not revalidate:
            return cached
        if self.robots:
            self._check_robots(url, policy)
        self._wait_turn(url)
        try:
            page = self._get(url, cached, policy)
        finally:
            self._done(url)
        if page is not cached:
            self._store(page, key)
        return page

    def cached(self, key: str) -> Page | None:
        """The cached copy kept under `key` (a URL as shown), or None (a damaged entry counts as none)."""
        if self.cache is None:
            return None
        body, meta = _cache_paths(self.cache, key)
        try:
            info = json.loads(meta.read_text("utf-8"))
            data = body.read_bytes()
            fetched_at = datetime.fromisoformat(info["fetched_at"])
            return Page(info["url"], info["final_url"], data, info["content_type"], info.get("charset"),
                        fetched_at, info.get("etag"), info.get("last_modified"), from_cache=True)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _check_robots(self, url: str, policy: Policy) -> None:
        """SourceError unless the site's robots.txt lets us fetch `url`."""
        site = urls.site(url)
        with self._robots_lock:  # one read of each robots.txt, whichever thread asks first
            if site not in self._rules:
                self._rules[site] = self._read_robots(site, url, policy)
        if not self._rules[site].can_fetch(ROBOTS_NAME, _without_credentials(url)):
            raise SourceError(f"{without_password(url)}: the site's robots.txt does not allow fetching it")

    def _read_robots(self, site: str, url: str, policy: Policy) -> urllib.robotparser.RobotFileParser:
        import urllib.robotparser  # imports urllib.request, as `_get` does

        rules = urllib.robotparser.RobotFileParser(f"{site}/robots.txt")
        try:
            text = self._get(f"{site}/robots.txt", None, policy).data.decode("utf-8", "replace")
        except HTTPStatusError as error:
            # None (or none for us to read): all is allowed; a server error: stay away.
            # RobotFileParser.__init__ sets both flags, but typeshed does not declare them.
            rules.allow_all, rules.disallow_all = error.status < 500, error.status >= 500  # type: ignore[attr-defined]
            return rules
        except SourceError as error:  # the site cannot be reached: say so of the page asked for
            raise SourceError(f"{without_password(url)}: {error.message.removeprefix(f'{without_password(site)}/robots.txt: ')}") from None
        rules.parse(text.splitlines())
        return rules

    def _wait_turn(self, url: str) -> None:
        """Sleep until this site's last page request began, or ended if it has, `host_delay` (or its Crawl-delay) ago.

        Threads fetching one feed's pages wait their turns one at a time (a
        lock per site, held while waiting, not while fetching), so the spacing
        holds across them. The robots.txt request is not counted: it is one
        small file per build."""
        site = urls.site(url)
        rules = self._rules.get(site)
        asked = rules.crawl_delay(ROBOTS_NAME) if rules is not None else None
        delay = max(self.host_delay, min(float(asked or 0), MAX_CRAWL_DELAY))
        with self._lock:
            turn = self._site_locks.setdefault(site, threading.Lock())
        with turn:
            # Read again after each sleep: a request that has finished meanwhile counts from its end.
            while (wait := self._last_request.get(site, -delay) + delay - time.monotonic()) > 0:
                time.sleep(wait)
            self._last_request[site] = time.monotonic()

    def _done(self, url: str) -> None:
        """A request to the site of `url` has ended: the next one waits from now."""
        site = urls.site(url)
        with self._lock:
            self._last_request[site] = max(self._last_request.get(site, 0.0), time.monotonic())

    def _time_left(self, url: str) -> float:
        """This fetch's deadline: `timeout`, or what is left of the build's `budget` if less."""
        if self.budget is None:
            return self.timeout
        left = self._started + self.budget - time.monotonic()
        if left <= 0:
            raise SourceError(f"{without_password(url)}: not fetched; the build's time for fetching ({self.budget:g} s) is used up")
        return min(self.timeout, left)

    def _get(self, url: str, cached: Page | None, policy: Policy) -> Page:
        # Imported on the first request, not with this module: urllib.request and
        # http.client load ssl and email (30 ms), which a build of files does without.
        import http.client
        import urllib.error
        import urllib.request

        from briefing.sources.netguard import BadRedirect, Deadline, Refused, TooManyRedirects, opener

        shown = without_password(url)
        headers = {"User-Agent": user_agent(), "Accept": ACCEPT, "Accept-Encoding": "identity"}
        if cached and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached and cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        request = urllib.request.Request(_without_credentials(url), headers=headers)
        if auth := _basic_auth(url):
            request.add_unredirected_header("Authorization", auth)  # never sent on to a redirect's target
        seconds = self._time_left(url)
        try:
            with Deadline(seconds) as deadline:
                try:
                    with opener(policy, deadline, self.max_redirects).open(request, timeout=seconds) as response:
                        data = self._read(shown, response)
                        if deadline.expired:  # the shut socket looked like the end of the body
                            raise SourceError(f"{shown}: timed out after {seconds:g} s")
                        return Page(
                            url=shown,
                            final_url=without_password(response.geturl()),
                            data=data,
                            content_type=response.headers.get_content_type(),
                            charset=response.headers.get_content_charset(),
                            fetched_at=datetime.now(UTC),
                            etag=response.headers.get("ETag"),
                            last_modified=response.headers.get("Last-Modified"),
                        )
                except (OSError, http.client.HTTPException) as error:
                    # Whatever the shut socket made the read raise, the cause was the deadline.
                    refused = isinstance(getattr(error, "reason", error), Refused)
                    if deadline.expired and not refused and not isinstance(error, urllib.error.HTTPError):
                        raise SourceError(f"{shown}: timed out after {seconds:g} s") from None
                    raise
        except TooManyRedirects:
            raise SourceError(f"{shown}: too many redirects (more than {self.max_redirects})") from None
        except BadRedirect as error:
            raise SourceError(f"{shown}: redirected to {without_password(error.target)}, not an http or https address") from None
        except urllib.error.HTTPError as error:
            if error.code == 304 and cached:
                return cached
            raise HTTPStatusError(shown, error.code, error.reason) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, Refused):
                raise SourceError(f"{shown}: refused: {error.reason}") from None
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise SourceError(f"{shown}: timed out after {seconds:g} s") from None
            raise SourceError(f"{shown}: cannot connect ({_reason(error.reason)})") from None
        except Refused as error:
            raise SourceError(f"{shown}: refused: {error}") from None
        except TimeoutError:
            raise SourceError(f"{shown}: timed out after {seconds:g} s") from None
        except (http.client.HTTPException, OSError) as error:
            raise SourceError(f"{shown}: bad response ({_reason(error)})") from None

    def _read(self, url: str, response) -> bytes:
        """The body, refused as soon as it is known to pass the cap (the deadline shuts the socket)."""
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise SourceError(f"{url}: too large ({int(declared):,} bytes; the limit is {self.max_bytes:,})")
        chunks, size = [], 0
        while size <= self.max_bytes:
            # read1 returns what has arrived; read would wait for the whole amount asked.
            chunk = response.read1(min(CHUNK, self.max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > self.max_bytes:
            raise SourceError(f"{url}: too large (more than {self.max_bytes:,} bytes)")
        return b"".join(chunks)

    def _store(self, page: Page, key: str) -> None:
        """Keep `page` under `key` for later builds; a cache that cannot be written only costs a refetch."""
        if self.cache is None:
            return
        body, meta = _cache_paths(self.cache, key)
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


def _cache_paths(cache: Path, url: str) -> tuple[Path, Path]:
    """Where the body and the metadata of `url`'s page are kept in the `cache` folder."""
    key = hashlib.sha256(url.encode()).hexdigest()[:32]
    return cache / f"{key}.body", cache / f"{key}.meta"


def check_url(url: str) -> str:
    """`url` without its #fragment; SourceError unless it is an http(s) address with a host."""
    try:
        parts = urlsplit(url)
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        parts.port  # noqa: B018 - raises on a port that is no number
    except ValueError:
        ok = False
    if not ok:
        raise SourceError(f"{without_password(url)}: not an http or https address")
    return urldefrag(url)[0]




def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2])) if "@" in parts.netloc else url


def _basic_auth(url: str) -> str | None:
    """The Authorization header for a URL's `user:password@`, or None."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return None
    user, _, password = parts.netloc.rpartition("@")[0].partition(":")
    token = base64.b64encode(f"{unquote(user)}:{unquote(password)}".encode()).decode("ascii")
    return f"Basic {token}"


def user_agent() -> str:
    """`briefing/<version> (...)`: who is asking, so site owners can tell."""
    return f"briefing/{version()} (news briefing generator; python-urllib)"


class HTTPStatusError(SourceError):
    """The server answered with an error status."""

    def __init__(self, url: str, status: int, reason: str | None):
        super().__init__(f"{url}: HTTP {status} {reason or ''}".rstrip())
        self.status = status


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__

