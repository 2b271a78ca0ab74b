"""Time the boilerplate stage per article on one core.

Articles are the sample articles in raw/ (about 4-8 KB each) plus generated ones of about
5 KB built from their paragraphs with junk lines around them; each is classified many times
and the median time per article is reported, then the same per 5 KB of text.

    python bench/bench_boilerplate.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.document import Document  # noqa: E402
from cleaner.stages.boilerplate import BoilerplateConfig, line_actions, run  # noqa: E402

_JUNK_HEAD = ["Home | News | Sport | Business", "By Jane Doe, Staff Writer", "January 5, 2022 10:31 AM EST",
              "Share this article"]
_JUNK_TAIL = ["Reuters contributed to this report.", "Leave a Reply",
              "Your email address will not be published.", "Next Post", "© 2022 Example Media. All rights reserved."]


def articles() -> list[str]:
    """The raw sample articles and ~5 KB synthetic articles made from their paragraphs."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").glob("*.txt"))]
    paragraphs = [line for text in texts for line in text.split("\n")[2:] if len(line) > 80]
    generated = []
    for start in range(0, len(paragraphs), 9):
        body: list[str] = []
        for para in paragraphs[start:] + paragraphs[:start]:
            if sum(len(p) for p in body) > 4300:
                break
            body.append(para)
        lines = ["A generated headline about talks | Example News", ""] + _JUNK_HEAD + [""]
        lines += [x for para in body for x in (para, "")] + _JUNK_TAIL
        generated.append("\n".join(lines))
    return texts + generated


def time_one(text: str, config: BoilerplateConfig, repeat: int) -> float:
    lines = text.split("\n")
    samples = []
    for _ in range(repeat):
        doc = Document("bench", "bench", text, list(lines), "")
        start = time.perf_counter()
        run(doc, config)
        line_actions(doc, config)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=200, help="runs per article (default %(default)s)")
    args = parser.parse_args()
    config = BoilerplateConfig()
    texts = articles()
    time_one(texts[0], config, 20)  # warm the lexicon cache
    per_article, per_5kb = [], []
    for text in texts:
        seconds = time_one(text, config, args.repeat)
        per_article.append(seconds)
        per_5kb.append(seconds * 5000 / len(text.encode("utf-8")))
    print(f"{len(texts)} articles, {statistics.mean(len(t.encode()) for t in texts) / 1000:.1f} KB mean; "
          f"median per article {statistics.median(per_article) * 1e6:.0f} µs, "
          f"median per 5 KB {statistics.median(per_5kb) * 1e6:.0f} µs, worst per 5 KB {max(per_5kb) * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
