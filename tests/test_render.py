"""render: Briefing -> JSON, HTML and Markdown, and template overrides."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from datetime import date, datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import jinja2.sandbox
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from briefing.errors import BriefingError, TemplateError
from briefing.models import Briefing, Source, SummarySection, SummarySentence
from briefing.output import render

GOLDEN = Path(__file__).parent / "golden" / "sample_digest.md"


@pytest.fixture(scope="module")
def env():
    return render.template_env(None)


@pytest.fixture(scope="module")
def html(sample_briefing, env):
    return render.to_html(sample_briefing, env)


@pytest.fixture(scope="module")
def markdown(sample_briefing, env):
    return render.to_markdown(sample_briefing, env)


class _Elements(HTMLParser):
    """Every start tag with its attributes, plus the text of each h1/h2."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str | None, str]] = []
        self._heading: list | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2"):
            self._heading = [tag, dict(attrs).get("id"), ""]

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings.append(tuple(self._heading))
            self._heading = None

    def handle_data(self, data):
        if self._heading:
            self._heading[2] += data

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if a.get("id")]

    def hrefs(self) -> list[str]:
        return [a["href"] for tag, a in self.tags if tag == "a" and a.get("href")]


def _all_sentences(briefing: Briefing) -> list[SummarySentence]:
    return [*briefing.key_points, *(s for sec in briefing.sections for s in sec.summary)]


def _md_parser() -> MarkdownIt:
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark").use(footnote_plugin)


def _inline_text(token) -> str:
    return "".join(child.content for child in token.children if child.type == "text")


# --- JSON -------------------------------------------------------------------


def test_json_has_the_documented_shape(sample_briefing):
    data = json.loads(render.to_json(sample_briefing))

    assert list(data) == ["schema_version", "title", "generated_at", "sources", "key_points", "sections", "warnings",
                          "new_since", "removed", "figures", "timeline", "who_said_what", "stories"]
    assert data["schema_version"] == render.SCHEMA_VERSION
    assert data["generated_at"] == "2022-04-05T08:30:00+00:00"
    first, web, bare = data["sources"]
    assert first == {"id": 1, "title": "Port strike enters <b>second</b> week",
                     "outlet": "Harbour Times & Post", "author": "Ana Ruiz",
                     "published": "2022-04-01", "date_source": None, "partial_date": None,
                     "path": "seeds/harbour_times.txt", "text": ""}
    assert web["url"] == "https://news.example.com/port_talks?id=7&src=rss"
    assert "path" not in web and "url" not in bare
    assert bare["author"] is None and bare["published"] == "2022-04-03"
    assert data["key_points"][0] == {
        "text": "Dockworkers walked out on Monday & talks <b>stalled</b>.",
        "sources": [1, 3], "start": 0, "end": 56, "speaker": None, "people": [], "corroboration": None}
    talks = data["sections"][0]
    assert list(talks) == ["title", "anchor", "summary", "passages"]
    assert talks["anchor"] == "talks"
    assert talks["passages"] == [{"source": 1, "text": "Dockworkers walked out on Monday."},
                                 {"source": 2, "text": "Owners offered a 4% raise."}]
    assert data["warnings"] == ["notes/third-report.txt: no author found"]


def _sentence(entry: dict) -> SummarySentence:
    return SummarySentence(entry["text"], tuple(entry["sources"]), entry["start"], entry["end"])


def _source(entry: dict) -> Source:
    published = date.fromisoformat(entry["published"]) if entry["published"] else None
    origin = entry.get("path") or entry["url"]
    return Source(entry["id"], entry["title"], origin, entry["author"], entry["outlet"],
                  published, entry.get("url"))


def test_json_round_trips_every_value(sample_briefing):
    data = json.loads(render.to_json(sample_briefing))

    assert data["title"] == sample_briefing.title
    assert datetime.fromisoformat(data["generated_at"]) == sample_briefing.generated_at
    assert tuple(map(_source, data["sources"])) == sample_briefing.sources
    assert tuple(map(_sentence, data["key_points"])) == sample_briefing.key_points
    for entry, section in zip(data["sections"], sample_briefing.sections, strict=True):
        assert (entry["title"], entry["anchor"]) == (section.title, section.anchor)
        assert tuple(map(_sentence, entry["summary"])) == section.summary
        assert [(p["source"], p["text"]) for p in entry["passages"]] == [
            (p.article + 1, p.text) for p in section.passages]
    assert tuple(data["warnings"]) == sample_briefing.warnings


def test_json_is_utf8_text_not_ascii_escapes(sample_briefing):
    briefing = dataclasses.replace(sample_briefing, title="Grève à Marseille — état")
    assert '"title": "Grève à Marseille — état"' in render.to_json(briefing)


def test_missing_or_clashing_anchors_are_made_unique(sample_briefing, env):
    first, second = sample_briefing.sections
    briefing = dataclasses.replace(sample_briefing, sections=(
        dataclasses.replace(first, anchor=""),
        dataclasses.replace(second, anchor="sources"),
        dataclasses.replace(second, anchor="section-1"),
        dataclasses.replace(second, anchor="has space"),
    ))

    anchors = [s["anchor"] for s in json.loads(render.to_json(briefing))["sections"]]
    h2_ids = [id_ for tag, id_, _ in _Elements(render.to_html(briefing, env)).headings
              if tag == "h2"]

    assert anchors == ["section-1", "section-2", "section-3", "section-4"]
    assert h2_ids == ["key-points", *anchors, "sources"]


# --- HTML -------------------------------------------------------------------


def test_html_escapes_article_text(html):
    tags = {tag for tag, _ in _Elements(html).tags}

    assert not tags & {"b", "i", "script"}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://evil" not in _Elements(html).hrefs()


def test_html_headings_and_layout(html, sample_briefing):
    headings = _Elements(html).headings

    assert headings == [
        ("h1", "top", sample_briefing.title),
        ("h2", "key-points", "Key points"),
        ("h2", "talks", "Talks & <i>offers</i>"),
        ("h2", "impact", "Impact on_trade"),
        ("h2", "sources", "Sources"),
    ]
    assert ('Generated <time datetime="2022-04-05T08:30:00+00:00">2022-04-05 08:30 UTC</time>'
            in html)
    assert "3 sources" in html


def test_html_citations_link_to_existing_sources(html, sample_briefing):
    page = _Elements(html)
    ids = page.ids()
    internal = [href[1:] for href in page.hrefs() if href.startswith("#")]
    cited = [f"source-{n}" for s in _all_sentences(sample_briefing) for n in s.sources]

    assert len(ids) == len(set(ids))
    assert internal == cited
    assert set(internal) <= set(ids)
    # A no-break space keeps " [" and the first source on the sentence's last line.
    assert '<span class="cite">&nbsp;[<a href="#source-1">1</a>, <a href="#source-3">3</a>]</span>' in html
    assert '<a class="cite" href="#source-2">&nbsp;[2]</a>' in html  # a lone source: one link


def test_html_sources_show_only_present_fields(html):
    sources = html[html.index('<ol class="sources">'):]

    assert ('<li id="source-3" value="3"><span class="num">[3]</span>'
            '<span class="title">[x](http://evil) claims</span>, '
            '<span class="detail">2022-04-03</span>, '
            '<span class="location">third-report.txt</span></li>') in sources
    assert 'href="https://news.example.com/port_talks?id=7&amp;src=rss"' in sources
    assert "None" not in sources


def test_html_inlines_the_stylesheet(html):
    assert "@page" in html and "bookmark-level" in html
    assert "<link" not in html


def test_empty_briefing_renders_gracefully(env):
    empty = Briefing("Nothing yet", datetime(2022, 1, 1), (), (), ())

    page = render.to_html(empty, env)
    digest = render.to_markdown(empty, env)

    assert "No key points" in page and "No sources." in page and "0 sources" in page
    headings = [t.tag for t in MarkdownIt("commonmark").parse(digest) if t.type == "heading_open"]
    assert headings == ["h1", "h2", "h2"]
    assert "No key points" in digest


def test_section_without_summary_renders_gracefully(sample_briefing, env):
    bare = SummarySection("Quiet corner", (), (), anchor="quiet")
    briefing = dataclasses.replace(sample_briefing, sections=(bare,))

    assert "No summary for this section." in render.to_html(briefing, env)
    assert "No summary for this section." in render.to_markdown(briefing, env)


def test_citation_of_unknown_source_is_not_a_dead_link(sample_briefing, env):
    stray = SummarySentence("A stray claim.", (9,), 0, 14)
    briefing = dataclasses.replace(sample_briefing, key_points=(stray,))

    assert "[9]" in render.to_html(briefing, env)
    assert "#source-9" not in render.to_html(briefing, env)


# --- Markdown ---------------------------------------------------------------


def test_markdown_headings_are_exactly_the_expected_ones(markdown, sample_briefing):
    tokens = MarkdownIt("commonmark").parse(markdown)
    headings = [(tokens[i].tag, _inline_text(tokens[i + 1]))
                for i, t in enumerate(tokens) if t.type == "heading_open"]

    assert headings == [
        ("h1", sample_briefing.title),
        ("h2", "Key points"),
        ("h2", "Talks & <i>offers</i>"),
        ("h2", "Impact on_trade"),
        ("h2", "Sources"),
    ]


def test_markdown_article_text_stays_text(markdown, sample_briefing):
    for parser in (MarkdownIt("commonmark"), _md_parser()):
        tokens = parser.parse(markdown)
        inline = [c for t in tokens if t.type == "inline" for c in t.children]
        links = [c.attrs["href"] for c in inline if c.type == "link_open"]
        kinds = {t.type for t in tokens} | {c.type for c in inline}

        assert [link for link in links if not re.fullmatch(r"#source-\d+", link)] == [
            "https://news.example.com/port_talks?id=7&src=rss"]
        assert not kinds & {"html_block", "em_open", "strong_open",
                            "code_inline", "blockquote_open", "ordered_list_open", "image"}
        # The only raw HTML is the source list's own anchors.
        assert {c.content for c in inline if c.type == "html_inline"} == {
            *(f'<a id="source-{s.id}">' for s in sample_briefing.sources), "</a>"}
    bullets = [_inline_text(t) for t in MarkdownIt("commonmark").parse(markdown)
               if t.type == "inline" and t.map and markdown.splitlines()[t.map[0]].startswith("- ")]
    expected = [f"{s.text} [{', '.join(map(str, s.sources))}]" for s in _all_sentences(sample_briefing)]
    assert bullets == expected


def test_markdown_citations_link_to_the_numbered_source_list(markdown, sample_briefing):
    """Citations read "[1, 3]" in any renderer: numbers as text, each a link to its source's anchor."""
    for parser in (MarkdownIt("commonmark"), MarkdownIt("commonmark").enable("table"), _md_parser()):
        page = parser.render(markdown)
        cited = [[int(n) for n in re.findall(r'<a href="#source-(\d+)">\1</a>', c)]
                 for c in re.findall(r" \[(.*?)\]</li>", page)]
        assert cited == [list(s.sources) for s in _all_sentences(sample_briefing)]
        anchors = re.findall(r'<a id="source-(\d+)"></a>\[(\d+)\]', page)
        assert anchors == [(str(s.id), str(s.id)) for s in sample_briefing.sources]


def test_markdown_source_line_format(markdown):
    assert ('<a id="source-1"></a>\\[1\\] Port strike enters \\<b\\>second\\</b\\> week, Harbour Times & Post, '
            "Ana Ruiz, 2022-04-01, harbour\\_times.txt.") in markdown.splitlines()


@pytest.mark.parametrize("count, shown, more", [(1, [1], 0), (3, [1, 2, 3], 0), (4, [1, 2], 2), (29, [1, 2], 27)])
def test_long_citations_show_the_first_sources_and_count_the_rest(sample_briefing, count, shown, more):
    sources = tuple(dataclasses.replace(sample_briefing.sources[0], id=n) for n in range(1, 30))
    sentence = SummarySentence("The port reopened.", tuple(range(1, count + 1)), 0, 18)
    briefing = dataclasses.replace(sample_briefing, sources=sources, key_points=(sentence,), sections=())
    env = render.template_env(None, citations_shown=2)
    counted = f" +{more} more" if more else ""
    md_links = ", ".join(f"[{n}](#source-{n})" for n in shown)
    assert f"- The port reopened. \\[{md_links}{counted}\\]" in render.to_markdown(briefing, env)
    html_text = unescape(re.sub(r"<[^>]+>", "", render.to_html(briefing, env)))
    assert f"The port reopened. [{', '.join(map(str, shown))}{counted}]" in " ".join(html_text.split())
    assert json.loads(render.to_json(briefing))["key_points"][0]["sources"] == list(range(1, count + 1))


def test_markdown_rendered_to_html_has_no_article_markup(markdown):
    page = _md_parser().render(markdown)

    assert "<b>" not in page and "<script>" not in page
    assert 'href="http://evil"' not in page


def test_markdown_matches_golden_file(markdown, request):
    if request.config.getoption("--update-golden"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(markdown, encoding="utf-8")
    assert GOLDEN.exists(), "no golden file: run pytest --update-golden"
    assert markdown == GOLDEN.read_text(encoding="utf-8")


_MARKDOWN_TEXT = st.text(
    alphabet=st.sampled_from(list("\\`*_{}[]<>#+-!|~&;.():=^ \n\t\"'/") + list("ab1 é")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())


_CONTEXTS = ("- {}\n", "# {}\n", "Seen {} here\n", "{}\n", "1. {}[^1]\n\n[^1]: {} — {}.\n")


@given(_MARKDOWN_TEXT)
@example("AT&amp;T &#35; &lt;b&gt;")
@example("12) Rank #")
@example("- + = --- * _ > !")
@example("[^1]: x\n===")
@example("    indented code")
def test_md_escape_keeps_any_text_literal(text):
    escaped = render.md_escape(text)
    folded = " ".join(text.split())

    for context in _CONTEXTS:
        document = context.format(escaped, escaped, escaped)
        tokens = MarkdownIt("commonmark").parse(document)
        plain = MarkdownIt("commonmark").parse(context.format("x", "x", "x"))
        inline = [t for t in tokens if t.type == "inline"]
        assert [t.type for t in tokens] == [t.type for t in plain], document
        assert all(c.type == "text" for t in inline for c in t.children), document
        assert folded in _inline_text(inline[0]), document
    assert render.md_escape(escaped) == escaped


def test_md_url_links_only_web_addresses():
    assert render.md_url("https://example.com/a_b?x=1") == "<https://example.com/a_b?x=1>"
    assert render.md_url("javascript:alert(1)") == "javascript:alert(1)"
    assert render.md_url("http://x/<y>") == "http://x/\\<y\\>"


# --- Template overrides -----------------------------------------------------


def test_user_stylesheet_overrides_only_the_stylesheet(tmp_path, sample_briefing):
    (tmp_path / "briefing.css").write_text("body { color: teal; } /* USER-CSS */")
    env = render.template_env(tmp_path)

    page = render.to_html(sample_briefing, env)

    assert "USER-CSS" in page and "@page" not in page
    assert '<h2 id="key-points">Key points</h2>' in page
    assert render.to_markdown(sample_briefing, env).startswith("# Port strike")


def test_user_digest_overrides_only_the_digest(tmp_path, sample_briefing):
    (tmp_path / "digest.md.j2").write_text("# Custom: {{ briefing.title }}\n")
    env = render.template_env(tmp_path)

    assert render.to_markdown(sample_briefing, env) == (
        "# Custom: Port strike: \\*where\\* things \\<b\\>stand\\</b\\>\n")
    assert '<h2 id="key-points">' in render.to_html(sample_briefing, env)


def test_override_can_extend_the_default(tmp_path, sample_briefing):
    (tmp_path / "briefing.html.j2").write_text(
        '{% extends "default/briefing.html.j2" %}'
        "{% block key_points %}<p class=\"mine\">{{ briefing.title }} "
        "{{ cite(briefing.key_points[0].sources) }}</p>{% endblock %}")
    (tmp_path / "briefing.css").write_text("/* USER-CSS */")

    page = render.to_html(sample_briefing, render.template_env(tmp_path))

    assert '<p class="mine">Port strike: *where* things &lt;b&gt;stand&lt;/b&gt; ' in page
    assert '<a href="#source-1">1</a>' in page
    assert "Key points" not in page
    assert '<h2 id="talks">' in page and '<li id="source-3"' in page
    assert "USER-CSS" in page


def test_missing_template_dir_is_a_template_error(tmp_path):
    with pytest.raises(TemplateError, match="template directory not found"):
        render.template_env(tmp_path / "nope")


def test_broken_user_template_is_a_one_line_template_error(tmp_path, sample_briefing):
    (tmp_path / "digest.md.j2").write_text("# ok\n{% for x in %}\n")
    env = render.template_env(tmp_path)

    with pytest.raises(TemplateError) as caught:
        render.to_markdown(sample_briefing, env)

    assert isinstance(caught.value, BriefingError)
    assert "digest.md.j2:2:" in caught.value.message
    assert "\n" not in caught.value.message


def test_packaged_templates_are_found():
    default = render.default_templates_dir()

    for name in (render.HTML_TEMPLATE, render.MARKDOWN_TEMPLATE, render.STYLESHEET):
        assert (default / name).is_file()


def test_the_shared_environment_is_made_once_per_setting_and_sandboxed():
    env = render.shared_env(None, 2)

    assert render.shared_env(None, 2) is env
    assert render.shared_env(None, 3) is not env
    assert isinstance(env, jinja2.sandbox.SandboxedEnvironment)


def test_the_shared_environment_sees_a_user_template_added_or_changed(tmp_path, sample_briefing):
    first = render.to_markdown(sample_briefing, render.shared_env(tmp_path, 2))
    assert first.startswith("# Port strike")

    (tmp_path / "digest.md.j2").write_text("# One: {{ briefing.title }}\n")
    assert render.to_markdown(sample_briefing, render.shared_env(tmp_path, 2)).startswith("# One: ")

    override = tmp_path / "digest.md.j2"
    override.write_text("# Two: {{ briefing.title }}\n")
    stat = override.stat()
    os.utime(override, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))  # a later edit, whatever the clock
    assert render.to_markdown(sample_briefing, render.shared_env(tmp_path, 2)).startswith("# Two: ")


def test_print_html_lists_only_cited_sources_and_counts_the_rest(sample_briefing):
    extra = dataclasses.replace(sample_briefing.sources[0], id=4, title="Never cited anywhere")
    briefing = dataclasses.replace(sample_briefing, sources=(*sample_briefing.sources, extra))
    env = render.template_env(None)

    screen, paper = render.to_html(briefing, env), render.to_html(briefing, env, for_print=True)

    assert "Never cited anywhere" in screen and 'id="source-4"' in screen
    assert "Never cited anywhere" not in paper and 'id="source-3"' in paper
    assert "1 more source, not cited above, is listed in the HTML and JSON editions" in paper
    assert render.to_html(sample_briefing, env, for_print=True) == render.to_html(sample_briefing, env)
    # The HTML output serves as the PDF's source when they would be the same, and only then.
    assert render.print_html(sample_briefing, env, "<html>as rendered</html>") == "<html>as rendered</html>"
    assert render.print_html(briefing, env, screen) == paper


def test_cited_ids_gathers_every_part_that_cites(sample_briefing):
    assert render.cited_ids(sample_briefing) == {1, 2, 3}
    assert render.cited_ids(dataclasses.replace(sample_briefing, key_points=(), sections=())) == set()


def test_templates_compiled_by_an_earlier_run_render_alike_and_an_unsafe_cache_folder_is_not_used(
        sample_briefing, tmp_path, monkeypatch):
    cached = render.template_env(None)
    assert isinstance(cached.bytecode_cache, jinja2.FileSystemBytecodeCache)
    first, again = render.to_html(sample_briefing, cached), render.to_html(sample_briefing, render.template_env(None))
    assert first == again

    def unsafe(*args, **kwargs):
        raise RuntimeError("Cache directory is not owned by the user")  # what Jinja raises for another user's folder

    monkeypatch.setattr(jinja2, "FileSystemBytecodeCache", unsafe)
    uncached = render.template_env(None)
    assert uncached.bytecode_cache is None and render.to_html(sample_briefing, uncached) == first
