"""redundant_pairs: the `repeats` test for all pairs at once, by a dense product for few
texts and by SciPy's sparse matrices for many, with the same answer."""

from __future__ import annotations

import itertools

import pytest

import briefing.text.similarity as similarity
from briefing.text.similarity import redundant_pairs, repeats
from briefing.text.tokens import content_stems

TEXTS = [
    "The council voted to hold a referendum on joining Russia in July.",
    "In July the council will hold a referendum on joining Russia, it voted.",
    "Troops returned from Ukraine on Monday after three months of fighting.",
    "Georgia said the referendum would have no legal force.",
    "",
    "The of and",  # stop words only: no content stems
    "After three months of fighting in Ukraine, the troops returned home on Monday.",
]


def pairwise(texts: list[str]) -> list[tuple[int, int]]:
    """The pairs `repeats` finds one pair at a time: what redundant_pairs must equal."""
    return [
        (a, b)
        for a, b in itertools.combinations(range(len(texts)), 2)
        if repeats(texts[b], [set(content_stems(texts[a]))]) and repeats(texts[a], [set(content_stems(texts[b]))])
    ]


@pytest.mark.parametrize("dense_cells", [similarity.DENSE_CELLS, -1], ids=["dense", "sparse"])
def test_redundant_pairs_match_the_pairwise_test(monkeypatch, dense_cells):
    monkeypatch.setattr(similarity, "DENSE_CELLS", dense_cells)
    assert redundant_pairs(TEXTS) == pairwise(TEXTS) == [(0, 1), (2, 6)]


@pytest.mark.parametrize("dense_cells", [similarity.DENSE_CELLS, -1], ids=["dense", "sparse"])
def test_redundant_pairs_of_nothing(monkeypatch, dense_cells):
    monkeypatch.setattr(similarity, "DENSE_CELLS", dense_cells)
    assert redundant_pairs([]) == []
    assert redundant_pairs(["Troops returned."]) == []
