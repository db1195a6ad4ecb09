"""Near-duplicate articles merged into one source that lists every copy.

Wire copies syndicated by several outlets, the same article saved twice, a
feed entry and its page: the summary should say such an article once, and
its citation should show how widely it was carried.

Two documents are copies when nearly all the word 5-grams ("shingles") of
the shorter one are found in the longer: at least `CONTAINED` of them. An
outlet that trims a wire story, adds a dateline or changes the headline still
passes; two articles that share a quote, a background paragraph or a few
sentences are far below it (a 40-word quote in a 300-word article is about
12% of its shingles). Candidate pairs come from MinHash LSH (datasketch) on
large corpora; small ones are compared pair by pair, which is exact and
cheaper than building the index. Either way each pair is checked exactly.

This runs on raw documents, before `clean.clean_all`: cleaning drops
paragraphs that several pages of one site share as site furniture, which would
gut two copies of one article. Copies are found in the raw text (a few
header or menu lines barely move the shares); the members of a group are then
cleaned on their own, to choose the copy to keep by its text and date as the
briefing will see them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from briefing.models import Article, Carrier, RawDocument
from briefing.text.clean import clean
from briefing.text.tokens import words

SHINGLE = 5  # words per shingle
CONTAINED = 0.8  # share of the shorter copy's shingles found in the longer
MIN_SHINGLES = 20  # shorter texts are never merged: too little to tell
SAME_LENGTH = 0.9  # copies within 10% of the fullest count as full; the earliest of them is kept
LSH_FROM = 60  # documents from which candidate pairs come from MinHash LSH
LSH_THRESHOLD = 0.2  # Jaccard similarity LSH looks for: finds copies down to about a quarter of the length
NUM_PERM = 128

Note = Callable[[str], None]


@dataclass(frozen=True)
class _View:
    """What finding copies needs of a document."""

    shingles: frozenset[int]
    words: int


def merge_duplicates(raws: Sequence[RawDocument], note: Note, use_lsh: bool | None = None) -> list[RawDocument]:
    """`raws` with each group of near-duplicates merged into its fullest, earliest copy.

    The kept copy lists the others as `also` carriers and takes the date,
    author, outlet and URL it lacks from them; every merge is reported
    through `note`. Order is kept otherwise.
    """
    if len(raws) < 2:
        return list(raws)
    views = [_View(shingles(raw.text), len(raw.text.split())) for raw in raws]
    lsh = len(raws) >= LSH_FROM if use_lsh is None else use_lsh
    pairs = _lsh_pairs(views) if lsh else _all_pairs(views)
    groups = _groups(views, {pair for pair in pairs if _copies(views[pair[0]], views[pair[1]])})
    merged: dict[int, RawDocument] = {}
    dropped: set[int] = set()
    for group in groups:
        articles = {i: clean(raws[i]) for i in group}
        kept = _choose(articles)
        others = [i for i in group if i != kept]
        merged[kept] = _merge(raws[kept], articles[kept], [articles[i] for i in others])
        dropped.update(others)
        note(_describe(articles, views, kept, others))
    return [merged.get(i, raw) for i, raw in enumerate(raws) if i not in dropped]


def shingles(text: str) -> frozenset[int]:
    """Hashes of the overlapping `SHINGLE`-word runs of `text`, case and punctuation ignored."""
    tokens = [w.casefold().replace("’", "'") for w in words(text)]
    return frozenset(_hash(" ".join(tokens[i : i + SHINGLE])) for i in range(len(tokens) - SHINGLE + 1))


def _hash(shingle: str) -> int:
    # A stable hash (unlike hash()), so that LSH finds the same pairs on every run.
    return int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "little")


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the smaller set found in the larger."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def _copies(a: _View, b: _View) -> bool:
    return min(len(a.shingles), len(b.shingles)) >= MIN_SHINGLES and containment(a.shingles, b.shingles) >= CONTAINED


def _all_pairs(views: Sequence[_View]) -> set[tuple[int, int]]:
    usable = [i for i, v in enumerate(views) if len(v.shingles) >= MIN_SHINGLES]
    return {(i, j) for n, i in enumerate(usable) for j in usable[n + 1 :]}


def _lsh_pairs(views: Sequence[_View]) -> set[tuple[int, int]]:
    """Candidate pairs whose MinHash signatures collide in an LSH index."""
    from datasketch import MinHash, MinHashLSH

    index = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    signatures = {}
    for i, view in enumerate(views):
        if len(view.shingles) >= MIN_SHINGLES:
            signature = MinHash(num_perm=NUM_PERM, seed=1)
            signature.update_batch([h.to_bytes(8, "little") for h in sorted(view.shingles)])
            index.insert(i, signature)
            signatures[i] = signature
    return {(min(i, j), max(i, j)) for i, sig in signatures.items() for j in index.query(sig) if j != i}


def _groups(views: Sequence[_View], pairs: set[tuple[int, int]]) -> list[list[int]]:
    """Groups of copies, each around its fullest member.

    Fullest first, a document joins the group of the first fuller document it
    copies, so two different articles that both contain one short piece are
    never chained together through it.
    """
    linked: dict[int, set[int]] = {}
    for i, j in pairs:
        linked.setdefault(i, set()).add(j)
        linked.setdefault(j, set()).add(i)
    order = sorted(linked, key=lambda i: (-views[i].words, i))
    rank = {i: n for n, i in enumerate(order)}
    leader: dict[int, int] = {}
    for i in order:
        fuller = [j for j in linked[i] if rank[j] < rank[i] and leader[j] == j]
        leader[i] = min(fuller, key=rank.__getitem__) if fuller else i
    groups: dict[int, list[int]] = {}
    for i in order:
        groups.setdefault(leader[i], []).append(i)
    return [sorted(group) for group in groups.values() if len(group) > 1]


def _choose(articles: dict[int, Article]) -> int:
    """The copy to keep: among the fullest (within `SAME_LENGTH`), the earliest published."""
    words = {i: len(a.text.split()) for i, a in articles.items()}
    full = [i for i in articles if words[i] >= SAME_LENGTH * max(words.values())]
    return min(full, key=lambda i: (articles[i].published or date.max, -words[i], i))


def _merge(raw: RawDocument, kept: Article, others: list[Article]) -> RawDocument:
    """The kept document with the other copies as carriers and the metadata it lacked."""
    dated = sorted(others, key=lambda a: a.published or date.max)

    def first(field: str):
        return next((getattr(a, field) for a in dated if getattr(a, field)), None)

    return replace(
        raw,
        published=raw.published or (None if kept.published else first("published")),
        author=raw.author or (None if kept.author else first("author")),
        outlet=raw.outlet or first("outlet"),
        url=raw.url or first("url"),
        also=raw.also + tuple(Carrier(a.origin, a.outlet, a.url, a.published) for a in dated) + tuple(
            carrier for a in dated for carrier in a.also
        ),
    )


def _describe(articles: dict[int, Article], views: Sequence[_View], kept: int, others: list[int]) -> str:
    copies = ", ".join(
        f"{articles[i].origin} ({articles[i].outlet or 'no outlet'}, "
        f"{containment(views[i].shingles, views[kept].shingles):.0%} shared)"
        for i in others
    )
    words = len(articles[kept].text.split())
    return f"{articles[kept].origin}: near-duplicates merged into it ({words} words, kept): {copies}"
