"""``--format text``: violations grouped by article, one per line with its line number and reason."""

from __future__ import annotations

from itertools import groupby

from cleaner import policy
from cleaner.gate import Outcome
from cleaner.report import plural

RULE_WIDTH = max(len(rule) for rule in policy.RULES)


def render(outcome: Outcome, quiet: bool = False) -> str:
    """Baselined violations are only counted; with ``quiet`` a clean run prints nothing."""
    out: list[str] = []
    shown = [v for v in outcome.violations if not v.baselined]
    for _, group in groupby(shown, key=lambda v: v.article):
        items = list(group)
        first = items[0]
        where = outcome.display_path(first.path) + (f":{first.record_line}" if first.record_line else "")
        out.append(f"{where}  [{first.article}]")
        for v in items:
            line = str(v.line) if v.line is not None else "-"
            out.append(f"  {line:>5}  {v.severity:<5}  {v.rule:<{RULE_WIDTH}}  {v.message}")
        out.append("")
    if outcome.failures:
        out.append("failed inputs")
        for failure in outcome.failures:
            where = outcome.display_path(failure.path) + (f":{failure.line}" if failure.line else "")
            out.append(f"  {where}: {failure.reason}")
        out.append("")
    if not quiet:
        out.append(summary_line(outcome))
    elif out:
        out.pop()  # the blank line after the last group
    return "\n".join(out) + "\n" if out else ""


def summary_line(outcome: Outcome) -> str:
    """One sentence with the counts and the verdict, e.g. '1 error, 2 warnings in 5 articles: FAIL'."""
    s = outcome.summary()
    parts = [f"{plural(s['errors'], 'error')}, {plural(s['warnings'], 'warning')} in {plural(s['articles'], 'article')}"]
    if s["baselined"]:
        parts.append(f"{s['baselined']} baselined")
    if s["failed_inputs"]:
        parts.append(f"{plural(s['failed_inputs'], 'input')} failed")
    verdict = "PASS" if outcome.exit_code == 0 else "FAIL"
    return f"{'; '.join(parts)}: {verdict}"
