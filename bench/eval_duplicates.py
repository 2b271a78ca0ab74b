"""Score the duplicates stage on the labelled dev data (never copied into the repository).

    PYTHONPATH=. python bench/eval_duplicates.py [--data ../shared/dev] [--sample 5]

bbc-news: exact-duplicate groups (precision / recall of same-group pairs) and a count of extra
near duplicates; ecbplus: B-cubed precision / recall / F1 and ARI of event groups against the
gold clusters, and topics whose two events were merged; semeval: precision / recall / F1 of
same_story pairs landing in one event group (pairs with a machine-translated side left out),
English pairs and all pairs. One fixed configuration for all of them.

Every article goes through the stages of ``cleaner clean`` first (read as JSON Lines from a
temporary folder outside the repository): the duplicates stage is measured on the signatures
the product makes, of the cleaned article with its title and datelines
(``selection.duplicates_text``).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from math import comb
from pathlib import Path

from cleaner import pipeline
from cleaner.config import Config
from cleaner.stages.dedup import Grouping, group_signatures


def load(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def group(records: list[tuple[str, str, str | None]], config: Config) -> Grouping:
    """records: (id, text, title or None: line 1 is the title) -> the product's grouping of
    them, with its per-pair details (the run writes the same groups into the documents)."""
    with tempfile.TemporaryDirectory() as tmp:
        with open(Path(tmp) / "articles.jsonl", "w", encoding="utf-8") as f:
            for doc_id, text, title in records:
                f.write(json.dumps({"id": doc_id, "text": text, "title": title}) + "\n")
        result = pipeline.run(Path(tmp), config)
    if result.failures:
        raise SystemExit(f"{len(result.failures)} articles failed: {result.failures[0]}")
    docs = result.documents
    return group_signatures([d.id for d in docs], [d.dedup_signature for d in docs], config.duplicates)


def pair_scores(predicted: set, gold: set) -> tuple[float, float, float]:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(pred: list, gold: list) -> tuple[float, float, float]:
    pc, gc = defaultdict(set), defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold)):
        pc[p].add(i)
        gc[g].add(i)
    precision = sum(len(pc[pred[i]] & gc[gold[i]]) / len(pc[pred[i]]) for i in range(len(pred))) / len(pred)
    recall = sum(len(pc[pred[i]] & gc[gold[i]]) / len(gc[gold[i]]) for i in range(len(pred))) / len(pred)
    return precision, recall, 2 * precision * recall / (precision + recall)


def ari(pred: list, gold: list) -> float:
    joint = sum(comb(v, 2) for v in Counter(zip(pred, gold)).values())
    a = sum(comb(v, 2) for v in Counter(pred).values())
    b = sum(comb(v, 2) for v in Counter(gold).values())
    expected = a * b / comb(len(pred), 2)
    return (joint - expected) / ((a + b) / 2 - expected)


def eval_bbc(data: Path, config: Config, sample: int) -> dict:
    rows = load(data / "bbc-news" / "articles.jsonl.gz")
    g = group([(r["id"], r["text"], r["title"]) for r in rows], config)
    by_id = {r["id"]: r for r in rows}
    gold = defaultdict(list)
    for r in rows:
        if r["exact_dup_group"] is not None:
            gold[r["exact_dup_group"]].append(r["id"])
    gold_pairs = {tuple(sorted(p)) for ms in gold.values() for p in itertools.combinations(ms, 2)}
    found = defaultdict(list)
    for i, key in zip(g.ids, g.exact_key):
        if key is not None:
            found[key].append(i)
    found_pairs = {tuple(sorted(p)) for ms in found.values() for p in itertools.combinations(ms, 2)}
    p, r, f = pair_scores(found_pairs, gold_pairs)
    near = defaultdict(list)
    for i, grp in zip(g.ids, g.near_group):
        near[grp].append(i)
    extra = [ms for ms in near.values() if len(ms) > 1 and len({g.exact_key[g.ids.index(m)] or m for m in ms}) > 1]
    print(f"bbc-news: {len(rows)} articles, {len(gold)} gold exact groups ({len(gold_pairs)} pairs)")
    print(f"  exact duplicates: precision {p:.3f} recall {r:.3f} ({len(found)} groups found)")
    print(f"  near-duplicate groups beyond exact copies: {len(extra)}")
    position = {i: k for k, i in enumerate(g.ids)}
    for ms in extra[:sample]:
        a, b = ms[0], next(m for m in ms if (g.exact_key[position[m]] or m) != (g.exact_key[position[ms[0]]] or ms[0]))
        sim = g.near_similarity.get((min(position[a], position[b]), max(position[a], position[b])))
        print(f"    {a} ~ {b} (estimated Jaccard {sim}): {by_id[a]['title']!r} / {by_id[b]['title']!r}")
    return {"exact_precision": p, "exact_recall": r, "extra_near_groups": len(extra)}


def eval_ecb(data: Path, config: Config) -> dict:
    rows = load(data / "ecbplus" / "articles.jsonl.gz")
    g = group([(r["id"], r["text"], None) for r in rows], config)  # line 1 is the title
    by_id = {r["id"]: r for r in rows}
    gold = [by_id[i]["cluster"] for i in g.ids]
    pred = g.event_group
    p, rc, f = bcubed(pred, gold)
    topics = defaultdict(lambda: defaultdict(set))
    for i, grp in zip(g.ids, pred):
        topics[by_id[i]["topic"]][grp].add(by_id[i]["cluster"])
    merged = sorted(t for t, groups in topics.items() if any(len(c) > 1 for c in groups.values()))
    print(f"ecbplus: {len(rows)} articles, {len(set(gold))} events, {len(topics)} topics; {len(set(pred))} groups found")
    print(f"  B-cubed precision {p:.3f} recall {rc:.3f} F1 {f:.3f}; ARI {ari(pred, gold):.3f}")
    print(f"  topics with their two events merged: {len(merged)} of {len(topics)} {merged}")
    print(f"  event candidate pairs: {g.counts['event_candidates']}")
    return {"bcubed_precision": p, "bcubed_recall": rc, "bcubed_f1": f, "ari": ari(pred, gold), "merged_topics": len(merged)}


def eval_semeval(data: Path, config: Config) -> dict:
    pairs = [
        p for p in load(data / "semeval2022-task8-hfl" / "pairs.jsonl.gz")
        if not p["side1_machine_translated_to"] and not p["side2_machine_translated_to"]
    ]
    texts: dict[str, str] = {}
    for p in pairs:
        texts[p["id1"]], texts[p["id2"]] = p["text1"], p["text2"]
    # title and body are run together in this data set: line 1 is the title
    g = group([(i, text, None) for i, text in sorted(texts.items())], config)
    event = dict(zip(g.ids, g.event_group))
    out = {}
    for name, subset in (("English", [p for p in pairs if p["lang1"] == p["lang2"] == "en"]), ("all", pairs)):
        predicted = {p["id"] for p in subset if event[p["id1"]] == event[p["id2"]]}
        gold = {p["id"] for p in subset if p["same_story"]}
        pr, rc, f = pair_scores(predicted, gold)
        print(f"semeval {name}: {len(subset)} pairs, {len(gold)} same_story; precision {pr:.3f} recall {rc:.3f} F1 {f:.3f}")
        out[name] = {"precision": pr, "recall": rc, "f1": f}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("CLEANER_DEV_DATA", "../shared/dev")))
    parser.add_argument("--sample", type=int, default=5, help="extra near duplicates to print")
    parser.add_argument("--only", choices=("bbc", "ecb", "semeval"), action="append")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no dev data at {args.data}: pass --data or set CLEANER_DEV_DATA", file=sys.stderr)
        return 2
    config = Config()
    results = {}
    started = time.perf_counter()
    for name, fn in (("bbc", lambda: eval_bbc(args.data, config, args.sample)), ("ecb", lambda: eval_ecb(args.data, config)),
                     ("semeval", lambda: eval_semeval(args.data, config))):
        if not args.only or name in args.only:
            results[name] = fn()
    print(f"({time.perf_counter() - started:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
