"""The manifest: one JSON record per document, the stable machine-readable account of a run.

Field order is fixed and documented in the README; ``schema`` changes only when a field changes
meaning or disappears (new fields may be added within a version).
"""

from __future__ import annotations

import hashlib
from typing import Any

from cleaner.config import Config
from cleaner.document import Document
from cleaner import selection

SCHEMA_VERSION = 1


def record(doc: Document, config: Config, output_path: str | None, text: str) -> dict[str, Any]:
    """The manifest record of one document whose cleaned text is ``text``.

    ``output_path`` is None when the document was left out of DST.
    """
    actions = selection.line_actions(doc, config)
    dup = doc.duplicates
    return {
        "schema": SCHEMA_VERSION,
        "id": doc.id,
        "source_path": doc.source_path,
        "record_line": doc.record_line,
        "output_path": output_path,
        "raw_sha256": doc.raw_sha256,
        "clean_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "input_encoding": doc.input_encoding,
        "title": selection.title(doc, config),
        "site": doc.site,
        "source": doc.source,
        "date": doc.date,
        "language": doc.language,
        "language_probability": doc.language_probability,
        "lines_raw": len(doc.lines),
        "lines_removed": sorted(line for line, action in actions.items() if action == "strip"),
        "lines_marked": sorted(line for line, action in actions.items() if action == "mark"),
        "encoding_repairs": [f.line for f in doc.findings if f.stage == "encoding" and f.code == "repaired"],
        "garble_score": doc.garble_score,
        "garbled": doc.garbled,
        "exact_dup_of": dup.exact_dup_of,
        "near_dup_group": dup.near_dup_group,
        "duplicate_of": dup.duplicate_of,
        "dup_similarity": dup.dup_similarity,
        "event_group": dup.event_group,
        "event_similarity": dup.event_similarity,
        "findings": [f.to_dict() for f in doc.findings] if config.output.manifest_findings else None,
    }
