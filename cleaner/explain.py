"""``cleaner explain``: every line of one article with its verdict and the reasons for it."""

from __future__ import annotations

import shutil
from typing import Any

from cleaner import manifest, selection
from cleaner.config import Config
from cleaner.document import Document
from cleaner.stages import dedup


def line_verdicts(doc: Document, config: Config) -> list[dict[str, Any]]:
    """One entry per raw line: its number, text, verdict (title, keep, drop, mark) and findings."""
    actions = selection.line_actions(doc, config)
    by_line: dict[int, list[dict[str, Any]]] = {}
    for finding in doc.findings:
        if finding.line is not None:
            by_line.setdefault(finding.line, []).append(finding.to_dict())
    entries = []
    for number, text in enumerate(doc.lines, start=1):
        if actions.get(number) == "strip":
            verdict = "drop"
        elif actions.get(number) == "mark":
            verdict = "mark"
        elif number == doc.title_line:
            verdict = "title"
        else:
            verdict = "keep"
        entries.append({"line": number, "verdict": verdict, "text": text, "findings": by_line.get(number, [])})
    return entries


def as_json(doc: Document, config: Config) -> dict[str, Any]:
    text = selection.clean_text(doc, config)
    return {
        "document": manifest.record(doc, config, doc.source_path if selection.is_written(doc, config) else None, text),
        "lines": line_verdicts(doc, config),
    }


def as_text(doc: Document, config: Config, width: int | None = None) -> str:
    """A human-readable listing: a header, document-level findings, then every non-blank line."""
    width = width or shutil.get_terminal_size((100, 20)).columns
    header = [
        f"{doc.id}  ({doc.source_path}{':' + str(doc.record_line) if doc.record_line else ''})",
        f"  language {doc.language} ({doc.language_probability:.2f}), input encoding {doc.input_encoding}"
        + (f", site {doc.site!r}" if doc.site else ""),
    ]
    if doc.garble_score is not None:
        header.append(f"  garble score {doc.garble_score:.2f}{' (GARBLED)' if doc.garbled else ''}")
    for finding in doc.findings:
        if finding.line is None:
            header.append(f"  [{finding.stage}/{finding.code}] {finding.detail}")
    body = []
    text_width = max(20, width - 16)
    for entry in line_verdicts(doc, config):
        if not entry["text"].strip() and not entry["findings"]:
            continue
        text = entry["text"].strip()
        shown = text if len(text) <= text_width else text[: text_width - 1] + "…"
        body.append(f"{entry['line']:>5} {entry['verdict'].upper():<5}  {shown}")
        for finding in entry["findings"]:
            body.append(f"{'':>13}↳ {finding['stage']}/{finding['code']} ({finding['score']:.2f}): {finding['detail']}")
    return "\n".join(header + [""] + body)


def explain_pair(a: Document, b: Document, config: Config, ids: tuple[str, str] | None = None) -> dedup.PairExplanation:
    """Both duplicate levels for two cleaned articles, and which one a copy group would keep.

    ``ids`` names them instead of their ids, which two files read from different folders may share.
    """
    id_a, id_b = ids or (a.id, b.id)
    return dedup.explain_pair(
        selection.duplicates_text(a, config),
        selection.duplicates_text(b, config),
        config.duplicates,
        id_a=id_a,
        id_b=id_b,
        title_a=selection.title(a, config),
        title_b=selection.title(b, config),
        date_a=a.date,
        date_b=b.date,
        garbled_a=a.garbled,
        garbled_b=b.garbled,
        language=a.language if a.language == b.language else None,
        body_a=selection.body_text(a, config),
        body_b=selection.body_text(b, config),
    )
