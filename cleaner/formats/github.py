"""``--format github``: GitHub Actions workflow commands, so findings show on the pull request.

See https://docs.github.com/actions/reference/workflow-commands-for-github-actions. An error or
warning annotates its file and line; a JSON Lines article is annotated at its record's line.
"""

from __future__ import annotations

from cleaner.formats.text import summary_line
from cleaner.gate import Outcome

COMMAND = {"error": "error", "warn": "warning"}


def render(outcome: Outcome, quiet: bool = False) -> str:
    out = []
    for v in outcome.violations:
        if v.baselined:
            continue
        properties = {"file": outcome.display_path(v.path)}
        if v.record_line is not None:
            properties["line"] = str(v.record_line)
        elif v.line is not None:
            properties["line"] = str(v.line)
        properties["title"] = f"cleaner check: {v.rule}"
        where = f"article {v.article}" + (f", line {v.line}" if v.line is not None else "") + ": "
        message = (where if v.record_line is not None else "") + v.message
        out.append(_command(COMMAND[v.severity], properties, message))
    for failure in outcome.failures:
        properties = {"file": outcome.display_path(failure.path)}
        if failure.line is not None:
            properties["line"] = str(failure.line)
        properties["title"] = "cleaner check: input failed"
        out.append(_command("error", properties, failure.reason))
    out.append(f"cleaner check: {summary_line(outcome)}")
    return "\n".join(out) + "\n"


def _command(name: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{name} {props}::{_escape_data(message)}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
