"""Each row's most similar rows, in time that grows linearly with the rows.

The rows are unit TF-IDF vectors, so similarity is their product. Multiplying
every row by every other costs, word by word, the square of how many rows use
the word: a pile twice as large takes four times as long, and the common words
("said", "pct", "year") cost nearly all of it. So candidates come from the
rows with each word's postings capped: a word used by more than `POSTINGS`
rows keeps only the `POSTINGS` rows where it weighs most (the rows it says
most about). The product of the capped rows costs at most `POSTINGS` times
their nonzeros, linear in the pile. Each row's `CANDIDATES` best candidates
are then scored exactly, on the whole rows, and the best kept. The products
are taken by `sparse_dot_topn`, which keeps each row's best as it goes: no
block of all the similarities is ever held. Below `POSTINGS` rows no word is
capped and the neighbours are exact; past it nearly all the pairs at the story
threshold are found and the stories are nearly the same (`python
bench/bench_stories.py --scale 57129 --exact` measures both).

This is the inverted-index form of candidate search for sparse text vectors,
where MinHash LSH, made for resemblance of word sets above a high bar, finds
few of the weak links (a cosine of 0.13) that join a story's articles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from briefing.text.vectors import Matrix

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# Rows a word keeps for the candidate search. Of the exact pairs at the story
# threshold in 57,129 articles (Reuters and two perturbed rounds of it), a cap of
# 1,000 finds 97.9% in 21 s, 2,000 99.65% in 33 s, against 59 s for the exact search.
POSTINGS = 2000
# Candidates per row scored exactly (96 find 99.8% of those pairs, at 1.4 times the time).
CANDIDATES = 48
# Candidate pairs scored exactly at a time (memory: both rows of each pair, copied).
PAIRS_AT_ONCE = 100_000

Pairs = list[tuple[float, int, int]]


def neighbours(vectors: Matrix, count: int) -> Pairs:
    """(similarity, i, j), i < j, for each row's `count` most similar other rows
    with a positive similarity (each pair once, in the order first found)."""
    if isinstance(vectors, np.ndarray):  # a few rows: all products at once, no SciPy
        i, j, similarity = _best_in_dense_rows(vectors @ vectors.T, count)
        return _each_pair_once(i, j, similarity, vectors.shape[0])
    capped = capped_postings(vectors, POSTINGS)
    if capped is None:
        i, j, similarity = _best_products(vectors, count)
    else:
        i, j, _ = _best_products(capped, CANDIDATES)
        i, j, similarity = _best_of_pairs(i, j, _row_products(vectors, i, j), count)
    return _each_pair_once(i, j, similarity, vectors.shape[0])


def capped_postings(vectors: csr_matrix, postings: int) -> csr_matrix | None:
    """`vectors` with each column's nonzeros cut to its `postings` largest
    (ties at the cut all kept), or None when no column has more."""
    if vectors.shape[0] <= postings:
        return None
    columns = vectors.tocsc()
    used = np.diff(columns.indptr)
    if used.max(initial=0) <= postings:
        return None
    columns.data = columns.data.copy()
    for column in np.flatnonzero(used > postings):
        values = columns.data[columns.indptr[column]:columns.indptr[column + 1]]
        least = np.partition(values, len(values) - postings)[len(values) - postings]
        values[values < least] = 0
    columns.eliminate_zeros()
    return columns.tocsr()


def _best_in_dense_rows(products: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, column and value of the `count` largest positive products of each row, its own left out."""
    own = np.arange(products.shape[0])
    products[own, own] = 0  # a row is not its own neighbour
    if products.shape[1] > count:
        best = np.argpartition(-products, count, axis=1)[:, :count]
    else:
        best = np.broadcast_to(np.arange(products.shape[1]), products.shape)
    similarity = np.take_along_axis(products, best, axis=1)
    rows = np.broadcast_to(own[:, None], best.shape)
    kept = similarity > 0
    return rows[kept], best[kept], similarity[kept]


def _best_products(rows: csr_matrix, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, column and value of each row's `count` largest positive products with
    the other rows, never holding more than those (sparse_dot_topn)."""
    from sparse_dot_topn import sp_matmul_topn  # imported with SciPy: only for a pile too large to be dense

    # One more than asked: a row's product with itself is usually among its largest.
    best = sp_matmul_topn(rows, rows.T.tocsr(), top_n=count + 1, threshold=0.0).tocoo()
    other = best.row != best.col
    return _best_of_pairs(best.row[other].astype(np.int64), best.col[other].astype(np.int64),
                          best.data[other], count)


def _row_products(vectors: csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The product of row i[k] and row j[k], for each k."""
    parts = [np.asarray(vectors[i[k:k + PAIRS_AT_ONCE]].multiply(vectors[j[k:k + PAIRS_AT_ONCE]]).sum(axis=1))
             for k in range(0, len(i), PAIRS_AT_ONCE)]
    return np.concatenate(parts).ravel() if parts else np.zeros(0)


def _best_of_pairs(i: np.ndarray, j: np.ndarray, similarity: np.ndarray,
                   count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Of the pairs (i, j), each i's `count` most similar with a positive similarity."""
    order = np.lexsort((-similarity, i))
    i, j, similarity = i[order], j[order], similarity[order]
    starts = np.flatnonzero(np.r_[True, i[1:] != i[:-1]])
    rank = np.arange(len(i)) - np.repeat(starts, np.diff(np.r_[starts, len(i)]))
    kept = (rank < count) & (similarity > 0)
    return i[kept], j[kept], similarity[kept]


def _each_pair_once(i: np.ndarray, j: np.ndarray, similarity: np.ndarray, n: int) -> Pairs:
    low, high = np.minimum(i, j), np.maximum(i, j)
    _, first = np.unique(low.astype(np.int64) * n + high, return_index=True)
    first.sort()
    return list(zip(similarity[first].tolist(), low[first].tolist(), high[first].tolist(), strict=True))
