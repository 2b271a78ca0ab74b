"""The command line through click's CliRunner: every command, its help, its exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cleaner import __version__
from cleaner.cli import main

from .conftest import RAW


def invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = invoke(name, "-h")
    assert result.exit_code == 0
    assert "Example" in result.output and main.commands[name].help


def test_clean_writes_mirror_manifest_and_report(tmp_path: Path) -> None:
    dst = tmp_path / "out"
    result = invoke("clean", str(RAW), "-o", str(dst), "--quiet")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in dst.iterdir())
    assert names == sorted([p.name for p in RAW.glob("*.txt")] + ["manifest.jsonl", "report.json"])
    records = [json.loads(line) for line in (dst / "manifest.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == sorted(p.stem for p in RAW.glob("*.txt"))
    assert {r["language"] for r in records} == {"en"}
    report = json.loads((dst / "report.json").read_text())
    assert report["counts"]["documents"] == 5 and report["failures"] == []
    assert str(tmp_path) not in (dst / "report.json").read_text()


def test_clean_is_deterministic_across_worker_counts(tmp_path: Path) -> None:
    outputs = []
    for workers in ("1", "2"):
        dst = tmp_path / f"out{workers}"
        assert invoke("clean", str(RAW), "-o", str(dst), "--workers", workers, "-q").exit_code == 0
        outputs.append({p.name: p.read_bytes() for p in sorted(dst.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]


def test_bad_inputs_exit_123_and_the_rest_is_written(bad_inputs: Path, tmp_path: Path) -> None:
    dst = tmp_path / "out"
    result = invoke("clean", str(bad_inputs), "-o", str(dst))
    assert result.exit_code == 123
    assert "FAILED" in result.output and "binary.txt" in result.output
    assert (dst / "good.txt").read_text() == "A good title\n\nA real paragraph of the article, long enough to read.\n"
    assert (dst / "latin1.txt").read_text(encoding="utf-8").startswith("Café au lait")
    report = json.loads((dst / "report.json").read_text())
    failed = {(f["path"], f["line"]) for f in report["failures"]}
    assert failed == {("binary.txt", None), ("empty.txt", None), ("blank.txt", None), ("feed.jsonl", 2), ("feed.jsonl", 3)}
    assert [s["path"] for s in report["skipped"]] == ["notes.csv"]
    feed = [json.loads(line) for line in (dst / "feed.jsonl").read_text().splitlines()]
    assert [r["id"] for r in feed] == ["a1", "feed.jsonl#4"]
    assert not (dst / ".hidden.txt").exists()


def test_source_is_never_modified(bad_inputs: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in bad_inputs.rglob("*") if p.is_file()}
    invoke("clean", str(bad_inputs), "-o", str(tmp_path / "out"), "-q")
    assert {p: p.read_bytes() for p in bad_inputs.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["clean", "missing-folder", "-o", "x"], "does not exist"),
        (["clean", "{raw}", "-o", "{raw}/out"], "inside the input folder"),
        (["clean", "{raw}", "-o", "x", "--set", "nosuch.key=1"], "unknown section [nosuch]"),
        (["clean", "{raw}", "-o", "x", "--set", "language.seed=abc"], "language.seed must be int"),
        (["clean", "{raw}", "-o", "x", "--set", "language"], "expected section.key=value"),
        (["clean", "{raw}", "-o", "x", "--config", "{missing}"], "does not exist"),
        (["clean", "{raw}", "-o", "x", "--workers", "0"], "0 is not in the range"),
        (["clean", "{raw}"], "Missing option '-o'"),
    ],
)
def test_usage_errors_exit_2_with_a_message(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled = [a.format(raw=RAW, missing=tmp_path / "nope.toml") for a in args]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, filled)
    assert result.exit_code == 2
    assert message in result.output


def test_non_empty_foreign_output_folder_is_refused(tmp_path: Path) -> None:
    dst = tmp_path / "mine"
    dst.mkdir()
    (dst / "precious.txt").write_text("keep me")
    result = CliRunner().invoke(main, ["clean", str(RAW), "-o", str(dst)])
    assert result.exit_code == 2 and "not empty" in result.output
    assert (dst / "precious.txt").read_text() == "keep me"


@pytest.mark.parametrize("command", ["clean", "check"])
def test_a_source_without_articles_is_refused_and_the_previous_output_kept(command: str, tmp_path: Path) -> None:
    # An unfilled or mistyped drop once replaced DST by an empty output, and passed the gate.
    dst = tmp_path / "out"
    invoke("clean", str(RAW), "-o", str(dst), "-q")
    before = sorted(p.name for p in dst.iterdir())
    src = tmp_path / "drop"
    src.mkdir()
    (src / "scan.pdf").write_bytes(b"%PDF-1.4")
    (src / ".hidden.txt").write_text("not read")
    args = [command, str(src)] + (["-o", str(dst)] if command == "clean" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert f"no articles under {src}: no article file (.txt, .jsonl); 1 other file skipped" in result.output
    assert sorted(p.name for p in dst.iterdir()) == before


def test_previous_output_is_replaced_whole(tmp_path: Path) -> None:
    dst = tmp_path / "out"
    invoke("clean", str(RAW), "-o", str(dst), "-q")
    (dst / "stale.txt").write_text("from an older run")
    assert invoke("clean", str(RAW), "-o", str(dst), "-q").exit_code == 0
    assert not (dst / "stale.txt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_config_file_and_set_override(tmp_path: Path) -> None:
    config = tmp_path / "cleaner.toml"
    config.write_text("[language]\nmin_letters = 100000\n")
    dst = tmp_path / "out"
    assert invoke("clean", str(RAW), "-o", str(dst), "--config", str(config), "-q").exit_code == 0
    records = [json.loads(line) for line in (dst / "manifest.jsonl").read_text().splitlines()]
    assert {r["language"] for r in records} == {"und"}
    result = invoke("clean", str(RAW), "-o", str(dst), "--config", str(config), "--set", "language.min_letters=20", "-q")
    assert result.exit_code == 0
    records = [json.loads(line) for line in (dst / "manifest.jsonl").read_text().splitlines()]
    assert {r["language"] for r in records} == {"en"}


def test_pyproject_tool_cleaner_section_is_read(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n\n[tool.cleaner.language]\nmin_letters = 100000\n')
    result = invoke("explain", str(RAW / "000_45b1623a569b7c72.txt"), "--json", "--config", str(pyproject))
    assert json.loads(result.output)["document"]["language"] == "und"


def test_check_writes_report_and_exits_by_inputs(bad_inputs: Path, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    result = invoke("check", str(RAW), "--report", str(report_path), "--set", "check.garbled=warn", "-q")
    assert result.exit_code == 0
    assert json.loads(report_path.read_text())["counts"]["documents"] == 5
    assert invoke("check", str(bad_inputs), "-q").exit_code == 123


def test_explain_text_and_json(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("A title here\n\nThe cafÃ© opened on Monday in the old town square of the city.\n", encoding="utf-8")
    text = invoke("explain", str(path))
    assert text.exit_code == 0
    assert "1 TITLE" in text.output and "encoding/repaired" in text.output
    data = json.loads(invoke("explain", str(path), "--json").output)
    assert [line["verdict"] for line in data["lines"]] == ["title", "keep", "keep"]
    assert data["lines"][2]["text"].startswith("The café") and data["lines"][2]["findings"][0]["code"] == "repaired"


def test_explain_unreadable_file_exits_123(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes(b"\x89PNG\x00\x00\xff binary")
    result = CliRunner().invoke(main, ["explain", str(path)])
    assert result.exit_code == 123 and "binary" in result.output


def test_explain_in_context_shows_garble_flags_with_suggestions() -> None:
    result = invoke("explain", str(RAW / "002_bff23f48fe3657a5.txt"), "--context", str(RAW), "--workers", "1")
    assert result.exit_code == 0
    assert "(GARBLED)" in result.output
    assert result.output.count("'Blingen' likely stands for 'Blinken'") == 8
    assert result.output.count("'Clinker' likely stands for 'Blinken'") == 1
    data = json.loads(invoke("explain", str(RAW / "000_45b1623a569b7c72.txt"), "--context", str(RAW), "--json").output)
    assert data["document"]["garbled"] is False and data["document"]["event_group"] == "000_45b1623a569b7c72"


def test_explain_context_must_hold_the_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(RAW / "000_45b1623a569b7c72.txt"), "--context", str(tmp_path)])
    assert result.exit_code == 2 and "must lie inside" in result.output


def test_config_is_found_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    article = str(RAW / "000_45b1623a569b7c72.txt")
    assert json.loads(invoke("explain", article, "--json").output)["document"]["language"] == "en"
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cleaner.language]\nmin_letters = 100000\n')
    assert json.loads(invoke("explain", article, "--json").output)["document"]["language"] == "und"
    (tmp_path / "cleaner.toml").write_text("[language]\nmin_letters = 20\n")
    assert json.loads(invoke("explain", article, "--json").output)["document"]["language"] == "en"


def test_source_inside_the_output_folder_is_refused(tmp_path: Path) -> None:
    nest = tmp_path / "nest"
    (nest / "raw").mkdir(parents=True)
    (nest / "raw" / "a.txt").write_text("Title\n\nBody of the article.\n")
    (nest / "manifest.jsonl").write_text("")
    result = CliRunner().invoke(main, ["clean", str(nest / "raw"), "-o", str(nest)])
    assert result.exit_code == 2 and "inside the output folder" in result.output
    assert (nest / "raw" / "a.txt").exists()


def test_report_files_go_into_new_folders(tmp_path: Path) -> None:
    result = invoke(
        "check", str(RAW), "-q", "--set", "check.garbled=warn",
        "--report", str(tmp_path / "a" / "report.json"), "--format", f"junit={tmp_path / 'b' / 'junit.xml'}",
    )
    assert result.exit_code == 0
    assert (tmp_path / "a" / "report.json").is_file() and (tmp_path / "b" / "junit.xml").is_file()


def test_set_reaches_into_tables() -> None:
    article = str(RAW / "003_3c5ac620867590be.txt")
    default = json.loads(invoke("explain", article, "--json").output)
    kept = json.loads(invoke("explain", article, "--json", "--set", "boilerplate.policy.credit=keep").output)
    assert 37 in default["document"]["lines_removed"] and 37 not in kept["document"]["lines_removed"]


def test_output_under_a_file_is_refused_before_the_run(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("not a folder")
    result = CliRunner().invoke(main, ["clean", str(RAW), "-o", str(tmp_path / "afile" / "out")])
    assert result.exit_code == 2 and "is a file, not a folder" in result.output
    assert (tmp_path / "afile").read_text() == "not a folder"


def test_a_mount_point_cannot_be_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """DST is swapped in by renaming, which a mount point (a container volume) refuses at the very end."""
    dst = tmp_path / "volume"
    dst.mkdir()
    monkeypatch.setattr("os.path.ismount", lambda path: Path(path) == dst)
    result = CliRunner().invoke(main, ["clean", str(RAW), "-o", str(dst)])
    assert result.exit_code == 2 and "mount point" in result.output and "Traceback" not in result.output
    assert list(dst.iterdir()) == []


def test_an_unwritable_output_folder_is_refused_before_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.access", lambda path, mode, **kw: Path(path) != tmp_path)
    result = CliRunner().invoke(main, ["clean", str(RAW), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "not writable" in result.output
    assert list(tmp_path.iterdir()) == []


def test_output_that_fails_while_written_is_a_message_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("cleaner.writer._swap_in", full_disk)
    result = CliRunner().invoke(main, ["clean", str(RAW), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["--html", "--index"])
def test_report_or_index_that_cannot_be_written_is_a_message(option: str, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("not a folder")
    target = tmp_path / "afile" / "inside"
    result = CliRunner().invoke(main, ["clean", str(RAW), "-o", str(tmp_path / "out"), option, str(target), "-q"])
    assert result.exit_code == 2 and "cannot write" in result.output and str(target) in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_check_report_that_cannot_be_written_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("not a folder")
    for option in (["--report", str(tmp_path / "afile" / "r.json")], ["--format", f"json={tmp_path / 'afile' / 'x.json'}"]):
        result = CliRunner().invoke(main, ["check", str(RAW), "-q", *option])
        assert result.exit_code == 2 and "cannot write" in result.output, option


def test_an_output_path_in_a_symlink_loop_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    result = CliRunner().invoke(main, ["clean", str(RAW), "-o", str(tmp_path / "loop")])
    assert result.exit_code == 2 and "cannot be used" in result.output


def test_a_file_name_that_is_not_utf8_fails_alone(tmp_path: Path) -> None:
    """Linux allows any bytes in a name; Python reads undecodable ones as surrogates, which no
    UTF-8 manifest or report can hold: such a file once crashed the write of the whole run."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("A good title\n\nA real paragraph of the article, long enough to read.\n")
    base = os.fsencode(src)
    try:
        os.mkdir(base + b"/d\xff")
        for name, data in ((b"/caf\xe9.txt", b"Title\n\nBody of the article.\n"), (b"/d\xff/notes\xe9.csv", b"a,b\n")):
            with open(base + name, "wb") as handle:
                handle.write(data)
        os.mkfifo(base + b"/p\xff.txt")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    dst = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(dst), "-q"])
    assert result.exit_code == 123, result.output
    report = json.loads((dst / "report.json").read_text(encoding="utf-8"))
    assert [(f["path"], "not valid UTF-8" in f["reason"]) for f in report["failures"]] == [("caf\\xe9.txt", True)]
    assert [s["path"] for s in report["skipped"]] == ["d\\xff/notes\\xe9.csv", "p\\xff.txt"]
    assert (dst / "good.txt").is_file()


def test_chinese_japanese_and_korean_articles_are_cleaned(tmp_path: Path) -> None:
    """wordfreq looks their words up only with tokenizers it does not bring: no stage may ask it to."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "ja.txt").write_text("東京都庁で会見\n\n東京都の知事は月曜日に記者会見を開き、新しい予算案について説明した。"
                                "Müller氏も出席した。\n", encoding="utf-8")
    (src / "zh.txt").write_text("北京市政府召开会议\n\n北京市政府星期一召开会议，讨论新的预算方案。Zürich代表团也出席了会议。\n",
                                encoding="utf-8")
    (src / "ko.txt").write_text("서울시청 기자회견\n\n서울시장은 월요일 기자회견을 열고 새 예산안을 설명했다. Müller 씨도 참석했다.\n",
                                encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.txt")) == ["ja.txt", "ko.txt", "zh.txt"]


def test_an_input_named_like_the_manifest_fails_instead_of_being_overwritten(tmp_path: Path) -> None:
    """DST's manifest.jsonl and report.json sit at its top: an input there of that name would be
    written, then overwritten by them (its articles listed as written, their text lost)."""
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    record = '{"id": "%s", "text": "A title\\n\\nA paragraph of the article, long enough to read."}\n'
    (src / "manifest.jsonl").write_text(record % "top", encoding="utf-8")
    (src / "sub" / "manifest.jsonl").write_text(record % "nested", encoding="utf-8")
    dst = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(dst), "--set", 'input.suffixes=[".jsonl", ".json"]'])
    assert result.exit_code == 123 and "manifest.jsonl" in result.output
    records = [json.loads(line) for line in (dst / "manifest.jsonl").read_text().splitlines()]
    assert [(r["schema"], r["id"], r["output_path"]) for r in records] == [(1, "nested", "sub/manifest.jsonl")]
    failures = json.loads((dst / "report.json").read_text())["failures"]
    assert [f["path"] for f in failures] == ["manifest.jsonl"]


def test_an_input_named_like_the_manifest_in_other_case_fails_too(tmp_path: Path) -> None:
    """On a case-insensitive file system Manifest.jsonl and DST's manifest.jsonl are one file."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "Manifest.jsonl").write_text('{"id": "a", "text": "A title\\n\\nA paragraph of the article."}\n')
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 123 and "Manifest.jsonl" in result.output


@pytest.mark.parametrize(
    ("manifest_text", "report_text"),
    [
        ("not json\n", "{}"),
        ('{"a": 1}\n', "{}"),
        ('{"schema": 1, "id": "x"}\n', "{}"),
        ('{"schema": 9, "id": "x"}\n', "{}"),
        ("[1, 2]\n", "{}"),
        ("", "{"),
        ("", "[]"),
    ],
)
def test_report_on_a_folder_cleaner_did_not_write_is_a_message(manifest_text: str, report_text: str, tmp_path: Path) -> None:
    dst = tmp_path / "foreign"
    dst.mkdir()
    (dst / "manifest.jsonl").write_text(manifest_text)
    (dst / "report.json").write_text(report_text)
    result = CliRunner().invoke(main, ["report", str(dst), "--src", str(RAW), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "not written by cleaner" in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    "option",
    [["--html", "{blocked}/r.html"], ["--report", "{blocked}/r.json"], ["--format", "junit={blocked}/j.xml"],
     ["--format", "json={folder}"], ["--baseline", "{blocked}/b.json", "--write-baseline"]],
)
def test_a_report_file_that_cannot_be_written_is_refused_before_the_run(option: list[str], tmp_path: Path) -> None:
    """Found late, it failed the command after the output and the index had been replaced."""
    (tmp_path / "afile").write_text("not a folder")
    (tmp_path / "folder").mkdir()
    filled = [o.format(blocked=tmp_path / "afile", folder=tmp_path / "folder") for o in option]
    commands = [["check", str(RAW)]] + ([["clean", str(RAW), "-o", str(tmp_path / "out")]] if option[0] == "--html" else [])
    for command in commands:
        result = CliRunner().invoke(main, [*command, *filled, "-q"])
        assert result.exit_code == 2 and "cannot write" in result.output, result.output
        assert "is a file, not a folder" in result.output or "is a folder" in result.output
        assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("option", ["--index", "--html"])
def test_a_file_at_the_output_folders_own_path_is_refused_before_the_run(option: str, tmp_path: Path) -> None:
    """The run makes a folder there: the file could never be written, and was found only after it."""
    dst = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(RAW), "-o", str(dst), option, str(dst), "-q"])
    assert result.exit_code == 2 and "output folder" in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not dst.exists()


def test_a_folder_that_cannot_be_listed_is_a_failed_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pathlib's rglob passes over a folder it may not read: its articles vanished without a word."""
    src = tmp_path / "src"
    for folder, sample in (("open", "000_45b1623a569b7c72"), ("locked", "001_13a1e1805422e68d")):
        (src / folder).mkdir(parents=True)
        (src / folder / f"{sample}.txt").write_bytes((RAW / f"{sample}.txt").read_bytes())
    listing = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if Path(path).name == "locked":  # as chmod 000 does to anyone but root
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    dst = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(dst), "--workers", "1"])
    assert result.exit_code == 123 and "locked" in result.output and "Permission denied" in result.output
    assert (dst / "open" / "000_45b1623a569b7c72.txt").is_file()
    assert [f["path"] for f in json.loads((dst / "report.json").read_text())["failures"]] == ["locked"]


@pytest.mark.parametrize("option", ["--html", "--index"])
def test_a_report_or_index_path_through_a_symlink_loop_is_a_message(option: str, tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    result = CliRunner().invoke(main, ["clean", str(RAW), "-o", str(tmp_path / "out"), option, str(tmp_path / "loop" / "x"), "-q"])
    assert result.exit_code == 2 and "cannot write" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_the_summary_counts_in_words_that_agree(tmp_path: Path) -> None:
    src = tmp_path / "drop"
    src.mkdir()
    (src / "story.txt").write_text("A title\n\nThe council approved the budget on Tuesday.\n", encoding="utf-8")
    (src / "blank.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "out")])
    assert "1 article from 2 files in" in result.output
    assert "FAILED: 1 input\n" in result.output
