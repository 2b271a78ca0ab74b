"""LSH candidate pairs from MinHash matrices: numpy band hashes + one sort, no Python dict of buckets."""

from __future__ import annotations

import numpy as np

_MIX = np.uint64(0x9E3779B97F4A7C15)


def band_keys(minhashes: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """uint64[n, bands]: one key per band, a polynomial hash of its ``rows`` values (band index mixed in)."""
    n = minhashes.shape[0]
    values = minhashes.reshape(n, bands, rows).astype(np.uint64)
    keys = np.zeros((n, bands), dtype=np.uint64)
    for r in range(rows):
        keys = keys * _MIX + values[:, :, r]
    return keys * _MIX + np.arange(bands, dtype=np.uint64)


def candidate_pairs(keys: np.ndarray, bucket_cap: int, skip: np.ndarray | None = None) -> np.ndarray:
    """Unique pairs (i < j) of rows sharing a band key, as int64[m, 2] sorted.

    Within a bucket (rows sorted by index) each row is paired with its next ``bucket_cap``
    rows, so a bucket of size s gives at most s * bucket_cap pairs: all pairs when s <= cap + 1,
    a band of neighbours otherwise. Rows flagged in ``skip`` (empty texts) are left out.
    """
    n, bands = keys.shape
    flat = keys.ravel()
    rows = np.repeat(np.arange(n, dtype=np.int64), bands)
    if skip is not None and skip.any():
        keep = ~np.repeat(skip, bands)
        flat, rows = flat[keep], rows[keep]
    order = np.lexsort((rows, flat))
    flat, rows = flat[order], rows[order]
    chunks = []
    for offset in range(1, bucket_cap + 1):
        same = flat[offset:] == flat[:-offset]
        if not same.any():
            break
        chunks.append(np.stack([rows[:-offset][same], rows[offset:][same]], axis=1))
    if not chunks:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(chunks)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pairs.sort(axis=1)
    return np.unique(pairs, axis=0)
