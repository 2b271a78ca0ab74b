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
