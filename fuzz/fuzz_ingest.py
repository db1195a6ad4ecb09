"""Coverage-guided fuzzing of the ingest, clean and sentence stages (atheris).

`make fuzz` runs it for FUZZ_SECONDS (default 120) over a corpus seeded with
the seed articles and the hostile files; libFuzzer's last line gives the
number of inputs tried ("Done N runs in S second(s)"). Any exception other
than a SourceError (a clear "this file is not usable") is a crash.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["briefing"]):
    from briefing.errors import SourceError
    from briefing.models import RawDocument
    from briefing.sources.ingest import decode
    from briefing.text.clean import clean
    from briefing.text.passages import to_passages


def test_one_input(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.txt")
    except SourceError:
        return
    article = clean(RawDocument("fuzz.txt", text, has_header=bool(data[:1] < b"\x80")))
    for passage in to_passages(0, article):
        for sentence in passage.sentences:
            if article.text[sentence.start : sentence.end] != sentence.text or not sentence.text.strip():
                raise AssertionError(f"sentence does not map back: {sentence!r}")


def seed_corpus(folder: Path) -> Path:
    """Seed articles and hostile files as starting inputs."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tests"))
    from hostile.corpus import files

    folder.mkdir(parents=True, exist_ok=True)
    for path in (root / "seeds").glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    for name, data in files().items():
        if len(data) < 100_000:
            (folder / name).write_bytes(data)
    return folder


if __name__ == "__main__":
    corpus = seed_corpus(Path(sys.argv.pop(1)) if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else Path("out/.fuzz-corpus"))
    atheris.Setup([sys.argv[0], str(corpus), *sys.argv[1:]], test_one_input)
    atheris.Fuzz()
