"""``cleaner check`` as a CI gate through CliRunner: exit codes, formats, the baseline, HTML pages."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner.cli import main

from .conftest import RAW


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def drop(tmp_path: Path) -> Path:
    """The clean sample articles plus one title-only article (error: empty) and one short one (warning).

    The garbled sample (002) gets its corrupted names put right: its own error is tested above.
    """
    src = tmp_path / "drop"
    shutil.copytree(RAW, src)
    rewrite = src / "002_bff23f48fe3657a5.txt"
    rewrite.write_text(rewrite.read_text("utf-8").replace("Blingen", "Blinken").replace("Clinker", "Blinken"), "utf-8")
    (src / "stub.txt").write_text("Only a headline here\n", encoding="utf-8")
    (src / "brief.txt").write_text("A brief\n\nThe mayor resigned on Monday, the city said.\n", encoding="utf-8")
    return src


def test_sample_articles_fail_only_on_the_garbled_rewrite() -> None:
    result = invoke("check", RAW)
    assert result.exit_code == 1, result.output
    assert "002_bff23f48fe3657a5.txt" in result.output and "garbled" in result.output
    assert "1 error, 0 warnings in 5 articles: FAIL" in result.output
    relaxed = invoke("check", RAW, "--set", "check.garbled=warn")
    assert relaxed.exit_code == 0 and "0 errors, 1 warning in 5 articles: PASS" in relaxed.output


def test_warnings_alone_exit_0(drop: Path) -> None:
    (drop / "stub.txt").unlink()
    result = invoke("check", drop, "-q")
    assert result.exit_code == 0
    assert "brief.txt  [brief]" in result.output and "warn   short" in result.output


def test_an_error_exits_1_with_file_and_reason(drop: Path) -> None:
    result = invoke("check", drop, "-q")
    assert result.exit_code == 1
    assert f"{drop.as_posix()}/stub.txt  [stub]" in result.output
    assert "error  empty        no body text is left after cleaning" in result.output


def test_severity_can_be_lowered_from_the_command_line(drop: Path) -> None:
    assert invoke("check", drop, "-q", "--set", "check.empty=warn").exit_code == 0


def test_language_policy_from_a_config_file(tmp_path: Path) -> None:
    config = tmp_path / "cleaner.toml"
    config.write_text('[check]\nallowed_languages = ["de"]\ngarbled = "off"\n')
    result = invoke("check", RAW, "--config", config, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["exit_code"] == 1 and {v["rule"] for v in data["violations"]} == {"language"}


def test_failed_inputs_exit_123(bad_inputs: Path) -> None:
    assert invoke("check", bad_inputs, "-q").exit_code == 123


def test_the_summary_of_many_failures_points_at_a_file_that_lists_them_all(tmp_path: Path) -> None:
    src = tmp_path / "drop"
    src.mkdir()
    for n in range(12):
        (src / f"empty{n:02d}.txt").write_text("", encoding="utf-8")
    checked = invoke("check", src, "-q")
    assert checked.exit_code == 123 and "... and 2 more (--report FILE lists them all)" in checked.output
    report = tmp_path / "report.json"
    assert f"... and 2 more (see {report})" in invoke("check", src, "-q", "--report", report).output
    cleaned = invoke("clean", src, "-o", tmp_path / "out", "-q")
    assert f"... and 2 more (see {tmp_path / 'out' / 'report.json'})" in cleaned.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "unknown format 'xml'"),
        (["--format", "json", "--format", "text"], "only one --format can go to stdout"),
        (["--format", "junit="], "give a file after '='"),
        (["--write-baseline"], "--write-baseline needs --baseline FILE"),
        (["--baseline", "{tmp}/missing.json"], "does not exist; create it with --write-baseline"),
        (["--set", "check.short=loud"], "check.short must be one of error, warn, off"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    result = invoke("check", RAW, *[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2 and message in result.output


def test_formats_to_files_and_stdout_in_one_run(drop: Path, tmp_path: Path) -> None:
    junit, payload = tmp_path / "out" / "junit.xml", tmp_path / "check.json"
    tmp_path.joinpath("out").mkdir()
    result = invoke("check", drop, "-q", "--format", "github", "--format", f"junit={junit}", "--format", f"json={payload}")
    assert result.exit_code == 1
    assert f"::error file={drop.as_posix()}/stub.txt,title=cleaner check%3A empty::" in result.stdout
    cases = ET.parse(junit).getroot().findall("./testsuite/testcase")
    assert len(cases) == 7 and [c.get("name") for c in cases if c.find("failure") is not None] == ["stub"]
    assert json.loads(payload.read_text())["summary"]["errors"] == 1


def test_baseline_lets_an_old_corpus_pass_and_catches_new_violations(drop: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    written = invoke("check", drop, "--baseline", baseline, "--write-baseline")
    assert written.exit_code == 0 and "wrote 2 violations to the baseline" in written.output
    assert json.loads(baseline.read_text())["summary"]["errors"] == 1
    again = invoke("check", drop, "-q", "--baseline", baseline)
    assert again.exit_code == 0 and again.stdout == ""
    (drop / "stub2.txt").write_text("Another bare headline\n", encoding="utf-8")
    newer = invoke("check", drop, "--baseline", baseline)
    assert newer.exit_code == 1
    assert "stub2.txt" in newer.stdout and "/stub.txt" not in newer.stdout
    assert "1 error, 0 warnings in 8 articles; 2 baselined: FAIL" in newer.stdout


def test_baseline_fingerprints_do_not_depend_on_where_src_is(drop: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    invoke("check", drop, "-q", "--baseline", baseline, "--write-baseline")
    moved = shutil.copytree(drop, tmp_path / "elsewhere" / "drop")
    assert invoke("check", moved, "-q", "--baseline", baseline).exit_code == 0


def test_check_html_page(drop: Path, tmp_path: Path) -> None:
    page = tmp_path / "check.html"
    assert invoke("check", drop, "-q", "--html", page).exit_code == 1
    html = page.read_text()
    assert '<span class="value" data-count="articles">7</span>' in html
    assert '<span class="value" data-count="errors">1</span>' in html and ">FAIL<" in html


def test_clean_html_and_report_command(tmp_path: Path) -> None:
    dst, page = tmp_path / "out", tmp_path / "clean.html"
    assert invoke("clean", RAW, "-o", dst, "-q", "--html", page).exit_code == 0
    assert '<span class="value" data-count="articles">5</span>' in page.read_text()
    later = tmp_path / "later.html"
    result = invoke("report", dst, "--src", RAW, "-o", later)
    assert result.exit_code == 0 and f"wrote {later}" in result.output
    html = later.read_text()
    assert '<span class="value" data-count="articles">5</span>' in html and "changed in SRC" not in html
    last_line = (RAW / "000_45b1623a569b7c72.txt").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert escape(last_line) in html
    assert invoke("report", dst, "-o", later, "-q").exit_code == 0
    assert escape(last_line) not in later.read_text() and "give --src SRC to see every line" in later.read_text()


def test_report_refuses_a_folder_that_is_not_an_output(tmp_path: Path) -> None:
    result = invoke("report", RAW, "-o", tmp_path / "x.html")
    assert result.exit_code == 2 and "holds no manifest.jsonl" in result.output


def test_a_baseline_nested_past_the_recursion_limit_is_a_message(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text("[" * 100_000)
    result = CliRunner().invoke(main, ["check", str(RAW), "--baseline", str(baseline), "-q"])
    assert result.exit_code == 2 and "cannot be read" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
