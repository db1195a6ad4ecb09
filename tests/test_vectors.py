"""vectors.unit_rows: the same unit-length rows, dense for a small story and sparse (SciPy) for a
large one, and the stages that use them give the same answer either way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from helpers import article, passages_of
from test_stories import STRIKE, VOLCANO

import briefing.text.vectors as vectors
from briefing.story import stories, topics
from briefing.text.vectors import dense, row_entries, unit_rows

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"

WEIGHTS = [{0: 3.0, 4: 4.0}, {}, {2: 1.0}, {4: 2.0, 1: 2.0, 0: 1.0}]
WIDTH = 5


@pytest.fixture(params=["dense", "sparse"])
def kind(request, monkeypatch):
    """Run the test once with dense rows and once with SciPy's sparse ones."""
    monkeypatch.setattr(vectors, "DENSE_CELLS", vectors.DENSE_CELLS if request.param == "dense" else -1)
    return request.param


def test_rows_have_unit_length_and_an_empty_row_stays_zero(kind):
    matrix = unit_rows(WEIGHTS, WIDTH)
    assert isinstance(matrix, np.ndarray) == (kind == "dense")
    assert matrix.shape == (4, WIDTH)
    np.testing.assert_allclose(dense(matrix), [[0.6, 0, 0, 0, 0.8], [0] * 5, [0, 0, 1, 0, 0], [1 / 3, 2 / 3, 0, 0, 2 / 3]])


def test_row_entries_are_the_nonzero_columns_in_order(kind):
    matrix = unit_rows(WEIGHTS, WIDTH)
    columns, values = row_entries(matrix, 3)
    assert columns.tolist() == [0, 1, 4]
    np.testing.assert_allclose(values, [1 / 3, 2 / 3, 2 / 3])
    assert row_entries(matrix, 1)[0].tolist() == []


def test_products_and_means_agree_between_the_kinds(monkeypatch):
    small = unit_rows(WEIGHTS, WIDTH)
    monkeypatch.setattr(vectors, "DENSE_CELLS", -1)
    large = unit_rows(WEIGHTS, WIDTH)
    np.testing.assert_allclose(dense(small @ small.T), dense(large @ large.T))
    mask = np.array([True, False, True, True])
    np.testing.assert_allclose(np.asarray(small[mask].mean(axis=0)).ravel(), np.asarray(large[mask].mean(axis=0)).ravel())


def test_stories_and_topics_are_the_same_with_either_kind(monkeypatch):
    """Two stories told apart, and the topics of their passages, from dense rows as a small build
    makes them and from sparse ones."""
    reports = [article(paragraphs, title=title) for title, paragraphs in STRIKE + VOLCANO]

    def found():
        return stories.group_articles(reports), [(s.title, s.passages) for s in topics.discover_topics(passages_of(*reports))]

    small = found()
    monkeypatch.setattr(vectors, "DENSE_CELLS", -1)
    assert found() == small
    assert sorted(s.articles for s in small[0]) == [(0, 1, 2), (3, 4, 5)]


def test_a_small_build_never_imports_scipy(tmp_path):
    """SciPy's import is a tenth of a small build: the seeds, with their profile and without, do without it."""
    folder = tmp_path / "plain"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_text(seed.read_text())
    for source in (SEEDS, folder):
        code = (
            "import sys; from briefing.cli import app; "
            f"app([{'build'!r}, {str(source)!r}, '--out', {str(tmp_path / source.name)!r}, '--format', 'md,json'], standalone_mode=False); "
            "print('scipy' in sys.modules)"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == "False", source
