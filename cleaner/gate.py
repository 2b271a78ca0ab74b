"""``cleaner check`` as a CI gate: a run's violations under the policy, a baseline, the exit code.

The outcome of a gate is one :class:`Outcome`; every output format (:mod:`cleaner.formats`)
renders it, and its JSON form doubles as the baseline file: ``--write-baseline`` saves the
current violations, and ``--baseline`` marks the ones already there as *baselined* (reported,
never failing), so a team can adopt the gate on an old corpus and fail only on what is new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Any

from cleaner import __version__, policy, report, selection
from cleaner.config import Config
from cleaner.pipeline import RunResult
from cleaner.reader import Failure

SCHEMA = "cleaner-check"
SCHEMA_VERSION = 1


class BaselineError(ValueError):
    """A baseline file that cannot be used; the message says what to do."""


@dataclass(frozen=True)
class Article:
    """An article the gate looked at (each is one JUnit test case)."""

    id: str
    path: str
    record_line: int | None


@dataclass(frozen=True)
class Outcome:
    """The verdict of one gate run. ``src`` is SRC as given, to show paths the user recognises."""

    src: str
    articles: tuple[Article, ...]
    violations: tuple[policy.Violation, ...]
    failures: tuple[Failure, ...]
    severities: dict[str, str]

    def active(self, severity: str) -> list[policy.Violation]:
        """Violations of ``severity`` not covered by the baseline."""
        return [v for v in self.violations if v.severity == severity and not v.baselined]

    @property
    def exit_code(self) -> int:
        """123 when an input failed (black's convention), else 1 on a new error, else 0."""
        if self.failures:
            return report.EXIT_INPUT_FAILED
        return report.EXIT_VIOLATIONS if self.active("error") else report.EXIT_OK

    def display_path(self, path: str) -> str:
        """``path`` (relative to SRC) as seen from where the command ran, with forward slashes."""
        return PurePath(self.src, path).as_posix() if self.src not in ("", ".") else path

    def summary(self) -> dict[str, int]:
        errors, warnings = self.active("error"), self.active("warn")
        return {
            "articles": len(self.articles),
            "articles_with_errors": len({v.article for v in errors}),
            "errors": len(errors),
            "warnings": len(warnings),
            "baselined": sum(v.baselined for v in self.violations),
            "failed_inputs": len(self.failures),
        }


def evaluate(result: RunResult, config: Config, src: Path | str) -> Outcome:
    """Apply the policy of ``config.check`` to every document of a run."""
    violations: list[policy.Violation] = []
    for doc in result.documents:
        body = selection.body_text(doc, config).split("\n")
        selected = policy.Selected(frozenset(selection.removed_lines(doc, config)), tuple(body))
        violations.extend(policy.evaluate(doc, selected, config.check))
    return Outcome(
        src=PurePath(src).as_posix(),
        articles=tuple(Article(d.id, d.source_path, d.record_line) for d in result.documents),
        violations=tuple(sorted(violations, key=policy.Violation.sort_key)),
        failures=tuple(sorted(result.failures, key=lambda f: (f.path, f.line or 0, f.reason))),
        severities=config.check.severities(),
    )


def to_json(outcome: Outcome) -> dict[str, Any]:
    """The versioned JSON document of an outcome (``--format json`` and the baseline file)."""
    return {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "cleaner": __version__,
        "src": outcome.src,
        "exit_code": outcome.exit_code,
        "summary": outcome.summary(),
        "rules": outcome.severities,
        "violations": [
            {
                "fingerprint": v.fingerprint,
                "rule": v.rule,
                "severity": v.severity,
                "article": v.article,
                "path": v.path,
                "record_line": v.record_line,
                "line": v.line,
                "message": v.message,
                "baselined": v.baselined,
            }
            for v in outcome.violations
        ],
        "failures": [f.to_dict() for f in outcome.failures],
    }


def load_baseline(path: Path) -> Counter[str]:
    """The fingerprints of a baseline file, with how many times each occurs."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"baseline {path} does not exist; create it with --write-baseline") from None
    except (OSError, ValueError, RecursionError) as error:  # ValueError: not UTF-8, not JSON, too long a number
        raise BaselineError(f"baseline {path} cannot be read: {error}") from None
    return baseline_fingerprints(data, origin=f"baseline {path}")


def baseline_fingerprints(data: Any, origin: str = "baseline") -> Counter[str]:
    """The fingerprints of a parsed baseline (the JSON of :func:`to_json`), with their counts."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("violations"), list):
        raise BaselineError(f"{origin} is not a cleaner check JSON result; write one with --write-baseline")
    if data.get("version") != SCHEMA_VERSION:
        raise BaselineError(
            f"{origin} has version {data.get('version')!r}, this cleaner reads {SCHEMA_VERSION}; "
            "write a new one with --write-baseline"
        )
    return Counter(str(v.get("fingerprint")) for v in data["violations"] if isinstance(v, dict))


def apply_baseline(outcome: Outcome, known: Counter[str]) -> Outcome:
    """Mark as baselined each violation whose fingerprint the baseline holds (as many times as it holds it)."""
    left = Counter(known)
    marked = []
    for violation in outcome.violations:
        if left[violation.fingerprint] > 0:
            left[violation.fingerprint] -= 1
            violation = replace(violation, baselined=True)
        marked.append(violation)
    return replace(outcome, violations=tuple(marked))


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as indented JSON, atomically (temp file then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
