"""The README tells the truth: its settings, defaults and field lists are the code's."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from cleaner.config import Config

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    """The README text from ``heading`` up to the next heading of the same or a higher level."""
    level = heading.split(" ", 1)[0]
    start = README.index(f"\n{heading}\n")
    ends = [m.start() for m in re.finditer(r"\n#{1,%d} " % len(level), README) if m.start() > start]
    return README[start:ends[0] if ends else len(README)]


def _toml_blocks(text: str) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for block in re.findall(r"```toml\n(.*?)```", text, flags=re.DOTALL):
        for name, values in tomllib.loads(block).items():
            tree.setdefault(name, {}).update(values)
    return tree


def _plain(value: Any) -> Any:
    """Config values as TOML writes them: tuples are arrays."""
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def test_every_setting_is_documented_with_its_default() -> None:
    documented = _toml_blocks(_section("## Configuration") + _section("### Policy"))
    defaults = _plain(Config().to_dict())
    assert sorted(documented) == sorted(defaults)
    for section, values in defaults.items():
        shown = documented[section]
        assert sorted(shown) == sorted(values), f"[{section}]: README keys differ from the code's"
        for key, default in values.items():
            if isinstance(default, dict) and isinstance(shown[key], dict):
                # A table of many entries (boilerplate.policy) shows some: those shown are the defaults.
                assert all(default.get(k) == v for k, v in shown[key].items()), f"{section}.{key}"
            else:
                assert shown[key] == default, f"{section}.{key}: README says {shown[key]!r}, code {default!r}"


def _table(section: str, columns: int) -> list[list[str]]:
    """Rows of the markdown tables in ``section`` with ``columns`` cells (header and rule left out)."""
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) == columns and not set(cells[0]) <= set("-: ") and cells[0] not in ("field", "stage", "code"):
            rows.append(cells)
    return rows


def test_the_manifest_fields_are_the_fields_a_run_writes(tmp_path) -> None:
    import json

    from cleaner import clean_folder

    from .conftest import RAW

    clean_folder(RAW, tmp_path / "out", Config(), workers=1)
    written = list(json.loads((tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()[0]))
    documented = [name.strip("` ") for row in _table(_section("### `manifest.jsonl` (schema 1)"), 2)
                  for name in row[0].split(",")]
    assert documented == written


def test_the_finding_codes_are_the_stages_codes() -> None:
    from cleaner.stages import boilerplate, dedup, encoding, garble, language

    codes = {(module.STAGE, code): meaning
             for module in (encoding, boilerplate, garble, dedup, language) for code, meaning in module.CODES.items()}
    documented = {(stage, code.strip("`")): meaning
                  for stage, code, meaning in _table(_section("### `manifest.jsonl` (schema 1)"), 3)}
    assert documented == codes


def test_every_finding_a_run_makes_has_a_documented_code(bad_inputs) -> None:
    from cleaner import clean_folder
    from cleaner.stages import boilerplate, dedup, encoding, garble, language

    from .conftest import RAW

    codes = {(module.STAGE, code) for module in (encoding, boilerplate, garble, dedup, language) for code in module.CODES}
    made = {(f.stage, f.code) for src in (RAW, bad_inputs)
            for doc in clean_folder(src, None, Config(), workers=1).documents for f in doc.findings}
    assert {("encoding", "bom_removed"), ("encoding", "detected_encoding")} <= made
    assert made <= codes


def test_the_python_api_example_runs_as_written(tmp_path, monkeypatch) -> None:
    import ast
    import shutil

    from .conftest import RAW

    block = re.search(r"## Python API\n\n```python\n(.*?)```", README, flags=re.DOTALL).group(1)
    shutil.copytree(RAW, tmp_path / "raw")
    monkeypatch.chdir(tmp_path)
    scope: dict[str, Any] = {}
    for statement in ast.parse(block).body:
        line = block.splitlines()[statement.end_lineno - 1]
        code = ast.get_source_segment(block, statement)
        if isinstance(statement, ast.Expr) and "# '" in line:  # `expr  # 'value'`: the README shows its value
            assert repr(eval(code, scope)) == line.split("# ", 1)[1]
        else:
            exec(code, scope)
    assert (tmp_path / "out" / "manifest.jsonl").is_file() and not scope["run"].failures
    assert not (tmp_path / "clean").exists()  # run from the repository, it would rewrite the committed clean/
