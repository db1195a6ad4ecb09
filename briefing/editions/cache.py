"""The per-article cache: each article cleaned and split into sentences once
(and the signature by which copies are found, once per text).

An entry is keyed by the content of what produced it: the document as read,
the corpus's boilerplate lines that occur in it (cleaning drops lines a site
repeats across its pages, so adding a page can change another page's
cleaning), and the code of the stages involved. Adding one article to a
folder of hundreds therefore cleans and splits only that article.

The cache is an SQLite database in the output folder
(`.cache/articles.sqlite`), read and written per article: a build looks up
only the articles it reads, writes only the entries it made, and at the end
drops the entries no build of this one used, in one transaction, so an
interrupted build leaves the cache as it was. A front page's stories are kept
too, each story's briefing under a key made of its articles' keys, the
options and the package's code: a rebuild briefs again only the stories whose
articles changed. The previous edition's
articles stay available to tell what is new. Entries are JSON rather than
pickle, so that a cache file can never run code; anything unreadable is
treated as empty.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

from briefing import models
from briefing.config import Config, config_hash
from briefing.editions.fingerprint import code_hash
from briefing.engine.base import Engine, LocalEngine
from briefing.files import tree_hash
from briefing.models import Article, Briefing, Passage, RawDocument, Sentence
from briefing.sources.dedupe import Signature, signature
from briefing.text import clean
from briefing.text.passages import split_article, to_passages

CACHE_FILE = Path(".cache") / "articles.sqlite"
FORMAT = 2  # 1 was one JSON file, read and written whole
# The modules whose code decides what an entry holds.
_STAGE_MODULES = ("text/clean.py", "text/dates.py", "text/passages.py", "models.py", "sources/dedupe.py")


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
        self._stored = _Entries(path, self.code) if path is not None else _Entries.in_memory(entries or {})
        self._used: dict[str, dict[str, Any]] = {}
        self._made: set[str] = set()  # keys of entries this build made or added passages to
        self._keys: dict[int, tuple[str, Article]] = {}  # id(article served) -> key
        self._served: dict[int, tuple[Article, tuple[Passage, ...]]] = {}  # by article index
        self._story_salt: str | None = None
        self.hits = self.misses = 0

    @classmethod
    def load(cls, out: Path) -> ArticleCache:
        """The cache of output folder `out` (empty when missing, stale or unreadable)."""
        return cls(out / CACHE_FILE)

    def close(self) -> None:
        """Let go of the database file (saving is separate: an unsaved build leaves it as it was)."""
        self._stored.close()

    def save(self) -> None:
        """Keep the entries this build used (and only those): the new ones written, the unused dropped."""
        self._stored.keep({key: self._used[key] for key in self._made}, self._used.keys())

    def clean_all(self, raws: Sequence[RawDocument], engine: Engine | None = None) -> list[Article]:
        """`clean.clean_all(raws)`, cleaning (on `engine`) only the documents not seen before."""
        repeated = clean.repeated_lines(raws)
        keys = [self.key(raw, repeated) for raw in raws]
        found = [self._used.get(key) or self._stored.get(key) for key in keys]
        missing = [i for i, entry in enumerate(found) if entry is None]
        cleaned = (engine or LocalEngine()).map(partial(clean.clean, repeated=repeated), [raws[i] for i in missing])
        fresh = dict(zip(missing, cleaned, strict=True))
        articles = []
        for i, (key, entry) in enumerate(zip(keys, found, strict=True)):
            if i in fresh:
                article = fresh[i]
                entry = {"article": _article_to(article)}
                self._made.add(key)
                self.misses += 1
            else:
                assert entry is not None
                article = _article_from(entry["article"])
                self.hits += 1
            self._used[key] = entry
            self._keys[id(article)] = (key, article)
            articles.append(article)
        return articles

    def signatures(self, raws: Sequence[RawDocument], engine: Engine | None = None) -> list[Signature]:
        """`dedupe.signature` of each document's text, computed (on `engine`) only for texts not seen before."""
        keys = ["signature:" + hashlib.sha256(raw.text.encode("utf-8", "surrogatepass")).hexdigest() for raw in raws]
        found = [self._used.get(key) or self._stored.get(key) for key in keys]
        missing = [i for i, entry in enumerate(found) if entry is None]
        made = (engine or LocalEngine()).map(signature, [raws[i].text for i in missing])
        for i, fresh in zip(missing, made, strict=True):
            found[i] = {"signature": [fresh.words, fresh.shingles, base64.b64encode(fresh.minhash).decode("ascii")]}
            self._made.add(keys[i])
        result = []
        for key, entry in zip(keys, found, strict=True):
            assert entry is not None
            self._used[key] = entry
            words, shingles, minhash = entry["signature"]
            result.append(Signature(words, shingles, base64.b64decode(minhash)))
        return result

    def passages_all(self, articles: Sequence[Article], engine: Engine | None = None) -> list[tuple[Passage, ...]]:
        """`passages(i, article)` for every article, splitting (on `engine`) only those not split before."""
        unsplit = [i for i, a in enumerate(articles) if not self._has_passages(a)]
        split = (engine or LocalEngine()).map(split_article, [(0, articles[i]) for i in unsplit])
        for i, found in zip(unsplit, split, strict=True):
            served = self._keys.get(id(articles[i]))
            if served is not None:
                self._used[served[0]]["passages"] = _passages_to(found)
                self._made.add(served[0])
        return [self.passages(i, article) for i, article in enumerate(articles)]

    def _has_passages(self, article: Article) -> bool:
        served = self._keys.get(id(article))
        return served is None or "passages" in self._used[served[0]]

    def passages(self, index: int, article: Article) -> tuple[Passage, ...]:
        """`passages.to_passages(index, article)`, split once per article."""
        served = self._keys.get(id(article))
        if served is None:
            return to_passages(index, article)
        entry = self._used[served[0]]
        if "passages" not in entry:
            entry["passages"] = _passages_to(to_passages(0, article))
            self._made.add(served[0])
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

    def story_key(self, articles: Sequence[Article], config: Config) -> str | None:
        """The key of a story's briefing: its articles (by content key, in order), the options and the code
        that shape it; None when an article did not come through this cache."""
        keys = [self.key_of(article) for article in articles]
        if None in keys:
            return None
        if self._story_salt is None:
            self._story_salt = code_hash()
        return "story:" + hashlib.sha256(json.dumps([self._story_salt, config_hash(config), keys]).encode()).hexdigest()

    def story(self, key: str) -> Briefing | None:
        """The briefing an earlier build made of the story `key` (None when there is none, or it is unreadable)."""
        entry = self._used.get(key) or self._stored.get(key)
        if entry is None:
            return None
        try:
            briefing = _value(entry["briefing"])
        except (KeyError, TypeError, ValueError, AttributeError):  # a damaged entry costs time, never the build
            return None
        if not isinstance(briefing, Briefing):
            return None
        self._used[key] = entry
        return briefing

    def keep_story(self, key: str, briefing: Briefing) -> None:
        """Store the briefing of the story `key` for the next build."""
        self._used[key] = {"briefing": _plain(briefing)}
        self._made.add(key)

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
    """A model value as JSON: times, dates and dataclasses (of models.py) tagged, tuples as lists."""
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
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
        if tag == "$datetime":
            return datetime.fromisoformat(inner)
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


class _Entries:
    """The cache's entries by key, in SQLite: looked up one by one, written in one transaction."""

    def __init__(self, path: Path, code: str):
        self.path = path
        self.code = code
        self._memory: dict[str, dict[str, Any]] | None = None
        self._db: sqlite3.Connection | None = None
        self._opened = False

    @classmethod
    def in_memory(cls, entries: dict[str, dict[str, Any]]) -> _Entries:
        """Entries that live only as long as the object (a cache with no folder)."""
        store = cls(Path(), "")
        store._memory = dict(entries)
        return store

    def get(self, key: str) -> dict[str, Any] | None:
        if self._memory is not None:
            return self._memory.get(key)
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT entry FROM entries WHERE key = ?", (key,)).fetchone()
            return json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError):  # a damaged cache costs time, never the build
            return None

    def keep(self, made: dict[str, dict[str, Any]], used: Iterable[str]) -> None:
        """Write the entries `made`, and drop every entry whose key is not in `used`, atomically."""
        if self._memory is not None:
            self._memory = {key: made.get(key) or self._memory[key] for key in used if key in made or key in self._memory}
            return
        (self.path.parent / "articles.json").unlink(missing_ok=True)  # the cache of format 1
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = self._connect(create=True)
        assert db is not None
        with db:  # one transaction: an interrupted build leaves the cache as it was
            db.executemany("INSERT OR REPLACE INTO entries (key, entry) VALUES (?, ?)",
                           [(key, json.dumps(entry, ensure_ascii=False, separators=(",", ":"))) for key, entry in made.items()])
            db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM used")
            db.executemany("INSERT OR IGNORE INTO used (key) VALUES (?)", [(key,) for key in used])
            db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM used)")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        self._db, self._opened = None, False

    def _connect(self, create: bool = False) -> sqlite3.Connection | None:
        """The database, emptied first if another format or stage code wrote it; None when there is none."""
        if self._db is not None or (self._opened and not create):
            return self._db
        self._opened = True
        if not create and not self.path.is_file():
            return None
        try:
            db = sqlite3.connect(self.path)
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, entry TEXT NOT NULL)")
            stamp = dict(db.execute("SELECT name, value FROM meta").fetchall())
            if stamp != {"format": str(FORMAT), "code": self.code}:
                with db:
                    db.execute("DELETE FROM entries")
                    db.executemany("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)",
                                   [("format", str(FORMAT)), ("code", self.code)])
        except sqlite3.DatabaseError:  # not a database (a damaged or planted file): start afresh
            if not create:
                return None
            self.path.unlink(missing_ok=True)
            self._opened = False
            return self._connect(create=True)
        self._db = db
        return db
