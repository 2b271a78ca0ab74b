"""Classify the lines of one article: which are boilerplate, of what class, and why.

Four kinds of evidence, combined in this order:

1. **Lexicon** phrases (data files, several languages): "Leave a Reply", "(AFP photo)", ...
2. **Shape**: length, sentence ending, capitals, menu separators, links.
3. **Position**: the article body is the stretch of lines with the most running text (a
   maximum-sum segment over per-line weights: prose counts for, short and matched lines
   against). Lines before it are navigation or header junk, lines after it footer, teasers,
   related links; a heading such as "Comments" or "Next Post" after the body opens a section
   whose lines all take its class. The line that best repeats the title is kept wherever
   it stands.
4. **Context** inside the body: a short line between two removed lines is junk of their kind;
   a short line between paragraphs is a subhead and stays; a run of three or more short lines
   is a link list.

Pure: lines in, verdicts out. Every non-blank suspected line gets a verdict with a score; the
caller decides with a threshold. When in doubt the score stays low (kept, but explained).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .lexicon import Lexicon, Match
from .shape import Shape, line_shape
from .title import echo_score, title_tokens

_WORD = re.compile(r"\w+")

# Weights of the body search: words of prose count for the body, other lines against it.
_PROSE_DIVISOR = 8.0  # a 40-word paragraph weighs 5
_LONG_DIVISOR = 12.0  # running text without a sentence ending counts less
_MAX_WORDS_WEIGHT = 60
_SHORT_SENTENCE = 0.25  # "Expectations were low." barely counts either way
_SHORT_LINE = -1.0
_JUNK_LINE = -2.0  # lexicon match or menu-shaped line
_SECTION_LINE = -6.0  # "Comments", "Next Post": the body rarely runs on past these
_HEADLINE = 3.0  # a line echoing the title draws the body towards it
_BODY_BEFORE_COMMENTS = 10.0  # a comments heading after this much body weight ends the body

STRONG = 0.8  # lexicon matches at least this sure shape the body search
_NAME_REACH = 3  # a bare name this close to the body is its byline; farther out, a menu item
_SECTION_SCORE = 0.85  # a line in a comments/teaser section; surer lexicon matches keep their class


@dataclass(frozen=True, slots=True)
class Verdict:
    """A suspected boilerplate line: 0-based ``index``, class ``code``, ``score`` in [0, 1]."""

    index: int
    code: str
    score: float
    detail: str
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class _Line:
    index: int
    text: str
    shape: Shape
    match: Match | None
    verdict: Verdict | None = None
    echo: bool = False  # the line that best repeats the title (a headline above the body)


def classify_lines(lines: Sequence[str], lexicon: Lexicon, *, title_index: int | None = 0,
                   protect_title: bool = True, title_text: str | None = None) -> list[Verdict]:
    """Verdicts for the suspected boilerplate lines of one article, in line order.

    ``title_index``: the line holding the title, or None (title given apart, ``title_text``).
    ``protect_title``: never judge the title line; off for page dumps whose first line may be
    a menu. Either way the title is what a headline echo above the body is recognised by.
    """
    protected = title_index if protect_title else None
    match = lexicon.match
    items: list[_Line] = []
    for i, text in enumerate(lines):
        if i != protected and text and not text.isspace():
            shape = line_shape(text)
            items.append(_Line(i, text, shape, match(shape)))
    if not items:
        return []
    if title_text is None and title_index is not None and title_index < len(lines):
        title_text = lines[title_index]
    title = title_tokens(title_text) if title_text else frozenset()
    _mark_title_echo(items, title, title_index)
    body = _find_body(items)
    _judge_by_lexicon_and_position(items, body, lexicon.site_words)
    if body is not None:
        _keep_headline(items, body[0], body[1], title)
        _judge_by_context(items, body)
    return [item.verdict for item in items if item.verdict is not None]


def _mark_title_echo(items: list[_Line], title: frozenset[str], title_index: int | None) -> None:
    """Flag the one short line that best repeats the title (the first, on ties). A line with
    far more words than the title cannot be mostly title words: it is not even tokenised."""
    best, best_score = None, 0.0
    most_words = 2 * len(title) + 4
    for item in items:
        shape = item.shape
        if shape.short and shape.words <= most_words and item.index != title_index:
            score = echo_score(shape.head if shape.head is shape.tail else item.text.lower(), title)
            if score > best_score:
                best, best_score = item, score
    if best is not None:
        best.echo = True


def _weight(item: _Line) -> float:
    shape, match = item.shape, item.match
    if match is not None and match.score >= STRONG and not match.rule.edge:
        return _SECTION_LINE if match.rule.opens else _JUNK_LINE
    if shape.seps >= 2 or (shape.link and shape.words < 8):
        return _JUNK_LINE
    if item.echo:
        return _HEADLINE
    if shape.prose:
        words = min(shape.words, _MAX_WORDS_WEIGHT)
        return words / (_PROSE_DIVISOR if shape.sentence else _LONG_DIVISOR)
    if shape.sentence and shape.words >= 4:
        return _SHORT_SENTENCE
    return _SHORT_LINE


def _find_body(items: list[_Line]) -> tuple[int, int] | None:
    """Positions (in ``items``) of the first and last line of the body, or None if no line
    reads as running text. Kadane's maximum-sum segment, linear in the number of lines."""
    best, best_lo, best_hi = 0.0, -1, -1
    run, run_lo = 0.0, 0
    factor = 1.0
    for pos, item in enumerate(items):
        weight = _weight(item)
        if weight > 0:
            weight *= factor
        elif item.match is not None and item.match.rule.opens == "comment" and run >= _BODY_BEFORE_COMMENTS:
            factor, run = 0.0, 0.0  # the body ended at a comments heading: reader text never is body
        if run <= 0:
            run, run_lo = weight, pos
        else:
            run += weight
        if run > best:
            best, best_lo, best_hi = run, run_lo, pos
    return (best_lo, best_hi) if best_lo >= 0 else None


def _from_match(item: _Line, match: Match, score: float | None = None, note: str = "") -> Verdict:
    rule = match.rule
    phrase = "<date words>" if rule.kind == "only" else rule.phrase
    evidence = {"rule": "lexicon", "kind": rule.kind, "phrase": phrase, "lexicon": rule.lang}
    detail = f"lexicon {rule.describe()}{note}"
    return Verdict(item.index, rule.code, match.score if score is None else score, detail, evidence)


def _judge_by_lexicon_and_position(items: list[_Line], body: tuple[int, int] | None,
                                   site_words: frozenset[str]) -> None:
    lo, hi = body if body is not None else (0, len(items) - 1)
    body_lines = [items[lo].index + 1, items[hi].index + 1]
    section: tuple[str, int] | None = None  # (class, opening line) after the body
    for pos, item in enumerate(items):
        match, shape = item.match, item.shape
        after = body is not None and pos > hi
        if after and section is not None and (match is None or match.score < _SECTION_SCORE):
            code, opener = section
            item.verdict = Verdict(item.index, code, _SECTION_SCORE, f"in the {code} section opened at line {opener}",
                                   {"rule": "section", "opened_by": opener})
            continue
        if match is not None:
            if after and match.rule.opens:
                section = (match.rule.opens, item.index + 1)
            item.verdict = _lexicon_verdict(items, pos, match, lo, hi)
            continue
        if body is None or lo <= pos <= hi:
            if shape.short and (shape.seps >= 2 or shape.link):
                item.verdict = Verdict(item.index, "navigation", 0.75,
                                       "menu-shaped line (separators or link) inside the body",
                                       {"rule": "shape", "separators": shape.seps, "link": shape.link})
            continue
        if item.echo:
            continue
        item.verdict = _outside_verdict(item, pos < lo, lo - pos if pos < lo else pos - hi, body_lines, site_words)


def _lexicon_verdict(items: list[_Line], pos: int, match: Match, lo: int, hi: int) -> Verdict:
    """A lexicon match, weakened where position or context says it is probably text."""
    item, rule = items[pos], match.rule
    if rule.edge and lo + 2 <= pos <= hi - 3:
        return _from_match(item, match, match.score * 0.5, "; deep inside the body, so doubtful")
    if rule.code in ("navigation", "related") and lo < pos < hi and _between_prose(items, pos):
        return _from_match(item, match, 0.45, "; between two paragraphs, so probably a subhead")
    return _from_match(item, match)


def _between_prose(items: list[_Line], pos: int) -> bool:
    return items[pos - 1].shape.prose and items[pos + 1].shape.prose


def _outside_verdict(item: _Line, before: bool, distance: int, body_lines: list[int],
                     site_words: frozenset[str]) -> Verdict | None:
    shape = item.shape
    evidence: dict[str, Any] = {"rule": "position", "body": body_lines, "words": shape.words}
    where = "before" if before else "after"
    if before and distance == 1 and 3 <= shape.words <= 25 and not shape.sentence \
            and not shape.seps and not shape.link:
        return None  # the line right above the body: headline or deck; keep
    if distance <= _NAME_REACH and _name_like(item.text, site_words):
        return Verdict(item.index, "byline", 0.75, f"a bare name {where} the body", evidence)
    if shape.seps >= 2 or shape.link:
        return Verdict(item.index, "navigation", 0.8, f"menu-shaped line {where} the body", evidence)
    if shape.prose:
        return Verdict(item.index, "teaser", 0.6, f"running text {where} the body, apart from it", evidence)
    if before:
        return Verdict(item.index, "navigation", 0.75, "short line before the body", evidence)
    words = {w.strip(".,:;()'\"").lower() for w in item.text.split()}
    if not words.isdisjoint(site_words):
        return Verdict(item.index, "footer", 0.75, "short line after the body naming a site", evidence)
    if shape.words >= 3 and shape.caps >= 0.5:
        return Verdict(item.index, "related", 0.7, "headline-like line after the body", evidence)
    return Verdict(item.index, "footer", 0.7, "short line after the body", evidence)


def _name_like(text: str, site_words: frozenset[str]) -> bool:
    """'Christi C. Elwood': two to four capitalised words, no site word, no sentence."""
    words = text.split()
    if not 2 <= len(words) <= 4 or text.rstrip()[-1:] in "!?:":
        return False
    for word in words:
        if not word[:1].isupper() or not word.replace(".", "").replace("-", "").replace("'", "").isalpha():
            return False
        if word.lower().strip(".") in site_words:
            return False
    return not text.rstrip().endswith(".") or len(words[-1]) <= 2


_HEAD_REACH = 8  # lines above the body searched for its headline
_LEAD_LINES = 3  # body lines whose words a headline shares
_HEADLINE_SHARE = 0.4


def _keep_headline(items: list[_Line], lo: int, hi: int, title: frozenset[str]) -> None:
    """Above the body, the title-shaped line sharing most of its words with the title or the
    lead paragraphs is the headline: undo a merely positional verdict on it."""
    candidates = []
    for item in items[max(lo - _HEAD_REACH, 0): lo]:
        verdict, shape = item.verdict, item.shape
        if verdict is None or verdict.evidence.get("rule") != "position" or not 3 <= shape.words <= 25:
            continue
        if shape.seps >= 2 or shape.link or item.text.rstrip().endswith("."):
            continue
        words = [w for w in _WORD.findall(item.text.lower()) if len(w) > 3]
        if words:
            candidates.append((item, words))
    if not candidates:
        return
    lead = set(title)
    for item in items[max(lo - 1, 0): min(hi + 1, lo + _LEAD_LINES)]:
        lead.update(_WORD.findall(item.text[:2000].lower()))
    best, best_share = None, _HEADLINE_SHARE
    for item, words in candidates:
        share = sum(1 for w in words if w in lead) / len(words)
        if share >= best_share:
            best, best_share = item, share
    if best is not None:
        best.verdict = None


def _judge_by_context(items: list[_Line], body: tuple[int, int]) -> None:
    """Short unexplained lines inside the body: junk between junk, link lists; else subheads."""
    lo, hi = body
    run: list[_Line] = []
    for pos in range(lo, hi + 2):
        item = items[pos] if pos <= hi else None
        if item is not None and item.verdict is None and item.shape.short and not item.shape.sentence \
                and not item.echo:
            prev_v = items[pos - 1].verdict if pos > 0 else None
            next_v = items[pos + 1].verdict if pos + 1 < len(items) else None
            if prev_v is not None and next_v is not None and prev_v.score >= 0.5 and next_v.score >= 0.5:
                item.verdict = Verdict(item.index, prev_v.code, 0.7,
                                       f"short line between two {prev_v.code} lines",
                                       {"rule": "context", "between": [prev_v.index + 1, next_v.index + 1]})
                continue
            run.append(item)
            continue
        if len(run) >= 3:
            for member in run:
                member.verdict = Verdict(member.index, "navigation", 0.6,
                                         f"one of {len(run)} short lines in a row (a link list)",
                                         {"rule": "context", "run": [run[0].index + 1, run[-1].index + 1]})
        run = []
