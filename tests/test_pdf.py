"""pdf: HTML -> PDF, read back with pypdf; atomic writes; no stray fetches."""

from __future__ import annotations

import dataclasses
import http.server
import io
import logging
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.errors import OutputError
from briefing.models import SummarySentence
from briefing.output import pdf, render

SECRET = "TOPSECRET-7f3a"


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory, sample_briefing) -> PdfReader:
    target = tmp_path_factory.mktemp("pdf") / "briefing.pdf"
    html = render.to_html(sample_briefing, render.template_env(None))
    pdf.write_pdf(html, target, render.assets_dir(None))
    return PdfReader(target)


@pytest.fixture(scope="module")
def text(sample_pdf) -> str:
    return "\n".join(page.extract_text() for page in sample_pdf.pages)


@pytest.fixture(scope="module")
def server():
    """A local HTTP server that records every path it is asked for."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            body = b"body::after { content: 'FETCHED-OVER-HTTP' }"
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    with urllib.request.urlopen(f"{base}/ping", timeout=5) as response:
        assert response.status == 200
    requests.clear()
    yield base, requests
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def secrets_layout(tmp_path):
    """A secret CSS/SVG outside the assets dir, one linked in, one allowed CSS."""
    (tmp_path / "secret.css").write_text(f"body::after {{ content: '{SECRET}-css' }}")
    (tmp_path / "secret.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="20">'
        f'<text x="0" y="15">{SECRET}-svg</text></svg>')
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "ok.css").write_text("body::before { content: 'ALLOWED-ASSET' }")
    (assets / "link.css").symlink_to(tmp_path / "secret.css")
    return tmp_path, assets


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _outline(entries) -> list:
    return [_outline(e) if isinstance(e, list) else e.title for e in entries]


def _annotations(reader: PdfReader) -> list[dict]:
    return [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]


# --- The sample briefing as a PDF -------------------------------------------


def test_pdf_text_has_title_sections_and_sources(text, sample_briefing):
    for heading in ("Key points", "Talks & <i>offers</i>", "Impact on_trade", "Sources"):
        assert heading in text
    assert "Dockworkers walked out on Monday & talks <b>stalled</b>." in text
    assert "Generated 2022-04-05 08:30 UTC" in text


def test_pdf_pages_are_numbered(text, sample_pdf):
    assert f"Page 1 of {len(sample_pdf.pages)}" in text


def test_pdf_outline_lists_title_and_sections(sample_pdf, sample_briefing):
    assert _outline(sample_pdf.outline) == [
        sample_briefing.title,
        ["Key points", "Talks & <i>offers</i>", "Impact on_trade", "Sources"],
    ]


def test_pdf_citations_are_internal_links(sample_pdf, sample_briefing):
    links = [a for a in _annotations(sample_pdf) if a["/Subtype"] == "/Link"]
    internal = [str(a["/Dest"]) for a in links if "/Dest" in a]
    external = [a["/A"]["/URI"] for a in links if "/A" in a and a["/A"]["/S"] == "/URI"]
    cited = [f"source-{n}" for s in (*sample_briefing.key_points,
                                     *(x for sec in sample_briefing.sections for x in sec.summary))
             for n in s.sources]

    assert internal == cited
    assert set(internal) <= set(sample_pdf.named_destinations)
    assert set(external) == {"https://news.example.com/port_talks?id=7&src=rss"}


def test_pdf_metadata_comes_from_the_briefing(sample_pdf, sample_briefing):
    assert sample_pdf.metadata.title == sample_briefing.title
    assert sample_pdf.metadata["/CreationDate"].startswith("D:20220405083000")


# --- Atomic writes ----------------------------------------------------------


def test_failed_render_leaves_previous_pdf_and_no_partial_file(tmp_path, monkeypatch):
    import weasyprint.document

    target = tmp_path / "briefing.pdf"
    target.write_bytes(b"%PDF-previous")

    def half_written(self, target=None, **options):
        if target is not None:
            target.write(b"%PDF-1.7 partial")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(weasyprint.document.Document, "write_pdf", half_written)
    with pytest.raises(RuntimeError, match="disk on fire"):
        pdf.write_pdf("<p>x</p>", target, render.assets_dir(None))

    assert target.read_bytes() == b"%PDF-previous"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.pdf"]


def test_unwritable_target_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="cannot write"):
        pdf.write_pdf("<p>x</p>", tmp_path / "missing" / "b.pdf", render.assets_dir(None))


def test_importing_pdf_does_not_import_weasyprint():
    code = "import sys, briefing.output.pdf, briefing.output.render; print('weasyprint' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).parent.parent)
    assert result.stdout.strip() == "False"


# WeasyPrint imported without running ldconfig/gcc/ld for each library name it tries.
_COUNT_SPAWNS = """
import subprocess, sys, ctypes.util
spawned = []
popen = subprocess.Popen.__init__
subprocess.Popen.__init__ = lambda self, args, *a, **k: spawned.append(args) or popen(self, args, *a, **k)
look_up = ctypes.util.find_library
from briefing.output import pdf
pdf.write_pdf("<h1>Spawn-free</h1>", __import__("pathlib").Path(sys.argv[1]), pdf.default_templates_dir())
print(len(spawned), ctypes.util.find_library is look_up)
"""

# The first, quick import fails as if a library were missing: the slow way must follow.
_FAIL_FIRST = """
import sys, importlib.abc
class FailOnce(importlib.abc.MetaPathFinder):
    failed = False
    def find_spec(self, name, path, target=None):
        if name == "weasyprint.text.ffi" and not FailOnce.failed:
            FailOnce.failed = True
            raise OSError("cannot load library 'libpango-1.0.so.0'")
sys.meta_path.insert(0, FailOnce())
from briefing.output import pdf
pdf.write_pdf("<h1>Second try</h1>", __import__("pathlib").Path(sys.argv[1]), pdf.default_templates_dir())
print(FailOnce.failed)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the quick import is for Linux only")
def test_weasyprint_is_imported_without_spawning_processes(tmp_path):
    result = subprocess.run([sys.executable, "-c", _COUNT_SPAWNS, str(tmp_path / "a.pdf")], capture_output=True,
                            text=True, check=True, cwd=Path(__file__).parent.parent)
    assert result.stdout.split() == ["0", "True"]  # no process, and find_library given back
    assert "Spawn-free" in PdfReader(tmp_path / "a.pdf").pages[0].extract_text()


@pytest.mark.skipif(sys.platform != "linux", reason="the quick import is for Linux only")
def test_a_failed_quick_import_of_weasyprint_falls_back_to_the_usual_one(tmp_path):
    result = subprocess.run([sys.executable, "-c", _FAIL_FIRST, str(tmp_path / "b.pdf")], capture_output=True,
                            text=True, check=True, cwd=Path(__file__).parent.parent)
    assert result.stdout.strip() == "True"
    assert "Second try" in PdfReader(tmp_path / "b.pdf").pages[0].extract_text()


# --- Rendered ahead: WeasyPrint imported in a forked process while the build works ---

# A fresh interpreter, as a `briefing build` command is: the PDF comes from the forked
# process (this one never imports WeasyPrint), and the same bytes as one rendered here.
_AHEAD = """
import os, sys, pathlib
from briefing.output import pdf
html, folder = "<h1>Rendered ahead</h1><p>Ünïcödé “quotes”.</p>", pathlib.Path(sys.argv[1])
with pdf.rendering_ahead():
    started = pdf._AHEAD.get() is not None
    if sys.argv[2] == "kill":  # the process dies before the PDF is asked for: rendered here instead
        pool = pdf._AHEAD.get()
        for process in list(pool._processes.values()):
            process.kill()
            process.join()
    ahead = pdf.pdf_bytes(html, pdf.default_templates_dir())
print(started, "weasyprint" in sys.modules)
(folder / "ahead.pdf").write_bytes(ahead)
(folder / "here.pdf").write_bytes(pdf.pdf_bytes(html, pdf.default_templates_dir()))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="rendering ahead forks: Linux only")
def test_a_fresh_process_renders_its_pdf_ahead_in_a_forked_one(tmp_path):
    result = subprocess.run([sys.executable, "-c", _AHEAD, str(tmp_path), "keep"], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).parent.parent, timeout=120)
    assert result.stdout.split() == ["True", "False"]  # forked, and WeasyPrint never loaded here
    assert (tmp_path / "ahead.pdf").read_bytes()[:5] == b"%PDF-"
    assert PdfReader(tmp_path / "ahead.pdf").pages[0].extract_text() == PdfReader(tmp_path / "here.pdf").pages[0].extract_text()


@pytest.mark.skipif(sys.platform != "linux", reason="rendering ahead forks: Linux only")
def test_a_pdf_process_that_died_leaves_the_pdf_to_this_one(tmp_path):
    result = subprocess.run([sys.executable, "-c", _AHEAD, str(tmp_path), "kill"], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).parent.parent, timeout=120)
    assert result.stdout.split() == ["True", "True"]  # forked, then rendered here after all
    assert "Rendered ahead" in PdfReader(tmp_path / "ahead.pdf").pages[0].extract_text()


# A fresh interpreter with NumPy loaded and nothing else against a fork (no WeasyPrint, one thread).
_NO_FORK = """
import numpy
from briefing.output import pdf
with pdf.rendering_ahead():
    print(pdf._AHEAD.get() is None)
"""


def test_no_fork_once_numpy_runs_or_when_no_pdf_is_wanted():
    """NumPy's BLAS (and HiGHS) run native threads a fork would copy mid-step: a process that
    has loaded them renders its PDFs itself."""
    result = subprocess.run([sys.executable, "-c", _NO_FORK], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).parent.parent, timeout=120)
    assert result.stdout.strip() == "True"
    with pdf.rendering_ahead(wanted=False):
        assert pdf._AHEAD.get() is None


def test_the_seeds_build_as_a_command_writes_a_readable_pdf(tmp_path):
    """The whole command in a fresh interpreter, as a user runs it (on Linux with two cores, its PDF
    comes from the forked process): the PDF reads back."""
    root = Path(__file__).parent.parent
    subprocess.run([sys.executable, "-m", "briefing", "build", "--out", str(tmp_path / "out"), "--quiet"],
                   check=True, cwd=root, timeout=300)
    reader = PdfReader(tmp_path / "out" / "briefing.pdf")
    assert "South Ossetia" in reader.pages[0].extract_text() and reader.outline


# --- Nothing outside the template directories is fetched --------------------


def _hostile_markup(base_url: str, root: Path) -> str:
    secret_css, secret_svg = (root / "secret.css").as_uri(), (root / "secret.svg").as_uri()
    return (
        f'<link rel="stylesheet" href="{secret_css}">'
        f'<link rel="stylesheet" href="{base_url}/link.css">'
        '<link rel="stylesheet" href="../secret.css">'
        '<link rel="stylesheet" href="link.css">'
        f'<style>@import url("{base_url}/imported.css"); @import url("{secret_css}");'
        f' @font-face {{ font-family: Evil; src: url("{base_url}/font.woff") }}'
        f' p {{ font-family: Evil, serif; background: url("{base_url}/bg.png") }}</style>'
        f'<img src="{secret_svg}"><img src="{base_url}/img.png"><img src="../secret.svg">'
        f'<object data="{secret_svg}"></object><embed src="{base_url}/embed.svg">'
        f'<a rel="attachment" href="{secret_css}">file</a>'
    )


def test_raw_html_cannot_fetch_files_or_urls(tmp_path, secrets_layout, server, caplog):
    root, assets = secrets_layout
    base_url, requests = server
    html = ('<html><head><link rel="stylesheet" href="ok.css"></head><body><p>Visible</p>'
            f"{_hostile_markup(base_url, root)}</body></html>")
    target = tmp_path / "raw.pdf"

    with caplog.at_level(logging.DEBUG):
        pdf.write_pdf(html, target, assets)

    text = _pdf_text(target)
    assert "Visible" in text and "ALLOWED-ASSET" in text
    assert SECRET not in text and "FETCHED-OVER-HTTP" not in text
    assert SECRET.encode() not in target.read_bytes()
    assert requests == []
    assert not PdfReader(target).attachments
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]


def test_article_text_naming_files_or_urls_is_not_fetched(tmp_path, secrets_layout, server,
                                                          sample_briefing):
    root, _ = secrets_layout
    base_url, requests = server
    hostile = SummarySentence(_hostile_markup(base_url, root), (1,), 0, 10)
    briefing = dataclasses.replace(sample_briefing, key_points=(hostile,),
                                   title=f'<img src="{base_url}/title.png">')
    target = tmp_path / "article.pdf"

    pdf.write_pdf(render.to_html(briefing, render.template_env(None)), target,
                  render.assets_dir(None))

    text = _pdf_text(target)
    assert f'<img src="{(root / "secret.svg").as_uri()}">' in text.replace("\n", "")
    assert SECRET + "-css" not in text and SECRET + "-svg" not in text
    assert requests == []


def test_verbose_shows_refused_fetches(tmp_path, server, caplog):
    base_url, requests = server

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf.write_pdf(f'<img src="{base_url}/v.png">', tmp_path / "v.pdf",
                      render.assets_dir(None), verbose=True)

    assert requests == []
    assert any("refused to load" in r.getMessage() for r in caplog.records)


def test_long_cited_sentence_wraps_at_its_end(tmp_path, sample_briefing):
    sentence = ("More South Ossetian troops have departed to fight in Russia's "
                "conflict against Ukraine.")
    briefing = dataclasses.replace(
        sample_briefing, key_points=(SummarySentence(sentence, (2,), 0, len(sentence)),))
    target = tmp_path / "wrap.pdf"

    pdf.write_pdf(render.to_html(briefing, render.template_env(None)), target,
                  render.assets_dir(None))

    lines = _pdf_text(target).splitlines()
    first = next(line for line in lines if line.startswith("More"))
    assert first.startswith("More South Ossetian troops have departed")


def test_a_statement_carried_by_many_sources_wraps_its_citation_inside_the_page(sample_briefing):
    """With every source shown (a large `citations_shown`), a long citation wraps at its commas."""
    import weasyprint

    sources = tuple(dataclasses.replace(sample_briefing.sources[0], id=n) for n in range(1, 81))
    sentence = "The port reopened on Monday."
    briefing = dataclasses.replace(
        sample_briefing, sources=sources,
        key_points=(SummarySentence(sentence, tuple(range(80, 0, -1)), 0, len(sentence)),))
    html = render.to_html(briefing, render.template_env(None, citations_shown=100))
    document = weasyprint.HTML(string=html, base_url=str(render.assets_dir(None))).render()
    page = document.pages[0]._page_box
    right_edge = page.margin_width() - page.margin_right
    assert not [box for box in page.descendants() if box.position_x + box.width > right_edge + 1]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(document.write_pdf())).pages).split())
    assert "Monday. [80, 79, 78" in text and "3, 2, 1]" in text


def test_pdfs_of_one_process_do_not_depend_on_what_it_wrote_before(tmp_path, sample_briefing):
    """Fonts are loaded once per process and shared: a story's PDF is the same bytes whichever
    stories the process wrote before it, and the same as a fresh process (a worker's) writes."""
    env = render.template_env(None)
    other = dataclasses.replace(sample_briefing, title="Another story, ÄÖÜ ß ñ", key_points=(
        SummarySentence("Ünïcödé and ĳ ligatures — em dashes, “quotes”.", (2,), 0, 10),))
    first, second = (render.to_html(b, env) for b in (sample_briefing, other))
    (tmp_path / "second.html").write_text(second, encoding="utf-8")
    fresh = ("import sys, pathlib; from briefing.output import pdf; p = pathlib.Path(sys.argv[1]);"
             "pdf.write_pdf((p / 'second.html').read_text('utf-8'), p / 'fresh.pdf', pdf.default_templates_dir())")
    subprocess.run([sys.executable, "-c", fresh, str(tmp_path)], check=True, timeout=120)
    for name, html in (("a1", first), ("b1", second), ("a2", first)):
        pdf.write_pdf(html, tmp_path / f"{name}.pdf", render.assets_dir(None))

    assert (tmp_path / "a1.pdf").read_bytes() == (tmp_path / "a2.pdf").read_bytes()
    assert (tmp_path / "b1.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes()


def test_threads_writing_pdfs_at_once_write_what_one_thread_writes(tmp_path, sample_briefing):
    """A worker that runs several stories on threads: each thread has its own fonts, the files are the same."""
    from concurrent.futures import ThreadPoolExecutor

    html = render.to_html(sample_briefing, render.template_env(None))
    pdf.write_pdf(html, tmp_path / "alone.pdf", render.assets_dir(None))
    targets = [tmp_path / f"thread-{n}.pdf" for n in range(4)]
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda target: pdf.write_pdf(html, target, render.assets_dir(None)), targets))

    assert all(target.read_bytes() == (tmp_path / "alone.pdf").read_bytes() for target in targets)
