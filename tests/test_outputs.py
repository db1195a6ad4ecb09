"""What a desk sends on: the same citations in every format, a tagged PDF, a briefing.json that
matches its schema. The seeds are built once through the CLI, and every output read back."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import jsonschema
import pdfua
import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader
from typer.testing import CliRunner

from briefing.cli import app
from briefing.models import SummarySentence
from briefing.output import pdf, render
from briefing.schemas import JSON_SCHEMA, load

SEEDS = Path(__file__).parent.parent / "seeds"
CITATION = re.compile(r"\[(\d+(?:, \d+)*(?: \+\d+ more)?)\]")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def markdown_citations(text: str) -> list[str]:
    """The citation that ends each bullet of the digest, as a Markdown renderer shows it."""
    tokens = MarkdownIt("commonmark").parse(text)
    items = [
        "".join(c.content for c in t.children if c.type == "text")
        for i, t in enumerate(tokens)
        if t.type == "inline" and tokens[i - 1].type == "paragraph_open" and tokens[i - 2].type == "list_item_open"
    ]
    return [CITATION.findall(item)[-1] for item in items]


def pdf_citations(data: bytes) -> list[str]:
    """The citations in a PDF's text, up to its source list."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return CITATION.findall(" ".join(text[: text.rindex("Sources")].split()))


def test_markdown_citation_numbers_are_the_pdfs_and_the_jsons(out):
    data = json.loads((out / "briefing.json").read_text())
    from_md = markdown_citations((out / "briefing.md").read_text())
    assert from_md and from_md == pdf_citations((out / "briefing.pdf").read_bytes())
    sentences = data["key_points"] + [s for section in data["sections"] for s in section["summary"]]
    sentences += [f for conflict in data["figures"] for f in conflict["figures"]] + data["timeline"]
    assert from_md == [", ".join(map(str, s["sources"])) for s in sentences]  # 5 sources: none capped


def test_capped_citations_read_the_same_in_every_format(sample_briefing, tmp_path):
    sources = tuple(dataclasses.replace(sample_briefing.sources[0], id=n) for n in range(1, 41))
    many = SummarySentence("The port reopened on Monday.", (7, *range(1, 7), *range(8, 30)), 0, 28)
    few = SummarySentence("Ships left at dawn.", (3, 9, 12), 0, 19)
    briefing = dataclasses.replace(sample_briefing, sources=sources, key_points=(many, few), sections=())
    env = render.template_env(None, citations_shown=2)
    pdf.write_pdf(render.to_html(briefing, env), tmp_path / "b.pdf", render.assets_dir(None))
    expected = ["7, 1 +27 more", "3, 9, 12"]
    assert markdown_citations(render.to_markdown(briefing, env)) == expected
    assert pdf_citations((tmp_path / "b.pdf").read_bytes()) == expected
    listed = json.loads(render.to_json(briefing))["key_points"]
    assert [len(s["sources"]) for s in listed] == [29, 3]


def test_briefing_json_matches_the_shipped_schema(out):
    data = json.loads((out / "briefing.json").read_text())
    schema = load(JSON_SCHEMA)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert not [error.message for error in validator.iter_errors(data)]
    assert data["schema_version"] == render.SCHEMA_VERSION
    assert str(SEEDS.resolve()) not in (out / "briefing.json").read_text()  # no path of the build machine
    broken = {**data, "sources": [{**data["sources"][0], "id": "one"}]}
    assert list(validator.iter_errors(broken))


def _structure_roles(node, roles: set[str]) -> set[str]:
    node = node.get_object()
    if "/S" in node:
        roles.add(str(node["/S"]))
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict):
            _structure_roles(kid, roles)
    return roles


def test_the_pdf_is_tagged_pdf_ua(out):
    """The checks of PDF/UA-1 (ISO 14289-1) a structure reader can make: a structure tree with
    headings, lists and links, marked content, the language, the title shown, pdfuaid in the XMP,
    every link annotation tagged and described, tab order by structure."""
    reader = PdfReader(out / "briefing.pdf")
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp and "<dc:title>" in xmp
    roles = _structure_roles(catalog["/StructTreeRoot"], set())
    assert {"/Document", "/H1", "/H2", "/L", "/LI", "/Link"} <= roles
    for page in reader.pages:
        assert page["/Tabs"] == "/S"
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation["/Subtype"] == "/Link":
                assert annotation.get("/Contents") and "/StructParent" in annotation
    assert reader.metadata.title == json.loads((out / "briefing.json").read_text())["title"]


def test_an_archival_variant_is_tagged_pdf_a(sample_briefing, tmp_path):
    target = tmp_path / "archive.pdf"
    pdf.write_pdf(
        render.to_html(sample_briefing, render.template_env(None)), target, render.assets_dir(None), variant="pdf/a-3a"
    )
    catalog = PdfReader(target).trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert "/StructTreeRoot" in catalog and "/OutputIntents" in catalog


def test_a_pdf_ua_validator_finds_nothing_in_the_briefing_and_flags_an_untagged_one(out, tmp_path):
    """pdfua checks the machine-checkable subset of PDF/UA-1 (no JVM); the untagged control shows it looks."""
    report = pdfua.validate(str(out / "briefing.pdf"))
    assert report.exit_code == 0, [(f.rule_id, f.message) for f in report.findings]
    untagged = tmp_path / "untagged.pdf"
    pdf.write_pdf((out / "briefing.html").read_text(), untagged, render.assets_dir(None), variant=None)
    assert {f.rule_id for f in pdfua.validate(str(untagged)).findings} >= {"UA-01-002"}
