"""Delivery of editions: the Atom feed, e-mail and webhooks, and the local preview server.

Real servers on loopback, started here: an SMTP server (aiosmtpd) that keeps
what it receives, an HTTP endpoint that keeps the webhooks posted to it, and
the preview server fetched over HTTP.
"""

from __future__ import annotations

import email
import email.policy
import json
import shutil
import socket
import threading
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest
from aiosmtpd.controller import Controller
from typer.testing import CliRunner

from briefing.cli import app
from briefing.config import load_config
from briefing.editions.feed import FEED_FILE
from briefing.editions.regenerate import BUILT, UNCHANGED, UP_TO_DATE, regenerate
from briefing.editions.serve import make_server
from briefing.editions.store import editions, latest_edition
from briefing.errors import ConfigError
from briefing.urls import redact

SEEDS = Path(__file__).parent.parent / "seeds"
NEW_ARTICLE = Path(__file__).parent / "data" / "new_article.txt"
NOW = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


def free_port() -> int:
    """A port nothing listens on now (aiosmtpd's controller checks its server by connecting to it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """An SMTP server on loopback that keeps every message it is sent."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    @property
    def url(self) -> str:
        port = self.controller.port
        return f"mailto://127.0.0.1:{port}?from=briefing@example.org&to=desk@example.org&mode=insecure"


class Webhook:
    """An HTTP endpoint on loopback that keeps the JSON posted to it, or refuses it with `status`."""

    def __init__(self, status: int = 200) -> None:
        self.posts: list[dict] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if status == 200:
                    hook.posts.append(json.loads(body))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, userinfo: str = "") -> str:
        return f"json://{userinfo}127.0.0.1:{self.server.server_port}/briefing"


@pytest.fixture
def mailbox():
    box = Mailbox()
    box.controller.start()
    yield box
    box.controller.stop()


@pytest.fixture
def webhook():
    hook = Webhook()
    yield hook
    hook.server.shutdown()
    hook.server.server_close()


@pytest.fixture
def corpus(tmp_path):
    return shutil.copytree(SEEDS, tmp_path / "src")


def config_of(corpus, **overrides):
    overrides.setdefault("formats", ("pdf", "md", "json"))
    return load_config(corpus / "briefing.toml", out=corpus.parent / "out", **overrides)


def new_source(corpus) -> int:
    """The citation number of the article added to the seeds (sources are in date order)."""
    data = json.loads((corpus.parent / "out" / "briefing.json").read_text())
    return next(s["id"] for s in data["sources"] if s.get("path", "").endswith("005_new.txt"))


def test_a_new_edition_is_mailed_with_citations_and_its_pdf(corpus, mailbox):
    outcome = regenerate(config_of(corpus, deliver_to=(mailbox.url,)), now=NOW)

    assert outcome.status == BUILT
    [message] = mailbox.messages
    assert message["Subject"] == "South Ossetia's referendum on joining Russia: Key points"
    body = message.get_body(("plain",)).get_content()
    data = json.loads((corpus.parent / "out" / "briefing.json").read_text())
    for point in data["key_points"]:
        citation = ", ".join(map(str, point["sources"]))
        assert f"{' '.join(point['text'].split())} [{citation}]" in body
        for number in point["sources"]:
            assert f"[{number}] {data['sources'][number - 1]['title']}" in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == outcome.edition.outputs()["pdf"].read_bytes()


def test_exactly_one_message_per_destination_per_new_edition(corpus, mailbox, webhook):
    config = config_of(corpus, deliver_to=(mailbox.url, webhook.url()))
    assert regenerate(config, now=NOW).status == BUILT
    assert regenerate(config, now=NOW + timedelta(hours=1)).status == UP_TO_DATE
    assert regenerate(config, force=True, now=NOW + timedelta(hours=2)).status == UNCHANGED
    assert len(mailbox.messages) == len(webhook.posts) == 1

    shutil.copy(NEW_ARTICLE, corpus / "005_new.txt")
    assert regenerate(config, now=NOW + timedelta(hours=3)).status == BUILT
    assert len(mailbox.messages) == len(webhook.posts) == 2
    latest = webhook.posts[-1]
    assert latest["title"].endswith("New since 2026-01-02 03:04 UTC")
    assert f"[{new_source(corpus)}]" in latest["message"]  # the new article, cited


def test_a_destination_that_refuses_is_a_warning_and_the_others_are_still_sent(corpus, mailbox, caplog):
    refusing = Webhook(status=500)
    try:
        config = config_of(corpus, deliver_to=(refusing.url("desk:s3cret@"), mailbox.url))
        outcome = regenerate(config, now=NOW)
    finally:
        refusing.server.shutdown()
        refusing.server.server_close()

    assert outcome.status == BUILT and latest_edition(config.out).name == outcome.edition.name
    assert len(mailbox.messages) == 1
    [warning] = [r.getMessage() for r in caplog.records if "delivery to" in r.getMessage()]
    assert warning.startswith(f"delivery to json://desk:***@127.0.0.1:{refusing.server.server_port}/briefing failed")
    assert "s3cret" not in caplog.text


def test_build_delivers_unless_told_not_to(corpus, webhook):
    (corpus / "briefing.toml").write_text(
        (corpus / "briefing.toml").read_text() + f'\n[deliver]\nto = ["{webhook.url()}"]\n', encoding="utf-8")
    out = corpus.parent / "out"
    runner = CliRunner()
    quiet = runner.invoke(app, ["build", "--config", str(corpus / "briefing.toml"), "--out", str(out),
                                "--format", "md", "--no-deliver"])
    assert quiet.exit_code == 0, quiet.output
    assert webhook.posts == []

    again = runner.invoke(app, ["deliver", "--config", str(corpus / "briefing.toml"), "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert f"edition {latest_edition(out).name} sent to 1 of 1 destinations" in again.output
    assert len(webhook.posts) == 1


def test_deliver_names_a_missing_edition(corpus, tmp_path):
    result = CliRunner().invoke(app, ["deliver", "nope", "--out", str(tmp_path / "empty"), "--to", "json://127.0.0.1:9/x"])
    assert result.exit_code == 1
    assert "no edition 'nope'" in result.output


def test_the_feed_lists_editions_newest_first_with_their_news_and_links(corpus):
    config = config_of(corpus, base_url="https://briefs.example.org/ossetia/")
    regenerate(config, now=NOW)
    shutil.copy(NEW_ARTICLE, corpus / "005_new.txt")
    regenerate(config, now=NOW + timedelta(hours=3))

    feed = feedparser.parse((config.out / FEED_FILE).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    names = [e.name for e in reversed(editions(config.out))]
    assert [entry.id for entry in feed.entries] == [f"https://briefs.example.org/ossetia/editions/{n}/" for n in names]
    newest, first = feed.entries
    assert newest.title.endswith("New since 2026-01-02 03:04 UTC")
    assert first.title.endswith("Key points")
    assert f"[{new_source(corpus)}]" in newest.content[0].value
    hrefs = {link.get("title"): link.href for link in newest.links}
    assert hrefs["PDF"] == f"https://briefs.example.org/ossetia/editions/{names[0]}/briefing.pdf"


def test_a_bad_base_url_is_a_config_error(corpus):
    with pytest.raises(ConfigError, match="'base_url' must be an http"):
        config_of(corpus, base_url="javascript:alert(1)")


def test_redact_hides_passwords_and_tokens():
    assert redact("mailto://desk:pw@smtp.example.org:587?to=a@b") == "mailto://desk:***@smtp.example.org:587?to=a@b"
    assert redact("json://host/path?token=abc&x=1") == "json://host/path?token=***&x=1"


@pytest.fixture
def preview(corpus):
    config = config_of(corpus, formats=("html", "pdf", "json"))
    regenerate(config, now=NOW)
    (config.out / ".cache" / "secret.txt").write_text("not for the web")
    server = make_server(config.out, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield config.out, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_serve_shows_the_editions_their_files_and_the_feed(preview):
    out, base = preview
    edition = latest_edition(out)
    status, page = fetch(base + "/")
    assert status == 200
    assert edition.name in page.decode() and "Key points" in page.decode()
    assert fetch(f"{base}/editions/{edition.name}/briefing.pdf") == (200, edition.outputs()["pdf"].read_bytes())
    assert fetch(base + "/editions.atom")[0] == 200
    assert fetch(base + "/__edition") == (200, edition.name.encode())
    status, html = fetch(base + "/briefing.html")
    assert status == 200 and b"/__edition" in html  # reloads itself when a new edition appears


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/editions/..%2f..%2fsrc/briefing.toml",
    "/.cache/secret.txt", "/.lock", "/editions/", "/editions/2026-01-02T030400Z/../../.cache/secret.txt",
])
def test_serve_refuses_everything_a_build_did_not_write(preview, path):
    _, base = preview
    status, body = fetch(base + path)
    assert status == 404 and b"not for the web" not in body


def test_serve_is_read_only(preview):
    _, base = preview
    request = urllib.request.Request(base + "/briefing.html", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 501


def test_a_schedule_that_runs_three_times_sends_one_message(corpus, webhook):
    (corpus / "briefing.toml").write_text(
        (corpus / "briefing.toml").read_text() + f'\n[deliver]\nto = ["{webhook.url()}"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["schedule", "--config", str(corpus / "briefing.toml"), "--out",
                                      str(corpus.parent / "out"), "--format", "md", "--every", "1s", "--max-runs", "3"])
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["built edition " + latest_edition(
        corpus.parent / "out").name, "up to date", "up to date"]
    assert len(webhook.posts) == 1


def test_a_delivered_point_says_who_it_quotes_or_names_as_the_briefing_does():
    from briefing.editions.digest import Digest, as_text, digest_of
    from briefing.models import Briefing, NamedPerson, Source, SummarySentence

    quoted = SummarySentence("“We will take legal steps,” he said.", (5, 2), 0, 36, speaker="Anatoly Bibilov",
                             speaker_named=False)
    named = SummarySentence("Delic was cleared of two murders.", (3,), 0, 33,
                            people=(NamedPerson("Delic", "Hazim Delic"),))
    sources = tuple(Source(n, f"Article {n}", f"{n}.txt") for n in range(1, 6))
    briefing = Briefing(title="T", generated_at=NOW, sources=sources, key_points=(quoted, named), sections=())
    digest = digest_of(briefing)
    text = as_text(digest, {})
    assert "“We will take legal steps,” he said. [5, 2] — Anatoly Bibilov, per [5]" in text
    assert "Delic was cleared of two murders. [3] — Delic: Hazim Delic" in text
    assert Digest.from_dict(digest.to_dict()) == digest
    older = digest.to_dict() | {"points": [{"text": "Ships left.", "sources": [1]}]}  # a manifest before "who"
    assert Digest.from_dict(older).points[0].cited() == "Ships left. [1]"
