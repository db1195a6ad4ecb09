"""Delivery: each new edition sent to the people who read it.

Destinations are apprise URLs (`mailto://`, `json://`, `slack://`, ... one
syntax for a hundred services). Each destination gets the briefing's title,
the edition's digest (its "New since" section, or its key points on a first
edition) with numbered citations and links, and, where the channel takes
attachments (e-mail), the PDF. Each destination is sent to on its own: one
that fails is a warning naming it, with its secrets redacted, and the others
are still sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.editions.digest import as_text, read_digest
from briefing.editions.feed import edition_links
from briefing.editions.store import Edition
from briefing.urls import parse, redact

log = logging.getLogger("briefing")


@dataclass(frozen=True)
class Delivery:
    """What happened to one destination: sent, or why not (its URL redacted)."""

    destination: str
    sent: bool
    reason: str = ""


def deliver(edition: Edition, destinations: Sequence[str], base_url: str | None = None,
            warn: Callable[[str], None] = log.warning) -> list[Delivery]:
    """Send `edition` to every destination; `warn` about each one that fails."""
    if not destinations:
        return []
    # apprise takes a fifth of a second to import: only a build that delivers pays for it.
    import apprise

    title, body = message(edition, base_url)
    pdf = edition.outputs().get("pdf")
    results = []
    for url in destinations:
        result = _send(apprise, url, title, body, str(pdf) if pdf and pdf.is_file() else None)
        if not result.sent:
            warn(f"delivery to {result.destination} failed: {result.reason}")
        results.append(result)
    return results


def message(edition: Edition, base_url: str | None = None) -> tuple[str, str]:
    """The title and plain-text body sent about `edition`."""
    digest = read_digest(edition)
    links = edition_links(edition, base_url) if base_url else {}
    if digest is None:
        return f"Edition {edition.name}", f"A new edition of the briefing: {edition.name}.\n"
    return f"{digest.title}: {digest.heading}", as_text(digest, links)


def _send(apprise, url: str, title: str, body: str, attachment: str | None) -> Delivery:
    shown = redact(url)
    sender = apprise.Apprise()
    if not sender.add(url):
        return Delivery(shown, False, "not a destination apprise knows (see its URL syntax)")
    with apprise.LogCapture(level=apprise.logging.WARNING) as captured:
        attach = apprise.AppriseAttachment(attachment) if attachment else None
        sent = bool(sender.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT, attach=attach))
    if sent:
        return Delivery(shown, True)
    reasons = [line.strip() for line in captured.getvalue().splitlines() if line.strip()]
    return Delivery(shown, False, _scrub(reasons[-1] if reasons else "the service did not accept it", url))


def _scrub(reason: str, url: str) -> str:
    """A reason from apprise's log, with nothing of the URL's secrets in it."""
    password = parse(url).password
    return reason.replace(password, "***") if password else reason
