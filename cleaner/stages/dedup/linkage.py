"""Average-linkage agglomeration on a sparse similarity graph (missing pairs count as 0).

Cost is O(E log E) for E verified edges: only clusters joined by an edge are ever compared, so
it stays near-linear when candidate generation is. Ties break on the smallest member index, so
the result depends only on the (canonically ordered) input.
"""

from __future__ import annotations

import heapq

import numpy as np


def average_linkage(n: int, pairs: np.ndarray, sims: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster label (smallest member index) per node; merge while the best average similarity >= threshold."""
    size = [1] * n
    members: dict[int, list[int]] = {}
    links: dict[int, dict[int, float]] = {}
    for (i, j), s in zip(pairs.tolist(), sims.tolist()):
        links.setdefault(i, {})[j] = links.setdefault(i, {}).get(j, 0.0) + s
        links.setdefault(j, {})[i] = links.setdefault(j, {}).get(i, 0.0) + s
    heap = [(-s, i, j) for (i, j), s in zip(pairs.tolist(), sims.tolist()) if s >= threshold]
    heapq.heapify(heap)
    alive = [True] * n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        total = links[a].get(b)
        if total is None or abs(total / (size[a] * size[b]) + neg) > 1e-12:
            continue
        keep, gone = (a, b) if a < b else (b, a)
        alive[gone] = False
        members.setdefault(keep, [keep]).extend(members.pop(gone, [gone]))
        size[keep] += size[gone]
        gone_links = links.pop(gone)
        keep_links = links[keep]
        del keep_links[gone]
        for other, s in gone_links.items():
            if other == keep:
                continue
            other_links = links[other]
            del other_links[gone]
            merged = keep_links.get(other, 0.0) + s
            keep_links[other] = merged
            other_links[keep] = merged
        for other, s in keep_links.items():
            avg = s / (size[keep] * size[other])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(keep, other), max(keep, other)))
    out = np.arange(n, dtype=np.int64)
    for root, ms in members.items():
        out[ms] = root
    return out
