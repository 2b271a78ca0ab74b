"""LSH candidate pairs from MinHash matrices: numpy band hashes + a sort per band, no dict of buckets.

Bands are processed one at a time, so the extra memory is O(n) per band plus the pairs found.
"""

from __future__ import annotations

import numpy as np

from .arrays import unique_sorted

_MIX = np.uint64(0x9E3779B97F4A7C15)


def band_keys(minhashes: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """uint64[n, bands]: one key per band, a polynomial hash of its ``rows`` values (band index mixed in)."""
    return np.stack([_band_key(minhashes, b, rows) for b in range(bands)], axis=1) if len(minhashes) else \
        np.zeros((0, bands), dtype=np.uint64)


def _band_key(minhashes: np.ndarray, band: int, rows: int) -> np.ndarray:
    return _key_of(minhashes[:, band * rows : (band + 1) * rows], band)


def _key_of(values: np.ndarray, band: int) -> np.ndarray:
    """Key of one band from its values (uint32[n, rows])."""
    key = np.full(values.shape[0], band, dtype=np.uint64)
    for value in values.T:
        key = key * _MIX + value.astype(np.uint64)
    return key


def candidate_pairs(
    minhashes: np.ndarray, bands: int, rows: int, bucket_cap: int, skip: np.ndarray | None = None, drop_large: bool = False
) -> np.ndarray:
    """Unique pairs (i < j) of rows sharing a band key, as int64[m, 2] sorted.

    Buckets of at most ``bucket_cap + 1`` rows give all their pairs. A larger bucket either links
    each row to its next ``bucket_cap`` rows (``drop_large=False``: hundreds of reprints of one
    wire story still chain into one candidate set) or is skipped (``drop_large=True``: for event
    features, a key shared by that many articles is common vocabulary, not an event).
    Rows flagged in ``skip`` (empty texts, no features) are left out.
    """
    n = minhashes.shape[0]
    rows_all = np.arange(n, dtype=np.int64)
    if skip is not None and skip.any():
        rows_all = rows_all[~skip]
    found: list[np.ndarray] = []  # pairs coded as i * n + j (i < j): one int64 each, cheap to sort
    for band in range(bands):
        key = _key_of(minhashes[:, band * rows : (band + 1) * rows][rows_all], band)  # copies one band only
        order = np.argsort(key, kind="stable")
        key, idx = key[order], rows_all[order]
        if drop_large:
            starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
            sizes = np.diff(np.r_[starts, len(key)])
            small = np.repeat(sizes <= bucket_cap + 1, sizes)
            key, idx = key[small], idx[small]
        for offset in range(1, bucket_cap + 1):
            same = key[offset:] == key[:-offset]
            if not same.any():
                break
            a, b = idx[:-offset][same], idx[offset:][same]
            found.append(np.minimum(a, b) * n + np.maximum(a, b))
        if len(found) > 64:
            found = [unique_sorted(np.concatenate(found))]
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = unique_sorted(np.concatenate(found))
    return np.stack([codes // n, codes % n], axis=1)


def unique_pairs(pairs: np.ndarray, n: int) -> np.ndarray:
    """Sorted unique rows of int64[m, 2] pairs with i < j (each coded as one int64 to sort fast)."""
    if not len(pairs):
        return np.zeros((0, 2), dtype=np.int64)
    low, high = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
    codes = unique_sorted(low.astype(np.int64) * n + high)
    return np.stack([codes // n, codes % n], axis=1)
