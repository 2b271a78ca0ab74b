"""One frozen root Config nesting one frozen config per stage, loaded from TOML plus overrides.

Each section of the TOML file (or of ``[tool.cleaner]`` in a ``pyproject.toml``) is named after
a field of :class:`Config`; each key after a field of that section's dataclass, whose docstring
gives the meaning and the reason for the default. Every setting can also be given on the command
line as ``--set section.key=value``, or ``section.table.key=value`` inside a table (the value
is read as TOML, so ``true``, ``3``, ``"x"`` and ``["a", "b"]`` all work; a bare word is taken
as a string).
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.policy import CheckConfig
from cleaner.reader import InputConfig
from cleaner.stages.boilerplate import BoilerplateConfig
from cleaner.stages.dedup import DuplicatesConfig
from cleaner.stages.encoding import EncodingConfig
from cleaner.stages.garble import GarbleConfig
from cleaner.stages.language import LanguageConfig


class ConfigError(ValueError):
    """A configuration file or override that cannot be used; the message says how to fix it."""


@dataclass(frozen=True)
class OutputConfig:
    """What the writer puts in DST.

    manifest_findings: include every finding in manifest.jsonl (default on: the manifest is the
        complete record of what was done; off keeps it small for very large runs).
    keep_duplicates: also write exact and near-duplicate copies (default off: a copy adds nothing
        a downstream user wants twice; the manifest still lists every copy and its kept original).
        Different reports of one event are always written.
    """

    manifest_findings: bool = True
    keep_duplicates: bool = False


@dataclass(frozen=True)
class Config:
    """Everything that decides what the cleaner does; one section per part of the pipeline."""

    input: InputConfig = field(default_factory=InputConfig)
    encoding: EncodingConfig = field(default_factory=EncodingConfig)
    boilerplate: BoilerplateConfig = field(default_factory=BoilerplateConfig)
    language: LanguageConfig = field(default_factory=LanguageConfig)
    garble: GarbleConfig = field(default_factory=GarbleConfig)
    duplicates: DuplicatesConfig = field(default_factory=DuplicatesConfig)
    output: OutputConfig = field(default_factory=OutputConfig)
    check: CheckConfig = field(default_factory=CheckConfig)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def find_config(folder: Path) -> Path | None:
    """The settings file a run in ``folder`` uses when none is given: ``cleaner.toml``, else a
    ``pyproject.toml`` that has a ``[tool.cleaner]`` table (as black and ruff look for theirs)."""
    own = folder / "cleaner.toml"
    if own.is_file():
        return own
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and _read_toml(pyproject):
        return pyproject
    return None


def load_config(path: str | Path | None = None, overrides: Iterable[str] = ()) -> Config:
    """Read ``path`` (TOML; ``pyproject.toml`` is read from ``[tool.cleaner]``), then apply overrides."""
    tree: dict[str, Any] = _read_toml(Path(path)) if path is not None else {}
    for override in overrides:
        path_parts, value = _parse_override(override)
        table = tree
        for part in path_parts[:-1]:
            table = table.setdefault(part, {})
            if not isinstance(table, dict):
                raise ConfigError(f"--set {override!r}: {part} is not a table of settings")
        table[path_parts[-1]] = value
    return from_mapping(tree, origin=str(path) if path else "--set")


def from_mapping(tree: Mapping[str, Any], origin: str = "config") -> Config:
    """Build a Config from nested mappings, checking every section, key and value type."""
    sections = {f.name: f for f in dataclasses.fields(Config)}
    built: dict[str, Any] = {}
    for name, values in tree.items():
        if name not in sections:
            raise ConfigError(f"{origin}: unknown section [{name}]; known: {', '.join(sections)}")
        if not isinstance(values, Mapping):
            raise ConfigError(f"{origin}: [{name}] must be a table of settings")
        section_type = sections[name].default_factory  # type: ignore[misc]
        built[name] = _build_section(name, section_type, values, origin)
    return Config(**built)


def _build_section(name: str, section_type: Any, values: Mapping[str, Any], origin: str) -> Any:
    hints = typing.get_type_hints(section_type)
    known = {f.name for f in dataclasses.fields(section_type)}
    kwargs = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(
                f"{origin}: unknown setting {name}.{key}; known: {', '.join(sorted(known))}"
            )
        kwargs[key] = _coerce(f"{name}.{key}", hints[key], value, origin)
    try:
        return section_type(**kwargs)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{origin}: {error}") from error


def _coerce(name: str, hint: Any, value: Any, origin: str) -> Any:
    """Check ``value`` against a simple type hint; lists become tuples where a tuple is wanted."""
    origin_type = typing.get_origin(hint)
    if origin_type is tuple:
        if not isinstance(value, list | tuple):
            raise ConfigError(f"{origin}: {name} must be a list, not {value!r}")
        item_type = typing.get_args(hint)[0]
        return tuple(_coerce(name, item_type, item, origin) for item in value)
    if origin_type is dict:
        if not isinstance(value, Mapping):
            raise ConfigError(f"{origin}: {name} must be a table, not {value!r}")
        key_type, value_type = typing.get_args(hint)
        return {
            _coerce(name, key_type, k, origin): _coerce(name, value_type, v, origin)
            for k, v in value.items()
        }
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, hint) and not (hint is int and isinstance(value, bool)):
        return value
    raise ConfigError(f"{origin}: {name} must be {hint.__name__}, not {value!r}")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            tree = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist; check the --config path") from None
    except OSError as error:
        raise ConfigError(f"cannot read config file {path}: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:  # TOML is UTF-8
        raise ConfigError(f"config file {path} is not valid TOML: {error}") from None
    if path.name == "pyproject.toml":
        tool = tree.get("tool", {})
        tree = tool.get("cleaner", {}) if isinstance(tool, dict) else None
        if not isinstance(tree, dict):
            raise ConfigError(f"config file {path}: [tool.cleaner] must be a table of settings")
    return tree


def _parse_override(text: str) -> tuple[list[str], Any]:
    """``section.key=value`` (or ``section.table.key=value`` for a table such as boilerplate.policy)."""
    name, sep, raw = text.partition("=")
    parts = [part.strip() for part in name.split(".")]
    if not sep or len(parts) < 2 or not all(parts):
        raise ConfigError(f"--set {text!r}: expected section.key=value, e.g. language.seed=1")
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()
    return parts, value
