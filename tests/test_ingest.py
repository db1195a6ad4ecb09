import codecs

import pytest

from briefing.errors import SourceError
from briefing.ingest import decode, expand, read_file, read_sources

LIMIT = 1_000_000


def test_folders_are_expanded_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "1.md", "3.html", "notes.pdf", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in expand([tmp_path], [])] == ["1.md", "3.html", "b/2.txt"]


def test_output_folder_inside_sources_is_not_read(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "article.txt").write_text("An article.")
    (tmp_path / "out" / "briefing.md").write_text("# A briefing")
    found = expand([tmp_path], [(tmp_path / "out").resolve()])
    assert [p.name for p in found] == ["article.txt"]


def test_missing_path_is_an_error_naming_it(tmp_path):
    with pytest.raises(SourceError, match="nope.txt: no such file or folder"):
        expand([tmp_path / "nope.txt"], [])


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Tbilisi – Цхинвали".encode(), "Tbilisi – Цхинвали"),
        (codecs.BOM_UTF8 + "héllo".encode(), "héllo"),
        ("Цхинвали news".encode("utf-16"), "Цхинвали news"),
        ("Южная Осетия проведёт референдум о вхождении в состав России.".encode("cp1251"),
         "Южная Осетия проведёт референдум о вхождении в состав России."),
    ],
)
def test_encodings_are_read(tmp_path, data, expected):
    assert decode(data, tmp_path / "f.txt") == expected


def test_binary_file_is_reported(tmp_path):
    with pytest.raises(SourceError, match="binary file"):
        decode(bytes(range(256)) * 20, tmp_path / "f.txt")


def test_nul_bytes_in_text_are_dropped(tmp_path):
    assert decode(b"An article\x00 about news.", tmp_path / "f.txt") == "An article about news."


def test_empty_and_oversized_files(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n ")
    with pytest.raises(SourceError, match="empty.txt: no text"):
        read_file(tmp_path / "empty.txt", LIMIT)
    (tmp_path / "big.txt").write_text("x" * 2000)
    with pytest.raises(SourceError, match=r"big.txt: too large \(2,000 bytes; the limit is 1,000\)"):
        read_file(tmp_path / "big.txt", 1000)


def test_one_bad_file_is_warned_about_and_skipped(tmp_path):
    (tmp_path / "good.txt").write_text("Title\n\nA good article about the vote.")
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)) * 20)
    warnings = []
    documents = read_sources([tmp_path], warnings.append, LIMIT)
    assert [d.origin for d in documents] == [str(tmp_path / "good.txt")]
    assert len(warnings) == 1 and "bad.txt: binary file" in warnings[0]


def test_html_page_goes_through_trafilatura(tmp_path):
    body = " ".join(["The council approved the budget after a long debate in the chamber."] * 6)
    page = f"""<html><head><title>Budget passes</title>
    <meta property="og:site_name" content="City Times"><meta name="author" content="Ann Lee">
    <meta property="article:published_time" content="2022-04-01"></head>
    <body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
    <article><h1>Budget passes</h1><p>{body}</p><p>{body}</p></article>
    <footer>Copyright City Times. All rights reserved.</footer></body></html>"""
    (tmp_path / "page.html").write_text(page)
    document = read_file(tmp_path / "page.html", LIMIT)
    assert "approved the budget" in document.text and "All rights reserved" not in document.text
    assert document.title == "Budget passes" and document.outlet == "City Times" and document.author == "Ann Lee"
    assert str(document.published) == "2022-04-01"
    assert document.has_header is False


def test_html_page_without_article(tmp_path):
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    with pytest.raises(SourceError, match="empty.html: no article text"):
        read_file(tmp_path / "empty.html", LIMIT)
