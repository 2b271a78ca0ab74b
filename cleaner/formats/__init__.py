"""Output formats of ``cleaner check``: each renders a :class:`cleaner.gate.Outcome` as a string.

text: for people at a terminal, grouped by file. json: the stable, versioned schema (also the
baseline file). github: workflow commands that annotate the pull request. junit: JUnit XML, one
test case per article, which GitLab, Jenkins and most CI systems display.
"""

from __future__ import annotations

from collections.abc import Callable

from cleaner.formats import github, json_format, junit, text
from cleaner.gate import Outcome

FORMATS: dict[str, Callable[[Outcome, bool], str]] = {
    "text": text.render,
    "json": json_format.render,
    "github": github.render,
    "junit": junit.render,
}


def render(name: str, outcome: Outcome, quiet: bool = False) -> str:
    """``outcome`` in format ``name``; ``quiet`` drops the text format's closing summary."""
    return FORMATS[name](outcome, quiet)
