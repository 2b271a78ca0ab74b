"""Corpus-level grouping on the driver: exact copies, near-duplicate copies, same-event groups.

Everything runs in the canonical order of sorted document ids, so the result never depends on
the order documents arrive in. Pipeline (each step near-linear in the number of articles):

1. exact copies: equal xxh3 of the normalised text; one member per exact set goes on;
2. near copies: LSH band keys of word-shingle MinHash -> candidate pairs -> verified by estimated
   Jaccard >= ``near_threshold`` -> greedy star groups around the most complete article, so every
   member was verified against its group's centre (no transitive chains);
3. events: LSH over the strong salient features -> candidates with at least ``event_min_agree``
   agreeing MinHash values (plus near-copy pairs) -> verified in batches by idf-weighted
   Jaccard x time factor -> average linkage at ``event_threshold`` -> chaining guard: members
   whose similarity to the group's medoid is below ``event_member_min`` leave.

Per-document bookkeeping is numpy arrays; Python loops run per verified edge (linkage) or per
multi-member group only.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .arrays import unique_sorted
from .candidates import candidate_pairs, unique_pairs
from .config import DuplicatesConfig
from .linkage import average_linkage
from .signature import EMPTY, DocSignature
from .similarity import bm25_idf, time_columns, time_factor_pairs, weighted_jaccard_pairs


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


def _exact_sets(sigs: list[DocSignature], empty: np.ndarray) -> np.ndarray:
    """Index of the first (smallest-id) document with the same normalised text, per document."""
    first: dict[int, int] = {}
    return np.array([i if empty[i] else first.setdefault(s.text_hash, i) for i, s in enumerate(sigs)], dtype=np.int64)


def _empty(sigs: list[DocSignature], near: np.ndarray) -> np.ndarray:
    """Documents with no text or no shingles (their MinHash is all 0xFFFFFFFF)."""
    lengths = np.fromiter((s.length for s in sigs), dtype=np.int64, count=len(sigs))
    return (lengths == 0) | (near == EMPTY).all(axis=1)


def _star_groups(n: int, pairs: np.ndarray, priority: dict[int, tuple]) -> np.ndarray:
    """Greedy star clustering: in priority order, each unassigned node claims its unassigned neighbours."""
    neighbours: dict[int, list[int]] = {}
    for i, j in pairs.tolist():
        neighbours.setdefault(i, []).append(j)
        neighbours.setdefault(j, []).append(i)
    centre = np.full(n, -1, dtype=np.int64)
    for node in sorted(neighbours, key=priority.__getitem__):
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
    sims = _agreeing(near, pairs) / near.shape[1]  # in chunks: the rows of every candidate at once took GBs
    keep = sims >= config.near_threshold
    return pairs[keep], sims[keep]


class _Clock:
    """Adds the seconds since the previous call to ``timings[phase]`` (does nothing without a dict)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def __call__(self, phase: str) -> None:
        if self.timings is not None:
            now = time.perf_counter()
            self.timings[phase] = self.timings.get(phase, 0.0) + now - self.last
            self.last = now


BLOCK = 50_000  # documents per block when building the feature matrix: bounds the temporary arrays


def event_matrix(sigs: list[DocSignature]) -> tuple[sp.csr_matrix, np.ndarray]:
    """Static feature weights x BM25 idf over these documents as one CSR row per document
    (float32 values, int32 columns into the drop's feature vocabulary), and the row sums."""
    n = len(sigs)
    vocab = np.zeros(0, dtype=np.uint32)
    df = np.zeros(0, dtype=np.int64)
    for start in range(0, n, BLOCK):
        keys, counts = np.unique(np.concatenate([s.event_keys for s in sigs[start : start + BLOCK]]), return_counts=True)
        vocab, df = _add_counts(vocab, df, keys, counts)
    idf = bm25_idf(df.astype(np.float64), n).astype(np.float32)
    del df
    lengths = np.fromiter((len(s.event_keys) for s in sigs), dtype=np.int64, count=n)
    nnz = int(lengths.sum())
    index_type = np.int32 if max(nnz, len(vocab)) < 2**31 else np.int64
    indptr = np.zeros(n + 1, dtype=index_type)
    np.cumsum(lengths, out=indptr[1:])
    indices = np.empty(nnz, dtype=index_type)
    data = np.empty(nnz, dtype=np.float32)
    for start in range(0, n, BLOCK):
        block = sigs[start : start + BLOCK]
        lo, hi = indptr[start], indptr[start + len(block)]
        # each distinct key of the block looked up once, in order: a random search per key was
        # most of the time (4.5 of 6.5 s for 50,000 articles of 250 keys)
        distinct, inverse = np.unique(np.concatenate([s.event_keys for s in block]), return_inverse=True)
        columns = np.searchsorted(vocab, distinct)[inverse.reshape(-1)]
        indices[lo:hi] = columns
        data[lo:hi] = np.concatenate([s.event_weights for s in block]) * idf[columns]
    matrix = sp.csr_matrix((data, indices, indptr), shape=(n, len(vocab)))
    return matrix, np.asarray(matrix.sum(axis=1), dtype=np.float64).ravel()


def _add_counts(vocab: np.ndarray, df: np.ndarray, keys: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct ``keys`` with their ``counts`` added to a sorted vocabulary and its counts:
    one merge, where sorting the vocabulary again for every block grew with the square of the drop."""
    at = np.searchsorted(vocab, keys)
    known = at < len(vocab)
    known[known] = vocab[at[known]] == keys[known]
    df[at[known]] += counts[known]
    new = ~known
    return np.insert(vocab, at[new], keys[new]), np.insert(df, at[new], counts[new])


class EventVerifier:
    """Verified same-event similarity of document pairs: idf-weighted Jaccard x time factor, capped at 1."""

    def __init__(self, sigs: list[DocSignature], config: DuplicatesConfig) -> None:
        self.matrix, self.totals = event_matrix(sigs)
        self.time = time_columns([s.time for s in sigs])
        self.config = config

    def __call__(self, pairs: np.ndarray) -> np.ndarray:
        if not len(pairs):
            return np.zeros(0, dtype=np.float64)
        factor = time_factor_pairs(self.time, pairs, self.config)
        sims = np.zeros(len(pairs), dtype=np.float64)
        possible = factor > 0
        sims[possible] = np.minimum(1.0, weighted_jaccard_pairs(self.matrix, self.totals, pairs[possible]) * factor[possible])
        return sims


def _agreeing(minhashes: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Number of equal MinHash values per pair (in chunks: one row pair at a time is 2 x 256 B)."""
    out = np.empty(len(pairs), dtype=np.int64)
    for start in range(0, len(pairs), 65_536):
        chunk = pairs[start : start + 65_536]
        out[start : start + len(chunk)] = (minhashes[chunk[:, 0]] == minhashes[chunk[:, 1]]).sum(axis=1)
    return out


def event_groups(
    sigs: list[DocSignature], extra_pairs: np.ndarray, config: DuplicatesConfig, clock: _Clock | None = None
) -> tuple[np.ndarray, list[float | None], dict[int, tuple[int, float]], int]:
    """Medoid index and similarity to it per document; weak links split off; number of candidates."""
    clock = clock or _Clock(None)
    n = len(sigs)
    mh = np.stack([s.event_minhash for s in sigs]) if n else np.zeros((0, config.event_num_perm), np.uint32)
    no_features = (mh == EMPTY).all(axis=1)
    pairs = candidate_pairs(mh, config.event_bands, config.event_rows, config.event_bucket_max, no_features, drop_large=True)
    if config.event_min_agree > 1 and len(pairs):
        pairs = pairs[_agreeing(mh, pairs) >= config.event_min_agree]
    del mh, no_features  # before the feature matrix is built: the two never need memory at once
    clock("event_candidates")
    verify = EventVerifier(sigs, config)
    clock("event_matrix")
    if len(extra_pairs):
        pairs = unique_pairs(np.concatenate([pairs, extra_pairs]), n)
    n_candidates = len(pairs)
    sims = verify(pairs)
    keep = sims >= config.event_member_min
    pairs, sims = pairs[keep], sims[keep]
    clock("event_verify")
    labels = average_linkage(n, pairs, sims, config.event_threshold)
    clock("event_linkage")
    # medoid: the member with the largest sum of verified similarities inside its group (ties: smallest index)
    inside = labels[pairs[:, 0]] == labels[pairs[:, 1]]
    total = np.bincount(pairs[inside, 0], sims[inside], minlength=n) + np.bincount(pairs[inside, 1], sims[inside], minlength=n)
    order = np.lexsort((np.arange(n), -total, labels))
    first = order[np.r_[True, labels[order][1:] != labels[order][:-1]]] if n else order
    centre_of = np.zeros(n, dtype=np.int64)
    centre_of[labels[first]] = first
    centre = centre_of[labels]
    grouped = np.bincount(labels, minlength=n)[labels] > 1
    members = np.flatnonzero(grouped & (centre != np.arange(n)))
    to_centre = verify(np.stack([members, centre[members]], axis=1))
    weak_mask = to_centre < config.event_member_min
    medoid = np.arange(n, dtype=np.int64)
    medoid[members[~weak_mask]] = centre[members[~weak_mask]]
    to_medoid: list[float | None] = [None] * n
    for m, s in zip(members[~weak_mask].tolist(), to_centre[~weak_mask].tolist()):
        to_medoid[m] = s
    for c in np.unique(medoid[members[~weak_mask]]).tolist():
        to_medoid[c] = 1.0
    weak = {m: (int(centre[m]), s) for m, s in zip(members[weak_mask].tolist(), to_centre[weak_mask].tolist())}
    return medoid, to_medoid, weak, n_candidates


def group_signatures(
    ids: list[str], sigs: list[DocSignature], config: DuplicatesConfig, timings: dict[str, float] | None = None
) -> Grouping:
    """Pure grouping of documents given by id and signature (any order in, sorted-id order out).

    ``timings``, when given, receives the seconds spent per phase (for benchmarks)."""
    clock = _Clock(timings)
    order = sorted(range(len(ids)), key=ids.__getitem__)
    ids = [ids[k] for k in order]
    sigs = [sigs[k] for k in order]
    del order
    n = len(ids)
    near = np.stack([s.near for s in sigs]) if n else np.zeros((0, config.num_perm), np.uint32)
    empty = _empty(sigs, near)
    exact = _exact_sets(sigs, empty)
    reps = np.flatnonzero(exact == np.arange(n))
    rep_sigs = [sigs[k] for k in reps]
    if len(reps) < n:
        near = near[reps]
    skip = empty[reps]
    clock("exact")
    pairs, sims = near_duplicate_pairs(near, skip, config)
    del near, skip
    involved = unique_sorted(pairs).tolist()
    priority = {p: (-rep_sigs[p].length, ids[int(reps[p])]) for p in involved}
    centre = _star_groups(len(reps), pairs, priority)
    # every exact copy follows its exact set's first member
    rep_pos = np.full(n, -1, dtype=np.int64)
    rep_pos[reps] = np.arange(len(reps))
    of_rep = rep_pos[exact]  # position among the representatives, per document
    near_rep = reps[centre[of_rep]]
    # name of a copy group: its smallest member (documents are in id order)
    heads, first_member, sizes = np.unique(near_rep, return_index=True, return_counts=True)
    group_min = np.zeros(n, dtype=np.int64)
    group_min[heads] = first_member
    near_similarity: dict[tuple[int, int], float] = {}
    multi = np.isin(near_rep, heads[(sizes > 1) & (sizes <= config.max_group_pairs)])
    by_group: dict[int, list[int]] = {}
    for i in np.flatnonzero(multi).tolist():
        by_group.setdefault(int(near_rep[i]), []).append(i)
    for members in by_group.values():
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                same = exact[a] == exact[b]
                near_similarity[(a, b)] = 1.0 if same else float(np.mean(sigs[a].near == sigs[b].near))
    clock("near")
    medoid, to_medoid, weak, n_event_candidates = event_groups(rep_sigs, _rep_pairs(pairs), config, clock)
    event_of = reps[medoid[of_rep]].tolist()
    exact_count = np.bincount(exact, minlength=n)
    copied = (exact_count[exact] > 1).tolist()
    clock("output")
    return Grouping(
        ids=ids,
        exact_key=[ids[e] if c else None for e, c in zip(exact.tolist(), copied)],
        near_group=[ids[g] for g in group_min[near_rep].tolist()],
        near_similarity=near_similarity,
        event_group=[ids[e] for e in event_of],
        event_similarity=[to_medoid[p] for p in of_rep.tolist()],
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
