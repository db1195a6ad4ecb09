"""The per-article cache: each article cleaned and split into sentences once.

An entry is keyed by the content of what produced it: the document as read,
the corpus's boilerplate lines that occur in it (cleaning drops lines a site
repeats across its pages, so adding a page can change another page's
cleaning), and the code of the stages involved. Adding one article to a
folder of hundreds therefore cleans and splits only that article.

The cache is one JSON file in the output folder (`.cache/articles.json`),
rewritten after each successful build with the entries that build used: the
previous edition's articles stay available to tell what is new. JSON rather
than pickle, so that a cache file can never run code; anything unreadable is
treated as empty.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from briefing import models
from briefing.files import tree_hash, write_atomic
from briefing.models import Article, Passage, RawDocument, Sentence
from briefing.text import clean
from briefing.text.passages import to_passages

CACHE_FILE = Path(".cache") / "articles.json"
FORMAT = 1
# The modules whose code decides what an entry holds.
_STAGE_MODULES = ("text/clean.py", "text/passages.py", "models.py")


def stage_code() -> str:
    """A hash of the code that cleans and splits articles: a change empties the cache."""
    package = Path(__file__).resolve().parents[1]
    return tree_hash([package / name for name in _STAGE_MODULES]) + "+syntok-" + metadata.version("syntok")


def text_hash(article: Article) -> str:
    """What a reader would call the article's content: its title and text."""
    return hashlib.sha256(json.dumps([article.title, article.text]).encode()).hexdigest()


class ArticleCache:
    """Cleaned articles and their passages, by content key; see the module doc.

    One object serves one build: `clean_all` and `passages` stand in for
    `clean.clean_all` and `passages.to_passages`, and `save` keeps what the
    build used.
    """

    def __init__(self, path: Path | None, entries: dict[str, dict[str, Any]] | None = None):
        self.path = path
        self.code = stage_code()
        self._stored = entries or {}
        self._used: dict[str, dict[str, Any]] = {}
        self._keys: dict[int, tuple[str, Article]] = {}  # id(article served) -> key
        self._served: dict[int, tuple[Article, tuple[Passage, ...]]] = {}  # by article index
        self.hits = self.misses = 0

    @classmethod
    def load(cls, out: Path) -> ArticleCache:
        """The cache of output folder `out` (empty when missing, stale or unreadable)."""
        path = out / CACHE_FILE
        cache = cls(path)
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cache
        if isinstance(data, dict) and data.get("format") == FORMAT and data.get("code") == cache.code:
            cache._stored = data.get("entries") or {}
        return cache

    def save(self) -> None:
        """Write the entries this build used (and only those) to the cache file."""
        if self.path is None:
            return
        data = {"format": FORMAT, "code": self.code, "entries": self._used}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    def clean_all(self, raws: Sequence[RawDocument]) -> list[Article]:
        """`clean.clean_all(raws)`, cleaning only the documents not seen before."""
        repeated = clean.repeated_lines(raws)
        articles = []
        for raw in raws:
            key = self.key(raw, repeated)
            entry = self._stored.get(key) or self._used.get(key)
            if entry is not None:
                article = _article_from(entry["article"])
                self.hits += 1
            else:
                article = clean.clean(raw, repeated)
                entry = {"article": _article_to(article)}
                self.misses += 1
            self._used[key] = entry
            self._keys[id(article)] = (key, article)
            articles.append(article)
        return articles

    def passages(self, index: int, article: Article) -> tuple[Passage, ...]:
        """`passages.to_passages(index, article)`, split once per article."""
        served = self._keys.get(id(article))
        if served is None:
            return to_passages(index, article)
        entry = self._used[served[0]]
        if "passages" not in entry:
            entry["passages"] = _passages_to(to_passages(0, article))
        result = _passages_from(entry["passages"], index, article)
        self._served[index] = (article, result)
        return result

    def served(self) -> list[tuple[Article, tuple[Passage, ...]]]:
        """The articles of this build and their passages, in the build's order."""
        return [self._served[index] for index in sorted(self._served)]

    def key_of(self, article: Article) -> str | None:
        """The key under which an article this cache served is stored."""
        served = self._keys.get(id(article))
        return served[0] if served else None

    def stored(self, key: str) -> tuple[Article, tuple[Passage, ...]] | None:
        """An article of an earlier build (and its passages, index 0), if still cached."""
        entry = self._stored.get(key) or self._used.get(key)
        if entry is None:
            return None
        article = _article_from(entry["article"])
        if "passages" in entry:
            return article, _passages_from(entry["passages"], 0, article)
        return article, to_passages(0, article)

    def key(self, raw: RawDocument, repeated: frozenset[str]) -> str:
        """The content key of `raw` cleaned against the corpus's `repeated` lines."""
        normalized = clean.comparable(raw.text)
        # A repeated line can only matter to a document that contains it.
        relevant = sorted(line for line in repeated if line in normalized)
        header = [self.code, relevant, {f.name: _plain(getattr(raw, f.name)) for f in fields(raw) if f.name != "text"}]
        digest = hashlib.sha256(json.dumps(header, ensure_ascii=False).encode("utf-8"))
        digest.update(raw.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()


def _article_to(article: Article) -> dict[str, Any]:
    return {f.name: _plain(getattr(article, f.name)) for f in fields(Article)}


def _article_from(data: dict[str, Any]) -> Article:
    return Article(**{name: _value(value) for name, value in data.items()})


def _plain(value: Any) -> Any:
    """A model value as JSON: dates and dataclasses (of models.py) tagged, tuples as lists."""
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if is_dataclass(value):
        return {"$" + type(value).__name__: {f.name: _plain(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def _value(data: Any) -> Any:
    """The inverse of `_plain`: every list comes back as a tuple, as in the models."""
    if isinstance(data, list):
        return tuple(_value(v) for v in data)
    if isinstance(data, dict):
        ((tag, inner),) = data.items()
        if tag == "$date":
            return date.fromisoformat(inner)
        return getattr(models, tag[1:])(**{k: _value(v) for k, v in inner.items()})
    return data


def _passages_to(passages: Sequence[Passage]) -> list[list[Any]]:
    """Offsets only: every text is a slice of the article's text."""
    return [[p.index, p.start, p.end, [[s.index, s.start, s.end] for s in p.sentences]] for p in passages]


def _passages_from(data: list[list[Any]], index: int, article: Article) -> tuple[Passage, ...]:
    text = article.text
    return tuple(
        Passage(
            index,
            number,
            start,
            end,
            text[start:end],
            tuple(Sentence(text[s:e], index, position, s, e) for position, s, e in sentences),
        )
        for number, start, end, sentences in data
    )
