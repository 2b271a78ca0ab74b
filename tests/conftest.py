"""Shared fixtures: the sample articles in raw/, a bad-input folder built on the fly, the dev data path."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from cleaner.config import Config

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "raw"
CLEAN = REPO / "clean"

LATIN1_TEXT = "Café au lait\n\nLe garçon a déjà mangé à Zürich, où il était très content de sa journée.\n"


@pytest.fixture
def config() -> Config:
    return Config()


@pytest.fixture
def bad_inputs(tmp_path: Path) -> Path:
    """A folder with every kind of troublesome input, plus two good articles."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("A good title\n\nA real paragraph of the article, long enough to read.\n", encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)))
    (src / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (src / "bom.txt").write_bytes(codecs.BOM_UTF8 + "Title with BOM\n\nBody text here.\n".encode("utf-8"))
    (src / "hugeline.txt").write_text("Huge line title\n" + "word " * 400_000 + "\n", encoding="utf-8")
    (src / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (src / ".hidden.txt").write_text("secret\n", encoding="utf-8")
    (src / "feed.jsonl").write_text(
        '{"id": "a1", "title": "First", "text": "Body of the first record."}\n'
        "{not json}\n"
        '{"title": "No text field"}\n'
        '{"text": "Second record without id.\\nSecond line."}\n',
        encoding="utf-8",
    )
    return src


@pytest.fixture
def dev_data() -> Path:
    """The labelled dev data (CLEANER_DEV_DATA); tests that need it skip when it is absent."""
    value = os.environ.get("CLEANER_DEV_DATA")
    if not value or not Path(value).is_dir():
        pytest.skip("CLEANER_DEV_DATA is not set to the dev data folder")
    return Path(value)
