"""Scale benchmark of the duplicates stage on generated articles (no real text needed).

    PYTHONPATH=. python bench/bench_dedup_scale.py                 # short run (defaults below)
    PYTHONPATH=. python bench/bench_dedup_scale.py --docs 100000 --group-docs 1000000   # full size

1. signatures for ``--docs`` generated ~5 KB articles (5 % planted near copies), one core;
2. grouping of those signatures (exact, near, events), per stage time;
3. baseline: datasketch MinHashLSH insert + query on the same near-duplicate MinHashes;
4. grouping alone on ``--group-docs`` synthetic signatures (random MinHash values and ``--keys``
   feature keys, half from a Zipf vocabulary, with planted copies), time and peak memory per
   article beyond the signatures.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
import tracemalloc

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from cleaner.stages.dedup import DocSignature, DuplicatesConfig, group_signatures, signatures
from cleaner.stages.dedup.arrays import unique_sorted
from cleaner.stages.dedup.features import TimeCues
from cleaner.stages.dedup.signature import SCHEME


def vocabulary(size: int, rng: random.Random) -> list[str]:
    return ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 10))) for _ in range(size)]


def article(rng: random.Random, words: list[str], names: list[str], weights: np.ndarray) -> str:
    picks = np.random.default_rng(rng.randrange(1 << 30)).choice(len(words), size=800, p=weights)
    out, sentence = [], []
    for k, w in enumerate(picks.tolist()):
        token = words[w]
        if k % 37 == 5:
            token = rng.choice(names)
        elif k % 53 == 7:
            token = str(rng.randint(2, 99999))
        sentence.append(token)
        if len(sentence) > 18:
            out.append(" ".join(sentence).capitalize() + ".")
            sentence = []
    return rng.choice(names) + " " + " ".join(out)


def phases(timings: dict[str, float]) -> str:
    return "per phase: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.items())


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_signatures(n: int, config: DuplicatesConfig, keys: int, seed: int = 7) -> list[DocSignature]:
    """Random signatures with the shapes and value distributions of real ones; 5 % are near copies.

    Each has ``keys`` distinct feature keys: half drawn from a Zipf vocabulary (common words every
    article shares), the rest rare (names, numbers). Real articles have 200 (BBC News) to 360."""
    rng = np.random.default_rng(seed)
    near = rng.integers(0, 2**32 - 1, size=(n, config.num_perm), dtype=np.uint32)
    copies = rng.choice(n, size=n // 20, replace=False)
    sources = rng.integers(0, n, size=len(copies))
    mask = rng.random((len(copies), config.num_perm)) < 0.8
    near[copies] = np.where(mask, near[sources], near[copies])
    cues = TimeCues(0, 0, 0, -1)
    common = (rng.zipf(1.3, size=(n, keys // 2)) % 2_000_000).astype(np.uint32)
    rare = rng.integers(2_000_000, 2**32 - 1, size=(n, keys), dtype=np.uint32)
    weights_all = rng.uniform(0.5, 7.0, size=(n, keys)).astype(np.float32)
    event_mh = rng.integers(0, 2**32 - 1, size=(n, config.event_num_perm), dtype=np.uint32)
    shared = rng.random((n, config.event_num_perm)) < 0.3  # common features: a few large LSH buckets
    event_mh[shared] = (rng.zipf(1.5, size=int(shared.sum())) % 1000).astype(np.uint32)
    sigs = []
    for i in range(n):
        distinct = unique_sorted(common[i])
        chosen = unique_sorted(np.concatenate([distinct, rare[i, : keys - len(distinct)]]))
        sigs.append(DocSignature(i, i, 5000, near[i], chosen, weights_all[i, : len(chosen)], event_mh[i], cues))
    return sigs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=5_000, help="generated articles to sign (full size: 100000)")
    parser.add_argument("--group-docs", type=int, default=200_000, help="synthetic signatures to group (full size: 1000000)")
    parser.add_argument("--keys", type=int, default=250, help="distinct feature keys per synthetic signature (default 250)")
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    config = DuplicatesConfig()
    rng = random.Random(1)
    words = vocabulary(30_000, rng)
    names = [w.capitalize() for w in vocabulary(5_000, rng)]
    weights = 1.0 / np.arange(1, len(words) + 1)
    weights /= weights.sum()

    texts = []
    for i in range(args.docs):
        if texts and rng.random() < 0.05:
            base = rng.choice(texts).split(" ")
            cut = rng.randrange(len(base))
            texts.append(" ".join(base[:cut] + ["edited"] + base[cut + 1 :]))
        else:
            texts.append(article(rng, words, names, weights))
    size = sum(len(t) for t in texts) / len(texts)
    started = time.perf_counter()
    sigs = [signatures(t, None, None, config) for t in texts]
    took = time.perf_counter() - started
    print(f"signatures: {args.docs} articles of {size / 1000:.1f} KB: {took:.1f} s, {took / args.docs * 1e3:.2f} ms/article "
          f"({args.docs / took:.0f}/s on one core)")
    ids = [f"doc{i:07d}" for i in range(args.docs)]
    before = peak_mb()
    started = time.perf_counter()
    timings: dict[str, float] = {}
    g = group_signatures(ids, sigs, config, timings)
    took = time.perf_counter() - started
    print(f"grouping: {took:.2f} s ({took / args.docs * 1e6:.0f} us/article); {phases(timings)}; counts {g.counts}; "
          f"near groups > 1: {len(set(g.near_group)) and args.docs - len(set(g.near_group))} articles folded; "
          f"peak RSS {peak_mb():.0f} MB (+{peak_mb() - before:.0f})")

    if not args.skip_baseline:
        tracemalloc.start()
        started = time.perf_counter()
        lsh = MinHashLSH(threshold=config.near_threshold, num_perm=config.num_perm)
        hits = 0
        for doc_id, sig in zip(ids, sigs):
            m = LeanMinHash(seed=config.seed, hashvalues=sig.near, scheme=SCHEME)
            hits += len(lsh.query(m))
            lsh.insert(doc_id, m)
        took = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"baseline datasketch MinHashLSH insert+query (near level only): {took:.2f} s "
              f"({took / args.docs * 1e6:.0f} us/article), {peak / args.docs / 1024:.1f} KB/article traced, {hits} hits")

    started = time.perf_counter()
    synth = synthetic_signatures(args.group_docs, config, args.keys)
    made = time.perf_counter() - started
    sig_bytes = sum(s.near.nbytes + s.event_keys.nbytes + s.event_weights.nbytes + s.event_minhash.nbytes for s in synth)
    ids = [f"doc{i:08d}" for i in range(args.group_docs)]
    started = time.perf_counter()
    timings = {}
    g = group_signatures(ids, synth, config, timings)
    took = time.perf_counter() - started
    print(f"  untraced: {took:.1f} s ({took / args.group_docs * 1e6:.1f} us/article); {phases(timings)}")
    tracemalloc.start()
    started = time.perf_counter()
    g = group_signatures(ids, synth, config)
    took = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"grouping alone on {args.group_docs} synthetic signatures (made in {made:.0f} s; "
          f"{sig_bytes / args.group_docs:.0f} B of arrays per signature): traced run {took:.1f} s, "
          f"peak traced memory beyond the signatures "
          f"{peak / args.group_docs:.0f} B/article; counts {g.counts}")


if __name__ == "__main__":
    main()
