import codecs
from datetime import date
from pathlib import Path

import pytest
from corpora import write_corpus
from typer.testing import CliRunner

from briefing.cli import app
from briefing.errors import SourceError
from briefing.sources.fetch import Fetcher
from briefing.sources.ingest import Intake, decode, expand, read_path, read_sources

LIMIT = 1_000_000


def read_file(path, limit=LIMIT, warnings=None):
    """The one article of a file, read as `read_sources` would."""
    intake = Intake((warnings if warnings is not None else []).append, lambda m: None, limit, Fetcher())
    documents = read_path(path, intake)
    assert len(documents) == 1
    return documents[0]


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


def test_another_builds_output_and_hidden_folders_inside_sources_are_neither_read_nor_hashed(tmp_path):
    """A folder of articles that holds an earlier build's output (`--out src/old`) or a hidden folder
    (.git) gives only its articles: to a build and to the up-to-date check alike."""
    from briefing.config import load_config
    from briefing.editions.fingerprint import input_hashes

    source = write_corpus(tmp_path / "src", 3)
    old = source / "old"
    result = CliRunner().invoke(app, ["build", str(source), "--out", str(old), "--format", "md,html"])
    assert result.exit_code == 0, result.output
    assert (old / "briefing.html").is_file() and (old / ".briefing-output").is_file()
    (source / ".git").mkdir()
    (source / ".git" / "notes.md").write_text("# Not an article")
    found = expand([source], [(tmp_path / "elsewhere").resolve()])
    assert sorted(p.name for p in found) == sorted(p.name for p in source.glob("*.txt"))
    hashed = input_hashes(load_config(None, sources=(source,), out=tmp_path / "elsewhere"))
    assert sorted(Path(p).name for p in hashed) == sorted(p.name for p in found)


def test_missing_path_is_an_error_naming_it(tmp_path):
    with pytest.raises(SourceError, match=r"nope\.txt: no such file or folder"):
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
    with pytest.raises(SourceError, match=r"empty\.txt: no text"):
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
    with pytest.raises(SourceError, match=r"empty\.html: no article text"):
        read_file(tmp_path / "empty.html", LIMIT)


# Sources as users have them: URLs among paths, exports, front matter, manifests

FIXTURES = Path(__file__).parent / "fixtures"


def read_all(sources, **kwargs):
    warnings = []
    documents = read_sources(sources, warnings.append, LIMIT, **kwargs)
    return documents, warnings


def test_urls_pass_through_expansion_in_order(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    url = "https://example.org/story"
    assert expand([url, tmp_path, url], []) == [url, tmp_path / "a.txt"]


def test_folders_pick_up_feeds_and_exports_but_not_manifests_or_caches(tmp_path):
    for name in ("feed.rss", "wire.atom", "export.jsonl", "dump.ndjson", "feed.xml", "sources.toml", "page.html"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".cache" / "pages").mkdir(parents=True)
    (tmp_path / ".cache" / "pages" / "0a1b.body").write_text("<html>")
    assert [p.name for p in expand([tmp_path], [])] == ["dump.ndjson", "export.jsonl", "feed.rss", "feed.xml", "page.html", "wire.atom"]


def test_a_jsonl_export_is_one_article_per_line():
    path = FIXTURES / "exports" / "articles.jsonl"
    documents, warnings = read_all([path])
    explainer, rationing, bayside, undated = documents

    assert explainer.origin == f"{path}:1" and explainer.has_header
    assert (explainer.title, explainer.outlet, explainer.author, explainer.published, explainer.url) == (
        "Karsund strike: what we know so far", "Newsdesk", "Lea Brandt", date(2022, 4, 4), "https://newsdesk.example.com/karsund-explainer")
    assert explainer.text.startswith("The strike at the Port of Karsund began")

    assert rationing.text.startswith("A supermarket chain in Karsund began rationing bottled water on Wednesday")
    assert "<b>" not in rationing.text and "\n\n" in rationing.text and not rationing.has_header
    assert (rationing.author, rationing.published) == ("Nina Holt; Per Lund", date(2022, 4, 6))

    # A whole page: its article and metadata, as a saved page gives them.
    assert bayside.text.startswith("Ships queue off Karsund") and "Leave a Reply" not in bayside.text
    assert (bayside.title, bayside.outlet, bayside.published) == ("Ships queue off Karsund as dock strike enters third day", "Bayside Post", date(2022, 4, 3))

    assert undated.title == "When?" and undated.published is None
    assert warnings == [
        f"{path}:4: not valid JSON (Unterminated string starting at: line 1 column 11 (char 10))",
        f"{path}:6: no 'text' or 'html' in the record",
        f"{path}:7: 'published' is not a date ('soon'); ignored",
        f"{path}:8: 'title' must be a string, not 42",
    ]


def test_an_empty_export(tmp_path):
    (tmp_path / "empty.jsonl").write_text("\n\n")
    assert read_all([tmp_path / "empty.jsonl"]) == ([], [f"{tmp_path / 'empty.jsonl'}: no text in the file"])


def test_front_matter_gives_a_text_file_its_metadata(tmp_path):
    (tmp_path / "story.md").write_text(
        "---\ntitle: \"Pickets stay at the gates\"\nauthor: Jane Roe\noutlet: Harbour Radio\ndate: 2022-04-06\n"
        "url: https://radio.example/pickets\ntags:\n  - strike\n  - port\n---\n\nPickets stayed at the gates on Wednesday.\n"
    )
    ((document,), _) = read_all([tmp_path / "story.md"])
    assert (document.title, document.author, document.outlet, document.published, document.url) == (
        "Pickets stay at the gates", "Jane Roe", "Harbour Radio", date(2022, 4, 6), "https://radio.example/pickets")
    assert document.text.strip() == "Pickets stayed at the gates on Wednesday."


def test_a_thematic_break_is_not_front_matter(tmp_path):
    text = "---\nThe strike, day by day.\n---\n\nDay one: the walkout."
    (tmp_path / "story.md").write_text(text)
    ((document,), _) = read_all([tmp_path / "story.md"])
    assert document.text == text and document.title is None


def test_a_manifest_fills_in_what_files_lack(tmp_path):
    (tmp_path / "kremlin.txt").write_text("Kremlin plays down the bid\n\nThe Kremlin said it had taken no legal steps.")
    (tmp_path / "dated.md").write_text("---\npublished: 2022-03-30\n---\nA story with its own date.")
    (tmp_path / "sources.toml").write_text(
        '["kremlin.txt"]\noutlet = "RFE/RL"\npublished = 2022-03-31\nurl = "https://www.example.org/kremlin"\n\n'
        '["dated.md"]\npublished = 2022-01-01\nauthor = "A. Writer"\n\n'
        '["missing.txt"]\noutlet = "Nobody"\n\n'
        '["kremlin.txt.bak"]\ncolour = "blue"\n'
    )
    documents, warnings = read_all([tmp_path])
    dated, kremlin = documents
    assert (kremlin.outlet, kremlin.published, kremlin.url) == ("RFE/RL", date(2022, 3, 31), "https://www.example.org/kremlin")
    assert (dated.published, dated.author) == (date(2022, 3, 30), "A. Writer")  # the file's own date stands
    manifest = tmp_path / "sources.toml"
    assert warnings == [
        f"{manifest}: 'missing.txt' names no file beside it",
        f"{manifest}: 'kremlin.txt.bak' names no file beside it",
        f"{manifest}: unknown key 'kremlin.txt.bak.colour' (known: title, author, outlet, published, url)",
    ]


def test_a_broken_manifest_is_one_warning(tmp_path):
    (tmp_path / "a.txt").write_text("A story.")
    (tmp_path / "sources.toml").write_text("[a.txt\n")
    documents, warnings = read_all([tmp_path / "a.txt"])
    assert len(documents) == 1 and len(warnings) == 1 and "sources.toml: cannot be used" in warnings[0]


def test_a_file_without_a_known_suffix_is_sniffed(tmp_path):
    (tmp_path / "saved-page").write_text((FIXTURES / "pages" / "harbour-times.html").read_text("utf-8"))
    (tmp_path / "notes").write_text("Notes\n\nThe strike began on Friday.")
    (page,), _ = read_all([tmp_path / "saved-page"])
    (notes,), _ = read_all([tmp_path / "notes"])
    assert page.outlet == "The Harbour Times" and not page.has_header
    assert notes.text.startswith("Notes") and notes.has_header


def test_a_declared_charset_is_used_before_detection(tmp_path):
    data = "Søren Åberg wrote about the strike.".encode("iso-8859-1")
    assert decode(data, "x", "iso-8859-1") == "Søren Åberg wrote about the strike."
    assert decode("déjà".encode(), "x", "no-such-charset") == "déjà"
