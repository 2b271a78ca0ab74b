"""Score the boilerplate stage on labelled page dumps (L3S-GN1 in the dev data).

Line level: precision, recall and F1 of the *article* lines (labels headline, fulltext,
supplemental), pooled over all pages; title_tag lines are left out of the score, the other
labels are boilerplate. Token level: bag-of-words F1 of the kept text against gold_text, per
page, averaged over pages (and pooled). Also a per-class confusion summary: for every class the
stage removed, which gold labels those lines had.

    python bench/eval_boilerplate.py [--data ../shared/dev] [--baseline keep|c4]

Then a negative check: BBC News and ECB+ articles are clean text (title, then paragraphs), so
every line the stage strips from them is a loss; their count by class, and a sample. (ECB+ texts
keep the publication date and time lines of their pages: most of its stripped lines are those
datelines, which the stage strips by design.)

The data is never copied anywhere: this script only reads it and prints numbers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.document import Document  # noqa: E402
from cleaner.stages.boilerplate import STAGE, BoilerplateConfig, line_actions, run  # noqa: E402

ARTICLE = {"headline", "fulltext", "supplemental"}
IGNORED = {"title_tag"}
_TOKEN = re.compile(r"\w+")


def load_pages(data: Path) -> list[dict]:
    path = data / "l3s-gn1" / "pages.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def stage_kept(page: dict, config: BoilerplateConfig) -> tuple[list[bool], dict[int, str]]:
    lines = page["page_text"].split("\n")
    doc = Document(page["id"], page["id"], lines, "")
    run(doc, config)
    actions = line_actions(doc, config)
    best: dict[int, tuple[float, str]] = {}
    for f in doc.findings_of(STAGE):
        if f.line is not None and f.score >= best.get(f.line, (-1.0, ""))[0]:
            best[f.line] = (f.score, f.code)
    kept = [actions.get(i + 1) != "strip" for i in range(len(lines))]
    classes = {i: best[i + 1][1] for i in range(len(lines)) if not kept[i]}
    return kept, classes


_C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")


def c4_kept(page: dict) -> list[bool]:
    """The C4 line rules (terminal punctuation, 3+ words, no javascript/policy lines)."""
    kept = []
    for line in page["page_text"].split("\n"):
        text = line.strip()
        low = text.lower()
        kept.append(text.endswith((".", "!", "?", '"')) and len(text.split()) >= 3
                    and "javascript" not in low and not any(p in low for p in _C4_POLICY))
    return kept


def token_f1(kept_text: str, gold_text: str) -> tuple[float, int, int, int]:
    pred = Counter(_TOKEN.findall(kept_text.lower()))
    gold = Counter(_TOKEN.findall(gold_text.lower()))
    overlap = sum((pred & gold).values())
    n_pred, n_gold = sum(pred.values()), sum(gold.values())
    if n_pred == 0 and n_gold == 0:
        return 1.0, 0, 0, 0
    p = overlap / n_pred if n_pred else 0.0
    r = overlap / n_gold if n_gold else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), overlap, n_pred, n_gold


def evaluate(pages: list[dict], baseline: str | None, config: BoilerplateConfig) -> dict:
    tp = fp = fn = tn = 0
    page_f1s = []
    tok_overlap = tok_pred = tok_gold = 0
    confusion: dict[str, Counter] = defaultdict(Counter)
    kept_by_label: dict[str, Counter] = defaultdict(Counter)
    for page in pages:
        if baseline == "keep":
            kept, classes = [True] * len(page["lines"]), {}
        elif baseline == "c4":
            kept, classes = c4_kept(page), {}
        else:
            kept, classes = stage_kept(page, config)
        for i, record in enumerate(page["lines"]):
            label = record["label"]
            kept_by_label[label]["kept" if kept[i] else "removed"] += 1
            confusion[classes.get(i, "(kept)") if not kept[i] else "(kept)"][label] += 1
            if label in IGNORED or not record["text"].strip():
                continue
            article = label in ARTICLE
            if kept[i] and article:
                tp += 1
            elif kept[i]:
                fp += 1
            elif article:
                fn += 1
            else:
                tn += 1
        text = "\n".join(r["text"] for i, r in enumerate(page["lines"]) if kept[i] and r["label"] not in IGNORED)
        f1, overlap, n_pred, n_gold = token_f1(text, page["gold_text"])
        page_f1s.append(f1)
        tok_overlap, tok_pred, tok_gold = tok_overlap + overlap, tok_pred + n_pred, tok_gold + n_gold
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    tp_ = tok_overlap / tok_pred if tok_pred else 0.0
    tr_ = tok_overlap / tok_gold if tok_gold else 0.0
    return {
        "pages": len(pages),
        "line_precision": precision,
        "line_recall": recall,
        "line_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "token_f1_mean": sum(page_f1s) / len(page_f1s) if page_f1s else 0.0,
        "token_f1_pooled": 2 * tp_ * tr_ / (tp_ + tr_) if tp_ + tr_ else 0.0,
        "confusion": {k: dict(v) for k, v in sorted(confusion.items())},
        "kept_by_label": {k: dict(v) for k, v in sorted(kept_by_label.items())},
    }


#: Clean article texts (title, then paragraphs): every line the stage strips from them is a loss.
CLEAN_SETS = {"BBC News": "bbc-news/articles.jsonl.gz", "ECB+": "ecbplus/articles.jsonl.gz"}


def clean_article_losses(path: Path, config: BoilerplateConfig, sample: int = 8) -> tuple[int, Counter[str], list[str]]:
    """Stripped lines of clean articles (every stripped line is a loss): non-blank lines
    read, stripped lines by class, a sample of them."""
    read, by_class, examples = 0, Counter(), []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            lines = record["text"].split("\n")
            doc = Document(record["id"], record["id"], lines, "")
            run(doc, config)
            read += sum(1 for text in lines if text.strip())
            codes = {f.line: f.code for f in sorted(doc.findings_of(STAGE), key=lambda f: f.score)}
            for number, action in sorted(line_actions(doc, config).items()):
                if action == "strip":
                    by_class[codes.get(number, "?")] += 1
                    if len(examples) < sample and by_class[codes.get(number, "?")] == 1:
                        examples.append(f"{record['id']}:{number} {codes.get(number)}: {lines[number - 1].strip()[:90]}")
    return read, by_class, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = os.environ.get("CLEANER_DEV_DATA", "../shared/dev")
    parser.add_argument("--data", type=Path, default=Path(default), help="dev data folder (default %(default)s)")
    parser.add_argument("--baseline", choices=("keep", "c4"), help="score a baseline instead of the stage")
    parser.add_argument("--policy", action="append", default=[], metavar="CLASS=ACTION",
                        help="override a class's action, e.g. byline=keep (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args()
    policy = dict(BoilerplateConfig().policy)
    for item in args.policy:
        code, _, action = item.partition("=")
        policy[code] = action
    config = BoilerplateConfig(protect_title=False, policy=policy)
    result = evaluate(load_pages(args.data), args.baseline, config)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
        return
    print(f"pages {result['pages']}  line P {result['line_precision']:.3f}  R {result['line_recall']:.3f}  "
          f"F1 {result['line_f1']:.3f}  token F1 {result['token_f1_mean']:.3f} (pooled {result['token_f1_pooled']:.3f})")
    labels = sorted({label for row in result["confusion"].values() for label in row})
    print(f"{'class':16}" + "".join(f"{label[:11]:>12}" for label in labels))
    for code, row in result["confusion"].items():
        print(f"{code:16}" + "".join(f"{row.get(label, 0):>12}" for label in labels))
    if args.baseline is None:
        for name, path in CLEAN_SETS.items():
            read, by_class, examples = clean_article_losses(args.data / path, BoilerplateConfig(policy=policy))
            print(f"clean {name} articles: {sum(by_class.values())} of {read} lines stripped "
                  f"({100 * sum(by_class.values()) / read:.1f} %): " + ", ".join(f"{c} {n}" for c, n in by_class.most_common()))
            for example in examples:
                print("  ", example)


if __name__ == "__main__":
    main()
