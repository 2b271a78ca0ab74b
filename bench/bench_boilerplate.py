"""Time the boilerplate stage per article on one core, against a baseline timed in the same run.

Articles are the sample articles in raw/ (about 4-8 KB each) plus generated ones of about
5 KB built from their paragraphs with junk lines around them. The process is pinned to one
core; every round times each article once through the stage (``run`` + ``line_actions``) and
once through the baseline (``text.lower()`` and a ``\\w+`` tokenisation: the least any
word-level stage pays), interleaved so that load from other processes hits both alike.
Reported: medians over rounds of the per-article median, per article and per 5 KB, and the
stage/baseline ratio (the figure that stays comparable on a busy machine).

    python bench/bench_boilerplate.py [--rounds 15] [--inner 20]
"""

from __future__ import annotations

import argparse
import os
import re
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
_TOKEN = re.compile(r"\w+")


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


def time_stage(text: str, config: BoilerplateConfig, inner: int) -> float:
    """Median seconds of one stage call on ``text`` over ``inner`` calls (fresh document each)."""
    lines = text.split("\n")
    samples = []
    for _ in range(inner):
        doc = Document("bench", "bench", text, list(lines), "")
        start = time.perf_counter()
        run(doc, config)
        line_actions(doc, config)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def time_baseline(text: str, inner: int) -> float:
    """Median seconds of ``text.lower()`` plus a ``\\w+`` tokenisation over ``inner`` calls."""
    findall = _TOKEN.findall
    samples = []
    for _ in range(inner):
        start = time.perf_counter()
        findall(text.lower())
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def pin_one_core() -> str:
    """Run on one core (the last one this process may use), where the OS allows pinning."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned"
    core = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds (default %(default)s)")
    parser.add_argument("--inner", type=int, default=20, help="calls per article per round (default %(default)s)")
    args = parser.parse_args()
    pinned = pin_one_core()
    config = BoilerplateConfig()
    texts = articles()
    sizes = [len(t.encode("utf-8")) for t in texts]
    for text in texts:  # warm caches (lexicon, regexes) and the interpreter
        time_stage(text, config, 3)
        time_baseline(text, 3)
    stage_rounds, stage_5kb_rounds, base_rounds, ratio_rounds = [], [], [], []
    for _ in range(args.rounds):
        stage, base = [], []
        for text in texts:
            stage.append(time_stage(text, config, args.inner))
            base.append(time_baseline(text, args.inner))
        stage_rounds.append(statistics.median(stage))
        stage_5kb_rounds.append(statistics.median(s * 5000 / n for s, n in zip(stage, sizes)))
        base_rounds.append(statistics.median(base))
        ratio_rounds.append(statistics.median(s / b for s, b in zip(stage, base)))
    med = statistics.median
    print(f"{len(texts)} articles, {statistics.mean(sizes) / 1000:.1f} KB mean, {pinned}, "
          f"{args.rounds} rounds x {args.inner} calls")
    print(f"stage    median per article {med(stage_rounds) * 1e6:.0f} µs "
          f"(rounds {min(stage_rounds) * 1e6:.0f}-{max(stage_rounds) * 1e6:.0f}), "
          f"per 5 KB {med(stage_5kb_rounds) * 1e6:.0f} µs")
    print(f"baseline median per article {med(base_rounds) * 1e6:.0f} µs (lower() + \\w+ tokens)")
    print(f"ratio stage/baseline {med(ratio_rounds):.2f} "
          f"(rounds {min(ratio_rounds):.2f}-{max(ratio_rounds):.2f})")


if __name__ == "__main__":
    main()
