"""Similarities used to verify LSH candidates: idf-weighted Jaccard and the time factor.

The time factor weighs both ways: cues that contradict (publication dates or years too far
apart) lower it, cues that agree (datelines within the window, the same weekday named) raise it,
and the product is capped at 1 so a similarity stays a share.

Grouping verifies millions of pairs, so both come in a batch form over arrays (a CSR matrix of
idf-weighted features, one row per document; time cues as integer columns); explanations use
the scalar forms, which follow the same rules.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .config import DuplicatesConfig
from .features import TimeCues

PAIR_CHUNK = 4_096  # pairs verified per batch: bounds the rows gathered at once (~10 MB)


def bm25_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """BM25 inverse document frequency: near 0 for a feature every document has, log(n) for a unique one."""
    return np.log1p((n_docs - df + 0.5) / (df + 0.5))


def weighted_jaccard_pairs(matrix: sp.csr_matrix, totals: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """sum(min) / sum(max) of the rows of each pair (float64[m]); 0 when both rows are empty.

    ``totals`` are the row sums; sum(max) = total_a + total_b - sum(min)."""
    out = np.zeros(len(pairs), dtype=np.float64)
    for start in range(0, len(pairs), PAIR_CHUNK):
        chunk = pairs[start : start + PAIR_CHUNK]
        shared = np.asarray(matrix[chunk[:, 0]].minimum(matrix[chunk[:, 1]]).sum(axis=1), dtype=np.float64).ravel()
        union = totals[chunk[:, 0]] + totals[chunk[:, 1]] - shared
        out[start : start + len(chunk)] = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    return out


def time_columns(cues: list[TimeCues]) -> np.ndarray:
    """int32[n, 4]: date, dateline, latest year, weekday per document (0 / -1 = unknown)."""
    return np.array([(c.date, c.dateline, c.latest_year, c.weekday) for c in cues], dtype=np.int32).reshape(-1, 4)


def time_factor_pairs(cols: np.ndarray, pairs: np.ndarray, config: DuplicatesConfig) -> np.ndarray:
    """``time_factor`` for many pairs at once."""
    a, b = cols[pairs[:, 0]], cols[pairs[:, 1]]
    known = (a > 0) & (b > 0)
    gap = np.abs(a - b)
    factor = np.ones(len(pairs), dtype=np.float64)
    near = gap[:, 1] <= config.date_window_days * config.dateline_window_factor
    factor[known[:, 1]] *= np.where(near[known[:, 1]], config.dateline_bonus, config.dateline_penalty)
    factor[known[:, 2] & (gap[:, 2] >= 2)] *= config.year_penalty
    weekdays = (a[:, 3] >= 0) & (b[:, 3] >= 0)
    same = a[:, 3] == b[:, 3]
    factor[weekdays] *= np.where(same[weekdays], config.weekday_bonus, config.weekday_penalty)
    factor[known[:, 0] & (gap[:, 0] > config.date_window_days)] = 0.0
    return factor


def time_factor(a: TimeCues, b: TimeCues, config: DuplicatesConfig) -> float:
    """How much the articles' time cues allow them to report one event: 0 = never, 1 = no cue
    either way, above 1 where cues agree (the similarity it multiplies is capped at 1)."""
    factor = 1.0
    if a.date and b.date and abs(a.date - b.date) > config.date_window_days:
        return 0.0
    if a.dateline and b.dateline:
        near = abs(a.dateline - b.dateline) <= config.date_window_days * config.dateline_window_factor
        factor *= config.dateline_bonus if near else config.dateline_penalty
    if a.latest_year and b.latest_year and abs(a.latest_year - b.latest_year) >= 2:
        factor *= config.year_penalty
    if a.weekday >= 0 and b.weekday >= 0:
        factor *= config.weekday_bonus if a.weekday == b.weekday else config.weekday_penalty
    return factor


def time_reasons(a: TimeCues, b: TimeCues, config: DuplicatesConfig) -> list[str]:
    """Human-readable reasons behind ``time_factor`` (for explanations)."""
    out = []
    if a.date and b.date and abs(a.date - b.date) > config.date_window_days:
        out.append(f"publication dates {abs(a.date - b.date)} days apart (> {config.date_window_days})")
    if a.dateline and b.dateline:
        window = config.date_window_days * config.dateline_window_factor
        gap = abs(a.dateline - b.dateline)
        out.append(f"datelines {gap} days apart ({'within' if gap <= window else 'beyond'} {window})")
    if a.latest_year and b.latest_year and abs(a.latest_year - b.latest_year) >= 2:
        out.append(f"latest years mentioned differ: {a.latest_year} vs {b.latest_year}")
    if a.weekday >= 0 and b.weekday >= 0:
        out.append("same most mentioned weekday" if a.weekday == b.weekday else "most mentioned weekdays differ")
    return out
