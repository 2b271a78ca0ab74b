"""The record every stage annotates: one Document per article, one Finding per decision.

Raw 1-based line numbers are the address of every decision. A stage may rewrite the text of a
line in ``Document.lines`` but never adds, merges or removes one, so a finding's line number
always points into the raw input. Stages annotate; only the writer decides what text goes out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleaner.stages.dedup.signature import DocSignature
    from cleaner.stages.garble.extract import GarbleSummary


# Whitespace trimmed from the ends of lines: everything str.strip() takes but U+0085, a C1
# control that mojibake repair turns into text ("…").
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace() and c != 0x85)


@dataclass(slots=True)
class Finding:
    """One decision by one stage.

    ``line`` is the raw 1-based line number, or ``None`` for a finding about the whole document.
    ``score`` is the stage's confidence or measurement; thresholds that turn scores into actions
    live in the config, not in the stage. ``evidence`` holds JSON-serialisable facts a person
    needs to understand the decision (matched phrase, counts, distances, ...).

    Treat a finding as read-only once made. It is not a frozen dataclass only because those
    cost three times as much to build, and the boilerplate stage makes one per removed line.
    """

    stage: str
    code: str
    line: int | None
    score: float
    detail: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "stage": self.stage,
            "code": self.code,
            "line": self.line,
            "score": round(self.score, 4),
            "detail": self.detail,
        }
        if self.evidence:
            record["evidence"] = self.evidence
        return record


@dataclass(slots=True)
class DuplicateInfo:
    """Where a document sits among the copies and event reports of a run (duplicates stage)."""

    exact_dup_of: str | None = None
    near_dup_group: str | None = None
    duplicate_of: str | None = None
    dup_similarity: float | None = None
    event_group: str | None = None
    event_similarity: float | None = None


@dataclass(slots=True)
class Document:
    """One article: its lines (repaired in place, never added or removed, so raw line numbers
    hold), the hash of its raw bytes, and what every stage found. The raw text itself is not
    kept: nothing reads it, and it was the largest part of a document held for the whole run.

    ``id`` comes from the input (relative path, or ``<file>#<line>`` for a JSON Lines record),
    never from scheduling, so ids and their order are stable across runs and worker counts.
    """

    id: str
    source_path: str
    lines: list[str]
    raw_sha256: str
    input_encoding: str = "utf-8"
    title_field: str | None = None
    source: str | None = None
    date: str | None = None
    record_line: int | None = None
    findings: list[Finding] = field(default_factory=list)
    language: str = "und"
    language_probability: float = 0.0
    site: str | None = None
    garble_score: float | None = None
    garbled: bool | None = None
    garble_summary: GarbleSummary | None = None  # garble stage: per-document part, read by its corpus pass
    duplicates: DuplicateInfo = field(default_factory=DuplicateInfo)
    dedup_signature: DocSignature | None = None  # duplicates stage: per-document part, read by its grouping

    @property
    def title_line(self) -> int | None:
        """Raw line number of the title: line 1 unless the input gave a separate title field."""
        return None if self.title_field is not None or not self.lines else 1

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def findings_of(self, stage: str) -> list[Finding]:
        return [f for f in self.findings if f.stage == stage]
