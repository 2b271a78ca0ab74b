"""Accuracy of the language stage on labelled data (the dev data's README describes the sets).

- semeval2022-task8-hfl/articles_langid: news articles in 10 languages (the stage's real use);
- lingua-testdata: sentences, word pairs and single words in 75 languages, of which langdetect
  knows 55; reported per kind, over the languages langdetect knows, with the share of 'und'.

Accuracy counts 'und' as wrong; precision counts only decided answers, so the two show what
the min_probability / min_letters thresholds trade.

    python bench/eval_language.py --data ../shared/dev
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
from collections import Counter, defaultdict
from pathlib import Path

from langdetect.detector_factory import PROFILES_DIRECTORY

from cleaner.stages.language import UNDETERMINED, LanguageConfig, detect


def records(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def known_languages() -> set[str]:
    return {name.split("-")[0] for name in os.listdir(PROFILES_DIRECTORY)}


def score(pairs: list[tuple[str, str]]) -> str:
    total = len(pairs)
    decided = [(gold, got) for gold, got in pairs if got != UNDETERMINED]
    correct = sum(gold == got for gold, got in decided)
    return (
        f"n={total:6}  accuracy {correct / max(total, 1):.3f}  "
        f"precision {correct / max(len(decided), 1):.3f}  und {1 - len(decided) / max(total, 1):.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = os.environ.get("CLEANER_DEV_DATA", "../shared/dev")
    parser.add_argument("--data", type=Path, default=Path(default), help="dev data folder (default $CLEANER_DEV_DATA, else ../shared/dev)")
    parser.add_argument("--per-kind", type=int, default=3000, help="lingua items per kind, evenly sampled")
    args = parser.parse_args()
    config = LanguageConfig()

    articles = records(args.data / "semeval2022-task8-hfl" / "articles_langid.jsonl.gz")
    pairs = [(r["lang"], detect(r["text"], config)[0]) for r in articles]
    print(f"semeval news articles  {score(pairs)}")
    errors = Counter((gold, got) for gold, got in pairs if gold != got)
    print("  commonest errors:", ", ".join(f"{g}->{o} {n}" for (g, o), n in errors.most_common(5)) or "none")

    known = known_languages()
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for record in records(args.data / "lingua-testdata" / "langid.jsonl.gz"):
        if record["lang"] in known:
            by_kind[record["kind"]].append(record)
    for kind, items in sorted(by_kind.items()):
        step = max(1, len(items) // args.per_kind)
        sample = items[::step][: args.per_kind]
        pairs = [(r["lang"], detect(r["text"], config)[0]) for r in sample]
        print(f"lingua {kind:15} {score(pairs)}")


if __name__ == "__main__":
    main()
