"""The Python API refuses what the command line refuses, before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import clean_folder


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_clean_folder_refuses_a_source_that_is_no_folder_and_keeps_the_output(kind: str, tmp_path: Path) -> None:
    """A mistyped SRC once read as an empty folder and replaced a previous output by an empty one."""
    dst = tmp_path / "out"
    dst.mkdir()
    (dst / "manifest.jsonl").write_text("{}\n")
    (dst / "story.txt").write_text("an earlier run's article\n")
    src = tmp_path / "typo"
    if kind == "file":
        src.write_text("not a folder\n")
    with pytest.raises(NotADirectoryError, match="input folder .* is missing or not a folder"):
        clean_folder(src, dst, workers=1)
    assert (dst / "story.txt").read_text() == "an earlier run's article\n"


def test_clean_folder_refuses_a_source_without_articles_when_writing_and_keeps_the_output(tmp_path: Path) -> None:
    from cleaner.reader import NoArticlesError

    dst = tmp_path / "out"
    dst.mkdir()
    (dst / "manifest.jsonl").write_text("{}\n")
    src = tmp_path / "drop"
    src.mkdir()
    with pytest.raises(NoArticlesError, match="no articles under"):
        clean_folder(src, dst, workers=1)
    assert (dst / "manifest.jsonl").read_text() == "{}\n"
    # Without DST nothing is replaced: an empty folder is an empty result.
    assert clean_folder(src, workers=1).documents == []


def test_what_a_killed_run_left_beside_the_output_is_recovered(tmp_path: Path) -> None:
    import os
    import socket

    from cleaner import writer

    src, dst = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("A title\n\nThe council approved the budget on Tuesday after a long debate.\n")
    dead = f"{socket.gethostname()}-{2**22 + 4321}"  # beyond any process number: no such process
    # Killed between its two renames: the previous output set aside, none in its place.
    previous = tmp_path / f".out.old-{dead}"
    previous.mkdir()
    (previous / writer.MANIFEST).write_text("{}\n")
    stale = tmp_path / f".out.tmp-{dead}"  # killed while writing
    stale.mkdir()
    alive = tmp_path / f".out.tmp-{socket.gethostname()}-{os.getpid()}"  # a run still going
    alive.mkdir()
    elsewhere = tmp_path / f".out.tmp-another-host-{2**22 + 4321}"  # a run of another machine
    elsewhere.mkdir()
    beyond = tmp_path / f".out.tmp-{socket.gethostname()}-{10**20}"  # a number no process can have
    beyond.mkdir()
    writer.check_destination(src, dst)
    assert (dst / writer.MANIFEST).read_text() == "{}\n" and not previous.exists() and not stale.exists()
    assert not beyond.exists()
    assert alive.is_dir() and elsewhere.is_dir()


def test_leftovers_of_an_output_whose_name_holds_glob_characters_are_found(tmp_path: Path) -> None:
    import socket

    from cleaner import writer

    dst = tmp_path / "out[1]"
    stale = tmp_path / f".out[1].tmp-{socket.gethostname()}-{2**22 + 4321}"
    stale.mkdir()
    writer.recover_interrupted(dst)
    assert not stale.exists()


def test_clean_text_removes_a_byte_order_mark_as_cleaning_a_file_does(tmp_path: Path) -> None:
    """Python's utf-8 codec keeps the mark a file read with read_text() starts with; cleaner clean removes it."""
    from cleaner import clean_text

    text = "Harbour reopens\n\nThe harbour reopened on Monday after the storm had passed the coast.\n"
    with_mark = clean_text("\ufeff" + text)
    assert with_mark.text == clean_text(text).text and with_mark.document.lines[0] == "Harbour reopens"
    assert [f.code for f in with_mark.document.findings if f.stage == "encoding"] == ["bom_removed"]


def test_load_config_takes_a_path_as_a_string(tmp_path: Path) -> None:
    """As clean_folder takes its folders: load_config("cleaner.toml") is the natural call."""
    from cleaner import load_config

    (tmp_path / "cleaner.toml").write_text("[language]\nseed = 2\n")
    assert load_config(str(tmp_path / "cleaner.toml"), ["language.trials=5"]).language.seed == 2
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner.language]\nseed = 3\n")
    assert load_config(str(tmp_path / "pyproject.toml")).language.seed == 3
