"""Speed of the encoding and language stages against the naive use of the same libraries.

Generates a corpus of realistic ~5 KB articles from the sample articles in raw/ (paragraphs
shuffled across articles with a fixed seed; a share of the articles gets a paragraph turned into
mojibake), then times, on one pinned core, interleaved and repeated:

- encoding: our gated, line-by-line stage vs ``ftfy.fix_text`` on every whole text;
- language: our seeded stage on its sample of the body (500 characters) vs langdetect on the full text;
- detector: the same stage vs the same sample and settings through langdetect's own detector
  (what ``cleaner.stages.array_detector`` replaces: the two give the same answers).

Prints articles per second (median of the rounds) and the speed-up; the two sides run in the
same process and rounds, so the ratio holds on a noisy machine.

    python bench/bench_encoding_language.py --articles 2000 --rounds 5
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import ftfy
from langdetect import DetectorFactory, detect_langs
from langdetect.detector_factory import PROFILES_DIRECTORY

from cleaner.document import Document
from cleaner.reader import split_lines
from cleaner.stages import encoding, language

RAW = Path(__file__).resolve().parent.parent / "raw"


def make_corpus(count: int, seed: int, mojibake_share: float) -> list[str]:
    """``count`` articles of about 5 KB: a title and shuffled paragraphs from the sample articles."""
    rng = random.Random(seed)
    paragraphs = [
        line for path in sorted(RAW.glob("*.txt")) for line in split_lines(path.read_text("utf-8"))[1:] if len(line) > 80
    ]
    titles = [split_lines(path.read_text("utf-8"))[0] for path in sorted(RAW.glob("*.txt"))]
    corpus = []
    for _ in range(count):
        body: list[str] = []
        while sum(len(p) for p in body) < 5000:
            body.append(rng.choice(paragraphs))
        if rng.random() < mojibake_share:
            index = rng.randrange(len(body))
            body[index] = body[index].encode("utf-8").decode("cp1252", errors="replace")
        corpus.append(rng.choice(titles) + "\n\n" + "\n\n".join(body) + "\n")
    return corpus


def time_per_article(function: Callable[[str], object], corpus: list[str]) -> float:
    started = time.perf_counter()
    for text in corpus:
        function(text)
    return (time.perf_counter() - started) / len(corpus)


def our_encoding(text: str) -> None:
    doc = Document(id="b", source_path="b.txt", lines=split_lines(text), raw_sha256="")
    encoding.run(doc, encoding.EncodingConfig())


def naive_encoding(text: str) -> str:
    return ftfy.fix_text(text)


def our_language(text: str) -> None:
    doc = Document(id="b", source_path="b.txt", lines=split_lines(text), raw_sha256="")
    language.run(doc, language.LanguageConfig())


def naive_language(text: str) -> object:
    DetectorFactory.seed = 0
    return detect_langs(text)


def _stock_factory() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0
    return factory


STOCK = _stock_factory()


def stock_detector_language(text: str) -> object:
    config = language.LanguageConfig()
    doc = Document(id="b", source_path="b.txt", lines=split_lines(text), raw_sha256="")
    detector = STOCK.create()
    detector.n_trial = config.trials
    detector.append(language.body_sample(doc, (), config.sample_chars))
    return detector.get_probabilities()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved timing rounds (default 5)")
    parser.add_argument("--naive-sample", type=int, default=300, help="articles timed for the slow naive side")
    parser.add_argument("--core", type=int, default=0, help="CPU core to pin to (default 0)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.core})
    corpus = make_corpus(args.articles, seed=7, mojibake_share=0.1)
    sample = corpus[: args.naive_sample]
    print(f"{len(corpus)} articles, mean {sum(map(len, corpus)) / len(corpus) / 1000:.1f} KB, 10% with mojibake")
    our_language(corpus[0])  # load langdetect profiles before timing
    naive_language(corpus[0])
    pairs = {
        "encoding": (our_encoding, naive_encoding, "ftfy.fix_text on every text"),
        "language": (our_language, naive_language, "langdetect on the full text"),
        "detector": (our_language, stock_detector_language, "langdetect's own detector, same sample"),
    }
    for name, (ours, naive, naive_label) in pairs.items():
        ours_times, naive_times = [], []
        for _ in range(args.rounds):
            ours_times.append(time_per_article(ours, corpus))
            naive_times.append(time_per_article(naive, sample))
        ours_median, naive_median = statistics.median(ours_times), statistics.median(naive_times)
        print(
            f"{name:9} cleaner {1 / ours_median:9,.0f} articles/s ({ours_median * 1e6:7.1f} µs)   "
            f"naive ({naive_label}) {1 / naive_median:7,.0f} articles/s ({naive_median * 1e6:7.1f} µs)   "
            f"speed-up {naive_median / ours_median:5.1f}x"
        )


if __name__ == "__main__":
    main()
