"""Summary quality against human summaries: ROUGE on a DUC-style dataset.

A dataset is JSON lines, one cluster a line:
    {"id": "...", "documents": [{"id": "...", "title": "... or null",
     "text": "paragraphs separated by blank lines"}, ...], "references": ["..."]}

Each cluster goes through the code path of a briefing: near-duplicate
articles (wire copies) are merged as `dedupe` merges them, so that one story
carried twice does not count as two witnesses, then `summarize.summarize`
picks the sentences. The summary is scored the way ROUGE-1.5.5 scores DUC
2004 (`-n 2 -m -l 100 -f A`): Porter stemming, stop words kept, summary and
references cut to their first `words` words, n-gram matches pooled over the
references, then averaged over clusters.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from briefing.errors import SourceError, require_extra
from briefing.models import Article, RawDocument, Sentence
from briefing.sources.dedupe import merge_duplicates
from briefing.story.summarize import summarize
from briefing.text.passages import to_passages

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Cluster:
    """Articles about one story (near-duplicates merged) and the human summaries of it."""

    id: str
    articles: tuple[Article, ...]
    references: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    """ROUGE-N of one summary against its references, pooled over them."""

    recall: float
    precision: float
    f: float


@dataclass(frozen=True)
class EvalRow:
    """One summarizer's scores, averaged over the clusters of a dataset."""

    name: str
    rouge1_recall: float
    rouge1_f: float
    rouge2_recall: float
    rouge2_f: float
    median_seconds: float
    clusters: int


def evaluate(path: Path, summarizers: list[str], words: int = 100, half: str | None = None) -> list[EvalRow]:
    """Score each summarizer in `summarizers` on the clusters of the dataset at
    `path`: all of them, or one `half` of them (see `split_half`)."""
    require_extra("rouge_score", "rouge", "briefing eval (ROUGE scoring)")
    clusters = split_half(load_clusters(path), half)
    prepared = [(cluster, cluster_sentences(cluster)) for cluster in clusters]
    return [_evaluate_one(name, prepared, words) for name in summarizers]


def _evaluate_one(name: str, prepared: Sequence[tuple[Cluster, list[Sentence]]], words: int) -> EvalRow:
    scores: list[tuple[Score, Score]] = []
    seconds: list[float] = []
    for cluster, sentences in prepared:
        random.seed(0)  # sumy's "random" method shuffles: keep reruns identical
        began = time.perf_counter()
        summary = " ".join(s.text for s in summarize(sentences, words, name))
        seconds.append(time.perf_counter() - began)
        scores.append((rouge_n(summary, cluster.references, 1, words), rouge_n(summary, cluster.references, 2, words)))
    count = len(scores)
    return EvalRow(
        name=name,
        rouge1_recall=sum(r1.recall for r1, _ in scores) / count,
        rouge1_f=sum(r1.f for r1, _ in scores) / count,
        rouge2_recall=sum(r2.recall for _, r2 in scores) / count,
        rouge2_f=sum(r2.f for _, r2 in scores) / count,
        median_seconds=statistics.median(seconds),
        clusters=count,
    )


HALVES = ("odd", "even")


def split_half(clusters: Sequence[Cluster], half: str | None) -> list[Cluster]:
    """The 1st, 3rd, 5th... clusters ("odd"), the 2nd, 4th... ("even"), or all (None).

    A change to a summarizer earns its place by helping on both halves, not
    on the whole set by way of a few clusters.
    """
    if half is None:
        return list(clusters)
    if half not in HALVES:
        raise ValueError(f"half must be one of {HALVES}, not {half!r}")
    return list(clusters[HALVES.index(half) :: 2])


def load_clusters(path: Path) -> list[Cluster]:
    """The clusters of a JSON-lines dataset; a SourceError names a bad file or line."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such dataset") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot read dataset ({error.strerror})") from None
    except UnicodeDecodeError:
        raise SourceError(f"{path}: dataset is not UTF-8 text") from None
    clusters = [_parse_cluster(line, path, number) for number, line in enumerate(lines, 1) if line.strip()]
    if not clusters:
        raise SourceError(f"{path}: no clusters in dataset")
    return clusters


def _parse_cluster(line: str, path: Path, number: int) -> Cluster:
    where = f"{path}, line {number}"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise SourceError(f"{where}: not valid JSON ({error.msg})") from None
    if not isinstance(data, dict):
        raise SourceError(f"{where}: expected an object with id, documents, references")
    documents, references = data.get("documents"), data.get("references")
    if not isinstance(documents, list) or not documents:
        raise SourceError(f"{where}: 'documents' must be a non-empty list")
    if not isinstance(references, list) or not references or not all(isinstance(r, str) for r in references):
        raise SourceError(f"{where}: 'references' must be a non-empty list of strings")
    raws = [_parse_document(document, where, i) for i, document in enumerate(documents)]
    articles = tuple(_as_article(raw) for raw in merge_duplicates(raws, note=lambda _: None))
    return Cluster(str(data.get("id", number)), articles, tuple(references))


def _parse_document(document: object, where: str, index: int) -> RawDocument:
    if not isinstance(document, dict) or not isinstance(document.get("text"), str):
        raise SourceError(f"{where}: document {index + 1} has no 'text' string")
    origin = str(document.get("id") or index + 1)
    title = str(document["title"]) if document.get("title") else None
    return RawDocument(origin=origin, text=document["text"], title=title, has_header=False)


def _as_article(raw: RawDocument) -> Article:
    """The document as it stands: a dataset's text is already clean, paragraphs
    separated by blank lines."""
    return Article(
        origin=raw.origin,
        title=raw.title or raw.origin,
        text=raw.text,
        paragraphs=paragraph_spans(raw.text),
        also=raw.also,
        has_headline=raw.title is not None,
    )


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each paragraph of `text`, paragraphs separated by blank lines."""
    spans = []
    start = 0
    for match in [*_BLANK_LINE.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            left = start + len(chunk) - len(chunk.lstrip())
            spans.append((left, start + len(chunk.rstrip())))
        start = match.end() if match else end
    return tuple(spans)


def cluster_sentences(cluster: Cluster) -> list[Sentence]:
    """Every sentence of the cluster's articles, article index = document order."""
    return [
        sentence
        for index, article in enumerate(cluster.articles)
        for passage in to_passages(index, article)
        for sentence in passage.sentences
    ]


def rouge_n(summary: str, references: Sequence[str], n: int, words: int = 100) -> Score:
    """ROUGE-N of `summary`, matches and totals summed over `references` (ROUGE-1.5.5 `-f A`)."""
    peer = _ngrams(summary, n, words)
    peer_total = sum(peer.values())
    matches = reference_total = 0
    for reference in references:
        model = _ngrams(reference, n, words)
        matches += sum(min(count, peer[gram]) for gram, count in model.items())
        reference_total += sum(model.values())
    recall = matches / reference_total if reference_total else 0.0
    precision = matches / (peer_total * len(references)) if peer_total else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(recall, precision, f)


def _ngrams(text: str, n: int, words: int) -> Counter[tuple[str, ...]]:
    # ROUGE's -l cuts the raw text on whitespace before it tokenizes.
    tokens = _tokenizer()(" ".join(text.split()[:words]))
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], list[str]]:
    from rouge_score.tokenizers import DefaultTokenizer

    return DefaultTokenizer(use_stemmer=True).tokenize


def format_table(rows: Sequence[EvalRow]) -> str:
    """A plain-text table: one row per summarizer, ROUGE in percent."""
    header = f"{'summarizer':<12} {'R-1 R':>7} {'R-1 F':>7} {'R-2 R':>7} {'R-2 F':>7} {'s/cluster':>10}"
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(
            f"{row.name:<12} {100 * row.rouge1_recall:7.2f} {100 * row.rouge1_f:7.2f} "
            f"{100 * row.rouge2_recall:7.2f} {100 * row.rouge2_f:7.2f} {row.median_seconds:10.3f}"
        )
    clusters = rows[0].clusters if rows else 0
    lines.append(f"({clusters} clusters; ROUGE recall and F in percent, median seconds per cluster)")
    return "\n".join(lines)


def rows_to_json(rows: Sequence[EvalRow]) -> str:
    """The rows as a JSON list of objects, scores as fractions."""
    return json.dumps([asdict(row) for row in rows], indent=2)
