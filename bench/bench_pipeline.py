"""Whole-pipeline speed: time per article for each stage, and articles/s end to end.

Uses the generated ~5 KB articles of bench_encoding_language (sample paragraphs shuffled, 10 %
with mojibake). Per-stage figures are measured in one pinned process, stage by stage over the
same documents (medians of rounds); the end-to-end figure runs ``cleaner clean`` on a folder of
the generated articles with 1 and 2 workers (reading, writing and the corpus stages included),
once as one .txt file per article and once as one JSON Lines file (read in parts: ``reader.parts``).

    python bench/bench_pipeline.py --articles 1000
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_encoding_language import make_corpus

from cleaner import selection
from cleaner.config import Config
from cleaner.document import Document
from cleaner.pipeline import process_corpus
from cleaner.reader import split_lines
from cleaner.stages import boilerplate, encoding, garble, language
from cleaner.writer import write
from cleaner import pipeline

CONFIG = Config()


def _signature(doc: Document) -> None:
    doc.dedup_signature = pipeline.document_signature(doc, CONFIG)


STAGES: list[tuple[str, Callable[[Document], None]]] = [
    ("encoding", lambda d: encoding.run(d, CONFIG.encoding)),
    ("boilerplate", lambda d: boilerplate.run(d, CONFIG.boilerplate)),
    ("language", lambda d: language.run(d, CONFIG.language, selection.removed_lines(d, CONFIG))),
    ("garble", lambda d: garble.run(d, CONFIG.garble)),
    ("signatures", _signature),
]


def documents(corpus: list[str]) -> list[Document]:
    return [
        Document(id=f"a{i:06d}", source_path=f"a{i:06d}.txt", lines=split_lines(t), raw_sha256="")
        for i, t in enumerate(corpus)
    ]


def per_stage(corpus: list[str], rounds: int) -> None:
    timings: dict[str, list[float]] = {name: [] for name, _ in STAGES}
    timings["corpus stages"] = []
    for _ in range(rounds):
        docs = documents(corpus)
        for name, stage in STAGES:
            started = time.perf_counter()
            for doc in docs:
                stage(doc)
            timings[name].append((time.perf_counter() - started) / len(docs))
        started = time.perf_counter()
        process_corpus(docs, CONFIG)
        timings["corpus stages"].append((time.perf_counter() - started) / len(docs))
    total = 0.0
    for name, values in timings.items():
        median = statistics.median(values)
        total += median
        print(f"  {name:14} {median * 1e6:8.0f} µs per article")
    print(f"  {'total':14} {total * 1e6:8.0f} µs per article ({1 / total:,.0f} articles/s on one core)")


def end_to_end(corpus: list[str], workers: int, jsonl: bool) -> float:
    """Seconds to clean and write the corpus as one .txt file per article, or as one JSON Lines file."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        if jsonl:
            with open(src / "drop.jsonl", "w", encoding="utf-8") as f:
                f.writelines(json.dumps({"id": f"a{i:06d}", "text": text}) + "\n" for i, text in enumerate(corpus))
        for i, text in enumerate([] if jsonl else corpus):
            (src / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
        started = time.perf_counter()
        result = pipeline.run(src, CONFIG, workers)
        write(Path(tmp) / "dst", result, CONFIG)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000, help="articles generated (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the per-stage timing (default 3)")
    args = parser.parse_args()
    corpus = make_corpus(args.articles, seed=11, mojibake_share=0.1)
    # Distinct texts: generated articles reuse paragraphs, so give each one its own opening line.
    corpus = [text.replace("\n\n", f"\n\nStory number {i} opens here.\n\n", 1) for i, text in enumerate(corpus)]
    print(f"{len(corpus)} articles, mean {sum(map(len, corpus)) / len(corpus) / 1000:.1f} KB")
    if hasattr(os, "sched_setaffinity"):
        cores = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(cores)})
        print("per stage, one pinned core:")
        per_stage(copy.copy(corpus), args.rounds)
        os.sched_setaffinity(0, cores)
    else:
        per_stage(corpus, args.rounds)
    for jsonl in (False, True):
        for workers in (1, 2):
            seconds = end_to_end(corpus, workers, jsonl)
            shape = "one JSON Lines file" if jsonl else "one file per article"
            print(f"end to end, {shape}, {workers} worker(s): {len(corpus) / seconds:,.0f} articles/s ({seconds:.1f} s)")


if __name__ == "__main__":
    main()
