"""Array helpers the duplicates stage leans on in its hot loops."""

from __future__ import annotations

import numpy as np


def unique_sorted(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of a 1-D array, as ``np.unique(values)`` gives them, by a sort.

    numpy 2's ``np.unique`` without further arguments takes a hash-table path that is 4 to 17
    times slower here than sorting (a document's 900 shingle hashes: 42 against 8 µs; 3 million
    candidate pair codes: 3.0 against 0.2 s)."""
    ordered = np.sort(values, axis=None)
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]
