"""Each output format's exact output on the fixture drop (golden files), and what each must keep."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cleaner import formats, gate
from cleaner.formats import github
from cleaner.reader import Failure

from . import gate_fixture
from .gate_fixture import fixture_removals  # noqa: F401  (pytest fixture)

GOLDEN = Path(__file__).parent / "golden"
FILES = {"text": "check.txt", "json": "check.json", "github": "check.github.txt", "junit": "check.junit.xml"}
pytestmark = pytest.mark.usefixtures("fixture_removals")


def outcome() -> gate.Outcome:
    return gate.evaluate(gate_fixture.run_result(), gate_fixture.CONFIG, "drop")


@pytest.mark.parametrize("name", sorted(FILES))
def test_format_matches_its_golden_file(name: str) -> None:
    rendered = formats.render(name, outcome())
    path = GOLDEN / FILES[name]
    if os.environ.get("CLEANER_UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8"), f"regenerate with CLEANER_UPDATE_GOLDEN=1 if intended: {path.name}"


def test_every_format_has_a_golden_file() -> None:
    assert set(FILES) == set(formats.FORMATS)


def test_json_is_the_documented_schema() -> None:
    data = json.loads(formats.render("json", outcome()))
    assert (data["schema"], data["version"]) == ("cleaner-check", 1)
    assert list(data) == ["schema", "version", "cleaner", "src", "exit_code", "summary", "rules", "violations", "failures"]
    assert list(data["violations"][0]) == [
        "fingerprint", "rule", "severity", "article", "path", "record_line", "line", "message", "baselined",
    ]
    assert data["exit_code"] == 123 and data["summary"]["errors"] == 4 and data["summary"]["warnings"] == 4


def test_junit_has_one_test_case_per_article_and_per_failed_input() -> None:
    root = ET.fromstring(formats.render("junit", outcome()))
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases][:6] == [d.id for d in gate_fixture.documents()]
    assert len(cases) == 7 and root.get("tests") == "7"
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    assert failed == {"garbled-story", "mojibake-story", "stub", "wire-17"}
    assert root.get("failures") == "4" and root.get("errors") == "1"


def test_baselined_violations_are_counted_not_shown() -> None:
    current = outcome()
    known = gate.baseline_fingerprints(gate.to_json(current))
    quiet_outcome = gate.apply_baseline(current, known)
    text = formats.render("text", quiet_outcome)
    assert "mojibake" not in text and "8 baselined" in text and text.endswith(": FAIL\n")  # still 123: an input failed
    assert not [line for line in formats.render("github", quiet_outcome).splitlines() if "policy" in line or "::warning" in line]
    assert all(v["baselined"] for v in json.loads(formats.render("json", quiet_outcome))["violations"])
    assert ET.fromstring(formats.render("junit", quiet_outcome)).get("failures") == "0"


def test_text_quiet_prints_nothing_when_all_is_well() -> None:
    clean = gate.Outcome(src="drop", articles=(), violations=(), failures=(), severities={})
    assert formats.render("text", clean, quiet=True) == ""
    assert formats.render("text", clean) == "0 errors, 0 warnings in 0 articles: PASS\n"


def test_github_escapes_workflow_command_syntax() -> None:
    line = github._command("error", {"file": "a,b:c.txt", "title": "x"}, "50% done\nnext line\r")
    assert line == "::error file=a%2Cb%3Ac.txt,title=x::50%25 done%0Anext line%0D"


def test_junit_stays_parseable_xml_with_control_characters_in_names_and_text() -> None:
    """A file name may hold any byte but '/' and NUL, and a kept line quoted in a message may hold
    control characters; XML 1.0 has no escape for those, so one would break the whole report."""
    bad = gate.Outcome(
        src="drop", articles=(), violations=(), severities={},
        failures=(Failure("ctl\x01name\x1b.txt", "cannot read \x0b file"),),
    )
    root = ET.fromstring(formats.render("junit", bad))
    case = root.find("./testsuite/testcase")
    assert case.get("name") == "drop/ctl\\x01name\\x1b.txt"
    assert case.find("error").get("message") == "cannot read \\x0b file"
