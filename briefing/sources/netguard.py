"""Where a fetch may connect, and for how long: the network policy of `fetch.py`.

Sources are written by anyone on the web, so an address the tool finds on its
own (a feed entry's link, a redirect) must not lead it inside the machine or
its network: a page served from 127.0.0.1:8080 or 169.254.169.254 would be
fetched and its text published in the briefing. The check is made on the
address the connection actually uses: each connection resolves its host once,
checks every address it got, and connects to a checked one, so a DNS answer
that changes between a check and the connection (rebinding) cannot get past.

URLs the user names are trusted as given, loopback included; links found in
them are trusted only on the same host and port as the URL they came from, or
everywhere with `[input] allow_private = true` (an intranet feed).

A fetch also has one deadline for all of it (connect, status line, headers,
body, redirects): a timer shuts its sockets when it passes, so a server that
answers a byte a second cannot hold a build. Redirects are followed a limited
number of times, and only to http and https addresses (`opener`).

`fetch.py` imports this module on its first request: with it come http.client
and urllib.request, which load ssl and email, 30 ms a build of files does without.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import time
import urllib.request
from dataclasses import dataclass
from typing import cast
from urllib.parse import urljoin, urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


class Refused(OSError):
    """A connection the network policy does not allow."""


@dataclass(frozen=True)
class Policy:
    """Which connections one fetch may make.

    `named`: the URL asked for is the user's own (its first request goes
    anywhere). `home`: the (host, port) of the user-named URL the fetch came
    from, where links and redirects may go whatever its address.
    """

    named: bool = False
    home: tuple[str, int] | None = None
    allow_private: bool = False

    def check(self, host: str, port: int, address: str, first: bool) -> None:
        """Refused unless this connection to `address` (resolved from `host`) is allowed."""
        if self.allow_private or (first and self.named) or (host.lower(), port) == self.home:
            return
        if not is_public(address):
            where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
            raise Refused(f"{where} is a private or local address ({address}); links found in sources may not lead there")


def site_of(url: str) -> tuple[str, int] | None:
    """(host, port) of a URL, the port filled in from its scheme."""
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower(), 0)
    except ValueError:
        return None
    return ((parts.hostname or "").lower(), port) if parts.hostname else None


def is_public(address: str) -> bool:
    """Whether an IP address is on the open internet: not loopback, private,
    link-local (cloud metadata), multicast, reserved or unspecified; an
    IPv4-mapped or 6to4/Teredo-wrapped IPv4 address is judged as that address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # ::ffff:a.b.c.d is how a dual-stack socket reaches a.b.c.d
            return is_public(str(ip.ipv4_mapped))
        inner = ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is not None and not is_public(str(inner)):
            return False
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified or not ip.is_global
    )


class Deadline:
    """The time one fetch may take, all of it; when it passes, its sockets are shut."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def left(self) -> float:
        """Seconds until the deadline (at least a little, so a socket call fails fast rather than blocking)."""
        return max(self.ends - time.monotonic(), 0.001)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                sock.close()
                raise TimeoutError("deadline passed")
            self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                with contextlib.suppress(OSError):  # wakes a recv blocked in another thread; close alone would not
                    sock.shutdown(socket.SHUT_RDWR)


def guarded_connect(host: str, port: int, policy: Policy, deadline: Deadline, first: bool) -> socket.socket:
    """A socket connected to `host`:`port` through an address the policy allows (resolved once)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise OSError(error.errno, f"cannot resolve {host} ({error.strerror})") from None
    for *_, address in found:
        # typeshed allows an `(int, bytes)` address (IPv6 on a Python built without it); a host name
        # looked up for a stream socket gives (address, port, ...) with the address as text.
        ip = cast(str, address[0])
        policy.check(host, port, ip, first)  # every address: no choosing a public one to check
    last: OSError | None = None
    for family, kind, proto, _, address in found:
        sock = socket.socket(family, kind, proto)
        try:
            deadline.watch(sock)
            sock.settimeout(deadline.left())
            sock.connect(address)
            return sock
        except OSError as error:
            sock.close()
            last = error
    raise last or OSError(f"cannot connect to {host}")


def connection_classes(policy: Policy, deadline: Deadline):
    """HTTP and HTTPS connection classes bound to one fetch's policy and deadline."""
    made = [0]  # connections opened so far: the first is the request for the URL itself

    class GuardedHTTP(http.client.HTTPConnection):
        def connect(self) -> None:
            self.sock = guarded_connect(self.host, self.port, policy, deadline, made[0] == 0)
            made[0] += 1
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    class GuardedHTTPS(http.client.HTTPSConnection):
        def connect(self) -> None:
            sock = guarded_connect(self.host, self.port, policy, deadline, made[0] == 0)
            made[0] += 1
            # HTTPSConnection.__init__ sets _context; typeshed leaves the private attribute out.
            self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]
            deadline.watch(self.sock)

    return GuardedHTTP, GuardedHTTPS


def opener(policy: Policy, deadline: Deadline, max_redirects: int) -> urllib.request.OpenerDirector:
    """An opener whose connections obey `policy` and `deadline`; no proxy (it would make the address check moot)."""
    http_class, https_class = connection_classes(policy, deadline)

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(http_class, req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req):
            # HTTPSHandler.__init__ sets _context; typeshed leaves the private attribute out.
            return self.do_open(https_class, req, context=self._context)  # type: ignore[attr-defined]

    return urllib.request.build_opener(urllib.request.ProxyHandler({}), HTTP(), HTTPS(), _LimitedRedirects(max_redirects))


class TooManyRedirects(Exception):
    """A fetch was redirected more times than allowed."""


class BadRedirect(Exception):
    """A fetch was redirected to an address that is not http or https."""

    def __init__(self, target: str):
        self.target = target


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most `limit` redirects (loops included), and only to http(s) addresses."""

    def __init__(self, limit: int):
        self.limit = limit
        # urllib's own checks stay out of the way of ours.
        # typeshed declares both ClassVar, but urllib reads them through the instance, so an
        # instance value is what it uses.
        self.max_redirections = self.max_repeats = limit + 1  # type: ignore[misc]

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if not location:
            return None  # the 3xx itself is raised as an HTTP error
        target = urljoin(req.full_url, location)
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            raise BadRedirect(target)
        hops = getattr(req, "briefing_hops", 0)
        if hops >= self.limit:
            raise TooManyRedirects()
        vars(req)["briefing_hops"] = hops + 1  # redirect_request carries the count to the next request
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            vars(new)["briefing_hops"] = getattr(req, "briefing_hops", 0)
        return new
