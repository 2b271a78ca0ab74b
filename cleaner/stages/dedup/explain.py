"""Why two articles matched (or not): a pure function over their cleaned texts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from .config import DuplicatesConfig
from .features import WORD, salient, shingle_hashes, text_hashes, time_cues
from .signature import estimate_jaccard, minhash_values
from .similarity import time_factor, time_reasons
from .stage import KEEP_RULE

SHOWN = 12


@dataclass(frozen=True, slots=True)
class PairExplanation:
    """Both levels for one pair. Event similarity here uses static (wordfreq) weights only: in a
    run, grouping also multiplies them by the drop's idf, so its figures differ."""

    id_a: str
    id_b: str
    exact_duplicate: bool
    near_estimated: float
    near_exact: float
    near_duplicate: bool
    shared_shingles: list[str]
    event_estimated: float
    event_exact: float
    time_factor: float
    time_reasons: list[str]
    event_similarity: float
    shared_features: list[tuple[str, float]]
    kept: str
    kept_reason: str
    settings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    def format(self) -> str:
        lines = [
            f"{self.id_a} vs {self.id_b}",
            f"  exact duplicate: {'yes' if self.exact_duplicate else 'no'}",
            f"  near duplicate: {'yes' if self.near_duplicate else 'no'} (shingle Jaccard estimated "
            f"{self.near_estimated:.3f}, exact {self.near_exact:.3f}; threshold {self.settings['near_threshold']})",
        ]
        if self.shared_shingles:
            lines.append("    shared shingles: " + " | ".join(self.shared_shingles))
        lines.append(f"  event features: weighted Jaccard {self.event_exact:.3f} (MinHash estimate of key overlap "
                     f"{self.event_estimated:.3f}) x time factor {self.time_factor:.2f} = {self.event_similarity:.3f}")
        if self.time_reasons:
            lines.append("    time: " + "; ".join(self.time_reasons))
        if self.shared_features:
            lines.append("    shared: " + ", ".join(f"{name} ({w:.1f})" for name, w in self.shared_features))
        lines.append(f"  kept: {self.kept} ({self.kept_reason})")
        return "\n".join(lines)


def _shingles(text: str, size: int) -> dict[int, str]:
    words = WORD.findall(text.lower())
    k = min(size, len(words))
    grams = [" ".join(words[i : i + k]) for i in range(len(words) - k + 1)] if words else []
    hashes = [int(h) for g in grams for h in shingle_hashes(g, size)]
    return dict(zip(hashes, grams))


def explain_pair(
    text_a: str,
    text_b: str,
    config: DuplicatesConfig,
    *,
    id_a: str = "a",
    id_b: str = "b",
    title_a: str | None = None,
    title_b: str | None = None,
    date_a: str | None = None,
    date_b: str | None = None,
    garbled_a: bool | None = None,
    garbled_b: bool | None = None,
    language: str | None = None,
    body_a: str | None = None,
    body_b: str | None = None,
) -> PairExplanation:
    """Explain one pair of cleaned texts at both levels, and which one a copy group would keep.
    ``text_*`` and ``body_*`` as for ``signatures``: exact copies and the keep rule read the bodies."""
    body_a = text_a if body_a is None else body_a
    body_b = text_b if body_b is None else body_b
    exact = text_hashes(body_a)[1] == text_hashes(body_b)[1]
    sh_a, sh_b = shingle_hashes(text_a, config.shingle_size), shingle_hashes(text_b, config.shingle_size)
    union = len(np.union1d(sh_a, sh_b))
    shared_hashes = np.intersect1d(sh_a, sh_b)
    near_exact = len(shared_hashes) / union if union else 0.0
    near_est = estimate_jaccard(minhash_values(sh_a, config.num_perm, config.seed), minhash_values(sh_b, config.num_perm, config.seed))
    names_a = _shingles(text_a, config.shingle_size)
    shared_set = set(shared_hashes.tolist())
    shown = [gram for h, gram in names_a.items() if h in shared_set][:SHOWN]

    feat_a, feat_b = salient(text_a, title_a, language, names=True), salient(text_b, title_b, language, names=True)
    fa, fb = feat_a.as_dict(), feat_b.as_dict()
    shared = {k: min(fa[k], fb[k]) for k in fa.keys() & fb.keys()}
    total = sum(fa.values()) + sum(fb.values()) - sum(shared.values())
    event_exact = sum(shared.values()) / total if total else 0.0
    strong_a = feat_a.keys[feat_a.weights >= config.event_key_min_weight]
    strong_b = feat_b.keys[feat_b.weights >= config.event_key_min_weight]
    event_est = estimate_jaccard(minhash_values(strong_a, config.event_num_perm, config.seed),
                                 minhash_values(strong_b, config.event_num_perm, config.seed))
    ta, tb = time_cues(text_a, title_a, date_a), time_cues(text_b, title_b, date_b)
    factor = time_factor(ta, tb, config)

    rank = {id_a: (garbled_a is True, -len(body_a.strip()), id_a), id_b: (garbled_b is True, -len(body_b.strip()), id_b)}
    kept = min(rank, key=rank.get)
    other = id_b if kept == id_a else id_a
    if rank[kept][0] != rank[other][0]:
        reason = f"{other} is garbled"
    elif rank[kept][1] != rank[other][1]:
        reason = f"longer cleaned text ({-rank[kept][1]} vs {-rank[other][1]} characters)"
    else:
        reason = "same length: earlier id"
    return PairExplanation(
        id_a=id_a,
        id_b=id_b,
        exact_duplicate=exact,
        near_estimated=near_est,
        near_exact=near_exact,
        near_duplicate=exact or near_est >= config.near_threshold,
        shared_shingles=shown,
        event_estimated=event_est,
        event_exact=event_exact,
        time_factor=factor,
        time_reasons=time_reasons(ta, tb, config),
        event_similarity=min(1.0, event_exact * factor),
        shared_features=sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:SHOWN],
        kept=kept,
        kept_reason=f"{reason}; rule: {KEEP_RULE}",
        settings={"near_threshold": config.near_threshold, "event_threshold": config.event_threshold},
    )
