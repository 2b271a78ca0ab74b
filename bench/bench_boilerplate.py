"""Time the boilerplate stage per article on one core, against a baseline timed in the same run.

Articles are the sample articles in raw/ (about 4-8 KB each) plus generated ones of about
5 KB built from their paragraphs with junk lines around them. The process is pinned to one
core; every round times each article once through the stage (``run`` + ``line_actions``) and
once through the baseline (``text.lower()`` and a ``\\w+`` tokenisation: the least any
word-level stage pays), interleaved so that load from other processes hits both alike.
Two stage figures: "in a run" (the stage remembers the shape and lexicon match of every short
line it has read, so a site's furniture is read once per process: each call starts with the
memos that all the other articles left, as for the last article of a batch) and "first sight"
(the memos empty before every call: no line seen before). Reported: medians over rounds of
the per-article median per 5 KB, and the stage/baseline ratio (the figure that stays
comparable on a busy machine).

    python bench/bench_boilerplate.py [--rounds 15] [--inner 20]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.document import Document  # noqa: E402
from cleaner.stages.boilerplate import BoilerplateConfig, line_actions, run  # noqa: E402
from cleaner.stages.boilerplate.shape import SEEN  # noqa: E402

# Generated articles come from four sites. Each site prints the same furniture (menu, share
# line, footer) under every article, as real sites do; bylines, dates, captions, "See also"
# links and teasers change from article to article.
_SITES = ["Harbour News", "The Daily Ledger", "Metro Courier", "Valley Times"]
_FURNITURE_HEAD = ["Home | News | Sport | Business | {site}", "Share this article"]
_FURNITURE_TAIL = ["Leave a Reply", "Your email address will not be published.",
                   "© 2022 {site}. All rights reserved."]
_NAMES = ["Jane Doe", "Carlos Mendes", "Aiko Tanaka", "Peter Novak", "Amara Okafor", "Lena Fischer",
          "Omar Haddad", "Sofia Rossi", "Tom Becker", "Nadia Petrova", "Luis Ortega", "Mei Chen"]
_MONTHS = ["January", "March", "May", "July", "September", "November"]
_TOKEN = re.compile(r"\w+")


def _headline(paragraph: str) -> str:
    return " ".join(paragraph.split()[:7]).rstrip(",.;:").title()


def articles() -> list[str]:
    """The raw sample articles and ~5 KB articles generated from their paragraphs, with junk
    around them: site furniture that recurs, and lines that change with every article."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").glob("*.txt"))]
    paragraphs = [line for text in texts for line in text.split("\n")[2:] if len(line) > 80]
    rng = random.Random(5)
    generated = []
    for n, start in enumerate(range(0, len(paragraphs), 9)):
        body: list[str] = []
        for para in paragraphs[start:] + paragraphs[:start]:
            if sum(len(p) for p in body) > 4200:
                break
            body.append(para)
        site = _SITES[n % len(_SITES)]
        other = _headline(rng.choice(paragraphs))
        head = [line.format(site=site) for line in _FURNITURE_HEAD] + [
            f"By {rng.choice(_NAMES)}, {rng.choice(['Staff Writer', 'Correspondent', 'Reporter'])}",
            f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, 20{rng.randint(15, 24)} "
            f"{rng.randint(1, 12)}:{rng.randint(10, 59)} {rng.choice(['AM', 'PM'])} EST"]
        tail = [f"{rng.choice(_NAMES)} contributed to this report.", f"See also: {other}",
                f"Next Post: {_headline(rng.choice(paragraphs))}"] + \
               [line.format(site=site) for line in _FURNITURE_TAIL]
        lines = [f"{_headline(body[0])} | {site}", ""] + head + [""]
        lines += [x for para in body for x in (_retold(para, rng), "")] + tail
        generated.append("\n".join(lines))
    return texts + generated


def _retold(paragraph: str, rng: random.Random) -> str:
    """The paragraph with two neighbouring inner words swapped: the same shape (its first and
    last words stay), but no article's text repeats another's (only furniture and chance
    bylines should recur across a batch)."""
    words = paragraph.split(" ")
    if len(words) < 4:
        return paragraph
    k = rng.randrange(1, len(words) - 2)
    words[k], words[k + 1] = words[k + 1], words[k]
    return " ".join(words)


def _memos(config: BoilerplateConfig) -> tuple[dict, dict]:
    """The two memos of short lines: their shapes, and their lexicon matches."""
    return SEEN, config.lexicon().memo


def time_stage(text: str, config: BoilerplateConfig, inner: int, seen: tuple[dict, dict]) -> float:
    """Median seconds of one stage call on ``text`` over ``inner`` calls (fresh document each),
    the memos of short lines set to ``seen`` before every call."""
    lines = text.split("\n")
    samples = []
    for _ in range(inner):
        doc = Document("bench", "bench", list(lines), "")
        for memo, state in zip(_memos(config), seen):
            memo.clear()
            memo.update(state)
        start = time.perf_counter()
        run(doc, config)
        line_actions(doc, config)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def seen_elsewhere(texts: list[str], own: int, config: BoilerplateConfig) -> tuple[dict, dict]:
    """The memos after every article but ``texts[own]`` went through the stage: what a batch
    has seen when it reaches that article last."""
    for memo in _memos(config):
        memo.clear()
    for i, text in enumerate(texts):
        if i != own:
            run(Document("bench", "bench", text.split("\n"), ""), config)
    return tuple(dict(memo) for memo in _memos(config))


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
    memos = {"in a run": [seen_elsewhere(texts, i, config) for i in range(len(texts))],
             "first sight": [({}, {}) for _ in texts]}
    for text in texts:  # warm caches (lexicon, regexes) and the interpreter
        time_stage(text, config, 3, ({}, {}))
        time_baseline(text, 3)
    per_5kb: dict[str, list[float]] = {kind: [] for kind in memos}
    ratios: dict[str, list[float]] = {kind: [] for kind in memos}
    base_rounds = []
    for _ in range(args.rounds):
        base = [time_baseline(text, args.inner) for text in texts]
        for kind, seen in memos.items():
            stage = [time_stage(text, config, args.inner, seen[i]) for i, text in enumerate(texts)]
            per_5kb[kind].append(statistics.median(s * 5000 / n for s, n in zip(stage, sizes)))
            ratios[kind].append(statistics.median(s / b for s, b in zip(stage, base)))
        base_rounds.append(statistics.median(b * 5000 / n for b, n in zip(base, sizes)))
    med = statistics.median
    print(f"{len(texts)} articles, {statistics.mean(sizes) / 1000:.1f} KB mean, {pinned}, "
          f"{args.rounds} rounds x {args.inner} calls")
    for kind in memos:
        rounds = per_5kb[kind]
        print(f"stage, {kind:12s} per 5 KB {med(rounds) * 1e6:.0f} µs "
              f"(rounds {min(rounds) * 1e6:.0f}-{max(rounds) * 1e6:.0f}), "
              f"ratio to baseline {med(ratios[kind]):.2f}")
    print(f"baseline per 5 KB {med(base_rounds) * 1e6:.0f} µs (lower() + \\w+ tokens)")


if __name__ == "__main__":
    main()
