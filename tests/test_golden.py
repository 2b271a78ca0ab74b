"""The committed clean/ folder is exactly what the README's command makes from raw/."""

from __future__ import annotations

from pathlib import Path

from cleaner import Config, clean_folder

from .conftest import CLEAN, RAW


def test_clean_folder_matches_a_fresh_run(tmp_path: Path) -> None:
    clean_folder(RAW, tmp_path / "out", Config(), workers=1)
    fresh = {p.relative_to(tmp_path / "out"): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    committed = {p.relative_to(CLEAN): p.read_bytes() for p in CLEAN.rglob("*") if p.is_file()}
    assert sorted(fresh) == sorted(committed)
    for name, data in fresh.items():
        assert data == committed[name], f"clean/{name} differs from a fresh run: regenerate clean/"


def test_raw_holds_the_five_sample_articles() -> None:
    assert sorted(p.name for p in RAW.iterdir()) == [
        "000_45b1623a569b7c72.txt",
        "001_13a1e1805422e68d.txt",
        "002_bff23f48fe3657a5.txt",
        "003_3c5ac620867590be.txt",
        "004_53272421b92e5f9f.txt",
    ]
