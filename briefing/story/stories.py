"""Stories: which articles of a pile report the same story.

Articles are TF-IDF vectors (sublinear term counts of content stems, unit
length, sparse). Each article's nearest neighbours are found in time linear in
the pile (`text.nearest`), never as a dense n x n matrix; stories then grow by
average linkage: the two stories whose articles are most alike on average
merge, as long as that average cosine reaches `STORY_SIMILARITY`. The number
of stories is what the threshold leaves, not a number asked for; with unit
vectors the average similarity of two stories is the dot product of their
vector sums divided by both sizes, so every merge is scored exactly from two
sums. Dated articles add time: the similarity of two stories more than a week
apart is discounted the more days lie between them. Last, a story of one to
three articles joins the larger story it resembles most if it nearly reaches
the threshold (a lower bar for fewer articles, whose words sample their story
worse).
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

from briefing.config import Config
from briefing.models import Article, StoryPage
from briefing.story import naming
from briefing.story.summarize import Centrality
from briefing.text.nearest import neighbours
from briefing.text.tokens import content_stems
from briefing.text.vectors import Matrix, row_entries, unit_rows

# Least average cosine between the articles of two stories for them to be one
# (tuned on mixes of DUC 2003 clusters, checked on DUC 2004 dev: bench/bench_stories.py).
STORY_SIMILARITY = 0.13
# Articles that use none of a folder's words, as if added to it (see `article_vectors`).
BACKGROUND = 50
# Neighbours looked at per article: merges are only tried between stories joined by one.
NEIGHBOURS = 12
# A story of one article joins its closest story at this share of the threshold
# (one of a few articles, nearer the threshold: see `_rescue_bar`; tuned on DUC 2003).
STRAY_SHARE = 0.35
# Stories of at most this many articles may join a larger one below the threshold
# (tuned on mixes of DUC 2003 clusters, checked on DUC 2004 dev).
SMALL_STORY = 3
# Days apart at which two stories' similarity starts to be discounted, and the
# days over which the discount grows by e (tuned on DUC 2003, checked on DUC 2004 dev).
SAME_WEEK = 7
TIME_SCALE = 60
# Words of a headline in its story's folder name.
SLUG_WORDS = 8
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
    days = [a.published.toordinal() if a.published else None for a in articles]
    labels = average_linkage(vectors, threshold, days, SMALL_STORY, STRAY_SHARE)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, []).append(index)
    ordered = sorted(groups.values(), key=lambda members: (-len(members), members[0]))
    return tuple(Story(tuple(members)) for members in ordered)


def article_vectors(articles: Sequence[Article]) -> Matrix:
    """Unit-length TF-IDF rows (sublinear tf, smoothed idf) of each article's title and lead."""
    counts = [Counter(content_stems(_lead(a))) for a in articles]
    df = Counter(stem for found in counts for stem in found)
    # A word only one article uses links it to no other: it only dilutes its similarities.
    df = Counter({stem: d for stem, d in df.items() if d > 1})
    vocabulary = {stem: k for k, stem in enumerate(sorted(df))}
    n = len(articles)
    # As if BACKGROUND more articles used none of these words: in a folder of one
    # story, the words every article shares still count (a plain idf would give
    # them almost nothing and split the story); in a big pile it changes little.
    idf = {stem: math.log((1 + n + BACKGROUND) / (1 + d)) for stem, d in df.items()}
    weights = [{vocabulary[stem]: (1 + math.log(count)) * idf[stem] for stem, count in found.items() if stem in df}
               for found in counts]
    return unit_rows(weights, len(vocabulary))


def _lead(article: Article) -> str:
    words = article.text.split()
    title = article.title if article.has_headline else ""
    return title + "\n" + " ".join(words[:LEAD_WORDS])


def average_linkage(vectors: Matrix, threshold: float, days: Sequence[int | None] | None = None,
                    small: int = 1, stray_share: float = 0.5) -> list[int]:
    """A cluster label per row: average-linkage merging over neighbour pairs while the
    average cosine between two clusters reaches `threshold`.

    `days` (a day number per row, or None for an undated row) discounts the
    similarity of two clusters published far apart (`_time_factor`). Clusters
    of at most `small` rows are then rescued (`_attach_small`): one row at
    `stray_share` of the threshold, more rows nearer the threshold.

    Only pairs at the threshold are kept linked: the average similarity of a merger
    to a third cluster is the size-weighted mean of its two parts' (Lance-Williams),
    so when neither part reaches the threshold with it the merger does not either.
    That keeps each cluster's links few however large the pile. The time factor
    only lowers a score, so pairs are linked by their text alone and a pair kept
    apart by time is scored again when either side grows."""
    rows, copies = _distinct_rows(vectors)
    clusters = _Clusters.of(vectors[rows], copies, days)
    near: dict[int, set[int]] = {i: set() for i in range(len(rows))}  # each row's neighbours, for the rescue
    linked: dict[int, dict[int, float]] = {i: {} for i in range(len(rows))}  # linked cluster: average cosine
    heap = []
    for similarity, i, j in neighbours(vectors[rows], NEIGHBOURS):
        near[i].add(j)
        near[j].add(i)
        if similarity >= threshold:
            linked[i][j] = linked[j][i] = similarity
            score = similarity * clusters.time_factor(i, j)
            if score >= threshold:
                heap.append((-score, i, j))
    heapq.heapify(heap)
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in clusters.sums or b not in clusters.sums:
            continue  # one side was merged away since this pair was scored
        size_a, size_b = clusters.sizes[a], clusters.sizes[b]
        merged = clusters.merge(a, b)
        links_a, links_b = linked.pop(a), linked.pop(b)
        linked[merged] = {}
        for other in (links_a.keys() | links_b.keys()) - {a, b}:
            linked[other].pop(a, None)
            linked[other].pop(b, None)
            if other in links_a and other in links_b:  # Lance-Williams: no need to multiply the sums
                text = (size_a * links_a[other] + size_b * links_b[other]) / (size_a + size_b)
            else:
                text = clusters.link(merged, other)
            if text >= threshold:
                linked[other][merged] = linked[merged][other] = text
                score = text * clusters.time_factor(merged, other)
                if score >= threshold:
                    heapq.heappush(heap, (-score, other, merged))
    _attach_small(clusters, near, threshold, small, stray_share)
    labels = [0] * vectors.shape[0]
    for label, found in enumerate(clusters.members.values()):
        for row in found:
            for copy in copies[row]:
                labels[copy] = label
    return labels


@dataclass
class _Clusters:
    """The clusters of `average_linkage` as they grow: per cluster id, its vector sum,
    size (rows counted with their copies), member rows and first and last day.

    Vector sums are {column: value}: far cheaper to add and multiply one at a time
    than sparse rows. Merged clusters take new ids, so a stale pair never names the merger."""

    sums: dict[int, dict[int, float]]
    sizes: dict[int, int]
    members: dict[int, list[int]]
    spans: dict[int, tuple[int, int] | None]
    fresh: int

    @classmethod
    def of(cls, unique: Matrix, copies: list[list[int]], days: Sequence[int | None] | None) -> _Clusters:
        """One cluster per distinct row (identical rows start as one: they would merge first anyway)."""
        n = unique.shape[0]
        sums = {}
        for i in range(n):
            columns, values = row_entries(unique, i)
            sums[i] = {c: v * len(copies[i]) for c, v in zip(columns.tolist(), values.tolist(), strict=True)}
        spans = {i: _span([days[c] for c in copies[i]] if days is not None else []) for i in range(n)}
        return cls(sums, {i: len(copies[i]) for i in range(n)}, {i: [i] for i in range(n)}, spans, n)

    def link(self, a: int, b: int) -> float:
        """Average cosine between the rows of clusters `a` and `b`."""
        return _link(self.sums[a], self.sums[b], self.sizes[a], self.sizes[b])

    def time_factor(self, a: int, b: int) -> float:
        """How much the time between clusters `a` and `b` leaves of their similarity."""
        return _time_factor(self.spans[a], self.spans[b])

    def merge(self, a: int, b: int, into: int | None = None) -> int:
        """Merge `a` and `b` into a new cluster, or into `into` (one of the two); its id."""
        merged = into if into is not None else self.fresh
        if into is None:
            self.fresh += 1
        sum_a, sum_b = self.sums.pop(a), self.sums.pop(b)
        spans = [d for span in (self.spans.pop(a), self.spans.pop(b)) if span for d in span]
        sizes, members = self.sizes.pop(a) + self.sizes.pop(b), self.members.pop(a) + self.members.pop(b)
        self.sums[merged], self.sizes[merged], self.members[merged] = _added(sum_a, sum_b), sizes, members
        self.spans[merged] = _span(spans)
        return merged


def _span(days: Sequence[int | None]) -> tuple[int, int] | None:
    """The first and last of `days` that are known, or None."""
    known = [d for d in days if d is not None]
    return (min(known), max(known)) if known else None


def _time_factor(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    """1 for two spans of days less than `SAME_WEEK` apart (or when either is unknown),
    then decaying by e for every `TIME_SCALE` days more.

    A news story is bounded in time: two groups on one subject weeks apart are
    more likely two stories (a minister appointed in October, the president's
    visit in December) than one. The decay is slow, as a story may come back
    after a pause of a month."""
    if a is None or b is None:
        return 1.0
    gap = max(a[0] - b[1], b[0] - a[1]) - SAME_WEEK
    return math.exp(-gap / TIME_SCALE) if gap > 0 else 1.0


def _distinct_rows(vectors: Matrix) -> tuple[list[int], list[list[int]]]:
    """The first of each set of identical rows, and the rows identical to each (itself included)."""
    first: dict[tuple[bytes, bytes] | int, int] = {}
    rows: list[int] = []
    copies: list[list[int]] = []
    for i in range(vectors.shape[0]):
        columns, values = row_entries(vectors, i)
        # An empty row (no content words) is like no other: it stays alone.
        key: tuple[bytes, bytes] | int = (columns.tobytes(), values.round(12).tobytes()) if len(columns) else i
        if key not in first:
            first[key] = len(rows)
            rows.append(i)
            copies.append([])
        copies[first[key]].append(i)
    return rows, copies


def _attach_small(clusters: _Clusters, near: dict[int, set[int]], threshold: float, small: int,
                  stray_share: float) -> None:
    """Each cluster of at most `small` rows, smallest first, joins the larger cluster
    among its rows' neighbours that it resembles most on average (time counted), if
    that reaches `_rescue_bar` of the threshold.

    A few articles' words are a noisy sample of their story's: a story's side
    thread of one to three reports can fall short of the threshold against the
    story it belongs to, which the story's core, sampled by more articles, does not."""
    home = {row: cluster for cluster, rows in clusters.members.items() for row in rows}
    for size in range(1, small + 1):
        for stray in [c for c in clusters.members if clusters.sizes[c] == size]:
            candidates = {home[j] for row in clusters.members[stray] for j in near[row]} - {stray}
            scores = [(clusters.link(stray, c) * clusters.time_factor(stray, c), c)
                      for c in candidates if clusters.sizes[c] > size]
            best, target = max(scores, default=(0.0, -1))
            if best >= threshold * _rescue_bar(size, stray_share):
                for row in clusters.members[stray]:
                    home[row] = target
                clusters.merge(target, stray, into=target)


def _rescue_bar(size: int, stray_share: float) -> float:
    """The share of the threshold a cluster of `size` rows needs to join another:
    `stray_share` for one, nearer the full threshold the more rows sample it."""
    return 1 - (1 - stray_share) / size


def _link(a: dict[int, float], b: dict[int, float], size_a: int, size_b: int) -> float:
    """Average cosine between the articles of two stories, from their vector sums."""
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum([value * get(column, 0.0) for column, value in a.items()]) / (size_a * size_b)


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
