"""Duplicates through the whole pipeline and CLI: copies left out, groups reported, the index, pairs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner.cli import main

from .conftest import RAW

SEED = "000_45b1623a569b7c72"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def manifest(dst: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, (dst / "manifest.jsonl").read_text().splitlines())}


@pytest.fixture
def drop_with_copies(tmp_path: Path) -> Path:
    """The samples plus a verbatim reprint of 000 and a lightly edited one (new title, one line cut)."""
    src = tmp_path / "drop"
    shutil.copytree(RAW, src)
    text = (RAW / f"{SEED}.txt").read_text("utf-8")
    (src / "reprint.txt").write_text(text, "utf-8")
    lines = text.split("\n")
    lines[0] = "Blinken: no formal response to Russian proposals"
    del lines[9]
    (src / "zz-rewrite.txt").write_text("\n".join(lines), "utf-8")
    return src


def test_seed_event_groups_through_the_pipeline(tmp_path: Path) -> None:
    assert invoke("clean", RAW, "-o", tmp_path / "out", "-q").exit_code == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["groups"]["copies"] == []
    assert sorted(g["members"] for g in report["groups"]["events"]) == [
        [SEED, "004_53272421b92e5f9f"],
        ["002_bff23f48fe3657a5", "003_3c5ac620867590be"],
    ]


def test_copies_are_left_out_and_listed(drop_with_copies: Path, tmp_path: Path) -> None:
    dst = tmp_path / "out"
    assert invoke("clean", drop_with_copies, "-o", dst, "-q").exit_code == 0
    records = manifest(dst)
    assert records[SEED]["duplicate_of"] is None and (dst / f"{SEED}.txt").exists()
    assert records["reprint"]["exact_dup_of"] == SEED and records["reprint"]["output_path"] is None
    assert records["zz-rewrite"]["duplicate_of"] == SEED and records["zz-rewrite"]["dup_similarity"] > 0.5
    assert not (dst / "reprint.txt").exists() and not (dst / "zz-rewrite.txt").exists()
    [group] = json.loads((dst / "report.json").read_text())["groups"]["copies"]
    assert group["kept"] == SEED and group["members"] == sorted([SEED, "reprint", "zz-rewrite"])


def test_keep_duplicates_writes_the_copies(drop_with_copies: Path, tmp_path: Path) -> None:
    dst = tmp_path / "out"
    assert invoke("clean", drop_with_copies, "-o", dst, "--keep-duplicates", "-q").exit_code == 0
    assert (dst / "reprint.txt").exists() and manifest(dst)["reprint"]["output_path"] == "reprint.txt"


def test_index_marks_articles_seen_in_an_earlier_drop(drop_with_copies: Path, tmp_path: Path) -> None:
    index = tmp_path / "seen.sqlite"
    assert invoke("check", RAW, "--index", index, "-q").exit_code == 2  # no index yet: clean creates it
    assert invoke("clean", RAW, "-o", tmp_path / "first", "--index", index, "-q").exit_code == 0
    new_drop = tmp_path / "second"
    new_drop.mkdir()
    shutil.copy(drop_with_copies / "zz-rewrite.txt", new_drop / "resent.txt")
    (new_drop / "fresh.txt").write_text("A fresh story\n\nThe harbour reopened on Monday after the storm passed.\n")
    result = invoke("check", new_drop, "--index", index, "--set", "check.seen_before=error", "--set", "check.short=off")
    assert result.exit_code == 1 and "seen_before" in result.output and "resent.txt" in result.output
    assert "fresh.txt" not in result.output


def test_index_with_other_settings_is_refused(tmp_path: Path) -> None:
    index = tmp_path / "seen.sqlite"
    assert invoke("clean", RAW, "-o", tmp_path / "first", "--index", index, "-q").exit_code == 0
    before = index.read_bytes()
    result = invoke("clean", RAW, "-o", tmp_path / "again", "--index", index, "--set", "duplicates.num_perm=64")
    assert result.exit_code == 2 and "num_perm" in result.output
    assert index.read_bytes() == before and not (tmp_path / "again").exists()


def test_explain_pair(drop_with_copies: Path) -> None:
    result = invoke("explain", "--pair", drop_with_copies / f"{SEED}.txt", drop_with_copies / "zz-rewrite.txt")
    assert result.exit_code == 0
    assert "near duplicate: yes" in result.output and f"kept: {SEED}" in result.output
    data = json.loads(invoke("explain", "--json", "--pair", RAW / f"{SEED}.txt", RAW / "001_13a1e1805422e68d.txt").output)
    assert data["near_duplicate"] is False and data["exact_duplicate"] is False
    assert invoke("explain").exit_code == 2


def test_check_never_writes_the_index_and_a_resent_file_is_seen(tmp_path: Path) -> None:
    index = tmp_path / "seen.sqlite"
    assert invoke("clean", RAW, "-o", tmp_path / "first", "--index", index, "-q").exit_code == 0
    before = index.read_bytes()
    result = invoke("check", RAW, "--index", index, "--format", "json", "-q", "--set", "check.garbled=off")
    assert index.read_bytes() == before
    seen = {v["article"] for v in json.loads(result.output)["violations"] if v["rule"] == "seen_before"}
    assert seen == {p.stem for p in RAW.glob("*.txt")}  # same ids, same texts: all seen before


def test_an_index_in_a_new_folder_is_made_there(tmp_path: Path) -> None:
    index = tmp_path / "state" / "seen.sqlite"
    assert invoke("clean", RAW, "-o", tmp_path / "out", "--index", index, "-q").exit_code == 0
    assert index.is_file()
    assert invoke("check", RAW, "--index", index, "-q", "--set", "check.garbled=off").exit_code == 0


def test_an_index_that_cannot_be_made_is_refused_before_the_output_is_replaced(tmp_path: Path) -> None:
    dst = tmp_path / "out"
    assert invoke("clean", RAW, "-o", dst, "-q").exit_code == 0
    before = {p.name: p.read_bytes() for p in dst.iterdir()}
    (tmp_path / "afile").write_text("not a folder")
    result = invoke("clean", RAW, "-o", dst, "--index", tmp_path / "afile" / "seen.sqlite", "-q", "--set", "language.seed=3")
    assert result.exit_code == 2 and "duplicate index" in result.output
    assert {p.name: p.read_bytes() for p in dst.iterdir()} == before


@pytest.mark.parametrize("inside", ["output", "input"])
def test_an_index_inside_the_output_or_the_input_is_refused(inside: str, tmp_path: Path) -> None:
    """DST is replaced as a whole by every run (the index would lose every earlier drop) and SRC is never modified."""
    src = tmp_path / "src"
    shutil.copytree(RAW, src)
    dst = tmp_path / "out"
    index = (dst if inside == "output" else src) / "seen.sqlite"
    result = invoke("clean", src, "-o", dst, "--index", index, "-q")
    assert result.exit_code == 2 and "duplicate index" in result.output and f"inside the {inside} folder" in result.output
    assert not index.exists() and not dst.exists()


def test_explain_pair_of_files_with_one_name_in_two_folders_keeps_the_right_one(tmp_path: Path) -> None:
    """Read alone, both are article "story": the keep rule must still tell them apart."""
    for folder, sample in (("a", "003_3c5ac620867590be"), ("b", "004_53272421b92e5f9f")):
        (tmp_path / folder).mkdir()
        shutil.copy(RAW / f"{sample}.txt", tmp_path / folder / "story.txt")
    data = json.loads(invoke("explain", "--json", "--pair", tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt").output)
    assert data["id_a"] != data["id_b"]
    assert data["kept"] == data["id_b"] and data["kept_reason"].startswith("longer cleaned text")


def test_the_help_example_that_fails_a_drop_of_repeats_does_fail_it(tmp_path: Path) -> None:
    """seen_before is a warning by default: the example must say how to make it fail the drop."""
    example = next(line for line in invoke("check", "-h").output.splitlines() if "fail a drop that repeats" in line)
    options = example.split("#")[0].split()[3:]  # after "cleaner check incoming/"
    index = tmp_path / "seen.sqlite"
    assert invoke("clean", RAW, "-o", tmp_path / "first", "--index", index, "-q").exit_code == 0
    args = [str(index) if option == "seen.sqlite" else option for option in options]
    result = invoke("check", RAW, *args, "--set", "check.garbled=off", "--format", "json")
    assert result.exit_code == 1
    assert {v["rule"] for v in json.loads(result.stdout)["violations"] if v["severity"] == "error"} == {"seen_before"}


def test_an_empty_index_file_is_a_new_index(tmp_path: Path) -> None:
    index = tmp_path / "seen.sqlite"
    index.touch()
    assert invoke("clean", RAW, "-o", tmp_path / "out", "--index", index, "-q").exit_code == 0
    result = invoke("check", RAW, "--index", index, "--format", "json", "-q", "--set", "check.garbled=off")
    assert {v["rule"] for v in json.loads(result.stdout)["violations"]} == {"seen_before"}


def test_another_programs_database_is_no_index_and_is_left_alone(tmp_path: Path) -> None:
    import sqlite3

    index = tmp_path / "app.db"
    with sqlite3.connect(index) as db:
        db.execute("CREATE TABLE users (name TEXT)")
    before = index.read_bytes()
    for command in (["clean", RAW, "-o", tmp_path / "out"], ["check", RAW]):
        result = invoke(*command, "--index", index, "-q")
        assert result.exit_code == 2 and "not a cleaner duplicates index" in result.output, result.output
    assert index.read_bytes() == before and not (tmp_path / "out").exists()


def test_a_read_only_index_is_refused_before_the_output_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = tmp_path / "state" / "seen.sqlite"
    assert invoke("clean", RAW, "-o", tmp_path / "first", "--index", index, "-q").exit_code == 0
    monkeypatch.setattr("os.access", lambda path, mode, **kw: Path(path) != index or not mode & os.W_OK)  # chmod 444
    result = invoke("clean", RAW, "-o", tmp_path / "second", "--index", index, "-q")
    assert result.exit_code == 2 and "duplicate index" in result.output and "not writable" in result.output
    assert not (tmp_path / "second").exists()
    assert invoke("check", RAW, "--index", index, "-q", "--set", "check.garbled=off").exit_code == 0  # reading is enough
