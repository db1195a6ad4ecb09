"""Summary quality against human summaries: ROUGE on a DUC-style dataset.

A dataset is JSON lines, one cluster a line:
    {"id": "...", "documents": [{"id": "...", "title": "... or null",
     "text": "paragraphs separated by blank lines"}, ...], "references": ["..."]}

Each cluster goes through the code path of a briefing: near-duplicate
articles (wire copies) are merged as `dedupe` merges them, so that one story
carried twice does not count as two witnesses, then `summarize.summarize`
picks the sentences, never a claim whose speaker its source leaves unknown,
as `briefing summarize` and a briefing's sections do
(`pipeline.summary_input`). The summary is scored the way ROUGE-1.5.5 scores DUC
2004 (`-n 2 -m -l 100 -f A`): Porter stemming, stop words kept, summary and
references cut to their first `words` words, n-gram matches pooled over the
references, then averaged over clusters, with the standard error of the mean.

Two more kinds of summary are scored alike: the key points of a briefing
built from each cluster (`evaluate_key_points`), and published systems' own
summaries of the clusters (`evaluate_peers`), so that every comparison is
made by the same code.
"""

from __future__ import annotations

import json
import math
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from briefing import pipeline
from briefing.config import Config
from briefing.errors import SourceError, require_extra
from briefing.models import Article, RawDocument, Sentence
from briefing.report import Report
from briefing.sources.dedupe import merge_duplicates
from briefing.story.summarize import summarize
from briefing.text.passages import to_passages
from briefing.text.tokens import content_bigrams

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
    """One summarizer's scores, averaged over the clusters of a dataset, with
    the standard error of each recall mean (how far it could move on other
    clusters like these)."""

    name: str
    rouge1_recall: float
    rouge1_f: float
    rouge2_recall: float
    rouge2_f: float
    median_seconds: float | None  # None: summaries read, not made (published systems)
    clusters: int
    rouge1_se: float = 0.0
    rouge2_se: float = 0.0


def evaluate(path: Path, summarizers: list[str], words: int = 100, half: str | None = None) -> list[EvalRow]:
    """Score each summarizer in `summarizers` on the clusters of the dataset at
    `path`: all of them, or one `half` of them (see `split_half`)."""
    require_extra("rouge_score", "rouge", "briefing eval (ROUGE scoring)")
    clusters = split_half(load_clusters(path), half)
    prepared = [(cluster, *pipeline.summary_input(cluster.articles)) for cluster in clusters]
    return [_evaluate_one(name, prepared, words) for name in summarizers]


def _evaluate_one(name: str, prepared: Sequence[tuple[Cluster, list[Sentence], Callable[[Sentence], bool]]],
                  words: int) -> EvalRow:
    summaries: list[tuple[Cluster, str]] = []
    seconds: list[float] = []
    for cluster, sentences, keep in prepared:
        random.seed(0)  # sumy's "random" method shuffles: keep reruns identical
        began = time.perf_counter()
        summaries.append((cluster, " ".join(s.text for s in summarize(sentences, words, name, keep))))
        seconds.append(time.perf_counter() - began)
    return score_rows(name, summaries, words, statistics.median(seconds))


def score_rows(name: str, summaries: Sequence[tuple[Cluster, str]], words: int,
               median_seconds: float | None = None) -> EvalRow:
    """The row of one system from its summary of each cluster."""
    scores = [(rouge_n(text, c.references, 1, words), rouge_n(text, c.references, 2, words)) for c, text in summaries]
    count = len(scores)
    return EvalRow(
        name=name,
        rouge1_recall=sum(r1.recall for r1, _ in scores) / count,
        rouge1_f=sum(r1.f for r1, _ in scores) / count,
        rouge2_recall=sum(r2.recall for _, r2 in scores) / count,
        rouge2_f=sum(r2.f for _, r2 in scores) / count,
        median_seconds=median_seconds,
        clusters=count,
        rouge1_se=standard_error([r1.recall for r1, _ in scores]),
        rouge2_se=standard_error([r2.recall for _, r2 in scores]),
    )


def pooled(name: str, parts: Sequence[EvalRow]) -> EvalRow:
    """One row over the clusters of `parts` (rows of disjoint cluster sets, such
    as the two halves), exactly as if scored together: means weighted by
    cluster count, standard errors from the parts' means and spreads."""
    count = sum(row.clusters for row in parts)

    def mean(field: str) -> float:
        return sum(getattr(row, field) * row.clusters for row in parts) / count

    def error(field: str, se_field: str) -> float:
        # sum of squares of each part: (n - 1) variance + n mean^2, variance = n se^2
        squares = sum((row.clusters - 1) * row.clusters * getattr(row, se_field) ** 2
                      + row.clusters * getattr(row, field) ** 2 for row in parts)
        variance = (squares - count * mean(field) ** 2) / (count - 1) if count > 1 else 0.0
        return math.sqrt(max(variance, 0.0) / count)

    seconds = [row.median_seconds for row in parts if row.median_seconds is not None]
    return EvalRow(
        name=name,
        rouge1_recall=mean("rouge1_recall"),
        rouge1_f=mean("rouge1_f"),
        rouge2_recall=mean("rouge2_recall"),
        rouge2_f=mean("rouge2_f"),
        median_seconds=max(seconds) if seconds else None,  # the slower half's median
        clusters=count,
        rouge1_se=error("rouge1_recall", "rouge1_se"),
        rouge2_se=error("rouge2_recall", "rouge2_se"),
    )


def standard_error(values: Sequence[float]) -> float:
    """Standard error of the mean of `values` (0 for fewer than two)."""
    if len(values) < 2:
        return 0.0
    return statistics.stdev(values) / math.sqrt(len(values))


def evaluate_peers(path: Path, peers: Path, words: int = 100, half: str | None = None) -> list[EvalRow]:
    """Score the published systems' own summaries (`peers`: JSON lines of
    {"id", "system", "summary"}) on the clusters of `path`, by the same code
    as ours; a system is scored on the clusters of the half it summarized."""
    clusters = {c.id: c for c in split_half(load_clusters(path), half)}
    by_system: dict[str, list[tuple[Cluster, str]]] = {}
    for peer in load_peers(peers):
        if peer["id"] in clusters:
            by_system.setdefault(peer["system"], []).append((clusters[peer["id"]], peer["summary"]))
    if not by_system:
        raise SourceError(f"{peers}: no summaries of the clusters of {path}")
    pairs = [pair for found in by_system.values() for pair in found]
    if sum(_drawn_from(cluster, summary) for cluster, summary in pairs) < MIN_DRAWN * len(pairs):
        raise SourceError(f"{peers}: its summaries do not come from the articles of {path} (ids match, words do not)")
    return [score_rows(f"{system} (published)", found, words) for system, found in by_system.items()]


# Share of a summary's phrases (content-word bigrams) that its cluster's
# articles use, below which the summaries are of other clusters: extractive
# systems copy (near 1.0), and DUC 2003 and DUC 2004 both number their
# clusters d30001t... (a DUC 2004 summary against the DUC 2003 cluster of that
# number: about 0.35).
MIN_DRAWN = 0.6


def _drawn_from(cluster: Cluster, summary: str) -> float:
    """Share of the phrases of `summary` found in the articles of `cluster`."""
    phrases = content_bigrams(summary)
    used = {p for article in cluster.articles for p in content_bigrams(article.text)}
    return len(phrases & used) / len(phrases) if phrases else 1.0


def load_peers(path: Path) -> list[dict[str, str]]:
    """The lines of a peers file; a SourceError names a bad file or line."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        raise SourceError(f"{path}: cannot read peer summaries") from None
    peers = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise SourceError(f"{path}, line {number}: not valid JSON ({error.msg})") from None
        if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("id", "system", "summary")):
            raise SourceError(f"{path}, line {number}: expected an object with id, system, summary strings")
        peers.append(data)
    return peers


def evaluate_key_points(path: Path, words: int = 100, half: str | None = None,
                        config: Config | None = None) -> EvalRow:
    """Score the key-points block of a briefing of each cluster: the cluster
    built as a story through the pipeline's stages (no profile: topics are
    discovered), its key points cut to `words` words as a summary of the whole."""
    config = config or Config()
    summaries: list[tuple[Cluster, str]] = []
    seconds: list[float] = []
    for cluster in split_half(load_clusters(path), half):
        began = time.perf_counter()
        key_points = pipeline.brief_articles(list(cluster.articles), config, Report()).key_points
        seconds.append(time.perf_counter() - began)
        summaries.append((cluster, " ".join(s.text for s in key_points)))
    return score_rows(f"key points ({config.summarizer})", summaries, words, statistics.median(seconds))


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


def cluster_summary(cluster: Cluster, words: int, name: str) -> tuple[Sentence, ...]:
    """The summary `briefing summarize` makes of `cluster` with the summarizer `name`."""
    return pipeline.summarize_articles(cluster.articles, words, name)


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
    width = max([12, *(len(row.name) for row in rows)])
    header = f"{'summarizer':<{width}} {'R-1 R':>7} {'±SE':>5} {'R-1 F':>7} {'R-2 R':>7} {'±SE':>5} {'R-2 F':>7} {'s/cluster':>10}"
    lines = [header, "-" * len(header)]
    for row in rows:
        seconds = "" if row.median_seconds is None else f"{row.median_seconds:.3f}"
        lines.append(
            f"{row.name:<{width}} {100 * row.rouge1_recall:7.2f} {100 * row.rouge1_se:5.2f} {100 * row.rouge1_f:7.2f} "
            f"{100 * row.rouge2_recall:7.2f} {100 * row.rouge2_se:5.2f} {100 * row.rouge2_f:7.2f} {seconds:>10}"
        )
    clusters = rows[0].clusters if rows else 0
    lines.append(f"({clusters} clusters; ROUGE recall and F in percent, standard error of the recall mean, "
                 "median seconds per cluster)")
    return "\n".join(lines)


def rows_to_json(rows: Sequence[EvalRow]) -> str:
    """The rows as a JSON list of objects, scores as fractions."""
    return json.dumps([asdict(row) for row in rows], indent=2)
