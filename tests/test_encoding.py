"""Encoding stage: golden repairs, negative cases untouched, line numbers kept, the gate's coverage."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from ftfy.fixes import uncurl_quotes

from cleaner.document import Document
from cleaner.stages.encoding import EncodingConfig, needs_repair, repair_line, run

GOLDEN = [
    ("The cafÃ© is open", "The café is open"),
    ("He said â€œhelloâ€\x9d to me", "He said “hello” to me"),
    ("It costs Â£5", "It costs £5"),
    ("Caf√© cr√®me √† Z√ºrich, tr√®s √©t√©", "Café crème à Zürich, très été"),
    ("Fish &amp; chips", "Fish & chips"),
    ("ﬁnancial ﬂows", "financial flows"),
]
NEGATIVE = [
    "“Curly quotes” and it’s fine — really…",
    "Zürich, São Paulo, Kraków, Niinistö",
    "Москва и Киев",
    "東京都",
    "Use < and > in HTML; AT&T stays",
    "Price: 5 €, 3 ×, 2 °C",
]


def doc_of(lines: list[str]) -> Document:
    return Document(id="t", source_path="t.txt", lines=list(lines), raw_sha256="")


@pytest.mark.parametrize(("broken", "fixed"), GOLDEN)
def test_golden_repairs(broken: str, fixed: str) -> None:
    doc = doc_of(["Title", broken, ""])
    run(doc, EncodingConfig())
    assert doc.lines == ["Title", fixed, ""]
    [finding] = doc.findings
    assert (finding.stage, finding.code, finding.line) == ("encoding", "repaired", 2)
    assert finding.evidence["before"] == broken and finding.detail


@pytest.mark.parametrize("text", NEGATIVE)
def test_clean_text_is_untouched_and_costs_no_ftfy_call(text: str) -> None:
    doc = doc_of([text])
    run(doc, EncodingConfig())
    assert doc.lines == [text] and doc.findings == []


@pytest.mark.parametrize("text", NEGATIVE[:2])
def test_clean_english_and_latin_text_does_not_pass_the_gate(text: str) -> None:
    assert not needs_repair(text, EncodingConfig())


def test_quotes_are_uncurled_only_on_request() -> None:
    assert repair_line("itâ€™s", EncodingConfig())[0] == "it’s"
    assert repair_line("itâ€™s", EncodingConfig(uncurl_quotes=True))[0] == "it's"


def test_line_count_is_kept_even_with_line_separators() -> None:
    lines = ["a\u2028b cafÃ©", "c\u0085d", "e"]
    doc = doc_of(lines)
    run(doc, EncodingConfig())
    assert len(doc.lines) == 3


def test_unrepairable_mojibake_is_reported() -> None:
    broken = "Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ã Ã Ã ÐÐÐ ÑÑÑ ÂÂÂ"
    doc = doc_of([broken])
    run(doc, EncodingConfig())
    assert "unrepaired" in {f.code for f in doc.findings} or doc.lines[0] != broken


def test_disabled_stage_changes_nothing() -> None:
    doc = doc_of(["The cafÃ© is open"])
    run(doc, EncodingConfig(enabled=False))
    assert doc.lines == ["The cafÃ© is open"] and doc.findings == []


def test_bad_normalization_is_refused() -> None:
    with pytest.raises(ValueError, match="normalization"):
        EncodingConfig(normalization="NFX")


def _stage_output(text: str, config: EncodingConfig) -> str:
    return "\n".join(repair_line(line, config)[0] if needs_repair(line, config) else line for line in text.split("\n"))


def test_ftfy_testcases_pass_through_the_stage(dev_data: Path) -> None:
    """Every case ftfy itself passes still passes through the gated stage; negatives stay as ftfy wants."""
    import ftfy

    config = EncodingConfig()
    cases = [json.loads(line) for line in gzip.open(dev_data / "ftfy-testcases" / "cases.jsonl.gz", "rt")]
    failed = []
    for case in cases:
        if ftfy.fix_text(case["broken"]) != case["fixed"]:
            continue  # ftfy's own known failures
        out = _stage_output(case["broken"], config)
        if uncurl_quotes(out) != uncurl_quotes(case["fixed"]):
            failed.append(case["id"])
    assert failed == []
