"""The hostile corpus: nasty input files, generated so the repository holds no
binary blobs. `write_corpus(folder)` writes them all; EXPECT says what each
must give: "read" (an article comes out of it) or "skip" (a warning naming
the file, and the run goes on)."""

from __future__ import annotations

from pathlib import Path

ARTICLE = (
    "Council approves the harbour budget\n\n"
    "The city council approved the harbour budget on Monday after a long debate. "
    "The plan adds money for dredging, new cranes and safety inspections.\n\n"
    "Critics said the vote was rushed and that the public had no time to comment.\n"
)
RUSSIAN = (
    "Южная Осетия объявила о референдуме\n\n"
    "Власти Южной Осетии объявили, что референдум о вхождении в состав России пройдёт летом. "
    "Президент республики заявил, что это историческая цель народа.\n\n"
    "В Тбилиси назвали эти планы неприемлемыми и незаконными.\n"
)
BOILERPLATE_ONLY = "Skip to content\nSee Also\nRelated article: Other news\nhttps://example.org/x\nOur website uses cookies. Accept cookies.\n"


def files() -> dict[str, bytes]:
    """File name -> bytes of every hostile input."""
    return {
        "invalid-utf8.txt": ARTICLE.encode() + b"\xff\xfe\xfa broken \xc3\x28 bytes.\n",
        "utf16-bom.txt": ARTICLE.encode("utf-16"),
        "utf16-le-no-bom.txt": ARTICLE.encode("utf-16-le"),
        "utf16-be-no-bom.txt": ARTICLE.encode("utf-16-be"),
        "windows-1251.txt": RUSSIAN.encode("cp1251"),
        "nul-bytes.txt": ARTICLE.replace("budget", "bud\x00get").encode(),
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\n   \r\n",
        "boilerplate-only.txt": BOILERPLATE_ONLY.encode(),
        "no-article.html": b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "one-megabyte-line.txt": ("The harbour budget was approved. " * 32_000).encode(),
        "no-punctuation.txt": (" ".join(["harbour budget words without any stop"] * 3_000)).encode(),
        "other-language.txt": RUSSIAN.encode(),
        "binary.txt": bytes(range(256)) * 64,
        "name with spaces.txt": ARTICLE.encode(),
        "ñame-ünïcode-Цхинвали.txt": ARTICLE.replace("harbour", "port").encode(),
        "markup.html": (
            b"<html><head><title>Markup</title><link rel='stylesheet' href='http://127.0.0.1:9/x.css'></head><body><article>"
            + b"<p>" + ARTICLE.encode() * 3 + b"</p><p><img src='file:///etc/passwd'>"
            + b"&lt;script&gt;alert(1)&lt;/script&gt; The council met again on Tuesday to review the plan.</p>"
            + b"<iframe src='http://127.0.0.1:9/'></iframe></article></body></html>"
        ),
    }


EXPECT = {
    "invalid-utf8.txt": "read",
    "utf16-bom.txt": "read",
    "utf16-le-no-bom.txt": "read",
    "utf16-be-no-bom.txt": "read",
    "windows-1251.txt": "read",
    "nul-bytes.txt": "read",
    "empty.txt": "skip",
    "whitespace.txt": "skip",
    "boilerplate-only.txt": "skip",
    "no-article.html": "skip",
    "one-megabyte-line.txt": "read",
    "no-punctuation.txt": "read",
    "other-language.txt": "read",
    "binary.txt": "skip",
    "name with spaces.txt": "read",
    "ñame-ünïcode-Цхинвали.txt": "read",
    "markup.html": "read",
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files().items():
        (folder / name).write_bytes(data)
    return folder


if __name__ == "__main__":  # write the corpus to a folder for manual runs
    import sys

    print(write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")))
