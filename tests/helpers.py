"""Small builders of stage values for tests, and a build through the CLI."""

import json

from typer.testing import CliRunner

from briefing.cli import app
from briefing.models import Article
from briefing.text.passages import to_passages


def article(paragraphs, title="A story", origin="a.txt", **meta):
    """An Article whose paragraphs are the given strings."""
    text, spans, position = "", [], 0
    for paragraph in paragraphs:
        spans.append((position, position + len(paragraph)))
        text += paragraph + "\n\n"
        position += len(paragraph) + 2
    return Article(origin, title, text.rstrip("\n"), tuple(spans), **meta)


def passages_of(*articles):
    return [p for i, a in enumerate(articles) for p in to_passages(i, a)]


def sentences_of(*articles):
    return [s for p in passages_of(*articles) for s in p.sentences]


def built_in(tmp_path, corpus, *extra):
    """`briefing build CORPUS` into tmp_path/out (Markdown, JSON, HTML): the out folder and briefing.json."""
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(out), "--format", "md,json,html", *extra])
    assert result.exit_code == 0, result.output
    return out, json.loads((out / "briefing.json").read_text("utf-8"))
