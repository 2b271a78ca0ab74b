"""Measure the garble stage on clean real articles with injected corruptions and variants.

    python bench/eval_garble.py [--data ../shared/dev] [--seed 13 | --seed 7,13,99] [--languages] [--mlqe] [--verbose] [--misses N]

Runs ECB+ (with its gold event clusters as event groups, once without groups, and once with the
groups the duplicates stage finds, as the pipeline runs it: ``ecbplus-pipeline``) and BBC News
(no groups, and ``bbc-pipeline``; one article per exact-duplicate group) through ``bench/garble_corruptions.py``, then
the stage, and reports token precision/recall (by corruption kind; real-word look-alikes also split
into those that are themselves names of the uncorrupted run and the rest), document precision/recall/F1,
the false-flag rate on legitimate variants, and the same figures for a simple baseline
(flag capitalised words unknown to wordfreq's English list).

Misspellings already in the sources: the source corpora have typos of their own (a misspelt name
in the original article is a true corruption nobody injected). Which tokens those are is decided
without the stage, by the generator's own definition of a near miss (``source_misspellings``): a
capitalised word of the uncorrupted article unknown to wordfreq's English list, within the
generator's edit reach of a capitalised word that more articles of the run use (as many, when that
word is in the list), and no legitimate variant of it by the generator's definition (a lower bound:
a misspelling that happens to be in the list, such as Malcom, is not counted). ``token_precision`` counts every flag not on an
injection as false; ``token_precision_new`` leaves out the flags on such source misspellings (not
written by the generator). ``clean_flags_per_100_docs`` is the stage's flags on the uncorrupted
run, and ``clean_false_flags_per_100_docs`` those of them not on a source misspelling: the flags
on genuine names the stage would raise on clean text. Document precision is treated the same
way (``doc_precision_new`` leaves out uncorrupted articles holding a source misspelling). ``--mlqe`` adds the Spearman
correlation of the text-level score with human adequacy (da_mean) of MLQE-PE translations.
``--misses N`` prints a sample of N missed corruptions of each kind with the counts the stage
could go on (the original elsewhere in the article and the run) and the words around one of them.
The data is read, never copied.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import wordfreq  # noqa: E402
from garble_corruptions import (  # noqa: E402
    MID_NAME_RE, Article, Generated, Legitimacy, Vocabulary, capitalised_words, deletions, edit_distance, edit_reach,
    fold, generate,
)

from cleaner.document import Document  # noqa: E402
from cleaner.stages import garble  # noqa: E402
from cleaner.stages.dedup import DuplicatesConfig, group_signatures, signatures  # noqa: E402
from cleaner.stages.garble.extract import NAME_RE, summarise, text_score  # noqa: E402


def load(data: Path, dataset: str, groups: bool) -> list[Article]:
    if dataset == "ecbplus":
        rows = [json.loads(line) for line in gzip.open(data / "ecbplus/articles.jsonl.gz", "rt")]
        return [Article(r["id"], r["text"].split("\n"), r["cluster"] if groups else None) for r in rows]
    seen: set[object] = set()
    articles = []
    for line in gzip.open(data / "bbc-news/articles.jsonl.gz", "rt"):
        r = json.loads(line)
        if r.get("exact_dup_group") is not None:
            if r["exact_dup_group"] in seen:
                continue
            seen.add(r["exact_dup_group"])
        articles.append(Article(r["id"], r["text"].split("\n"), None))
    return articles


def run_stage(articles: list[Article], config: garble.GarbleConfig) -> tuple[list[Document], float, float]:
    docs = []
    for a in articles:
        doc = Document(id=a.id, source_path=a.id, lines=list(a.lines),
                       raw_sha256="", language="en")
        doc.duplicates.event_group = a.group
        docs.append(doc)
    start = time.perf_counter()
    for doc in docs:
        garble.run(doc, config)
    per_doc = time.perf_counter() - start
    start = time.perf_counter()
    garble.run_corpus(docs, config)
    return docs, per_doc, time.perf_counter() - start


def baseline_flags(articles: list[Article]) -> tuple[Counter[tuple[str, int, str]], set[str]]:
    """Capitalised words (not first in their line or sentence) unknown to wordfreq's English list."""
    known = wordfreq.get_frequency_dict("en")
    flags: Counter[tuple[str, int, str]] = Counter()
    for a in articles:
        for number, line in enumerate(a.lines, 1):
            for token in NAME_RE.findall(line):
                if not token.isupper() and len(token) > 1 and token.lower() not in known:
                    flags[a.id, number, token] += 1
    return flags, {doc_id for doc_id, _, _ in flags}


def run_names(articles: list[Article]) -> set[str]:
    """Capitalised words the uncorrupted run writes mid-sentence (after a lower-case word or comma)."""
    return {name for a in articles for line in a.lines for name in MID_NAME_RE.findall(line)}


def source_misspellings(articles: list[Article], vocabulary: Vocabulary) -> set[tuple[str, str]]:
    """(article, token) pairs where the uncorrupted article already misspells a name, by the
    generator's definition of a near miss (see the module doc), never by the stage's judgement."""
    legitimacy = Legitimacy()
    docs: Counter[str] = Counter()
    held: dict[str, set[str]] = {}
    for a in articles:
        tokens = {t for t in capitalised_words("\n".join(a.lines)) if len(t) >= 4 and t.isalpha() and not t.isupper()}
        docs.update(tokens)
        held[a.id] = tokens
    index: dict[str, list[str]] = {}
    for name in sorted(docs):
        for key in deletions(fold(name), edit_reach(len(name))):
            index.setdefault(key, []).append(name)
    misspelt: dict[str, bool] = {}
    for token in sorted(docs):
        if token.lower() in vocabulary.known:
            misspelt[token] = False
            continue
        folded = fold(token)
        misspelt[token] = any(
            (docs[name] > docs[token] or docs[name] == docs[token] and name.lower() in vocabulary.known)
            and fold(name) != folded
            and edit_distance(fold(name), folded) <= edit_reach(len(name)) and not legitimacy.legitimate(token, name)
            for key in deletions(folded, 2) for name in index.get(key, ()))
    return {(doc_id, token) for doc_id, tokens in held.items() for token in tokens if misspelt[token]}


def score(gen: Generated, flags: Counter[tuple[str, int, str]], flagged_docs: set[str],
          clean_flags: Counter[tuple[str, int, str]], misspelt: set[tuple[str, str]], names: set[str],
          suggestions: dict[tuple[str, int, str], str] | None = None) -> dict[str, float]:
    """Token and document figures; real-word look-alikes are also split by whether the look-alike
    is itself a name of the uncorrupted run (``names``: Andre for Andrew, Graham for Grantham),
    where telling the corruption from a genuine other name is hardest."""
    truth: Counter[tuple[str, int, str]] = Counter()
    kind_of: dict[tuple[str, int, str], str] = {}
    is_name: dict[tuple[str, int, str], bool] = {}
    variants: Counter[tuple[str, int, str]] = Counter()
    for inj in gen.injections:
        for line in inj.lines:
            key = (inj.doc_id, line, inj.replacement)
            (truth if inj.role == "corrupt" else variants)[key] += 1
            kind_of[key] = inj.kind
            is_name[key] = inj.replacement in names
    hits = flags & truth
    tp = sum(hits.values())
    written = {(i.doc_id, line, i.replacement) for i in gen.injections for line in i.lines}
    pre_existing = Counter({k: n for k, n in flags.items() if k not in written and (k[0], k[2]) in misspelt})
    result: dict[str, float] = {
        "token_precision": tp / max(1, sum(flags.values())),
        "token_precision_new": tp / max(1, sum(flags.values()) - sum(pre_existing.values())),
        "token_recall": tp / max(1, sum(truth.values())),
        "clean_flags_per_100_docs": 100 * sum(clean_flags.values()) / max(1, len(gen.articles)),
        "clean_false_flags_per_100_docs": 100 * sum(n for k, n in clean_flags.items() if (k[0], k[2]) not in misspelt)
        / max(1, len(gen.articles)),
    }
    for kind in ("near_miss", "real_word"):
        total = sum(n for k, n in truth.items() if kind_of[k] == kind)
        found = sum(n for k, n in hits.items() if kind_of[k] == kind)
        result[f"recall_{kind}"] = found / max(1, total)
        result[f"n_{kind}"] = total
    for suffix, wanted in (("name", True), ("other", False)):
        total = sum(n for k, n in truth.items() if kind_of[k] == "real_word" and is_name[k] is wanted)
        found = sum(n for k, n in hits.items() if kind_of[k] == "real_word" and is_name[k] is wanted)
        result[f"recall_real_word_{suffix}"] = found / max(1, total)
        result[f"n_real_word_{suffix}"] = total
    if suggestions is not None:
        originals = {(i.doc_id, line, i.replacement): i.original for i in gen.injections for line in i.lines}
        right = sum(n for k, n in hits.items() if suggestions.get(k) == originals[k])
        result["suggestion_accuracy"] = right / max(1, tp)
    result["variant_false_flags"] = sum((flags & variants).values()) / max(1, sum(variants.values()))
    result["n_variant_tokens"] = sum(variants.values())
    positive = {i.doc_id for i in gen.injections if i.role == "corrupt"}
    variant_docs = {i.doc_id for i in gen.injections if i.role == "variant"}
    doc_tp = len(positive & flagged_docs)
    p = doc_tp / max(1, len(flagged_docs))
    misspelt_docs = {doc_id for doc_id, _ in misspelt}
    p_new = doc_tp / max(1, len(flagged_docs - (misspelt_docs - positive)))
    r = doc_tp / max(1, len(positive))
    result.update(doc_precision=p, doc_recall=r, doc_f1=2 * p * r / max(1e-9, p + r), doc_precision_new=p_new,
                  doc_f1_new=2 * p_new * r / max(1e-9, p_new + r),
                  variant_doc_false_flags=len(variant_docs & flagged_docs) / max(1, len(variant_docs)),
                  n_docs=len(gen.articles), n_corrupt_docs=len(positive), n_variant_docs=len(variant_docs))
    return result


def stage_flags(docs: list[Document]) -> tuple[Counter[tuple[str, int, str]], set[str], dict[tuple[str, int, str], str]]:
    """The stage's corrupted-name flags as (article, line, token) counts, garbled articles, suggestions."""
    flags: Counter[tuple[str, int, str]] = Counter()
    suggestions: dict[tuple[str, int, str], str] = {}
    for doc in docs:
        for f in doc.findings_of("garble"):
            if f.code == "corrupted_name":
                key = (doc.id, f.line, f.evidence["token"])
                flags[key] += 1
                suggestions[key] = f.evidence["suggestion"]
    return flags, {d.id for d in docs if d.garbled}, suggestions


def missed_injections(gen: Generated, flags: Counter[tuple[str, int, str]], limit: int) -> list[str]:
    """A sample of corruptions the stage missed (in some or all occurrences), with what the counts
    could go on: how often the original still stands in the article, in how many other articles of
    the corrupted run each spelling stands, and the words around the first missed occurrence."""
    texts = {a.id: "\n".join(a.lines) for a in gen.articles}
    holders: dict[str, set[str]] = {}
    for doc_id, text in texts.items():
        for word in set(capitalised_words(text)):
            holders.setdefault(word, set()).add(doc_id)
    lines_of = {a.id: a.lines for a in gen.articles}
    out = []
    for inj in gen.injections:
        if inj.role != "corrupt":
            continue
        wanted = Counter((inj.doc_id, line, inj.replacement) for line in inj.lines)
        found = sum((flags & wanted).values())
        if found == sum(wanted.values()):
            continue
        text = texts[inj.doc_id]
        in_article = len(re.findall(rf"(?<![\w'’]){re.escape(inj.original)}(?![^\W_])", text))
        # the first line where fewer occurrences were flagged than written (a line may hold two)
        line = next((n for n in inj.lines if flags[inj.doc_id, n, inj.replacement] < wanted[inj.doc_id, n, inj.replacement]),
                    inj.lines[0])
        raw = lines_of[inj.doc_id][line - 1]
        at = raw.find(inj.replacement)
        out.append(f"{inj.kind:9} {inj.original}->{inj.replacement} {inj.mode} found {found}/{sum(wanted.values())}; "
                   f"original in article {in_article}x, other articles {len(holders.get(inj.original, set()) - {inj.doc_id})}; "
                   f"replacement in other articles {len(holders.get(inj.replacement, set()) - {inj.doc_id})} "
                   f"[{inj.doc_id}:{line}] ...{raw[max(0, at - 40):at + len(inj.replacement) + 40]}...")
    by_kind: dict[str, list[str]] = {}
    for line in sorted(out):
        by_kind.setdefault(line.split()[0], []).append(line)
    rng = random.Random(0)  # the same sample every time, drawn from the whole alphabet
    return [line for kind in sorted(by_kind) for line in sorted(rng.sample(by_kind[kind], min(limit, len(by_kind[kind]))))]


def with_pipeline_groups(articles: list[Article]) -> list[Article]:
    """The articles with the event groups the duplicates stage finds among them (groups of one
    left out), as the pipeline hands them to the garble stage."""
    config = DuplicatesConfig()
    sigs = [signatures("\n".join(a.lines), a.lines[0] if a.lines else None, None, config, language="en")
            for a in articles]
    grouping = group_signatures([a.id for a in articles], sigs, config)
    event = dict(zip(grouping.ids, grouping.event_group))
    sizes = Counter(event.values())
    return [Article(a.id, a.lines, event[a.id] if sizes[event[a.id]] > 1 else None) for a in articles]


GROUPINGS = {"gold": "", "none": " (no groups)", "pipeline": " (groups from the duplicates stage)"}


def evaluate(data: Path, dataset: str, grouping: str, seed: int, vocabulary: Vocabulary,
             misses: int = 0) -> dict[str, object]:
    """``grouping``: "gold" (ECB+ clusters), "none", or "pipeline" (``with_pipeline_groups``)."""
    articles = load(data, dataset, grouping == "gold")
    gen = generate(articles, seed, vocabulary=vocabulary)
    config = garble.GarbleConfig()
    regroup = with_pipeline_groups if grouping == "pipeline" else list
    clean_flags, _, _ = stage_flags(run_stage(regroup(articles), config)[0])
    misspelt = source_misspellings(articles, vocabulary)
    docs, per_doc, corpus = run_stage(regroup(gen.articles), config)
    flags, flagged_docs, suggestions = stage_flags(docs)
    names = run_names(articles)
    stage = score(gen, flags, flagged_docs, clean_flags, misspelt, names, suggestions)
    base = score(gen, *baseline_flags(gen.articles), baseline_flags(articles)[0], misspelt, names)
    injected = Counter({k: 99 for i in gen.injections for k in [(i.doc_id, line, i.replacement) for line in i.lines]
                        if i.role == "corrupt"})
    pre = [(k, suggestions[k]) for k in sorted(flags - injected) if (k[0], k[2]) in misspelt]
    false = [(k, suggestions[k]) for k in sorted(flags - injected) if (k[0], k[2]) not in misspelt]
    return {
        "dataset": dataset + ("" if dataset == "bbc" and grouping == "none" else GROUPINGS[grouping]),
        "stage": stage, "baseline": base, "redraws": dict(gen.redraws),
        "us_per_doc": 1e6 * per_doc / len(docs), "corpus_seconds": corpus,
        "false_flags_sample": [f"{k[0]}:{k[1]} {k[2]}->{s}" for k, s in false[:40]],
        "pre_existing_sample": [f"{k[0]}:{k[1]} {k[2]}->{s}" for k, s in pre[:40]],
        "misses": missed_injections(gen, flags, misses) if misses else [],
    }


def mlqe(data: Path) -> dict[str, float]:
    from scipy.stats import spearmanr

    config = garble.GarbleConfig()
    scores, rare, human = [], [], []
    for line in gzip.open(data / "mlqe-pe/direct_assessments.jsonl.gz", "rt"):
        r = json.loads(line)
        summary = summarise([r["mt"]], "en")
        scores.append(text_score(summary.text, config.rare_baseline, config.rare_scale, config.pattern_weight))
        rare.append(summary.text.rare_share)
        human.append(r["da_mean"])
    return {"n": len(human), "spearman_text_score": float(spearmanr(scores, human).statistic),
            "spearman_rare_share": float(spearmanr(rare, human).statistic)}


def other_languages(data: Path, seeds: list[int], vocabulary: Vocabulary) -> list[str]:
    """The stage on clean articles in other languages (SemEval texts, not machine-translated), one
    run per language. Nothing injected: every flag is a misspelling of the source or a false flag
    (flags per 100 articles, share marked garbled, the most frequent flags). Then near misses
    injected by the generator (no real-word look-alikes: its word list is English): their recall
    over ``seeds``."""
    rows = [json.loads(line) for line in gzip.open(data / "semeval2022-task8-hfl/articles_langid.jsonl.gz", "rt")]
    config = garble.GarbleConfig()

    def run(articles: list[Article], language: str) -> list[Document]:
        docs = [Document(id=a.id, source_path=a.id, lines=list(a.lines), raw_sha256="",
                         language=language) for a in articles]
        for doc in docs:
            garble.run(doc, config)
        garble.run_corpus(docs, config)
        return docs

    lines = []
    for language in sorted({r["lang"] for r in rows}):
        articles = [Article(r["id"], r["text"].split("\n"), None) for r in rows
                    if r["lang"] == language and not r["machine_translated"]]
        if not articles:
            continue
        docs = run(articles, language)
        flags = Counter(f"{f.evidence['token']}->{f.evidence['suggestion']}" for doc in docs for f in doc.findings
                        if f.code == "corrupted_name")
        injected = found = 0
        for seed in seeds:
            gen = generate(articles, seed, real_word_rate=0.0, vocabulary=vocabulary)
            wanted = Counter((i.doc_id, line, i.replacement) for i in gen.injections if i.role == "corrupt" for line in i.lines)
            got = stage_flags(run(gen.articles, language))[0]
            injected, found = injected + sum(wanted.values()), found + sum((got & wanted).values())
        lines.append(f"{language}: {len(docs)} articles, {100 * sum(flags.values()) / len(docs):.1f} flags per 100, "
                     f"{100 * sum(doc.garbled for doc in docs) / len(docs):.1f} % garbled; injected near misses found "
                     f"{found}/{injected} ({found / max(1, injected):.3f}); "
                     + ", ".join(f"{k} {v}" for k, v in sorted(flags.items(), key=lambda kv: (-kv[1], kv[0]))[:6]))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("CLEANER_DEV_DATA", "../shared/dev")))
    parser.add_argument("--seed", default="13",
                        help="generator seed, or several separated by commas: the figures are then the mean "
                             "over the seeds, with the lowest and highest (one seed's draw is a small sample)")
    parser.add_argument("--datasets", default="ecbplus,ecbplus-nogroups,ecbplus-pipeline,bbc,bbc-pipeline")
    parser.add_argument("--mlqe", action="store_true", help="also report the Spearman correlation on MLQE-PE")
    parser.add_argument("--languages", action="store_true",
                        help="also run the stage on clean SemEval articles of each language (nothing injected)")
    parser.add_argument("--verbose", action="store_true", help="print a sample of false flags")
    parser.add_argument("--misses", type=int, default=0, metavar="N",
                        help="print a sample of N missed corruptions of each kind (original->replacement, counts, context)")
    args = parser.parse_args()
    vocabulary = Vocabulary()
    keys = ("token_precision", "token_precision_new", "clean_flags_per_100_docs",
            "clean_false_flags_per_100_docs", "token_recall", "recall_near_miss", "recall_real_word",
            "recall_real_word_name", "recall_real_word_other", "suggestion_accuracy",
            "doc_precision", "doc_precision_new", "doc_recall", "doc_f1", "doc_f1_new", "variant_false_flags", "variant_doc_false_flags")
    seeds = [int(seed) for seed in args.seed.split(",")]
    for name in filter(None, args.datasets.split(",")):
        dataset, _, suffix = name.partition("-")
        grouping = {"nogroups": "none", "pipeline": "pipeline"}.get(suffix, "gold" if dataset == "ecbplus" else "none")
        runs = [evaluate(args.data, dataset, grouping, seed, vocabulary, args.misses) for seed in seeds]
        out = runs[0]
        s, b = out["stage"], out["baseline"]
        print(f"== {out['dataset']}: {s['n_docs']} docs, {s['n_corrupt_docs']} corrupted "
              f"({s['n_near_miss']} near-miss + {s['n_real_word']} real-word tokens, {s['n_real_word_name']} of them "
              f"names of the run), {s['n_variant_docs']} with "
              f"variants ({s['n_variant_tokens']} tokens); redraws {out['redraws']}"
              + (f"; seed {seeds[0]} of {args.seed}" if len(seeds) > 1 else ""))
        if len(seeds) == 1:
            print(f"   {'':24}{'stage':>8}{'baseline':>10}")
            for key in keys:
                print(f"   {key:24}{s.get(key, float('nan')):8.3f}{b.get(key, float('nan')):10.3f}")
        else:
            print(f"   {'':24}{'stage':>8}{'lowest':>8}{'highest':>8}{'baseline':>10}   (over seeds {args.seed})")
            for key in keys:
                values = [run["stage"].get(key, float("nan")) for run in runs]
                base = sum(run["baseline"].get(key, float("nan")) for run in runs) / len(runs)
                print(f"   {key:24}{sum(values) / len(values):8.3f}{min(values):8.3f}{max(values):8.3f}{base:10.3f}")
        print(f"   per-document pass {out['us_per_doc']:.0f} µs/article; corpus pass {out['corpus_seconds']:.2f} s")
        if args.verbose:
            for line in out["false_flags_sample"]:
                print("   false flag:", line)
            for line in out["pre_existing_sample"]:
                print("   source misspelling:", line)
        for line in out["misses"]:
            print("   missed:", line)
    if args.languages:
        print("== clean articles by language (semeval, not machine-translated):")
        for line in other_languages(args.data, seeds, vocabulary):
            print("  ", line)
    if args.mlqe:
        print("== mlqe-pe:", json.dumps({k: round(v, 4) for k, v in mlqe(args.data).items()}))


if __name__ == "__main__":
    main()
