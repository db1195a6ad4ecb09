"""text.nearest: each row's most similar rows, exact below the posting cap and
found through capped postings above it, with exact similarities either way."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy import sparse

import briefing.text.vectors as vectors
from briefing.story import stories
from briefing.text import nearest
from briefing.text.vectors import dense, unit_rows


def brute_force(matrix, count: int) -> set[tuple[int, int]]:
    """Each row's `count` most similar other rows with a positive similarity, as (low, high) pairs."""
    products = dense(matrix @ matrix.T)
    np.fill_diagonal(products, 0)
    pairs = set()
    for i, row in enumerate(products):
        for j in np.argsort(-row, kind="stable")[:count]:
            if row[j] > 0:
                pairs.add((min(i, int(j)), max(i, int(j))))
    return pairs


def random_rows(count: int, width: int, seed: int) -> list[dict[int, float]]:
    rng = random.Random(seed)
    return [{rng.randrange(width): rng.random() + 0.1 for _ in range(rng.randrange(1, 8))} for _ in range(count)]


@pytest.mark.parametrize("cells", [vectors.DENSE_CELLS, -1], ids=["dense", "sparse"])
def test_below_the_cap_the_neighbours_are_exact(monkeypatch, cells):
    monkeypatch.setattr(vectors, "DENSE_CELLS", cells)
    matrix = unit_rows(random_rows(60, 40, seed=1), 40)
    found = nearest.neighbours(matrix, 5)
    assert {(i, j) for _, i, j in found} == brute_force(matrix, 5)
    products = dense(matrix @ matrix.T)
    for similarity, i, j in found:
        assert i < j and similarity == pytest.approx(products[i, j])
    assert len({(i, j) for _, i, j in found}) == len(found)  # each pair once


def test_capped_postings_keep_each_columns_heaviest_rows():
    matrix = sparse.csr_matrix(np.array([[0.9, 0.1], [0.5, 0.2], [0.7, 0.0], [0.2, 0.3]]))
    capped = nearest.capped_postings(matrix, 2)
    assert capped.toarray().tolist() == [[0.9, 0.0], [0.0, 0.2], [0.7, 0.0], [0.0, 0.3]]
    assert nearest.capped_postings(matrix, 4) is None  # no column has more rows than the cap
    assert matrix.toarray()[1, 0] == 0.5  # the rows themselves are left as they were


def story_rows(stories_count: int, size: int, seed: int) -> list[dict[int, float]]:
    """Articles of `stories_count` stories: each uses a few of its story's own words and
    many of the words every article uses (which the cap cuts)."""
    rng = random.Random(seed)
    common = range(30)
    rows = []
    for story in range(stories_count):
        own = range(100 + 10 * story, 110 + 10 * story)
        for _ in range(size):
            words = {w: rng.random() * 0.5 for w in rng.sample(common, 12)}
            words.update({w: 1 + rng.random() for w in rng.sample(own, 4)})
            rows.append(words)
    return rows


def test_above_the_cap_candidates_come_from_capped_postings_and_are_scored_exactly(monkeypatch):
    monkeypatch.setattr(vectors, "DENSE_CELLS", -1)
    rows = story_rows(30, 8, seed=2)
    matrix = unit_rows(rows, 100 + 10 * 30)
    monkeypatch.setattr(nearest, "POSTINGS", 20)  # the common words are used by 240 rows
    assert nearest.capped_postings(matrix, 20) is not None
    found = nearest.neighbours(matrix, 5)
    products = dense(matrix @ matrix.T)
    for similarity, i, j in found:
        assert similarity == pytest.approx(products[i, j])  # the whole rows' similarity, not the capped one
    exact = brute_force(matrix, 5)
    assert len(exact & {(i, j) for _, i, j in found}) >= 0.95 * len(exact)


def test_capped_postings_find_the_same_stories(monkeypatch):
    """Stories grouped through capped postings are those exact neighbours give."""
    monkeypatch.setattr(vectors, "DENSE_CELLS", -1)
    rows = story_rows(30, 8, seed=3)
    matrix = unit_rows(rows, 100 + 10 * 30)
    exact = stories.average_linkage(matrix, 0.15)
    monkeypatch.setattr(nearest, "POSTINGS", 20)
    capped = stories.average_linkage(matrix, 0.15)
    assert capped == exact
    assert len(set(exact)) == 30
