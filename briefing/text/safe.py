"""Text made safe once, at the edge: what sources say reaches the cache, the outputs and the terminal only through here.

Lone surrogates (`&#xD800;` in a feed, `\\ud800` in JSON) cannot be encoded
as UTF-8 and would fail the cache and the writers; NUL, the other C0 and C1
controls and the bidirectional overrides carry no text, and in a terminal an
ESC or OSC sequence in a title can rewrite the screen or the window title.
All of them are removed. Newlines and tabs stay in article text; in a
one-line value (a title, an author, a URL) every run of white space becomes
one space.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, surrogates, and the bidi
# embeddings, overrides and isolates (a reversed file name in a listing).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("\r\n|[\r\x0b\x0c]")  # line breaks other than LF, and page breaks
_UNSAFE_LINE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """`text` without controls (but newline and tab), lone surrogates and bidi controls; CR LF, CR, VT and FF become LF."""
    return _UNSAFE.sub("", _BREAKS.sub("\n", text))


def printable(text: str) -> str:
    """`text` fit for a terminal: no escape sequences or other controls (newline and tab stay), spacing kept."""
    return _UNSAFE.sub("", text)


def describe(error: BaseException) -> str:
    """An unexpected error in a few safe words: its kind and the start of its message
    (which may quote the hostile input that caused it)."""
    text = safe_line(str(error)) or ""
    return f"{type(error).__name__}: {text[:120]}" if text else type(error).__name__


def safe_line(value: str | None) -> str | None:
    """A one-line value made safe: unsafe characters removed, white space collapsed; None when nothing is left."""
    if value is None:
        return None
    line = " ".join(_UNSAFE_LINE.sub("", value).split())
    return line or None
