"""What goes out: the one place that turns the stages' findings into kept text.

Stages only annotate; here their scores meet the thresholds and policies of the config.
"""

from __future__ import annotations

from collections.abc import Collection

from cleaner.config import Config
from cleaner.document import SPACES, Document
from cleaner.stages import boilerplate


def is_written(doc: Document, config: Config) -> bool:
    """Whether the article goes to DST: copies of a kept article are left out unless asked for."""
    return config.output.keep_duplicates or doc.duplicates.duplicate_of is None


# Boilerplate classes that stay in the text duplicates are measured on: a dateline is no notice
# shared across pages but the day an article reports, which keeps two events of one kind apart.
DUPLICATES_KEEP = frozenset({"dateline"})


def line_actions(doc: Document, config: Config, keep: Collection[str] = ()) -> dict[int, str]:
    """Raw line -> "strip" (left out) or "mark" (kept, flagged in the manifest); lines of the
    boilerplate classes in ``keep`` stay."""
    return boilerplate.line_actions(doc, config.boilerplate, keep)


def removed_lines(doc: Document, config: Config, keep: Collection[str] = ()) -> set[int]:
    """Raw line numbers the cleaned text leaves out."""
    return {line for line, action in line_actions(doc, config, keep).items() if action == "strip"}


def title(doc: Document, config: Config) -> str | None:
    """The cleaned title (JSONL title field, or line 1) without its site suffix."""
    if doc.title_field is None and not doc.lines:
        return None
    return boilerplate.clean_title(doc, config.boilerplate).strip(SPACES)


def kept_lines(doc: Document, config: Config, keep: Collection[str] = ()) -> list[str]:
    """The cleaned article's lines: removed lines dropped, blank runs collapsed, ends trimmed.

    Idempotent: cleaning the output again gives the same output.
    """
    removed = removed_lines(doc, config, keep)
    out: list[str] = []
    for number, line in enumerate(doc.lines, start=1):
        if number in removed:
            continue
        if number == doc.title_line:
            line = title(doc, config) or ""
        line = line.rstrip(SPACES) if line.strip() else ""  # whitespace of any kind alone: a blank line
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    if out and doc.title_line is not None:
        out[0] = out[0].strip(SPACES)  # read back as a .txt, the first line is the title, which is stripped
    return out


def duplicates_text(doc: Document, config: Config) -> str:
    """What near copies and events are measured on: the cleaned article, title first (a JSON
    Lines title field too), with its datelines (``DUPLICATES_KEEP``)."""
    lines = kept_lines(doc, config, DUPLICATES_KEEP)
    if doc.title_field is not None and (heading := title(doc, config)) and lines[:1] != [heading]:
        lines.insert(0, heading)  # unless the text opens with it already
    return "\n".join(lines)


def body_text(doc: Document, config: Config) -> str:
    """The cleaned article without its title line: what ``cleaner check`` measures (empty, short)
    and what makes exact copies."""
    lines = kept_lines(doc, config)
    return "\n".join(lines[1:] if doc.title_line is not None else lines)


def clean_text(doc: Document, config: Config) -> str:
    lines = kept_lines(doc, config)
    return "\n".join(lines) + "\n" if lines else ""
