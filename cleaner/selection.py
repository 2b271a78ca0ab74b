"""What goes out: the one place that turns the stages' findings into kept text.

Stages only annotate; here their scores meet the thresholds and policies of the config.
"""

from __future__ import annotations

from cleaner.config import Config
from cleaner.document import Document


def removed_lines(doc: Document, config: Config) -> set[int]:
    """Raw line numbers the cleaned text leaves out."""
    return set()


def title(doc: Document, config: Config) -> str | None:
    """The cleaned title: the JSONL title field, or line 1 of the text."""
    if doc.title_field is not None:
        return doc.title_field.strip()
    return doc.lines[0].strip() if doc.lines else None


def kept_lines(doc: Document, config: Config) -> list[str]:
    """The cleaned article's lines: removed lines dropped, blank runs collapsed, ends trimmed."""
    removed = removed_lines(doc, config)
    out: list[str] = []
    for number, line in enumerate(doc.lines, start=1):
        if number in removed:
            continue
        if number == doc.title_line:
            line = title(doc, config) or ""
        line = line.rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def clean_text(doc: Document, config: Config) -> str:
    lines = kept_lines(doc, config)
    return "\n".join(lines) + "\n" if lines else ""
