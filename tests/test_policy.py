"""The check policy: every rule's pass, warn and error paths, None as "not evaluated", the baseline."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path

import pytest

from cleaner import gate, policy, report
from cleaner.config import ConfigError, load_config
from cleaner.document import Document, Finding
from cleaner.policy import CheckConfig, Selected

from .gate_fixture import PARAGRAPH, doc

BODY = (PARAGRAPH, PARAGRAPH)


def selected(body: tuple[str, ...] = BODY, removed: frozenset[int] = frozenset()) -> Selected:
    return Selected(removed=removed, body=body)


def with_finding(document: Document, stage: str, code: str, line: int | None) -> Document:
    document.add(Finding(stage, code, line, 1.0, f"{stage} {code}"))
    return document


def furniture(boilerplate_lines: int) -> tuple[Document, Selected]:
    """Title, blank, two paragraphs and ``boilerplate_lines`` removed boilerplate lines."""
    lines = ["Title", "", PARAGRAPH, PARAGRAPH] + [f"Photo {i}" for i in range(boilerplate_lines)]
    document = doc("d", lines)
    removed = frozenset(range(5, 5 + boilerplate_lines))
    for number in removed:
        with_finding(document, "boilerplate", "caption", number)
    return document, selected(removed=removed)


# Per rule: (a document and selection that break it, one that passes, extra settings).
CASES: dict[str, tuple[tuple[Document, Selected], tuple[Document, Selected], dict[str, object]]] = {
    "language": ((doc("d", ["T"], language="fr"), selected()), (doc("d", ["T"]), selected()), {"allowed_languages": ("en",)}),
    "boilerplate": (furniture(4), furniture(3), {}),  # 4 of 7 non-blank lines > 0.5; 3 of 6 = 0.5 passes
    "garbled": ((doc("d", ["T"], garbled=True, garble_score=0.9), selected()), (doc("d", ["T"], garbled=False, garble_score=0.1), selected()), {}),
    "seen_before": (
        (with_finding(doc("d", ["T"]), "duplicates", "seen_before", None), selected()),
        (with_finding(doc("d", ["T"]), "duplicates", "near_duplicate", None), selected()),
        {},
    ),
    "duplicate": (
        (with_finding(doc("d", ["T"]), "duplicates", "exact_duplicate", None), selected()),
        (with_finding(doc("d", ["T"]), "duplicates", "seen_before", None), selected()),
        {},
    ),
    "mojibake": (
        (with_finding(doc("d", ["T", "", "cafÃƒÂ©"]), "encoding", "unrepaired", 3), selected()),
        (with_finding(doc("d", ["T", "", "cafÃƒÂ©"]), "encoding", "unrepaired", 3), selected(removed=frozenset({3}))),
        {},
    ),
    "empty": ((doc("d", ["T", ""]), selected(body=("", "  "))), (doc("d", ["T", "x"]), selected(body=("x",))), {}),
    "short": ((doc("d", ["T", "x"]), selected(body=("A short body.",))), (doc("d", ["T"]), selected()), {}),
}


def only(rule: str, severity: str, **extra: object) -> CheckConfig:
    """A policy with every rule off except ``rule``."""
    settings: dict[str, object] = {r: "off" for r in policy.RULES} | {rule: severity} | extra
    return CheckConfig(**settings)  # type: ignore[arg-type]


def test_every_rule_has_a_case_a_check_and_a_severity_field() -> None:
    fields = {f.name for f in dataclasses.fields(CheckConfig)}
    assert set(CASES) == set(policy.RULES) == set(policy._CHECKS) and set(policy.RULES) <= fields


@pytest.mark.parametrize("rule", sorted(CASES))
@pytest.mark.parametrize("severity", ["error", "warn"])
def test_rule_reports_a_violation_at_its_severity(rule: str, severity: str) -> None:
    (bad, bad_selected), _, extra = CASES[rule]
    found = policy.evaluate(bad, bad_selected, only(rule, severity, **extra))
    assert [(v.rule, v.severity) for v in found] == [(rule, severity)]
    assert found[0].message and found[0].article == "d"


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_passes_a_good_article(rule: str) -> None:
    _, (good, good_selected), extra = CASES[rule]
    assert policy.evaluate(good, good_selected, only(rule, "error", **extra)) == []


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_set_to_off_reports_nothing(rule: str) -> None:
    (bad, bad_selected), _, extra = CASES[rule]
    assert policy.evaluate(bad, bad_selected, only(rule, "off", **extra)) == []


def test_fields_of_stages_that_did_not_run_are_not_evaluated() -> None:
    untouched = doc("d", ["Title", "", PARAGRAPH, PARAGRAPH])
    assert untouched.garbled is None and untouched.garble_score is None
    config = CheckConfig(**{r: "error" for r in policy.RULES}, allowed_languages=("en",))  # type: ignore[arg-type]
    assert policy.evaluate(untouched, selected(), config) == []


def test_language_rule_is_inactive_without_an_allowed_list_and_und_must_be_listed() -> None:
    undetermined = doc("d", ["T"], language="und")
    assert policy.evaluate(undetermined, selected(), only("language", "error")) == []
    assert policy.evaluate(undetermined, selected(), only("language", "error", allowed_languages=("en",)))
    assert not policy.evaluate(undetermined, selected(), only("language", "error", allowed_languages=("en", "und")))


def test_boilerplate_share_counts_only_removed_boilerplate_lines() -> None:
    document, chosen = furniture(4)
    kept = Selected(removed=frozenset(), body=chosen.body)  # findings but nothing removed: not a violation
    assert policy.evaluate(document, kept, only("boilerplate", "error")) == []
    assert "4 of 7 non-blank lines (57%)" in policy.evaluate(document, chosen, only("boilerplate", "error"))[0].message


def test_mojibake_reports_each_kept_line_with_its_number() -> None:
    document = doc("d", ["T", "Ã©one", "Ã©two", "fine"])
    for line in (2, 3):
        with_finding(document, "encoding", "unrepaired", line)
    found = policy.evaluate(document, selected(removed=frozenset({2})), only("mojibake", "error"))
    assert [(v.line, v.rule) for v in found] == [(3, "mojibake")]


def test_short_leaves_an_empty_body_to_the_empty_rule() -> None:
    found = policy.evaluate(doc("d", ["T"]), selected(body=()), only("short", "error"))
    assert found == []
    assert policy.evaluate(doc("d", ["T"]), selected(body=("x" * 199,)), only("short", "error"))
    assert not policy.evaluate(doc("d", ["T"]), selected(body=("x" * 200,)), only("short", "error"))


def test_fingerprint_survives_moved_lines_but_not_another_article_or_rule() -> None:
    def mojibake_at(doc_id: str, lines: list[str], line: int) -> policy.Violation:
        document = with_finding(doc(doc_id, lines), "encoding", "unrepaired", line)
        return policy.evaluate(document, selected(), only("mojibake", "error"))[0]

    before = mojibake_at("d", ["T", "", "cafÃƒÂ©"], 3)
    moved = mojibake_at("d", ["T", "", "A new paragraph above.", "", "cafÃƒÂ©  "], 5)
    assert before.fingerprint == moved.fingerprint and before.line != moved.line
    assert mojibake_at("e", ["T", "", "cafÃƒÂ©"], 3).fingerprint != before.fingerprint
    assert mojibake_at("d", ["T", "", "naÃƒÂ¯ve"], 3).fingerprint != before.fingerprint


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("check.garbled=fatal", "check.garbled must be one of error, warn, off"),
        ("check.max_boilerplate_share=1.5", "between 0 and 1"),
        ("check.min_body_chars=-1", "0 or more"),
        ("check.nosuch=1", "unknown setting check.nosuch"),
    ],
)
def test_bad_check_settings_are_refused_with_a_reason(override: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(None, [override])


def test_check_section_is_read_from_pyproject(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.cleaner.check]\ngarbled = "warn"\nallowed_languages = ["en", "de"]\n')
    check = load_config(pyproject).check
    assert check.garbled == "warn" and check.allowed_languages == ("en", "de") and check.mojibake == "error"


# --- the baseline ---------------------------------------------------------------------------


def violation(fingerprint: str, severity: str = "error", line: int | None = None) -> policy.Violation:
    return policy.Violation("mojibake", severity, "d", "d.txt", None, line, "m", fingerprint)


def outcome_of(*violations: policy.Violation) -> gate.Outcome:
    return gate.Outcome("src", (gate.Article("d", "d.txt", None),), tuple(violations), (), CheckConfig().severities())


def test_baseline_hides_known_violations_and_keeps_new_ones_failing() -> None:
    known = gate.baseline_fingerprints(gate.to_json(outcome_of(violation("aaa"))))
    later = gate.apply_baseline(outcome_of(violation("aaa"), violation("bbb", line=4)), known)
    assert [(v.fingerprint, v.baselined) for v in later.violations] == [("aaa", True), ("bbb", False)]
    assert later.exit_code == report.EXIT_VIOLATIONS and later.summary()["baselined"] == 1
    assert gate.apply_baseline(outcome_of(violation("aaa")), known).exit_code == report.EXIT_OK


def test_baseline_counts_repeated_fingerprints() -> None:
    known = Counter({"aaa": 1})
    later = gate.apply_baseline(outcome_of(violation("aaa", line=3), violation("aaa", line=9)), known)
    assert [v.baselined for v in later.violations] == [True, False]


def test_warnings_alone_pass_and_failed_inputs_win() -> None:
    assert outcome_of(violation("w", severity="warn")).exit_code == report.EXIT_OK
    failed = dataclasses.replace(outcome_of(violation("e")), failures=(gate.Failure("x.txt", "binary"),))
    assert failed.exit_code == report.EXIT_INPUT_FAILED


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        ("{not json", "cannot be read"),
        ('{"schema": "other", "violations": []}', "not a cleaner check JSON result"),
        ('{"schema": "cleaner-check", "version": 99, "violations": []}', "has version 99"),
    ],
)
def test_unusable_baselines_are_refused(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(gate.BaselineError, match=message):
        gate.load_baseline(path)


def test_baseline_round_trips_through_a_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "baseline.json"
    gate.write_json(path, gate.to_json(outcome_of(violation("aaa"), violation("bbb"))))
    assert gate.load_baseline(path) == Counter({"aaa": 1, "bbb": 1})
    assert json.loads(path.read_text())["summary"]["errors"] == 2
    assert [p.name for p in path.parent.iterdir()] == ["baseline.json"]
