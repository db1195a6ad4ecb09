"""Coverage-guided fuzzing of every reader, then cleaning and sentence splitting (atheris).

The first byte of an input picks what the rest is read as: a text file, a
text file with front matter, an HTML page, an RSS/Atom feed, a JSONL export,
or a folder's `sources.toml` beside a text file. Each is read the way a build
reads it (`ingest.read_sources`, no network: a link found is refused), and
must come out as articles that are safe (no controls, no lone surrogates,
UTF-8-encodable) and whose sentences map back onto their text. A crash is any
exception that escapes `read_sources` or cleaning, or a broken invariant.

With FUZZ_READERS_RAW=1 the reader is called directly instead, and any
exception other than a SourceError ("this file is not usable") is a crash:
that finds what the isolation in `read_sources` turns into warnings.

`./dev fuzz` (or `make fuzz`) runs it for FUZZ_SECONDS (default 120) over a corpus seeded with
the seed articles and the hostile files; libFuzzer's last line gives the
number of inputs tried ("Done N runs in S second(s)"). Any exception other
than a SourceError (a clear "this file is not usable") is a crash.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["briefing"]):
    from briefing.errors import SourceError
    from briefing.sources import ingest
    from briefing.sources.fetch import Fetcher
    from briefing.text.clean import clean
    from briefing.text.passages import to_passages

# What the selector byte reads the input as: (file suffix, text put before it).
KINDS = [
    (".txt", b""),
    (".md", b"---\ntitle: "),
    (".html", b""),
    (".xml", b""),
    (".jsonl", b""),
    ("sources.toml", b""),
]
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
RAW = os.environ.get("FUZZ_READERS_RAW") == "1"
FOLDER = Path(tempfile.mkdtemp(prefix="briefing-fuzz-"))


class Offline(Fetcher):
    """No network in a fuzz run: every link found is refused, as a private address would be."""

    def fetch(self, url, revalidate=False, found_in=None):
        raise SourceError(f"{url}: offline")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    suffix, prefix = KINDS[data[0] % len(KINDS)]
    body = prefix + data[1:]
    if RAW:
        return _read_raw(suffix, body)
    path = _write(suffix, body)
    documents = ingest.read_sources([path], lambda message: None, 1_000_000, fetcher=Offline())
    for number, document in enumerate(documents):
        for value in (document.origin, document.text, document.title, document.author, document.outlet, document.url):
            if value is not None and (UNSAFE.search(value) or value != value.encode("utf-8").decode("utf-8")):
                raise AssertionError(f"unsafe text came out of a reader: {value[:200]!r}")
        article = clean(document)
        for passage in to_passages(number, article):
            for sentence in passage.sentences:
                if article.text[sentence.start : sentence.end] != sentence.text or not sentence.text.strip():
                    raise AssertionError(f"sentence does not map back: {sentence!r}")


def _write(suffix: str, body: bytes) -> Path:
    """The input as a file of its kind; a sources.toml describes a text file beside it."""
    for old in FOLDER.iterdir():
        old.unlink()
    if suffix == "sources.toml":
        (FOLDER / "sources.toml").write_bytes(body)
        path = FOLDER / "a.txt"
        path.write_text("A harbour report\n\nDockworkers walked out on Monday. Talks resumed on Friday.\n")
        return path
    path = FOLDER / f"input{suffix}"
    path.write_bytes(body)
    return path


def _read_raw(suffix: str, body: bytes) -> None:
    intake = ingest.Intake(lambda message: None, lambda message: None, 1_000_000, Offline())
    try:
        if suffix == "sources.toml":
            path = _write(suffix, body)
            ingest.Manifests(lambda message: None).apply(path, ingest.read_path(path, intake))
        else:
            ingest.READERS[suffix]("fuzz" + suffix, body, intake)
    except SourceError:
        pass


def seed_corpus(folder: Path) -> Path:
    """Seed articles, hostile files and test fixtures, each under every selector that fits it."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tests"))
    from hostile.corpus import files

    folder.mkdir(parents=True, exist_ok=True)
    selector = {suffix: bytes([number]) for number, (suffix, _) in enumerate(KINDS)}
    samples: list[tuple[str, bytes]] = [(p.name, p.read_bytes()) for p in (root / "seeds").glob("*.txt")]
    samples += [(name, data) for name, data in files().items() if len(data) < 100_000]
    samples += [(p.name, p.read_bytes()) for p in (root / "tests" / "fixtures").rglob("*") if p.is_file()]
    samples += [("sources.toml", (root / "seeds" / "briefing.toml").read_bytes())]
    for name, data in samples:
        suffix = Path(name).suffix.lower()
        kind = {".htm": ".html", ".rss": ".xml", ".atom": ".xml", ".ndjson": ".jsonl", ".toml": "sources.toml"}.get(suffix, suffix)
        (folder / f"{name}.seed").write_bytes(selector.get(kind, selector[".txt"]) + data)
    return folder


if __name__ == "__main__":
    corpus = seed_corpus(Path(sys.argv.pop(1)) if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else Path("out/.fuzz-corpus"))
    atheris.Setup([sys.argv[0], str(corpus), *sys.argv[1:]], test_one_input)
    atheris.Fuzz()
