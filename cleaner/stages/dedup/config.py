"""Configuration of the duplicates stage (TOML section ``[duplicates]``)."""

from __future__ import annotations

from dataclasses import dataclass

from ...bounds import at_least, between


@dataclass(frozen=True, slots=True)
class DuplicatesConfig:
    """Every parameter of exact, near-duplicate and same-event grouping, with the reason for its default.

    Exact duplicates
        Two articles whose normalised text (casefolded, whitespace collapsed)
        hashes the same (xxh3-64) are exact copies. No parameter.

    Near-duplicate copies (MinHash over word shingles)
        ``shingle_size`` = 5: word 5-grams. Syndicated copies share almost all 5-grams, different
        outlets' reports of one event share almost none (<= 0.006 on the sample articles), so
        5-grams separate "copy" from "report" cleanly; shorter shingles let common phrases leak in.
        ``num_perm`` = 128 permutations: standard error of the Jaccard estimate
        sqrt(J(1-J)/128) <= 0.045, enough to verify against ``near_threshold``.
        ``bands`` x ``rows`` = 32 x 4 (must multiply to ``num_perm``): two articles become
        candidates when all 4 values of at least one band agree; the S-curve
        1 - (1 - J^4)^32 crosses 1/2 at J ~= 0.42 (the "implied threshold" (1/32)^(1/4)),
        finds 87 % of pairs at J = 0.5, 99 % at 0.6, and almost no pairs below 0.2.
        ``near_threshold`` = 0.5: a candidate links only if its estimated Jaccard is at least this.
        Light rewrites of wire copy (a changed lead, a cut paragraph) stay above 0.5; spun copies
        that rewrite every sentence fall below and are left to the event level.

    Same-event groups (salient features)
        Reports by different outlets share who, what, where and when, not wording. Each article
        gets a weighted set of salient features: capitalised names and name pairs, numbers,
        title terms and rare content words (words of the lead count 1.5 x), each weighted by
        how rare the word is in the language (wordfreq Zipf scale, ``max(0.5, 7 - zipf)``).
        At grouping time the weights are multiplied by a BM25 inverse document frequency over the
        drop, so the cast every report shares (Blinken, Lavrov, Ukraine ...) weighs little and what
        distinguishes one event from another of the same kind weighs much.
        ``event_num_perm`` = 64 and ``event_bands`` x ``event_rows`` = 64 x 1: MinHash LSH over
        the keys of the strong features (static weight >= ``event_key_min_weight``) for candidates.
        Same-event reports share only 5-15 % of those keys, so one row per band:
        1 - (1 - J)^64 finds 96 % of pairs at J = 0.05 (measured on ECB+ dev: 97 % of the pairs
        whose verified similarity passes ``event_threshold``; 32 x 2 found only 60 %).
        ``event_key_min_weight`` = 3.0: only features rarer than Zipf 4 (names, numbers, rare
        words) generate candidates; common words would make huge LSH buckets.
        ``bucket_cap`` = 64: a near-duplicate LSH bucket larger than this links each member to its
        next 64 neighbours only (hundreds of reprints still chain into one candidate set), so the
        candidate count stays linear.
        ``event_bucket_max`` = 16: an event LSH bucket with more members is skipped: a strong
        feature that is the minimum for that many articles is common vocabulary, not an event.
        ``event_min_agree`` = 2: a candidate pair is verified only if at least 2 of its 64 event
        MinHash values agree (with one row per band, a pair found by a single band has an
        estimated key overlap of 1/64). On ECB+ dev this drops no group; on generated articles it
        halves the pairs to verify, the costly step. 1 verifies every candidate.
        ``event_threshold`` = 0.08: verified similarity (weighted Jaccard of the idf-weighted
        features times the time factor, capped at 1) needed for average linkage to merge two
        groups. With the time bonuses below, ECB+ dev keeps the two events of 19 of 21 topics
        apart at 0.08 (18 at 0.075); the sample articles' pair 002/003 (one event) scores 0.086
        and their closest pair of different events 0.060.
        ``event_member_min`` = 0.02: chaining guard; a member whose similarity to its group's
        medoid is below this leaves the group (and gets an ``event_weak_link`` finding).
        Time factor (what tells two earthquakes apart): ``date_window_days`` = 3: two articles
        whose publication dates (doc.date) are further apart never share an event; the same
        window x ``dateline_window_factor`` (9 days) compares dates found in the first lines of
        text: datelines within it multiply the similarity by ``dateline_bonus`` = 1.5 (agreeing
        dates are evidence of one event: ECB+ dev F1 +0.012 at 0.08), datelines
        beyond it by ``dateline_penalty`` = 1.0 (off: on ECB+ dev datelines of one event spread
        over weeks and a 0.5 penalty cost 2 points of F1); ``year_penalty`` = 0.5 when the latest
        years mentioned differ by 2 or more; the same most mentioned weekday multiplies by
        ``weekday_bonus`` = 1.2 (reports of one event name its day: ECB+ dev F1 +0.016 at
        0.08), different ones by ``weekday_penalty`` = 1.0 (off: on ECB+ dev 0.8 cost 0.005 of F1
        and merged one more topic; reports of one event say "on Monday" and, a day later, "on
        Tuesday" for the follow-up).

    What was measured against these defaults and not built, with its figures, is listed in
    ``bench/FINDINGS.md``.

    ``seed`` = 1: seed of the MinHash permutations; signatures made with another seed, number of
    permutations, scheme or library version never mix (the index refuses them).
    ``max_group_pairs`` = 200: groups larger than this skip the all-pairs similarity table in
    findings (evidence stays bounded).
    """

    shingle_size: int = 5
    num_perm: int = 128
    bands: int = 32
    rows: int = 4
    near_threshold: float = 0.5
    seed: int = 1
    event_num_perm: int = 64
    event_bands: int = 64
    event_rows: int = 1
    event_key_min_weight: float = 3.0
    bucket_cap: int = 64
    event_bucket_max: int = 16
    event_min_agree: int = 2
    event_threshold: float = 0.08
    event_member_min: float = 0.02
    date_window_days: int = 3
    dateline_window_factor: int = 3
    dateline_bonus: float = 1.5
    dateline_penalty: float = 1.0
    year_penalty: float = 0.5
    weekday_bonus: float = 1.2
    weekday_penalty: float = 1.0
    max_group_pairs: int = 200

    def __post_init__(self) -> None:
        at_least("duplicates", self, 1, "shingle_size", "num_perm", "bands", "rows", "event_num_perm", "event_bands",
                 "event_rows", "bucket_cap", "event_bucket_max")
        at_least("duplicates", self, 0, "event_min_agree", "date_window_days", "dateline_window_factor",
                 "max_group_pairs", "event_key_min_weight")
        at_least("duplicates", self, 0.0, "dateline_bonus", "dateline_penalty", "year_penalty", "weekday_bonus",
                 "weekday_penalty")  # factors of the similarity: 0 keeps such articles out of one event
        between("duplicates", self, 0, 2**32 - 1, "seed")  # numpy's seed range
        between("duplicates", self, 0.0, 1.0, "near_threshold", "event_threshold", "event_member_min")
        between("duplicates", self, 0, self.event_num_perm, "event_min_agree")  # more would verify no pair
        if self.bands * self.rows != self.num_perm:
            raise ValueError(f"duplicates: bands x rows ({self.bands} x {self.rows}) must equal num_perm ({self.num_perm})")
        if self.event_bands * self.event_rows != self.event_num_perm:
            raise ValueError(
                f"duplicates: event_bands x event_rows ({self.event_bands} x {self.event_rows}) "
                f"must equal event_num_perm ({self.event_num_perm})"
            )
