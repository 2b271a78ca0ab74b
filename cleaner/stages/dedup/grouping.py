"""Corpus-level grouping on the driver: exact copies, near-duplicate copies, same-event groups.

Everything runs in the canonical order of sorted document ids, so the result never depends on
the order documents arrive in. Pipeline (each step near-linear in the number of articles):

1. exact copies: equal xxh3 of the normalised text; one member per exact set goes on;
2. near copies: LSH band keys of word-shingle MinHash -> candidate pairs -> verified by estimated
   Jaccard >= ``near_threshold`` -> greedy star groups around the most complete article, so every
   member was verified against its group's centre (no transitive chains);
3. events: LSH over the strong salient features -> candidates (plus near-copy pairs) -> verified
   by idf-weighted Jaccard x time factor -> average linkage at ``event_threshold`` -> chaining
   guard: members whose similarity to the group's medoid is below ``event_member_min`` leave.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .candidates import candidate_pairs
from .config import DuplicatesConfig
from .linkage import average_linkage
from .signature import EMPTY, DocSignature
from .similarity import bm25_idf, time_factor, weighted_jaccard


@dataclass(slots=True)
class Grouping:
    """Result of ``group_signatures``; lists are aligned with the sorted ids."""

    ids: list[str]
    exact_key: list[str | None]                   # smallest id of the exact set (None: no copy)
    near_group: list[str]                         # smallest id of the near-duplicate group
    near_similarity: dict[tuple[int, int], float] # estimated Jaccard inside near groups (i < j)
    event_group: list[str]                        # id of the group's medoid
    event_similarity: list[float | None]          # similarity to that medoid (None: alone)
    weak_event_links: dict[int, tuple[str, float]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def _exact_sets(sigs: list[DocSignature]) -> np.ndarray:
    """Index of the first (smallest-id) document with the same normalised text, per document."""
    first: dict[int, int] = {}
    return np.array([first.setdefault(s.text_hash, i) if not s.empty else i for i, s in enumerate(sigs)], dtype=np.int64)


def _star_groups(n: int, pairs: np.ndarray, priority: list[tuple]) -> np.ndarray:
    """Greedy star clustering: in priority order, each unassigned node claims its unassigned neighbours."""
    neighbours: dict[int, list[int]] = {}
    for i, j in pairs.tolist():
        neighbours.setdefault(i, []).append(j)
        neighbours.setdefault(j, []).append(i)
    centre = np.full(n, -1, dtype=np.int64)
    for node in sorted(neighbours, key=lambda k: priority[k]):
        if centre[node] >= 0:
            continue
        centre[node] = node
        for other in neighbours[node]:
            if centre[other] < 0:
                centre[other] = node
    unassigned = centre < 0
    centre[unassigned] = np.arange(n)[unassigned]
    return centre


def near_duplicate_pairs(near: np.ndarray, skip: np.ndarray, config: DuplicatesConfig) -> tuple[np.ndarray, np.ndarray]:
    """Verified near-duplicate pairs and their estimated Jaccard."""
    pairs = candidate_pairs(near, config.bands, config.rows, config.bucket_cap, skip)
    if not len(pairs):
        return pairs, np.zeros(0)
    sims = (near[pairs[:, 0]] == near[pairs[:, 1]]).mean(axis=1)
    keep = sims >= config.near_threshold
    return pairs[keep], sims[keep]


class EventWeights:
    """Static feature weights x BM25 idf over these documents, looked up per document on demand
    (only the vocabulary and its idf are held: no per-document copy)."""

    def __init__(self, sigs: list[DocSignature]) -> None:
        uniq = np.zeros(0, dtype=np.uint32)
        df = np.zeros(0, dtype=np.int64)
        for start in range(0, len(sigs), 50_000):
            chunk_keys, chunk_df = np.unique(np.concatenate([s.event_keys for s in sigs[start : start + 50_000]] or
                                                            [np.zeros(0, np.uint32)]), return_counts=True)
            merged = np.concatenate([uniq, chunk_keys])
            merged_df = np.concatenate([df, chunk_df])
            uniq, inverse = np.unique(merged, return_inverse=True)
            df = np.bincount(inverse, weights=merged_df, minlength=len(uniq)).astype(np.int64)
        self._keys = uniq
        self._idf = bm25_idf(df.astype(np.float64), len(sigs)).astype(np.float32)
        self._sigs = sigs

    def __getitem__(self, k: int) -> np.ndarray:
        s = self._sigs[k]
        return s.event_weights * self._idf[np.searchsorted(self._keys, s.event_keys)]


def event_weights(sigs: list[DocSignature]) -> EventWeights:
    return EventWeights(sigs)


def event_similarity(a: DocSignature, wa: np.ndarray, b: DocSignature, wb: np.ndarray, config: DuplicatesConfig) -> float:
    factor = time_factor(a.time, b.time, config)
    return weighted_jaccard(a.event_keys, wa, b.event_keys, wb) * factor if factor else 0.0


def event_groups(
    sigs: list[DocSignature], extra_pairs: np.ndarray, config: DuplicatesConfig
) -> tuple[np.ndarray, list[float | None], dict[int, tuple[int, float]], int]:
    """Medoid index and similarity to it per document; weak links split off; number of candidates."""
    n = len(sigs)
    weights = event_weights(sigs)
    mh = np.stack([s.event_minhash for s in sigs]) if n else np.zeros((0, config.event_num_perm), np.uint32)
    no_features = (mh == EMPTY).all(axis=1)
    pairs = candidate_pairs(mh, config.event_bands, config.event_rows, config.event_bucket_max, no_features, drop_large=True)
    if len(extra_pairs):
        pairs = np.unique(np.concatenate([pairs, extra_pairs]), axis=0)
    sims = np.array([event_similarity(sigs[i], weights[i], sigs[j], weights[j], config) for i, j in pairs.tolist()],
                    dtype=np.float64)
    keep = sims >= config.event_member_min
    labels = average_linkage(n, pairs[keep], sims[keep], config.event_threshold)
    medoid = np.arange(n, dtype=np.int64)
    to_medoid: list[float | None] = [None] * n
    weak: dict[int, tuple[int, float]] = {}
    edge = {(i, j): s for (i, j), s in zip(pairs[keep].tolist(), sims[keep].tolist())}
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    for members in np.split(order, bounds):
        if len(members) < 2:
            continue
        ms = members.tolist()
        totals = [sum(edge.get((min(a, b), max(a, b)), 0.0) for b in ms if b != a) for a in ms]
        centre = ms[max(range(len(ms)), key=lambda k: (totals[k], -ms[k]))]
        for m in ms:
            s = 1.0 if m == centre else event_similarity(sigs[m], weights[m], sigs[centre], weights[centre], config)
            if s < config.event_member_min:
                weak[m] = (centre, s)
            else:
                medoid[m], to_medoid[m] = centre, s
        if all(m == centre or m in weak for m in ms):
            to_medoid[centre] = None
    return medoid, to_medoid, weak, len(pairs)


def group_signatures(ids: list[str], sigs: list[DocSignature], config: DuplicatesConfig) -> Grouping:
    """Pure grouping of documents given by id and signature (any order in, sorted-id order out)."""
    order = sorted(range(len(ids)), key=lambda k: ids[k])
    ids = [ids[k] for k in order]
    sigs = [sigs[k] for k in order]
    n = len(ids)
    exact = _exact_sets(sigs)
    reps = np.flatnonzero(exact == np.arange(n))
    rep_sigs = [sigs[k] for k in reps]
    near = np.stack([s.near for s in rep_sigs]) if n else np.zeros((0, config.num_perm), np.uint32)
    skip = np.array([s.empty for s in rep_sigs], dtype=bool)
    pairs, sims = near_duplicate_pairs(near, skip, config)
    priority = [(-s.length, ids[k]) for s, k in zip(rep_sigs, reps)]
    centre = _star_groups(len(reps), pairs, priority)
    # every exact copy follows its exact set's first member
    rep_pos = {int(k): p for p, k in enumerate(reps)}
    near_rep = np.array([reps[centre[rep_pos[int(exact[i])]]] for i in range(n)], dtype=np.int64)
    group_min: dict[int, int] = {}
    for i in range(n):
        group_min[int(near_rep[i])] = min(group_min.get(int(near_rep[i]), i), i)
    near_similarity: dict[tuple[int, int], float] = {}
    by_group: dict[int, list[int]] = {}
    for i in range(n):
        by_group.setdefault(int(near_rep[i]), []).append(i)
    for members in by_group.values():
        if 1 < len(members) <= config.max_group_pairs:
            for x, a in enumerate(members):
                for b in members[x + 1 :]:
                    same = exact[a] == exact[b]
                    near_similarity[(a, b)] = 1.0 if same else float(np.mean(sigs[a].near == sigs[b].near))
    medoid, to_medoid, weak, n_event_candidates = event_groups(rep_sigs, _rep_pairs(pairs), config)
    event_of = [int(reps[medoid[rep_pos[int(exact[i])]]]) for i in range(n)]
    event_sim = [to_medoid[rep_pos[int(exact[i])]] for i in range(n)]
    exact_count = np.bincount(exact, minlength=n)
    return Grouping(
        ids=ids,
        exact_key=[ids[int(exact[i])] if exact_count[exact[i]] > 1 else None for i in range(n)],
        near_group=[ids[group_min[int(near_rep[i])]] for i in range(n)],
        near_similarity=near_similarity,
        event_group=[ids[e] for e in event_of],
        event_similarity=event_sim,
        weak_event_links={int(reps[m]): (ids[int(reps[c])], s) for m, (c, s) in weak.items()},
        counts={
            "documents": n,
            "exact_sets": int(len(reps)),
            "near_pairs": int(len(pairs)),
            "event_candidates": int(n_event_candidates),
        },
    )


def _rep_pairs(pairs: np.ndarray) -> np.ndarray:
    """Near-duplicate pairs also become event candidates: copies report the same event."""
    return pairs.astype(np.int64) if len(pairs) else np.zeros((0, 2), dtype=np.int64)
