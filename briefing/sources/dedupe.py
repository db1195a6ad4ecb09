"""Near-duplicate articles merged into one source that lists every copy.

Wire copies syndicated by several outlets, the same article saved twice, a
feed entry and its page: the summary should say such an article once, and
its citation should show how widely it was carried.

Two documents are copies when nearly all the word 5-grams ("shingles") of
the shorter one are found in the longer: at least `CONTAINED` of them. An
outlet that trims a wire story, adds a dateline or changes the headline still
passes; two articles that share a quote, a background paragraph or a few
sentences are far below it (a 40-word quote in a 300-word article is about
12% of its shingles). Candidate pairs come from MinHash LSH on large
corpora; small ones are compared pair by pair, which is exact and cheaper
than building the index. Either way each pair is checked exactly, so the
MinHash only decides which pairs are looked at.

What finding copies needs of one document (`Signature`: its length and
MinHash) is a per-article map, computed with NumPy from one hash per word
(no hash call per shingle) and cacheable by the text's content; the exact
shingle sets are made only for the documents of candidate pairs.

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
from functools import lru_cache

import numpy as np

from briefing.models import Article, Carrier, Dated, RawDocument, date_fields
from briefing.text.clean import clean
from briefing.text.tokens import words

SHINGLE = 5  # words per shingle
CONTAINED = 0.8  # share of the shorter copy's shingles found in the longer
MIN_SHINGLES = 20  # shorter texts are never merged: too little to tell
SAME_LENGTH = 0.9  # copies within 10% of the fullest count as full; the earliest of them is kept
LSH_FROM = 60  # documents from which candidate pairs come from MinHash LSH
# LSH: two documents are a candidate pair when their MinHash values agree on both ROWS of one of
# the BANDS, which finds a pair of Jaccard similarity 0.2 (a copy a quarter of the length of its
# original) 93% of the time, 0.3 all but always, 0.05 (unrelated) 15%. Every candidate is checked
# exactly, so the bands trade a little time for finding more copies: the 28 bands datasketch
# chose for a 0.2 threshold found a 0.2 pair 68% of the time (on the 19,043 Reuters articles, 64
# bands merge 4 more copies, all 100% or 80% shared, in about the same time).
NUM_PERM = 128
BANDS, ROWS = 64, 2
_MASK = (1 << 64) - 1
# One odd multiplier and offset per MinHash value: a permutation of the 64-bit shingle hashes each.
_PERMUTATIONS = np.random.default_rng(1).integers(1, 1 << 63, size=(2, NUM_PERM, 1), dtype=np.uint64) | np.uint64(1)

Note = Callable[[str], None]


@dataclass(frozen=True)
class Signature:
    """What finding copies needs of one document: its words and shingles
    counted, and its MinHash (`NUM_PERM` values; empty when it has fewer than
    MIN_SHINGLES shingles, too few to merge)."""

    words: int
    shingles: int
    minhash: bytes


def merge_duplicates(raws: Sequence[RawDocument], note: Note, use_lsh: bool | None = None,
                     signatures: Sequence[Signature] | None = None) -> list[RawDocument]:
    """`raws` with each group of near-duplicates merged into its fullest, earliest copy.

    The kept copy lists the others as `also` carriers and takes the date,
    author, outlet and URL it lacks from them; every merge is reported
    through `note`. Order is kept otherwise. `signatures` (of each raw's
    text, `signature`) are computed here when not given.
    """
    if len(raws) < 2:
        return list(raws)
    if signatures is None:
        signatures = [signature(raw.text) for raw in raws]
    usable = [i for i, found in enumerate(signatures) if found.shingles >= MIN_SHINGLES]
    lsh = len(raws) >= LSH_FROM if use_lsh is None else use_lsh
    pairs = _lsh_pairs(signatures, usable) if lsh else _all_pairs(usable)
    prints = _Prints(raws)
    copies = {pair for pair in pairs if containment(prints[pair[0]], prints[pair[1]]) >= CONTAINED}
    groups = _groups(signatures, copies)
    merged: dict[int, RawDocument] = {}
    dropped: set[int] = set()
    for group in groups:
        articles = {i: clean(raws[i]) for i in group}
        kept = _choose(articles)
        others = [i for i in group if i != kept]
        merged[kept] = _merge(raws[kept], articles[kept], [articles[i] for i in others])
        dropped.update(others)
        note(_describe(articles, prints, kept, others))
    return [merged.get(i, raw) for i, raw in enumerate(raws) if i not in dropped]


def shingles(text: str) -> frozenset[int]:
    """Hashes of the overlapping `SHINGLE`-word runs of `text`, case and punctuation ignored."""
    return frozenset(_shingle_hashes(text).tolist())


def signature(text: str) -> Signature:
    """The `Signature` of a document's text: a per-article map, the same for the same text."""
    hashes = np.unique(_shingle_hashes(text))
    if len(hashes) < MIN_SHINGLES:
        return Signature(len(text.split()), len(hashes), b"")
    multipliers, offsets = _PERMUTATIONS
    # An affine map with an odd multiplier permutes the 64-bit values; the hashes are already mixed.
    values = (hashes[None, :] * multipliers + offsets).min(axis=1)
    return Signature(len(text.split()), len(hashes), values.astype("<u8").tobytes())


def _shingle_hashes(text: str) -> np.ndarray:
    """A stable 64-bit hash of each run of SHINGLE words (case folded, one apostrophe), in order."""
    tokens = words(text.casefold().replace("’", "'"))
    runs = len(tokens) - SHINGLE + 1
    if runs < 1:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.array([_word_hash(token) for token in tokens], dtype=np.uint64)
    mixed = np.zeros(runs, dtype=np.uint64)
    for offset in range(SHINGLE):  # by position: "a b" and "b a" differ (wrapping arithmetic, the same everywhere)
        mixed = _mix(mixed ^ hashes[offset : offset + runs])
    return mixed


def _mix(values: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser on every value: each output bit depends on every input bit."""
    values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


@lru_cache(maxsize=1 << 17)
def _word_hash(word: str) -> int:
    # A stable hash (unlike hash()), so that LSH finds the same pairs on every run.
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the smaller set found in the larger."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


class _Prints:
    """The shingles of each document, made when a candidate pair first asks for them."""

    def __init__(self, raws: Sequence[RawDocument]):
        self.raws = raws
        self._made: dict[int, frozenset[int]] = {}

    def __getitem__(self, number: int) -> frozenset[int]:
        if number not in self._made:
            self._made[number] = shingles(self.raws[number].text)
        return self._made[number]


def _all_pairs(usable: Sequence[int]) -> set[tuple[int, int]]:
    return {(i, j) for n, i in enumerate(usable) for j in usable[n + 1 :]}


def _lsh_pairs(signatures: Sequence[Signature], usable: Sequence[int]) -> set[tuple[int, int]]:
    """Candidate pairs: documents whose MinHash values agree on all ROWS of one of the BANDS."""
    pairs: set[tuple[int, int]] = set()
    if not usable:
        return pairs
    numbers = np.array(usable)
    values = np.frombuffer(b"".join(signatures[i].minhash for i in usable), dtype="<u8").reshape(len(usable), NUM_PERM)
    for band in range(BANDS):
        # One key per document and band; a collision of keys only adds a candidate, checked exactly.
        keys = np.zeros(len(usable), dtype=np.uint64)
        for column in range(band * ROWS, (band + 1) * ROWS):
            keys = _mix(keys ^ values[:, column])
        order = np.argsort(keys, kind="stable")  # stable: each bucket's documents in ascending order
        ordered = keys[order]
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        ends = np.append(starts[1:], len(ordered))
        for start, end in zip(starts[ends - starts > 1].tolist(), ends[ends - starts > 1].tolist(), strict=True):
            members = numbers[order[start:end]].tolist()
            pairs.update((a, b) for n, a in enumerate(members) for b in members[n + 1 :])
    return pairs


def _groups(signatures: Sequence[Signature], pairs: set[tuple[int, int]]) -> list[list[int]]:
    """Groups of copies, each around its fullest member.

    Fullest first, a document joins the group of the first fuller document it
    copies, so two different articles that both contain one short piece are
    never chained together through it.
    """
    linked: dict[int, set[int]] = {}
    for i, j in pairs:
        linked.setdefault(i, set()).add(j)
        linked.setdefault(j, set()).add(i)
    order = sorted(linked, key=lambda i: (-signatures[i].words, i))
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
        **date_fields(raw.dated or (None if kept.published else _copy_date(dated))),
        author=raw.author or (None if kept.author else first("author")),
        outlet=raw.outlet or first("outlet"),
        url=raw.url or first("url"),
        also=raw.also + tuple(Carrier(a.origin, a.outlet, a.url, a.published) for a in dated) + tuple(
            carrier for a in dated for carrier in a.also
        ),
    )


def _copy_date(copies: list[Article]) -> Dated | None:
    """The earliest full date among other copies of a story, marked as a copy's."""
    first = next((a.dated for a in copies if a.published), None)
    return Dated(first.day, f"{first.source} of a copy") if first else None


def _describe(articles: dict[int, Article], prints: _Prints, kept: int, others: list[int]) -> str:
    copies = ", ".join(
        f"{articles[i].origin} ({articles[i].outlet or 'no outlet'}, "
        f"{containment(prints[i], prints[kept]):.0%} shared)"
        for i in others
    )
    words = len(articles[kept].text.split())
    return f"{articles[kept].origin}: near-duplicates merged into it ({words} words, kept): {copies}"
