"""Stories: which articles of a pile report the same story.

Articles are TF-IDF vectors (sublinear term counts of content stems, unit
length, sparse). Each article's nearest neighbours are found in sparse row
blocks, never as a dense n x n matrix; stories then grow by average linkage:
the two stories whose articles are most alike on average merge, as long as
that average cosine reaches `STORY_SIMILARITY`. The number of stories is what
the threshold leaves, not a number asked for; with unit vectors the average
similarity of two stories is the dot product of their vector sums divided by
both sizes, so every merge is scored exactly from two sums.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse

from briefing.config import Config
from briefing.models import Article, StoryPage
from briefing.story import naming
from briefing.story.summarize import Centrality
from briefing.text.tokens import content_stems

# Least average cosine between the articles of two stories for them to be one
# (tuned on mixes of DUC 2003 clusters, checked on DUC 2004 dev: bench/bench_stories.py).
STORY_SIMILARITY = 0.13
# Articles that use none of a folder's words, as if added to it (see `article_vectors`).
BACKGROUND = 50
# Neighbours looked at per article: merges are only tried between stories joined by one.
NEIGHBOURS = 12
# A story of one article joins its closest story at this share of the threshold.
STRAY_SHARE = 0.5
# Words of a headline in its story's folder name.
SLUG_WORDS = 8
# Rows of the similarity product computed at a time (memory: BLOCK x articles).
BLOCK = 512
# Words of an article's text that count (a long feature's tail drifts off its story).
LEAD_WORDS = 300


@dataclass(frozen=True)
class Story:
    """Articles (indices into the corpus, in corpus order) that report one story."""

    articles: tuple[int, ...]


def find_stories(articles: Sequence[Article], config: Config) -> tuple[Story, ...]:
    """The stories of `articles`: one when a profile describes the sections or
    `[topics] stories = 1` says so, else those `group_articles` finds."""
    if config.sections or config.stories == 1 or len(articles) < 2:
        return (Story(tuple(range(len(articles)))),)
    return group_articles(articles)


def group_articles(articles: Sequence[Article], threshold: float = STORY_SIMILARITY) -> tuple[Story, ...]:
    """The stories of `articles`, largest first (ties: earliest article first)."""
    if not articles:
        return ()
    vectors = article_vectors(articles)
    labels = average_linkage(vectors, threshold)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, []).append(index)
    ordered = sorted(groups.values(), key=lambda members: (-len(members), members[0]))
    return tuple(Story(tuple(members)) for members in ordered)


def article_vectors(articles: Sequence[Article]) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows (sublinear tf, smoothed idf) of each article's title and lead."""
    counts = [Counter(content_stems(_lead(a))) for a in articles]
    df = Counter(stem for found in counts for stem in found)
    # A word only one article uses links it to no other: it only dilutes its similarities.
    df = Counter({stem: d for stem, d in df.items() if d > 1})
    counts = [Counter({s: c for s, c in found.items() if s in df}) for found in counts]
    vocabulary = {stem: k for k, stem in enumerate(sorted(df))}
    n = len(articles)
    # As if BACKGROUND more articles used none of these words: in a folder of one
    # story, the words every article shares still count (a plain idf would give
    # them almost nothing and split the story); in a big pile it changes little.
    idf = np.array([math.log((1 + n + BACKGROUND) / (1 + df[stem])) for stem in sorted(df)])
    rows, columns, values = [], [], []
    for row, found in enumerate(counts):
        for stem, count in found.items():
            rows.append(row)
            columns.append(vocabulary[stem])
            values.append((1 + math.log(count)) * idf[vocabulary[stem]])
    matrix = sparse.csr_matrix((values, (rows, columns)), shape=(n, len(vocabulary)))
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
    return sparse.diags(1 / np.where(norms == 0, 1, norms)) @ matrix


def _lead(article: Article) -> str:
    words = article.text.split()
    title = article.title if article.has_headline else ""
    return title + "\n" + " ".join(words[:LEAD_WORDS])


def neighbours(vectors: sparse.csr_matrix, count: int = NEIGHBOURS) -> list[tuple[float, int, int]]:
    """(similarity, i, j), i < j, for each row's `count` most similar other rows with a positive similarity."""
    pairs = set()
    found = []
    for start in range(0, vectors.shape[0], BLOCK):
        block = (vectors[start:start + BLOCK] @ vectors.T).toarray()
        for offset, row in enumerate(block):
            i = start + offset
            row[i] = 0
            best = np.argpartition(-row, min(count, len(row) - 1))[:count] if len(row) > count else np.arange(len(row))
            for j in best:
                key = (min(i, int(j)), max(i, int(j)))
                if row[j] > 0 and key not in pairs:
                    pairs.add(key)
                    found.append((float(row[j]), *key))
    return found


def average_linkage(vectors: sparse.csr_matrix, threshold: float) -> list[int]:
    """A cluster label per row: average-linkage merging over neighbour pairs while the
    average cosine between two clusters reaches `threshold`.

    Only pairs at the threshold are kept linked: the average similarity of a merger
    to a third cluster is the size-weighted mean of its two parts' (Lance-Williams),
    so when neither part reaches the threshold with it the merger does not either.
    That keeps each cluster's links few however large the pile."""
    rows, copies = _distinct_rows(vectors)
    unique = vectors[rows]
    n = len(rows)
    # Vector sums as {column: value}: far cheaper to add and multiply one at a time than sparse rows.
    # Identical rows start as one cluster (they would merge first anyway, at similarity 1).
    sums = {i: {c: v * len(copies[i]) for c, v in zip(unique.indices[unique.indptr[i]:unique.indptr[i + 1]].tolist(),
                                                      unique.data[unique.indptr[i]:unique.indptr[i + 1]].tolist(), strict=True)}
            for i in range(n)}
    sizes = {i: len(copies[i]) for i in range(n)}
    members = {i: [i] for i in range(n)}
    near: dict[int, set[int]] = {i: set() for i in range(n)}  # each row's neighbours, for strays
    linked: dict[int, set[int]] = {i: set() for i in range(n)}
    heap = []
    for similarity, i, j in neighbours(unique):
        near[i].add(j)
        near[j].add(i)
        if similarity >= threshold:
            linked[i].add(j)
            linked[j].add(i)
            heap.append((-similarity, i, j))
    heapq.heapify(heap)
    fresh = n  # merged clusters take new ids, so a stale pair never names the merger
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in sums or b not in sums:
            continue  # one side was merged away since this pair was scored
        merged, fresh = fresh, fresh + 1
        sums[merged] = _added(sums.pop(a), sums.pop(b))
        sizes[merged] = sizes.pop(a) + sizes.pop(b)
        members[merged] = members.pop(a) + members.pop(b)
        linked[merged] = set()
        for other in (linked.pop(a) | linked.pop(b)) - {a, b}:
            linked[other] -= {a, b}
            score = _link(sums[merged], sums[other], sizes[merged], sizes[other])
            if score >= threshold:
                linked[other].add(merged)
                linked[merged].add(other)
                heapq.heappush(heap, (-score, other, merged))
    _attach_strays(sums, sizes, members, near, threshold * STRAY_SHARE)
    labels = [0] * vectors.shape[0]
    for label, found in enumerate(members.values()):
        for row in found:
            for copy in copies[row]:
                labels[copy] = label
    return labels


def _distinct_rows(vectors: sparse.csr_matrix) -> tuple[list[int], list[list[int]]]:
    """The first of each set of identical rows, and the rows identical to each (itself included)."""
    first: dict[tuple[bytes, bytes] | int, int] = {}
    rows: list[int] = []
    copies: list[list[int]] = []
    for i in range(vectors.shape[0]):
        span = slice(vectors.indptr[i], vectors.indptr[i + 1])
        # An empty row (no content words) is like no other: it stays alone.
        key: tuple[bytes, bytes] | int = (vectors.indices[span].tobytes(), vectors.data[span].round(12).tobytes()) if span.stop > span.start else i
        if key not in first:
            first[key] = len(rows)
            rows.append(i)
            copies.append([])
        copies[first[key]].append(i)
    return rows, copies


def _attach_strays(sums, sizes, members, near: dict[int, set[int]], bar: float) -> None:
    """Each story of one article joins the story of its neighbours it resembles most on
    average, if that reaches `bar`.

    One article's words are a noisy sample of its story's: it may fall short of the
    threshold against a story it belongs to, which a story of several never does."""
    home = {row: cluster for cluster, rows in members.items() for row in rows}
    for stray in [c for c in members if sizes[c] == 1]:
        candidates = {home[j] for j in near[members[stray][0]]} - {stray}
        scores = [(_link(sums[stray], sums[c], 1, sizes[c]), c) for c in candidates if sizes[c] > 1]
        best = max(scores, default=(0.0, None))
        if best[0] >= bar:
            target = best[1]
            home[members[stray][0]] = target
            members[target] += members.pop(stray)
            sums[target] = _added(sums[target], sums.pop(stray))
            sizes[target] += sizes.pop(stray)


def _link(a: dict[int, float], b: dict[int, float], size_a: int, size_b: int) -> float:
    """Average cosine between the articles of two stories, from their vector sums."""
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(column, 0.0) for column, value in a.items()) / (size_a * size_b)


def _added(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
    """The sum of two vectors, made in the larger one (both belong to clusters merged away)."""
    if len(a) < len(b):
        a, b = b, a
    for column, value in b.items():
        a[column] = a.get(column, 0.0) + value
    return a


def by_importance(pages: Sequence[StoryPage]) -> list[StoryPage]:
    """Stories most important first: carried by more sources, then more recent."""
    return sorted(pages, key=lambda p: (-len(p.briefing.sources), -(p.last or date.min).toordinal(), p.slug))


def headline(articles: Sequence[Article], score: Centrality) -> str:
    """A story's headline: the real headline that best speaks for its articles (by
    `score`, see `summarize.centrality`), or when none has one, its noun phrases."""
    real = [a for a in articles if a.has_headline and a.title.strip()]
    if real:
        return max(real, key=lambda a: (score(a.title, 1), -len(a.title))).title
    return naming.headline(articles)


def slug(headline: str, taken: set[str] | None = None) -> str:
    """A folder name for a story: its headline's first words, lower case, hyphenated, unique in `taken`."""
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", headline).encode("ascii", "ignore").decode().lower())
    base = "-".join(words[:SLUG_WORDS]) or "story"
    name, number = base, 1
    while taken is not None and name in taken:
        number += 1
        name = f"{base}-{number}"
    if taken is not None:
        taken.add(name)
    return name


def date_range(articles: Sequence[Article]) -> tuple[date | None, date | None]:
    """The first and last publication dates of `articles` (None when none is dated)."""
    dated = sorted(a.published for a in articles if a.published)
    return (dated[0], dated[-1]) if dated else (None, None)
