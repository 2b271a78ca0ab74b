"""Classify the lines of one article: which are boilerplate, of what class, and why.

Four kinds of evidence, combined in this order:

1. **Lexicon** phrases (data files, several languages): "Leave a Reply", "(AFP photo)", ...
2. **Shape**: length, sentence ending, capitals, menu separators, links.
3. **Position**: the article body is the stretch of lines with the most running text (a
   maximum-sum segment over per-line weights: prose counts for, short and matched lines
   against). Lines before it are navigation or header junk, lines after it footer, teasers,
   related links; a heading such as "Comments" or "Next Post" after the body opens a section
   whose lines all take its class. Right after the body, plain short statements ("Good luck,
   Tara.") and a list a sentence introduces with a colon are its last words and stay, and so
   does a list of data that goes on from the body with no line introducing it: lines of one
   repeated pattern that headlines rarely have (results, fixtures, winners; see listing.py),
   with a paragraph right after it. The line that best repeats the title is kept wherever it
   stands, and so are the sentences right above the body that say what its lead says (a deck).
4. **Context** inside the body: a short line between two removed lines is junk of their kind;
   a short line between paragraphs is a subhead and stays; a run of three or more short lines
   is a link list, unless its lines share a mark of a list of data (bullets, ranks, labels).

Pure: lines in, verdicts out. Every non-blank suspected line gets a verdict with a score; the
caller decides with a threshold. When in doubt the score stays low (kept, but explained).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...document import Finding
from .codes import STAGE
from .lexicon import Lexicon, Match
from .listing import data_marks, shared
from .shape import Shape, capitals_per_word, line_shapes, lower
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
_CLOSING_QUOTES = " \"'”’»)"
_INTRODUCTION_WORDS = 5  # "The judge had advice for anyone:" introduces a list; "On the Net:" heads links
_LAST_WORDS_REACH = 2  # a short sentence this close after the body ("Trust me.") ends it; not junk
#: The author's initials that sign the last paragraph in German papers ("... noch unklar. (mp)").
_INITIALS = re.compile(r"\([a-zäöüß]{2,4}\)$")
_NAME_REACH = 3  # a bare name this close to the body is its byline; farther out, a menu item
_GAP_WORDS = 5  # a short line inside a list of data ('Replay on Tuesday') is one of its lines
_SECTION_SCORE = 0.85  # a line in a comments/teaser section; surer lexicon matches keep their class


@dataclass(slots=True)
class _Page:
    """The non-blank lines of one article as parallel lists (position ``pos`` = the pos-th
    non-blank line): cheaper to build and walk than one object per line, which matters since
    most lines are paragraphs that every pass merely steps over."""

    index: list[int]  # 0-based line index
    text: list[str]
    shape: list[Shape]
    match: list[Match | None]
    verdict: list[Finding | None]
    echo: int = -1  # position of the line that best repeats the title (a headline above the body)
    body: tuple[int, int] | None = None
    indent_is_bullet: bool | None = None  # the body's paragraphs have no indent: an indented line lost its bullet

    def marks(self, pos: int, indent: bool = False) -> int:
        """The marks of a list of data of the line at ``pos`` (``listing.data_marks``); with
        ``indent``, an indent counts as a lost bullet where the body's paragraphs have none (a
        list inside the body; after it, an indented block is as often the page's links)."""
        if not indent:
            return data_marks(self.text[pos])
        if self.indent_is_bullet is None:  # read on first need: most pages never ask
            lo, hi = self.body or (0, len(self.text) - 1)
            prose = [self.text[p] for p in range(lo, hi + 1) if self.shape[p].prose]
            self.indent_is_bullet = 2 * sum(text[:1].isspace() for text in prose) < len(prose)
        return data_marks(self.text[pos], self.indent_is_bullet)


def classify_lines(lines: Sequence[str], lexicon: Lexicon, *, title_index: int | None = 0,
                   protect_title: bool = True, title_text: str | None = None) -> list[Finding]:
    """Findings (1-based raw lines) for the suspected boilerplate lines of one article, in
    line order.

    ``title_index``: the line holding the title, or None (title given apart, ``title_text``).
    ``protect_title``: never judge the title line; off for page dumps whose first line may be
    a menu. Either way the title is what a headline echo above the body is recognised by.
    """
    index, texts, shapes = line_shapes(lines, title_index if protect_title else None)
    if not shapes:
        return []
    page = _Page(index, texts, shapes, lexicon.match_lines(shapes), [None] * len(shapes))
    if title_text is None and title_index is not None and title_index < len(lines):
        title_text = lines[title_index]
    title = title_tokens(title_text) if title_text else frozenset()
    if title:
        page.echo = _title_echo(page, title, title_index)
    body = page.body = _find_body(page)
    _judge_by_lexicon_and_position(page, body, lexicon.site_words)
    if body is not None:
        _keep_headline(page, body[0], body[1], title)
        _keep_deck(page, body[0], body[1], title)
        _judge_by_context(page, body)
    return [verdict for verdict in page.verdict if verdict is not None]


def _title_echo(page: _Page, title: frozenset[str], title_index: int | None) -> int:
    """Position of the one short line that best repeats the title (the first, on ties), or -1.
    A line with far more words than the title cannot be mostly title words, nor one that
    shares none of the title's content words (four letters or more: "of", "the" prove
    nothing) as written, split at spaces: neither is even tokenised."""
    best, best_score = -1, 0.0
    most_words = 2 * len(title) + 4
    content = {word for word in title if len(word) >= 4} or title
    for pos, shape in enumerate(page.shape):
        if not shape.prose and shape.words <= most_words and page.index[pos] != title_index \
                and not content.isdisjoint(shape.tokens):
            score = echo_score(shape.head if shape.head is shape.tail else page.text[pos].lower(), title)
            if score > best_score:
                best, best_score = pos, score
    return best


def _find_body(page: _Page) -> tuple[int, int] | None:
    """Positions of the first and last line of the body, or None if no line reads as running
    text. Kadane's maximum-sum segment over per-line weights, linear in the number of lines.

    Weights: a strong lexicon match or a menu-shaped line counts against the body (a section
    opener such as "Comments" most), the title echo for it, prose by its words, a short
    sentence a little, any other short line against."""
    best, best_lo, best_hi = 0.0, -1, -1
    run, run_lo = 0.0, 0
    factor = 1.0
    matches, echo = page.match, page.echo
    for pos, shape in enumerate(page.shape):
        match = matches[pos]
        if match is not None and match.score >= STRONG and not match.rule.edge:
            weight = _SECTION_LINE if match.rule.opens else _JUNK_LINE
        elif shape.seps >= 2 or (shape.link and shape.words < 8):
            weight = _JUNK_LINE
        elif pos == echo:
            weight = _HEADLINE
        elif shape.prose:
            weight = min(shape.words, _MAX_WORDS_WEIGHT) / (_PROSE_DIVISOR if shape.sentence else _LONG_DIVISOR)
        elif shape.sentence and shape.words >= 4:
            weight = _SHORT_SENTENCE
        else:
            weight = _SHORT_LINE
        if weight > 0:
            weight *= factor
        elif match is not None and match.rule.opens == "comment" and run >= _BODY_BEFORE_COMMENTS:
            factor, run = 0.0, 0.0  # the body ended at a comments heading: reader text never is body
        if run <= 0:
            run, run_lo = weight, pos
        else:
            run += weight
        if run > best:
            best, best_lo, best_hi = run, run_lo, pos
    return (best_lo, best_hi) if best_lo >= 0 else None


def _from_match(line: int, match: Match, score: float | None = None, note: str = "") -> Finding:
    rule = match.rule
    return Finding(STAGE, rule.code, line, match.score if score is None else score, rule.detail + note, rule.evidence)


def _judge_by_lexicon_and_position(page: _Page, body: tuple[int, int] | None,
                                   site_words: frozenset[str]) -> None:
    """Lexicon matches everywhere; menu-shaped short lines inside the body; every other line
    outside it by its position (a section opened after the body takes the lines below)."""
    shapes, matches, verdicts = page.shape, page.match, page.verdict
    lo, hi = body if body is not None else (0, len(shapes) - 1)
    for pos in range(lo, hi + 1):  # the body, or every line when there is none
        match = matches[pos]
        if match is not None:
            verdicts[pos] = _lexicon_verdict(page, pos, match, lo, hi)
            continue
        shape = shapes[pos]
        if not shape.prose and (shape.seps >= 2 or shape.link):
            verdicts[pos] = Finding(STAGE, "navigation", page.index[pos] + 1, 0.75,
                                    "menu-shaped line (separators or link) inside the body",
                                    {"rule": "shape", "separators": shape.seps, "link": shape.link})
    if body is None:
        return
    body_lines = [page.index[lo] + 1, page.index[hi] + 1]
    for pos in range(lo):
        match = matches[pos]
        if match is not None:
            verdicts[pos] = _lexicon_verdict(page, pos, match, lo, hi)
        elif pos != page.echo:
            verdicts[pos] = _outside_verdict(page, pos, True, lo - pos, body_lines, site_words)
    section: tuple[str, int] | None = None  # (class, opening line)
    end = hi  # the body's last line, or the last short sentence after it that was kept
    listing = page.text[hi].rstrip().endswith(":")  # the line at ``end`` introduces a list
    last_item = -1  # the last line of a list of data that goes on from ``end``
    for pos in range(hi + 1, len(shapes)):
        match = matches[pos]
        if section is not None and (match is None or match.score < _SECTION_SCORE):
            code, opener = section
            verdicts[pos] = Finding(STAGE, code, page.index[pos] + 1, _SECTION_SCORE, f"in the {code} section opened at line {opener}",
                                    {"rule": "section", "opened_by": opener})
        elif match is not None:
            if match.rule.opens:
                section = (match.rule.opens, page.index[pos] + 1)
            verdicts[pos] = _lexicon_verdict(page, pos, match, lo, hi)
        elif pos != page.echo:
            shape = shapes[pos]
            if pos == end + 1 and last_item < end:  # no list ended at ``end``
                last_item = _data_list(page, pos, end)
            if pos <= last_item:
                verdicts[pos] = Finding(STAGE, "footer", page.index[pos] + 1, 0.4,
                                        "an item of a list of data the article ends with",
                                        {"rule": "data_list", "body": body_lines, "words": shape.words})
                end = pos
                continue
            if pos == end + 1 == last_item + 1 and shape.prose and shape.sentence and not shape.link:
                verdicts[pos] = Finding(STAGE, "footer", page.index[pos] + 1, 0.4,
                                        "a paragraph right after a list of data, the article's last words",
                                        {"rule": "last_words", "body": body_lines, "words": shape.words})
                end = pos
                continue
            if listing and pos == end + 1 and not shape.seps and not shape.link:
                verdicts[pos] = Finding(STAGE, "footer", page.index[pos] + 1, 0.4, "an item of the list the article ends with",
                                        {"rule": "last_words", "body": body_lines, "words": shape.words})
                end = pos
                continue
            verdict = verdicts[pos] = _outside_verdict(page, pos, False, pos - end, body_lines, site_words)
            if verdict is not None and verdict.evidence["rule"] == "last_words":
                end, listing = pos, page.text[pos].rstrip().endswith(":")


def _data_list(page: _Page, start: int, end: int) -> int:
    """Position of the last line of a list of data that goes on from line ``end`` at line
    ``start``, or -1. A line joins the list by sharing a mark (listing.data_marks) with the
    line before it; once the list holds two lines (the line at ``end`` and the one above it
    count when they are marked and no prose: the list began in the body), one of them with
    letters ('1', '2' are page links), any marked line joins, and so does a short unmarked
    one ('Brennan.') that the next line goes on from. A lexicon match or a menu-shaped line
    ends it."""
    shapes, texts = page.shape, page.text
    previous = page.marks(end) if not shapes[end].prose else 0
    previous_text = texts[end]
    items = named = 1 if previous else 0
    if previous and end > 0 and not shapes[end - 1].prose and page.marks(end - 1):
        items = named = 2  # the list began in the body
    last = -1
    pos = start
    while pos < len(shapes):
        shape = shapes[pos]
        if page.match[pos] is not None or shape.seps or shape.link:
            break
        marks = page.marks(pos)
        listed = items >= 2 and named >= 1
        if not marks or previous and not shared(previous_text, previous, texts[pos], marks) and not listed:
            if not listed or marks or shape.prose or shape.words > _GAP_WORDS or pos + 1 >= len(shapes) \
                    or page.match[pos + 1] is not None \
                    or not shared(previous_text, previous, texts[pos + 1], page.marks(pos + 1)):
                break
            pos += 1  # a short line inside the list: the next line goes on from the one before it
            continue
        items += 1
        named += any(char.isalpha() for char in texts[pos])
        if items >= 2 and named >= 1:
            last = pos
        previous, previous_text = marks, texts[pos]
        pos += 1
    return last


def _one_pattern(page: _Page, run: list[int]) -> bool:
    """Whether a run of short lines is a list of data, not of links: all its lines but
    perhaps the first ('The council will') share a mark of a list, each with the one before."""
    common, marked = -1, []
    for pos in run:
        marks = page.marks(pos, indent=True)
        if marks:
            if marked:
                common &= shared(page.text[marked[-1][0]], marked[-1][1], page.text[pos], marks)
            marked.append((pos, marks))
    return len(marked) >= max(2, len(run) - 1) and common > 0


def _lexicon_verdict(page: _Page, pos: int, match: Match, lo: int, hi: int) -> Finding:
    """A lexicon match, weakened where position or context says it is probably text."""
    rule, line = match.rule, page.index[pos] + 1
    if rule.edge and lo + 2 <= pos <= hi - 3:
        return _from_match(line, match, match.score * 0.5, "; deep inside the body, so doubtful")
    if rule.code in ("navigation", "related") and lo < pos < hi and page.shape[pos - 1].prose \
            and page.shape[pos + 1].prose:
        return _from_match(line, match, 0.45, "; between two paragraphs, so probably a subhead")
    return _from_match(line, match)


def _outside_verdict(page: _Page, pos: int, before: bool, distance: int, body_lines: list[int],
                     site_words: frozenset[str]) -> Finding | None:
    shape, line, text = page.shape[pos], page.index[pos] + 1, page.text[pos]
    evidence: dict[str, Any] = {"rule": "position", "body": body_lines, "words": shape.words}
    where = "before" if before else "after"
    if before and distance == 1 and 3 <= shape.words <= 25 and not shape.sentence \
            and not shape.seps and not shape.link:
        return None  # the line right above the body: headline or deck; keep
    if distance <= _NAME_REACH and _name_like(text, site_words):
        return Finding(STAGE, "byline", line, 0.75, f"a bare name {where} the body", evidence)
    if shape.seps >= 2 or shape.link:
        return Finding(STAGE, "navigation", line, 0.8, f"menu-shaped line {where} the body", evidence)
    if shape.prose:
        return Finding(STAGE, "teaser", line, 0.6, f"running text {where} the body, apart from it", evidence)
    if before:
        return Finding(STAGE, "navigation", line, 0.75, "short line before the body", evidence)
    if distance <= _LAST_WORDS_REACH and _last_words(text, shape):
        return Finding(STAGE, "footer", line, 0.4, "a short sentence right after the body, probably its last words"
                       if not text.rstrip().endswith(":") else "a sentence right after the body introducing a list",
                       {**evidence, "rule": "last_words"})
    # The words of a line read whole are its tokens; a longer line's tokens are only its edges,
    # cut mid-word ("sometimes" -> "times").
    tokens = shape.tokens if shape.tokens and shape.head is shape.tail else lower(text).split()
    words = {w.strip(".,:;()'\"") for w in tokens}
    if not words.isdisjoint(site_words):
        return Finding(STAGE, "footer", line, 0.75, "short line after the body naming a site", evidence)
    if shape.words >= 3 and capitals_per_word(text.strip(), shape.words) >= 0.5:
        return Finding(STAGE, "related", line, 0.7, "headline-like line after the body", evidence)
    return Finding(STAGE, "footer", line, 0.7, "short line after the body", evidence)


def _last_words(text: str, shape: Shape) -> bool:
    """'Trust me.', 'Good luck, Tara.': a plain statement of two or more words, one of them in
    lower case, ending in one full stop (before the author's initials, if any); or a sentence of
    _INTRODUCTION_WORDS or more ending in a colon, which introduces a closing list. Junk after an article asks or calls ("What is this?",
    "Add to Heffee!"), trails off ("More sport news...") or heads links ("On the Net:")."""
    end = text.rstrip()
    signed = _INITIALS.search(end)  # searched from its "(", never from every space before it
    end = (end[: signed.start()] if signed else end).rstrip().rstrip(_CLOSING_QUOTES)
    statement = end.endswith(".") and not end.endswith("..") and shape.words >= 2
    introduction = end.endswith(":") and shape.words >= _INTRODUCTION_WORDS
    return (statement or introduction) and not shape.seps and "|" not in end \
        and any(word.islower() for word in end.split())


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


def _lead_words(page: _Page, first: int, lo: int, hi: int, title: frozenset[str]) -> set[str]:
    """The title's words and those of the body's lead (its first ``_LEAD_LINES`` lines, read from
    ``first``): what a headline or a deck above the body repeats."""
    lead = set(title)
    for text in page.text[first: min(hi + 1, lo + _LEAD_LINES)]:
        lead.update(_WORD.findall(text[:2000].lower()))
    return lead


def _keep_headline(page: _Page, lo: int, hi: int, title: frozenset[str]) -> None:
    """Above the body, the title-shaped line sharing most of its words with the title or the
    lead paragraphs is the headline: undo a merely positional verdict on it."""
    candidates = []
    for pos in range(max(lo - _HEAD_REACH, 0), lo):
        verdict, shape, text = page.verdict[pos], page.shape[pos], page.text[pos]
        if verdict is None or verdict.evidence.get("rule") != "position" or not 3 <= shape.words <= 25:
            continue
        if shape.seps >= 2 or shape.link or text.rstrip().endswith("."):
            continue
        words = [w for w in _WORD.findall(text.lower()) if len(w) > 3]
        if words:
            candidates.append((pos, words))
    if not candidates:
        return
    lead = _lead_words(page, max(lo - 1, 0), lo, hi, title)
    best, best_share = None, _HEADLINE_SHARE
    for pos, words in candidates:
        share = sum(1 for w in words if w in lead) / len(words)
        if share >= best_share:
            best, best_share = pos, share
    if best is not None:
        page.verdict[best] = None


_DECK_REACH = 5  # lines above the body searched for its deck, past its date and byline lines
_DECK_SHARE = 0.4  # share of a deck's words that the title or the lead paragraphs have
_METADATA = ("dateline", "editor_note", "byline")  # lines that may stand between a deck and the body


def _keep_deck(page: _Page, lo: int, hi: int, title: frozenset[str]) -> None:
    """Right above the body, past its date and byline lines, the sentences that say what the
    lead says (mostly its own words or the title's) are its deck, the summary under the
    headline: undo a merely positional verdict on them. A teaser of another article there
    shares few of the lead's words."""
    lead: set[str] | None = None  # read only when a line could be a deck: most pages have none
    for pos in range(lo - 1, max(lo - _DECK_REACH, 0) - 1, -1):
        verdict, shape = page.verdict[pos], page.shape[pos]
        if verdict is None or verdict.code in _METADATA:
            continue
        if verdict.evidence.get("rule") != "position" or shape.seps or shape.link or not shape.sentence \
                or not 6 <= shape.words <= 60:
            return
        if lead is None:
            lead = _lead_words(page, lo, lo, hi, title)
        words = [w for w in _WORD.findall(page.text[pos].lower()) if len(w) > 3]
        if not words or sum(1 for w in words if w in lead) < _DECK_SHARE * len(words):
            return
        page.verdict[pos] = None


def _judge_by_context(page: _Page, body: tuple[int, int]) -> None:
    """Short unexplained lines inside the body: junk between junk, link lists; else subheads."""
    lo, hi = body
    shapes, verdicts, index = page.shape, page.verdict, page.index
    last = len(shapes) - 1
    run: list[int] = []
    for pos in range(lo, hi + 2):
        if pos <= hi and verdicts[pos] is None and not shapes[pos].prose and not shapes[pos].sentence \
                and pos != page.echo:
            prev_v = verdicts[pos - 1] if pos > 0 else None
            next_v = verdicts[pos + 1] if pos < last else None
            if prev_v is not None and next_v is not None and prev_v.score >= 0.5 and next_v.score >= 0.5:
                verdicts[pos] = Finding(STAGE, prev_v.code, index[pos] + 1, 0.7, f"short line between two {prev_v.code} lines",
                                        {"rule": "context", "between": [prev_v.line, next_v.line]})
                continue
            run.append(pos)
            continue
        if not run:  # most lines of the body are paragraphs, with no run of short lines to end
            continue
        if len(run) >= 3 and not _one_pattern(page, run):
            first, final = index[run[0]] + 1, index[run[-1]] + 1
            for member in run:
                verdicts[member] = Finding(STAGE, "navigation", index[member] + 1, 0.6,
                                           f"one of {len(run)} short lines in a row (a link list)",
                                           {"rule": "context", "run": [first, final]})
        run = []
