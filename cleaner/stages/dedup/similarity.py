"""Pairwise similarities used to verify LSH candidates: idf-weighted Jaccard and the time factor."""

from __future__ import annotations

import numpy as np

from .config import DuplicatesConfig
from .features import TimeCues


def bm25_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """BM25 inverse document frequency: near 0 for a feature every document has, log(n) for a unique one."""
    return np.log1p((n_docs - df + 0.5) / (df + 0.5))


def weighted_jaccard(keys_a: np.ndarray, w_a: np.ndarray, keys_b: np.ndarray, w_b: np.ndarray) -> float:
    """sum(min) / sum(max) of two sparse weight vectors given as sorted unique keys + weights."""
    _, ia, ib = np.intersect1d(keys_a, keys_b, assume_unique=True, return_indices=True)
    shared = float(np.minimum(w_a[ia], w_b[ib]).sum())
    union = float(w_a.sum()) + float(w_b.sum()) - shared
    return shared / union if union > 0 else 0.0


def time_factor(a: TimeCues, b: TimeCues, config: DuplicatesConfig) -> float:
    """How much the articles' time cues allow them to report one event: 1 = no objection, 0 = never."""
    factor = 1.0
    if a.date and b.date and abs(a.date - b.date) > config.date_window_days:
        return 0.0
    if a.dateline and b.dateline and abs(a.dateline - b.dateline) > config.date_window_days * config.dateline_window_factor:
        factor *= config.dateline_penalty
    if a.latest_year and b.latest_year and abs(a.latest_year - b.latest_year) >= 2:
        factor *= config.year_penalty
    if a.weekday >= 0 and b.weekday >= 0 and a.weekday != b.weekday:
        factor *= config.weekday_penalty
    return factor


def time_reasons(a: TimeCues, b: TimeCues, config: DuplicatesConfig) -> list[str]:
    """Human-readable reasons behind ``time_factor`` (for explanations)."""
    out = []
    if a.date and b.date and abs(a.date - b.date) > config.date_window_days:
        out.append(f"publication dates {abs(a.date - b.date)} days apart (> {config.date_window_days})")
    if a.dateline and b.dateline and abs(a.dateline - b.dateline) > config.date_window_days * config.dateline_window_factor:
        out.append(f"datelines {abs(a.dateline - b.dateline)} days apart")
    if a.latest_year and b.latest_year and abs(a.latest_year - b.latest_year) >= 2:
        out.append(f"latest years mentioned differ: {a.latest_year} vs {b.latest_year}")
    if a.weekday >= 0 and b.weekday >= 0 and a.weekday != b.weekday:
        out.append("most mentioned weekdays differ")
    return out
