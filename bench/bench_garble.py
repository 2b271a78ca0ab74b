"""Time the garble stage: per-document pass per ~5 KB article, corpus pass against run size.

    python bench/bench_garble.py [--data ../shared/dev] [--repeat 5] [--copies 2,4]

Articles are BBC News texts (read, never copied) joined to about 5 KB each; without the data the
sample articles in raw/ are used. Reports the median over ``--repeat`` runs of the per-document
pass (µs per article, one core) and of the corpus pass, in µs per article and per distinct name:
for growing runs of distinct articles (new names keep arriving), and for the whole run repeated
``--copies`` times under new ids (the same names, more articles), which shows the per-article
term on its own: the time each added article costs once its names are known.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.document import Document  # noqa: E402
from cleaner.stages import garble  # noqa: E402


WORD_RE = re.compile(r"\w+")


def articles(data: Path, size: int = 5000) -> list[str]:
    source = data / "bbc-news/articles.jsonl.gz"
    if source.exists():
        texts = [json.loads(line)["text"] for line in gzip.open(source, "rt")]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "raw").glob("*.txt"))]
    out, current = [], ""
    for text in texts:
        current = f"{current}\n{text}" if current else text
        if len(current) >= size:
            out.append(current[: size + 200])
            current = ""
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("CLEANER_DEV_DATA", "../shared/dev")))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=lambda text: [int(k) for k in text.split(",")], default=[2, 4],
                        help="run the whole run repeated this many times (comma-separated; default 2,4)")
    args = parser.parse_args()
    texts = articles(args.data)
    config = garble.GarbleConfig()
    docs = [Document(id=f"{i:05d}", source_path="", lines=t.split("\n"), raw_sha256="", language="en")
            for i, t in enumerate(texts)]
    garble.run(docs[0], config)  # load the word list once, as a worker does
    timings = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for doc in docs:
            garble.run(doc, config)
        timings.append((time.perf_counter() - start) / len(docs))
    reference = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for text in texts:
            WORD_RE.findall(text.lower())
        reference.append((time.perf_counter() - start) / len(texts))
    size = statistics.mean(len(t) for t in texts)
    print(f"per-document pass: {1e6 * statistics.median(timings):.0f} µs per article "
          f"({len(docs)} articles of {size / 1000:.1f} KB, median of {args.repeat}); for scale, "
          f"lower() + \\w+ tokenising alone takes {1e6 * statistics.median(reference):.0f} µs here")
    def corpus(run: list[Document]) -> float:
        elapsed = []
        for _ in range(args.repeat):
            for doc in run:
                doc.findings.clear()
            start = time.perf_counter()
            garble.run_corpus(run, config)
            elapsed.append(time.perf_counter() - start)
        return statistics.median(elapsed)

    def report(label: str, run: list[Document], elapsed: float) -> None:
        names = len({name for doc in run for name in doc.garble_summary.names})
        print(f"corpus pass: {label}: {len(run)} articles, {names} distinct names: {elapsed:.2f} s "
              f"({1e6 * elapsed / len(run):.0f} µs per article, {1e6 * elapsed / names:.0f} µs per distinct name)")

    for n in (len(docs) // 4, len(docs) // 2, len(docs)):
        whole = corpus(docs[:n])
        report("distinct", docs[:n], whole)
    for copies in args.copies:
        run = [dataclasses.replace(doc, id=f"{doc.id}-{copy}", findings=[])
               for copy in range(copies) for doc in docs]
        elapsed = corpus(run)
        report(f"{copies} copies", run, elapsed)
        print(f"  each added article (same names): {1e6 * (elapsed - whole) / (len(run) - len(docs)):.0f} µs")

if __name__ == "__main__":
    main()
