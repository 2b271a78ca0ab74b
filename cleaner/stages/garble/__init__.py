"""Garble stage: flag corrupted names and machine-rewritten articles, with the evidence.

Spun or machine-translated copies of another outlet's report give themselves away by corrupted
proper names (002 of the samples writes "Blingen" and "Clinker" for Blinken) and odd wording.
Two passes, as the engine runs them:

1. ``run(doc, config)`` in the workers: count the article's capitalised names and measure its
   wording (``extract``); the result goes to ``doc.garble_summary``.
2. ``run_corpus(docs, config)`` on the driver: judge each name against the spellings of its
   article, its event group (``doc.duplicates.event_group``, used when set) and the run
   (``evidence``, over the run's ``counts``, neighbour words from ``contexts``, ``slots`` and
   ``fullnames``; near misses from ``near``, articles read with ``article``), record a
   ``corrupted_name`` finding per occurrence, and set ``doc.garble_score`` and ``doc.garbled``.

The stage reads every line of ``doc.lines`` (boilerplate lines included: a corrupted name in a
caption is still evidence of a rewrite). Legitimate variants (``names``, ``cleaner/data/aliases.toml``
plus ``extra_aliases``) are never flagged; titles that say nothing of who is named ("Mr", "President")
are listed in ``cleaner/data/titles.toml``; those that refer back to a person by surname alone
("Mr", "Ms") in ``cleaner/data/honorifics.toml``.
"""

from __future__ import annotations

import dataclasses
import gc
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from cleaner.bounds import above, at_least, between
from cleaner.document import Document, Finding
from cleaner.stages.garble.counts import DocView
from cleaner.stages.garble.evidence import Suspect, Weights, iter_suspects
from cleaner.stages.garble.extract import GarbleSummary, summarise, text_score
from cleaner.stages.garble.names import VariantJudge

STAGE = "garble"
#: Articles of a language other than English the run needs before their median rare-word share
#: serves as that language's baseline (see ``GarbleConfig.rare_baseline``).
BASELINE_MIN_ARTICLES = 20

CODES: dict[str, str] = {
    "corrupted_name": "a name spelled as a near-miss of a name the article, its event group or the run spells otherwise",
    "garbled_document": "the article's garble score reached the threshold: likely a spun or machine-rewritten copy",
}

__all__ = ["CODES", "STAGE", "GarbleConfig", "GarbleSummary", "run", "run_corpus"]


@dataclass(frozen=True)
class GarbleConfig:
    """Settings of the garble stage.

    threshold: ``doc.garbled`` is ``garble_score >= threshold`` (default 0.5: one corrupted name
        judged more likely than not suffices; text signals alone stay below it, see text_weight).
    name_threshold: a name gets a ``corrupted_name`` finding when its score reaches this (default
        0.5: the evidence says corruption is more likely than a genuine other name).
    extra_aliases: more groups of legitimate variant spellings, e.g. (("Kyiv", "Kiev"),), added
        to the shipped ``cleaner/data/aliases.toml`` (default none).
    text_weight: share of the document score the text-level signals can reach on their own
        (default 0.35: rare wording and doubled words are weak tells; ordinary news shows them too).
    rare_baseline: rare-word share of ordinary English news (default 0.016, the BBC News median;
        words rarer than Zipf 3 in wordfreq count as rare). Only the excess counts. Languages that
        inflect more write more rare word forms (Polish news: a median near 0.1), so for the other
        languages the baseline is the median of the run's articles in the language, and with
        fewer than ``BASELINE_MIN_ARTICLES`` of them their text is not scored at all (its other
        signals, doubled words and determiner clashes, are English patterns).
    rare_scale: excess rare-word share worth one unit of text evidence (default 0.04, about the
        spread between the 50th and 99th percentile of BBC News).
    pattern_weight: text evidence per doubled word ("allies and allies") or determiner clash
        ("the his") per 500 words (default 1.0).
    context_docs: other articles of the run read for a name's neighbour words (default 30: the
        article and its event group are always read; more adds little and costs time).
    evidence_weights: overrides of the log-odds terms in ``evidence.Weights`` by field name
        (default none; the defaults were set on synthetic corruptions of ECB+ and BBC News).
    """

    threshold: float = 0.5
    name_threshold: float = 0.5
    extra_aliases: tuple[tuple[str, ...], ...] = ()
    text_weight: float = 0.35
    rare_baseline: float = 0.016
    rare_scale: float = 0.04
    pattern_weight: float = 1.0
    context_docs: int = 30
    evidence_weights: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra_aliases", tuple(tuple(group) for group in self.extra_aliases))
        between("garble", self, 0.0, 1.0, "threshold", "name_threshold", "text_weight", "rare_baseline")
        above("garble", self, 0.0, "rare_scale")
        at_least("garble", self, 0, "pattern_weight", "context_docs")
        unknown = set(self.evidence_weights) - {f.name for f in dataclasses.fields(Weights)}
        if unknown:
            raise ValueError(f"garble.evidence_weights: unknown term(s) {sorted(unknown)}; "
                             f"known: {[f.name for f in dataclasses.fields(Weights)]}")

    def weights(self) -> Weights:
        return dataclasses.replace(Weights(), **self.evidence_weights)


def run(doc: Document, config: GarbleConfig) -> None:
    """Per-document pass (worker): summarise names and wording into ``doc.garble_summary``."""
    doc.garble_summary = summarise(doc.lines, doc.language)


def run_corpus(docs: list[Document], config: GarbleConfig) -> None:
    """Cross-document pass (driver): record corrupted names and set the garble score and flag.

    Documents without a summary (``run`` not called, e.g. an unreadable file) are summarised here.
    The outcome does not depend on the order of ``docs``.
    """
    by_id = {doc.id: doc for doc in docs}
    views = []
    for doc in docs:
        if doc.garble_summary is None:
            run(doc, config)
        assert doc.garble_summary is not None
        views.append(DocView(doc.id, doc.lines, doc.duplicates.event_group, doc.language, doc.garble_summary))
    baselines = rare_baselines(views, config)
    judge = VariantJudge(config.extra_aliases)
    # The pass makes many small containers and no reference cycles: the collector would only scan
    # the run's documents again and again (a sixth of the pass on 800 articles, more on larger runs).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for view, suspects in iter_suspects(views, judge, config.weights(),
                                             threshold=config.name_threshold, context_docs=config.context_docs):
            _annotate(by_id[view.id], view.summary, suspects, config, baselines.get(view.language))
    finally:
        if collecting:
            gc.enable()


def rare_baselines(views: Sequence[DocView], config: GarbleConfig) -> dict[str, float]:
    """The rare-word baseline of each language of the run: the configured one for English, the
    median of the run's articles for another language with ``BASELINE_MIN_ARTICLES`` or more."""
    shares: defaultdict[str, list[float]] = defaultdict(list)
    for view in views:
        if view.language != "en" and view.summary.text.words:
            shares[view.language].append(view.summary.text.rare_share)
    found = {language: statistics.median(values) for language, values in shares.items()
             if len(values) >= BASELINE_MIN_ARTICLES}
    return {**found, "en": config.rare_baseline}


def _annotate(doc: Document, summary: GarbleSummary, suspects: list[Suspect], config: GarbleConfig,
              rare_baseline: float | None) -> None:
    for suspect in suspects:
        for occ in suspect.occurrences:
            doc.add(Finding(STAGE, "corrupted_name", occ.line, suspect.score, suspect.detail(),
                            {**suspect.evidence, "column": occ.column}))
    name_part = 1.0
    for suspect in suspects:
        name_part *= 1.0 - suspect.score
    name_part = 1.0 - name_part
    text_part = 0.0 if rare_baseline is None else text_score(summary.text, rare_baseline, config.rare_scale,
                                                              config.pattern_weight)
    doc.garble_score = round(1.0 - (1.0 - name_part) * (1.0 - config.text_weight * text_part), 4)
    doc.garbled = doc.garble_score >= config.threshold
    if doc.garbled:
        names = ", ".join(f"{s.token}->{s.suggestion}" for s in suspects) or "none"
        doc.add(Finding(STAGE, "garbled_document", None, doc.garble_score,
                        f"likely a spun or machine-rewritten copy: corrupted names {names}; "
                        f"text-level score {text_part:.2f}",
                        {"name_score": round(name_part, 4), "text_score": round(text_part, 4),
                         "corrupted_names": len(suspects), **summary.text.to_dict()}))
