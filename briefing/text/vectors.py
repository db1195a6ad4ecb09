"""Unit-length weighted rows (TF-IDF vectors) as one matrix: dense while small, sparse beyond.

Stories and topics compare texts as rows of weights over a vocabulary. A
folder of a few articles makes a matrix of some ten thousand cells, where
SciPy's sparse matrices cost more to import (0.1 s of CPU: SciPy's array-API
layer loads `numpy.testing`, `numpy.f2py` and `numpy.ma`) than all the
arithmetic, a tenth of such a build. A pile of thousands of passages does not
fit densely (passages x vocabulary: gigabytes), so past `DENSE_CELLS` the rows
are a SciPy CSR matrix. Both kinds answer `@`, row selection (`m[rows]`,
`m[mask]`), `.shape` and `.mean(axis=0)` alike; `dense` and `row_entries` cover
the rest, so the code that uses them is written once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Union

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# Dense up to this many cells (2 MB of float64). Past it sparse: the product of
# rows by rows is cheaper sparse once they hold a few words of a wide vocabulary.
DENSE_CELLS = 250_000

Matrix = Union[np.ndarray, "csr_matrix"]


def unit_rows(weights: Sequence[Mapping[int, float]], width: int) -> Matrix:
    """One row per mapping of `weights` ({column: weight}), `width` columns, each
    row scaled to unit length (a row of no weights stays zero)."""
    if len(weights) * width <= DENSE_CELLS:
        return _dense_unit_rows(weights, width)
    return _sparse_unit_rows(weights, width)


def dense(matrix: Matrix) -> np.ndarray:
    """`matrix` as a NumPy array."""
    return matrix if isinstance(matrix, np.ndarray) else matrix.toarray()


def row_entries(matrix: Matrix, row: int) -> tuple[np.ndarray, np.ndarray]:
    """The columns of row `row` that are not zero, ascending, and their values."""
    if isinstance(matrix, np.ndarray):
        columns = np.flatnonzero(matrix[row])
        return columns, matrix[row, columns]
    span = slice(matrix.indptr[row], matrix.indptr[row + 1])  # ascending: `_sparse_unit_rows` sorts them once
    return matrix.indices[span], matrix.data[span]


def _dense_unit_rows(weights: Sequence[Mapping[int, float]], width: int) -> np.ndarray:
    matrix = np.zeros((len(weights), width))
    for row, found in enumerate(weights):
        if found:
            matrix[row, list(found)] = list(found.values())
    norms = np.sqrt((matrix * matrix).sum(axis=1))
    return matrix * (1 / np.where(norms == 0, 1, norms))[:, None]  # as the sparse rows are scaled


def _sparse_unit_rows(weights: Sequence[Mapping[int, float]], width: int) -> csr_matrix:
    from scipy.sparse import csr_matrix, diags  # imported only for a matrix too large to be dense

    rows = [row for row, found in enumerate(weights) for _ in found]
    columns = [column for found in weights for column in found]
    values = [value for found in weights for value in found.values()]
    matrix = csr_matrix((values, (rows, columns)), shape=(len(weights), width))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    scaled = csr_matrix(diags(1 / np.where(norms == 0, 1, norms)) @ matrix)
    scaled.sort_indices()  # a product leaves each row's columns in any order; `row_entries` reads them ascending
    return scaled
