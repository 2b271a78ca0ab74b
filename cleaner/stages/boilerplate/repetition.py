"""Lines that recur across many articles of one source: that source's boilerplate.

A footer, a newsletter box or a "Follow us" line is printed under every article of a site,
often in words no lexicon knows. Counted per source over the articles of one run. Copies of
one story (reprints, updates) would make every line look repeated, so a line counts the
distinct *titles* it appears under, not the documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import exact_key, normalize

MAX_KEY_CHARS = 2000  # longer lines are articles' own text, never a source's furniture


@dataclass(frozen=True, slots=True)
class Article:
    """What repetition needs of one document: its id, title and lines (title line excluded)."""

    id: str
    title: str
    lines: Sequence[str]
    skip_index: int | None = None


@dataclass(frozen=True, slots=True)
class Repeat:
    index: int  # 0-based line index in the article
    titles: int  # distinct titles the line appears under
    group: int  # distinct titles of the source


def line_key(line: str) -> str:
    """Identity of a line across articles: case, spacing, edge punctuation, digits ignored."""
    return exact_key(normalize(line))


def repeated_lines(articles: Sequence[Article], *, min_titles: int, min_share: float) -> dict[str, list[Repeat]]:
    """For one source's articles: article id -> its lines recurring under at least
    ``min_titles`` distinct titles and at least ``min_share`` of the source's titles."""
    ordered = sorted(articles, key=lambda a: a.id)
    title_of = {a.id: line_key(a.title) for a in ordered}
    group = len(set(title_of.values()))
    if group < min_titles:
        return {}
    keys_of: dict[str, list[tuple[int, str]]] = {}
    titles_with: dict[str, set[str]] = {}
    for article in ordered:
        seen: list[tuple[int, str]] = []
        for index, line in enumerate(article.lines):
            if index == article.skip_index or not line.strip() or len(line) > MAX_KEY_CHARS:
                continue
            key = line_key(line)
            if key:
                seen.append((index, key))
                titles_with.setdefault(key, set()).add(title_of[article.id])
        keys_of[article.id] = seen
    found: dict[str, list[Repeat]] = {}
    for article in ordered:
        repeats = [
            Repeat(index, len(titles_with[key]), group)
            for index, key in keys_of[article.id]
            if len(titles_with[key]) >= min_titles and len(titles_with[key]) >= min_share * group
        ]
        if repeats:
            found[article.id] = repeats
    return found
