"""Duplicates stage against the labelled dev data (skipped unless CLEANER_DEV_DATA points at it)."""

from __future__ import annotations

import gzip
import itertools
import json
import os
from collections import defaultdict
from pathlib import Path

import pytest

from cleaner.stages.dedup import DuplicatesConfig, group_signatures, signatures

DATA = Path(os.environ.get("CLEANER_DEV_DATA", "")) if os.environ.get("CLEANER_DEV_DATA") else None
BBC = DATA / "bbc-news" / "articles.jsonl.gz" if DATA else None
pytestmark = pytest.mark.skipif(BBC is None or not BBC.is_file(), reason="CLEANER_DEV_DATA not set or bbc-news absent")


def test_bbc_exact_duplicate_groups_are_found_exactly():
    with gzip.open(BBC, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    config = DuplicatesConfig()
    g = group_signatures([r["id"] for r in rows], [signatures(r["text"], r["title"], None, config) for r in rows], config)
    gold, found = defaultdict(list), defaultdict(list)
    for r in rows:
        if r["exact_dup_group"] is not None:
            gold[r["exact_dup_group"]].append(r["id"])
    for doc_id, key in zip(g.ids, g.exact_key):
        if key is not None:
            found[key].append(doc_id)

    def pairs(groups):
        return {tuple(sorted(p)) for ms in groups.values() for p in itertools.combinations(ms, 2)}

    assert pairs(found) == pairs(gold)
