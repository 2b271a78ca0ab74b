"""A small drop of hand-annotated articles that breaks every rule once, for policy, format and HTML tests.

The documents are built directly (no stage runs), with the findings and fields the boilerplate,
garble and duplicates stages record, so the expected outputs do not move when those stages change.
Removed lines come from ``REMOVED`` through a patched ``selection.removed_lines``.
"""

from __future__ import annotations

import hashlib

import pytest

from cleaner import selection
from cleaner.config import Config
from cleaner.document import Document, Finding
from cleaner.pipeline import RunResult
from cleaner.policy import CheckConfig
from cleaner.reader import Failure

PARAGRAPH = (
    "The council approved the new budget on Tuesday after a long debate about school funding, "
    "road repairs and the cost of keeping the public library open on Sundays."
)
CONFIG = Config(check=CheckConfig(allowed_languages=("en",)))
REMOVED: dict[str, set[int]] = {"agency/furniture": {5, 6, 7, 8}}


def doc(doc_id: str, lines: list[str], path: str | None = None, record_line: int | None = None, **fields: object) -> Document:
    text = "\n".join(lines) + "\n"
    document = Document(
        id=doc_id,
        source_path=path or f"{doc_id}.txt",
        lines=list(lines),
        raw_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        record_line=record_line,
        language="en",
        language_probability=0.99,
    )
    for key, value in fields.items():
        setattr(document, key, value)
    return document


def documents() -> list[Document]:
    furniture = doc(
        "agency/furniture",
        ["Budget passes", "", PARAGRAPH, PARAGRAPH, "Photo: City Hall", "By Jane Roe", "See also: the 2023 budget", "Comment below"],
    )
    for line, code in ((5, "caption"), (6, "byline"), (7, "see_also"), (8, "comment_prompt")):
        furniture.add(Finding("boilerplate", code, line, 0.9, f"{code.replace('_', ' ')} line"))
    garbled = doc(
        "garbled-story",
        ["Mayor speaks", "", "Mayor Jhon Smiht said the budget was fair.", PARAGRAPH, "Smiht added that roads come first."],
        garble_score=0.82,
        garbled=True,
    )
    garbled.add(Finding("garble", "corrupted_name", 3, 0.9, "'Jhon Smiht' looks like a corrupted 'John Smith'"))
    garbled.add(Finding("garble", "corrupted_name", 5, 0.8, "'Smiht' looks like a corrupted 'Smith'"))
    mojibake = doc("mojibake-story", ["Cafe reopens", "", "The cafÃƒÂ© on Main Street reopened.", PARAGRAPH])
    mojibake.add(Finding("encoding", "unrepaired", 3, 0.7, "still looks like mojibake"))
    wire = doc(
        "wire-17",
        ["Le conseil vote le budget", "", "Le conseil a voté mardi."],
        path="feed.jsonl",
        record_line=2,
        language="fr",
    )
    wire.add(Finding("duplicates", "seen_before", None, 1.0, "same text as indexed article wire-09 (2024-05-01 drop)"))
    stub = doc("stub", ["Just a headline", ""])
    return sorted([doc("agency/clean-story", ["Budget passes", "", PARAGRAPH, PARAGRAPH]), furniture, garbled, mojibake, wire, stub], key=lambda d: d.id)


def run_result() -> RunResult:
    return RunResult(
        documents=documents(),
        failures=[Failure("broken.txt", "binary file (not text): found NUL bytes")],
        files=6,
    )


@pytest.fixture
def fixture_removals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Removed lines as the boilerplate stage would choose them, independent of that stage."""
    monkeypatch.setattr(selection, "removed_lines", lambda d, config, keep=(): set(REMOVED.get(d.id, set())))
