"""The run report: counts per stage and code, failures with reasons, config, versions, exit code.

report.json holds no timestamps or durations, so two runs on the same input and config write
identical reports; times go to the terminal summary only.
"""

from __future__ import annotations

import platform
from collections import Counter
from importlib import metadata
from typing import Any

from cleaner import __version__, selection
from cleaner.config import Config
from cleaner.pipeline import RunResult

SCHEMA_VERSION = 1
LIBRARIES = ("ftfy", "datasketch", "langdetect", "click", "charset-normalizer", "numpy", "scipy", "xxhash", "wordfreq", "rapidfuzz")

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2
EXIT_INPUT_FAILED = 123


def versions() -> dict[str, str]:
    found = {"cleaner": __version__, "python": ".".join(platform.python_version_tuple()[:2])}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def counts(result: RunResult, config: Config) -> dict[str, Any]:
    findings: dict[str, Counter[str]] = {}
    languages: Counter[str] = Counter()
    lines_raw = lines_removed = 0
    for doc in result.documents:
        languages[doc.language] += 1
        lines_raw += len(doc.lines)
        lines_removed += len(selection.removed_lines(doc, config))
        for finding in doc.findings:
            findings.setdefault(finding.stage, Counter())[finding.code] += 1
    return {
        "files": result.files,
        "documents": len(result.documents),
        "failed": len(result.failures),
        "skipped": len(result.skipped),
        "lines_raw": lines_raw,
        "lines_removed": lines_removed,
        "languages": dict(sorted(languages.items())),
        "findings": {stage: dict(sorted(c.items())) for stage, c in sorted(findings.items())},
    }


def groups(result: RunResult) -> dict[str, list[dict[str, Any]]]:
    """Every copy group (with its kept article) and event group of two or more articles."""
    copies: dict[str, list[str]] = {}
    events: dict[str, list[str]] = {}
    kept: dict[str, str] = {}
    for doc in result.documents:
        info = doc.duplicates
        if info.near_dup_group is not None:
            copies.setdefault(info.near_dup_group, []).append(doc.id)
            if info.duplicate_of is None:
                kept[info.near_dup_group] = doc.id
        if info.event_group is not None:
            events.setdefault(info.event_group, []).append(doc.id)
    return {
        "copies": [
            {"group": group, "kept": kept.get(group), "members": sorted(members)}
            for group, members in sorted(copies.items())
            if len(members) > 1
        ],
        "events": [
            {"group": group, "members": sorted(members)} for group, members in sorted(events.items()) if len(members) > 1
        ],
    }


def build(result: RunResult, config: Config) -> dict[str, Any]:
    """The content of report.json."""
    return {
        "schema": SCHEMA_VERSION,
        "versions": versions(),
        "counts": counts(result, config),
        "groups": groups(result),
        "failures": [f.to_dict() for f in sorted(result.failures, key=lambda f: (f.path, f.line or 0))],
        "skipped": [f.to_dict() for f in result.skipped],
        "config": config.to_dict(),
    }


def exit_code(result: RunResult) -> int:
    """123 when any input failed (black's convention), else 0; ``check`` adds its policy (gate.py)."""
    return EXIT_INPUT_FAILED if result.failures else EXIT_OK


def plural(count: int, word: str) -> str:
    """'1 file', '2 files', '0 files'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(result: RunResult, config: Config, seconds: float, full_report: str | None = None) -> str:
    """The short human summary printed on stderr at the end of a run; ``full_report`` names the
    file that lists every skipped and failed input (None: the run wrote none)."""
    see = f"see {full_report}" if full_report else "--report FILE lists them all"
    c = counts(result, config)
    rate = c["documents"] / seconds if seconds > 0 else 0.0
    languages = ", ".join(f"{lang} {n}" for lang, n in sorted(c["languages"].items(), key=lambda x: -x[1])[:5])
    parts = [
        f"{plural(c['documents'], 'article')} from {plural(c['files'], 'file')} in {seconds:.2f}s ({rate:.0f}/s)",
        f"lines removed: {c['lines_removed']} of {c['lines_raw']}",
        f"languages: {languages or 'none'}",
    ]
    if result.skipped:
        parts.append(f"skipped: {len(result.skipped)} ({see})")
    if result.failures:
        parts.append(f"FAILED: {plural(len(result.failures), 'input')}")
        parts.extend(f"  {f.path}{':' + str(f.line) if f.line else ''}: {f.reason}" for f in result.failures[:10])
        if len(result.failures) > 10:
            parts.append(f"  ... and {len(result.failures) - 10} more ({see})")
    return "\n".join(parts)
