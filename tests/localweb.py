"""A web server on 127.0.0.1 for tests, and a guard that keeps tests off every other address.

    def test_x(web):
        web.route("/story", body=b"<html>...</html>")
        url = web.url("/story")

A route answers with a status, headers and a body, optionally after a delay,
in slow pieces, or as a redirect; `web.hits` counts requests by path and
`web.headers` keeps the last request's headers by path.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

LOOPBACK = ("127.0.0.1", "::1", "localhost")


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    pieces: int = 1  # the body sent in this many pieces...
    pause: float = 0.0  # ...with this pause between them
    length: bool = True  # send Content-Length
    etag: str | None = None  # answer 304 to a matching If-None-Match


class LocalWeb:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.headers: dict[str, dict[str, str]] = {}
        self.arrivals: list[tuple[str, float]] = []  # (path, time.monotonic()) of each request
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                web.hits[self.path] = web.hits.get(self.path, 0) + 1
                web.arrivals.append((self.path, time.monotonic()))
                web.headers[self.path] = dict(self.headers)
                route = web.routes.get(self.path, Route(404, b"<html><body>Not found</body></html>"))
                time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    if route.length:
                        self.send_header("Content-Length", str(len(route.body)))
                    if route.etag:
                        self.send_header("ETag", route.etag)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    size = max(1, len(route.body) // route.pieces)
                    for start in range(0, len(route.body), size):
                        self.wfile.write(route.body[start : start + size])
                        self.wfile.flush()
                        time.sleep(route.pause)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it was meant to
                if not route.length:
                    self.close_connection = True

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def route(self, path: str, **kwargs) -> str:
        """Serve `path` (see `Route`); its full URL."""
        if isinstance(kwargs.get("body"), str):
            kwargs["body"] = kwargs["body"].encode("utf-8")
        self.routes[path] = Route(**kwargs)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        """`path` redirects to `to` (a path here, or any URL)."""
        target = self.url(to) if to.startswith("/") else to
        return self.route(path, status=status, headers={"Location": target})


@pytest.fixture
def loopback_only(monkeypatch):
    """Fail any connection to an address other than loopback; no proxy in between."""
    real_connect = socket.socket.connect

    def connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in LOOPBACK:
            raise AssertionError(f"a test tried to reach {address}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def web(loopback_only):
    """A LocalWeb running for one test."""
    server = LocalWeb()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()
