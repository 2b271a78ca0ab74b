"""Lists of data that end an article: results, fixtures, winners, seedings, line-ups.

Links after a web page's article are headlines: words, one per line. A list of data repeats a
pattern that headlines rarely have: a bullet and a dash, a rank, two names around "v", a
parenthesised aside, figures, names split by commas, "Label: value". Such marks, shared by
the lines that follow the body, tell a list the article goes on with from the links after it.
"""

from __future__ import annotations

import re

BULLET = 1  # "- Best play - ...", "• ...", or an indent where paragraphs have none (bullets lost)
RANK = 2  # "1 Anna ...", "2. Smith ...", "3) ...": shared only by ranks that count up (``rank``)
VERSUS = 4  # "Harbour Rovers v Valley Town", "Hawks vs. Owls"
ASIDE = 8  # "Name (Country)"
FIGURE = 16  # a number other than a rank: "Smith 19", "4,512", "7:30 p.m."
COMMAS = 32  # "Smith, Jones, Brown."
LABEL = 64  # "Memory: 2GB", "Winner - Anna Berg": a label of one to four words, a short value or a figure

#: Words a label's value may have without a figure: a headline after a topic ("Ukraine war:
#: Russia launches new attack on Kyiv") is no value.
_VALUE_WORDS = 4

_RANK = re.compile(r"\d{1,3}[.)]?\s+\S")
_VERSUS = re.compile(r"\w\s+vs?\.?\s+\w")
_LABEL = re.compile(r"[^\s:]+(?:\s+[^\s:–-]+){0,3}(?::|\s[-–])\s+(?=\S)")
_NOTE = re.compile(r"[(\[]\d{1,3}[)\]]")
_ARROWS = ">»›"  # the arrow a link opens with
_BULLETS = "-–—•*·"


def data_marks(text: str, indent_is_bullet: bool = False) -> int:
    """The marks of a list of data that a line carries (a bit set, 0 for none); an indent counts
    as a bullet only where the caller knows the page's paragraphs are not indented."""
    line = text.strip()
    if line[:1] in "([" and _NOTE.match(line) or line[:1] in _ARROWS:
        return 0  # "(3) Report, Harbour Times, 2011": an endnote; ">> News - ...": a link
    marks = 0
    rest = line
    if line[:1] in _BULLETS and line[1:2].isspace():
        marks |= BULLET
        rest = line[2:]
    elif indent_is_bullet and text[:1].isspace():
        marks |= BULLET
    elif line[:1].isdigit() and _RANK.match(line):
        marks |= RANK
        rest = line.split(None, 1)[1]
    if " v" in rest and _VERSUS.search(rest):
        marks |= VERSUS
    opening = rest.find("(")
    if opening >= 0 and rest.find(")", opening) > opening:
        marks |= ASIDE
    words = rest.split()
    if 4 * sum(1 for word in words if word[:1].isdigit()) >= len(words) > 0:
        marks |= FIGURE
    if 3 * rest.count(", ") >= len(words) > 0:
        marks |= COMMAS
    if ":" in rest or " - " in rest or " – " in rest:
        label = _LABEL.match(rest.lstrip())
        value = rest.lstrip()[label.end():].split() if label else []
        if label and (len(value) <= _VALUE_WORDS or any(word[:1].isdigit() for word in value)):
            marks |= LABEL
    return marks


def rank(text: str) -> int | None:
    """The number a ranked line opens with ("3 Anna Berg" -> 3), or None."""
    line = text.strip()
    found = _RANK.match(line) if line[:1].isdigit() else None
    return int(line[: len(line) - len(line.lstrip("0123456789"))]) if found else None


def shared(previous_text: str, previous: int, text: str, marks: int) -> int:
    """The marks two lines in a row share; ranks only when they count up (1, 2, 3: a seeding),
    not as the numbers headlines open with ("5 things to know", "10 best walks")."""
    common = previous & marks
    if common & RANK and rank(text) != (rank(previous_text) or 0) + 1:
        common &= ~RANK
    return common
