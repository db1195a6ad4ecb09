"""What a web address is: the one place that decides.

A source the user names is a web address when it is an http(s) URL; anything
else is a path. A link found in a feed or page, or one shown in an output, is
used only when it is a whole http(s) URL with a host and nothing in it that
could break out of an attribute or a Markdown link.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit, urlunsplit

_WEB_URL = re.compile(r"https?://[^\s<>\"'`\\]+\Z", re.IGNORECASE)


def is_url(source: object) -> bool:
    """Whether a source as given by the user is a web address rather than a path."""
    return isinstance(source, str) and "://" in source


def web_url(text: str | None) -> str | None:
    """`text` when it is a whole http(s) URL with a host, safe to fetch or link to; else None."""
    if not text or not _WEB_URL.match(text):
        return None
    return text if parse(text).hostname else None


def parse(address: str) -> SplitResult:
    """`address` split into its parts if it is a URL, else an empty split (never an error)."""
    try:
        return urlsplit(address if "://" in address else "")
    except ValueError:  # a malformed URL is an origin like any other
        return urlsplit("")


def site(url: str) -> str:
    """Scheme and host of `url`: what robots.txt rules and request pacing apply to."""
    parts = parse(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


# Query parameters whose values are secrets in the destination URLs users write (apprise's syntax among them).
_SECRET_PARAMS = re.compile(r"(?i)([?&](?:pass|password|pwd|token|secret|apikey|api_key|key)=)[^&#]*")


def without_password(url: str) -> str:
    """`url` with the password of its `user:password@` part (or a lone `token@`) replaced by `***`:
    a fetched URL as shown and stored."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    user, _, host = parts.netloc.rpartition("@")
    name, colon, _ = user.partition(":")
    # A user name alone is often the secret itself (a token): then it goes too.
    return urlunsplit(parts._replace(netloc=f"{name}:***@{host}" if colon else f"***@{host}"))


def redact(url: str) -> str:
    """A destination URL fit to be shown: its password and its secret query values replaced by ***."""
    return _SECRET_PARAMS.sub(r"\1***", without_password(url))
