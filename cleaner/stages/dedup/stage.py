"""Thin adapter: grouping results onto Documents (DuplicateInfo fields + Findings).

Call order on the driver: ``group_documents`` (after the per-document stages), then the garble
stage (it may read event groups), then ``choose_representatives`` (it reads ``doc.garbled``).
"""

from __future__ import annotations

from ...document import Document, Finding
from .config import DuplicatesConfig
from .grouping import group_signatures
from .signature import DocSignature

STAGE = "duplicates"

CODES: dict[str, str] = {
    "near_dup_group": "member of a group of copies (exact or near); evidence lists the members and their similarities",
    "exact_duplicate": "same normalised text as the kept copy named in the evidence",
    "near_duplicate": "near-duplicate copy (estimated shingle Jaccard >= near_threshold) of the kept copy",
    "near_dup_weak_link": "in a copy group but below near_threshold to the kept copy: left out of the group, kept",
    "event_weak_link": "linked to an event group but below event_member_min to its medoid: left alone",
    "seen_before": "repeats an article of an earlier drop recorded in the index",
}

KEEP_RULE = "not garbled, then most complete (longest cleaned text), then earliest id"


def _finding(code: str, score: float, detail: str, evidence: dict) -> Finding:
    return Finding(stage=STAGE, code=code, line=None, score=score, detail=detail, evidence=evidence)


def group_documents(docs: list[Document], sigs: list[DocSignature], config: DuplicatesConfig) -> None:
    """Fill ``doc.duplicates`` group fields deterministically; copies get a ``near_dup_group`` finding.

    ``near_dup_group`` is the smallest id of the copy group, ``event_group`` the id of the event
    group's medoid (the report most similar to the others). ``duplicate_of`` / ``exact_dup_of``
    are left for ``choose_representatives``.
    """
    if len(docs) != len(sigs):
        raise ValueError(f"duplicates: {len(docs)} documents but {len(sigs)} signatures")
    by_id = {d.id: d for d in docs}
    if len(by_id) != len(docs):
        raise ValueError("duplicates: document ids must be unique")
    for doc, sig in zip(docs, sigs):
        doc.dedup_signature = sig  # choose_representatives reads the cleaned length from it
    g = group_signatures([d.id for d in docs], sigs, config)
    members: dict[str, list[int]] = {}
    for k, group in enumerate(g.near_group):
        members.setdefault(group, []).append(k)
    for k, doc_id in enumerate(g.ids):
        info = by_id[doc_id].duplicates
        info.exact_dup_of = info.duplicate_of = info.dup_similarity = None
        info.near_dup_group = g.near_group[k]
        info.event_group = g.event_group[k]
        info.event_similarity = None if g.event_similarity[k] is None else round(g.event_similarity[k], 4)
        if k in g.weak_event_links:
            centre, sim = g.weak_event_links[k]
            by_id[doc_id].add(_finding("event_weak_link", sim, f"similarity {sim:.3f} to event medoid {centre} is below "
                                       f"event_member_min {config.event_member_min}", {"medoid": centre}))
    for group, ks in members.items():
        if len(ks) < 2:
            continue
        for k in ks:
            similar = {}
            for other in ks:
                if other != k:
                    sim = g.near_similarity.get((min(k, other), max(k, other)))
                    similar[g.ids[other]] = None if sim is None else round(sim, 4)
            evidence = {"group": group, "similarity": similar}
            if g.exact_key[k] is not None:
                evidence["exact_set"] = g.exact_key[k]
            by_id[g.ids[k]].add(_finding("near_dup_group", 1.0, f"one of {len(ks)} copies in group {group}", evidence))


def _keep_key(doc: Document) -> tuple:
    """Not garbled first, then the longest cleaned text (its signature's length), then the earliest id."""
    text_length = doc.dedup_signature.length if doc.dedup_signature is not None else 0
    return (doc.garbled is True, -text_length, doc.id)


def choose_representatives(docs: list[Document], config: DuplicatesConfig) -> None:
    """Pick the kept copy of each copy group by the documented rule and mark the others.

    Rule (never processing order): not garbled, then most complete (longest cleaned text), then the
    earliest id. Members whose similarity to the kept copy is below ``near_threshold`` are not
    merged: they leave the group (``near_dup_weak_link``) and are kept.
    Must run after the garble stage and after ``group_documents``.
    """
    groups: dict[str, list[Document]] = {}
    for doc in docs:
        if doc.duplicates.near_dup_group is not None:
            groups.setdefault(doc.duplicates.near_dup_group, []).append(doc)
    for group, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        keep = min(members, key=_keep_key)
        keep_evidence = _group_evidence(keep)
        exact_set = keep_evidence.get("exact_set")
        for doc in sorted(members, key=lambda d: d.id):
            info = doc.duplicates
            if doc is keep:
                info.duplicate_of = info.exact_dup_of = None
                info.dup_similarity = 1.0
                continue
            evidence = _group_evidence(doc)
            same_text = exact_set is not None and evidence.get("exact_set") == exact_set
            sim = 1.0 if same_text else evidence.get("similarity", {}).get(keep.id)
            why = {"kept": keep.id, "rule": KEEP_RULE, "kept_garbled": keep.garbled, "garbled": doc.garbled}
            if same_text:
                info.exact_dup_of = info.duplicate_of = keep.id
                info.dup_similarity = 1.0
                doc.add(_finding("exact_duplicate", 1.0, f"exact copy of {keep.id} (kept: {KEEP_RULE})", why))
            elif sim is not None and sim >= config.near_threshold:
                info.duplicate_of = keep.id
                info.dup_similarity = sim
                doc.add(_finding("near_duplicate", sim, f"near copy of {keep.id}, estimated Jaccard {sim:.2f} "
                                 f"(kept: {KEEP_RULE})", why))
            else:
                info.near_dup_group = doc.id
                info.duplicate_of = None
                info.dup_similarity = sim
                doc.add(_finding("near_dup_weak_link", sim or 0.0, f"similarity to kept copy {keep.id} is "
                                 f"{'unknown' if sim is None else f'{sim:.2f}'}, below {config.near_threshold}: not merged", why))


def _group_evidence(doc: Document) -> dict:
    for finding in reversed(doc.findings):
        if finding.stage == STAGE and finding.code == "near_dup_group":
            return finding.evidence
    return {}
