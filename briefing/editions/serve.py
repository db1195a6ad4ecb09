"""A local preview of `out/`: the latest briefing, the editions, the feed.

Read-only and on localhost by default. Only what a build wrote is served:
the latest `briefing.*` files (and each story's, under `stories/<slug>/`), the
feed, and each edition's outputs and manifest, named by the edition's own manifest
(and its stories'); every other path (hidden
files, the cache, the lock, `..`, a symlink leading out of `out/`) is a 404.
An open page reloads itself when a new edition appears: it asks
`/__edition` every few seconds for the latest edition's name.
"""

from __future__ import annotations

import html
import mimetypes
import re
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from briefing.editions.digest import read_digest
from briefing.editions.feed import FEED_FILE
from briefing.editions.store import EDITIONS_DIR, MANIFEST, Edition, editions, find_edition, latest_edition
from briefing.output.writer import STORIES_DIR

LATEST_PATH = "/__edition"
POLL_SECONDS = 3
_LATEST_FILE = re.compile(r"^briefing\.(pdf|md|html|json)$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # as stories.slug makes them: never hidden, never ..
_TYPES = {".md": "text/markdown; charset=utf-8", ".json": "application/json", ".atom": "application/atom+xml",
          ".html": "text/html; charset=utf-8", ".pdf": "application/pdf"}
_RELOAD = (
    "<script>(function(){{var seen={seen};setInterval(function(){{"
    "fetch('{path}',{{cache:'no-store'}}).then(function(r){{return r.text()}}).then(function(t){{"
    "if(t!==seen){{location.reload()}}}}).catch(function(){{}})}},{ms})}})();</script>"
)


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A server of `out` on `host`:`port` (port 0: any free port); call `serve_forever()` on it."""
    return ThreadingHTTPServer((host, port), partial(PreviewHandler, out.resolve()))


class PreviewHandler(BaseHTTPRequestHandler):
    """GET and HEAD of what a build wrote to `out`, nothing else."""

    server_version = "briefing-preview"

    def __init__(self, out: Path, *args, **kwargs):
        self.out = out
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args) -> None:  # requests are not news; errors still reach stderr
        pass

    def _answer(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == "/":
            return self._send(HTTPStatus.OK, "text/html; charset=utf-8", index_page(self.out).encode(), body)
        if path == LATEST_PATH:
            latest = latest_edition(self.out)
            return self._send(HTTPStatus.OK, "text/plain; charset=utf-8", (latest.name if latest else "").encode(), body)
        file = resolve(self.out, path)
        if file is None:
            return self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", body)
        data = file.read_bytes()
        if file.suffix == ".html":
            data = with_reload(data, latest_edition(self.out))
        kind = _TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self._send(HTTPStatus.OK, kind, data, body)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)


def resolve(out: Path, path: str) -> Path | None:
    """The file of `out` that `path` names, if it is one a build wrote; None for anything else."""
    parts = path.strip("/").split("/")
    if len(parts) == 1 and (_LATEST_FILE.match(parts[0]) or parts[0] == FEED_FILE):
        candidate = out / parts[0]
    elif len(parts) == 3 and parts[0] == STORIES_DIR and _is_story(parts[1], parts[2]):
        candidate = out / STORIES_DIR / parts[1] / parts[2]
    elif len(parts) == 5 and parts[0] == EDITIONS_DIR and parts[2] == STORIES_DIR and _is_story(parts[3], parts[4]):
        if not _is_edition(out, parts[1]):
            return None
        candidate = out / EDITIONS_DIR / parts[1] / STORIES_DIR / parts[3] / parts[4]
    elif len(parts) == 3 and parts[0] == EDITIONS_DIR:
        edition = find_edition(out, parts[1]) if _is_edition(out, parts[1]) else None
        names = {MANIFEST, *(p.name for p in edition.outputs().values())} if edition else set()
        if parts[2] not in names:
            return None
        candidate = out / EDITIONS_DIR / parts[1] / parts[2]
    else:
        return None
    try:
        real = candidate.resolve(strict=True)
    except OSError:
        return None
    return real if real.is_file() and real.is_relative_to(out) else None


def _is_edition(out: Path, name: str) -> bool:
    """Whether `name` is the name of one of the editions in `out` (never a path of its own)."""
    return name in {edition.name for edition in editions(out)}


def _is_story(slug: str, name: str) -> bool:
    """Whether `slug`/`name` can be a story's output a build wrote: a plain folder name, a briefing file."""
    return bool(_SLUG.match(slug)) and bool(_LATEST_FILE.match(name))


def index_page(out: Path) -> str:
    """The preview's front page: the latest briefing, the feed, and every edition with what it brought."""
    e = html.escape
    found = editions(out)
    latest = found[-1] if found else None
    items = []
    for edition in reversed(found):
        digest = read_digest(edition)
        files = " · ".join(
            f'<a href="/{EDITIONS_DIR}/{e(edition.name)}/{e(p.name)}">{e(fmt.upper())}</a>'
            for fmt, p in sorted(edition.outputs().items())
        )
        points = "".join(f"<li>{e(p.cited())}</li>"
                         for p in (digest.points if digest else ()))
        heading = e(digest.heading) if digest else ""
        items.append(f"<li><strong>{e(edition.name)}</strong> ({e(edition.created.isoformat(timespec='minutes'))}) "
                     f"{files}<br><em>{heading}</em><ul>{points}</ul></li>")
    latest_digest = read_digest(latest) if latest else None
    title = e(latest_digest.title) if latest_digest else "briefing"
    latest_links = " · ".join(
        f'<a href="/{name}">{label}</a>'
        for name, label in (("briefing.html", "HTML"), ("briefing.pdf", "PDF"), ("briefing.md", "Markdown"),
                            ("briefing.json", "JSON"), (FEED_FILE, "Atom feed of editions"))
        if (out / name).is_file()
    )
    page = (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<h1>{title}</h1><p>Latest: {latest_links or 'no briefing yet'}</p>"
            f"<h2>Editions</h2><ul>{''.join(items) or '<li>none yet</li>'}</ul></body></html>")
    return with_reload(page.encode(), latest).decode()


def with_reload(page: bytes, latest: Edition | None) -> bytes:
    """`page` with a script that reloads it when an edition newer than `latest` appears."""
    seen = '"' + (latest.name if latest else "") + '"'
    script = _RELOAD.format(seen=seen, path=LATEST_PATH, ms=POLL_SECONDS * 1000).encode()
    head, marker, tail = page.rpartition(b"</body>")
    return head + script + marker + tail if marker else page + script
