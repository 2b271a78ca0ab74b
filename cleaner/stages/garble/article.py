"""Reading one article for the corpus pass: where a name stands, its neighbour words, and what
its capital shows.

A name's occurrence carries the words around it, as the corpus pass compares them across the run:
the word directly before and after (only spaces between, on the same line), and the two words on
each side ("Bank of _", "_ and Matsushita"). A word before a full stop ends a sentence unless it
is an initial or an abbreviated title ("J.", "Mr.", "Gen."; ``abbreviation``), and a possessive
("Bush's America", "Jones' party") says whose, not who: neither counts as the word before.

A capital shows a name only where nothing else explains it: not at a sentence start (after a full
stop, an opening quote or bracket, a line start; ``sentence_start``) and not in a title-case
headline ("AMD Enters Server Business"; ``title_case``). Titles that say nothing of who is named
("Mr", "President") are listed in ``cleaner/data/titles.toml``, those that refer back to a person
by surname alone ("Mr", "Ms") in ``cleaner/data/honorifics.toml``.

Cost: the corpus pass asks for few names of most articles, so a name is looked up with
``str.find`` in the joined text and checked against ``NAME_RE`` (the per-document pass's word
pattern) where it stands, instead of tokenising the article; the searches for the words before a
name are given only the last words before it. What is asked of an article once (whether a line
is a headline) is kept in its ``Article``.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from cleaner.stages.garble.extract import NAME_RE, UPPER

_PREV_WORD_RE = re.compile(r"(?<![\w'’])([^\W\d_]+)(?:['’]s|['’.])?\s+$")
#: Matched where a name ends (``match(line, end)``: no copy of the rest of the line).
_NEXT_WORD_RE = re.compile(r"(?:['’]s)?\s+([^\W\d_]+)")
#: Two words before or after a name with only spaces between: "Bank of _", "_ and Matsushita".
_PREV_PAIR_RE = re.compile(r"(?<![\w'’])([^\W\d_]+) +([^\W\d_]+) +$")
_NEXT_PAIR_RE = re.compile(r" +([^\W\d_]+) +([^\W\d_]+)(?![\w'’])")
#: Matched on the text before a name, reversed: the stretch a match of ``_PREV_WORD_RE`` (spaces,
#: a stop or possessive, one word) or of ``_PREV_PAIR_RE`` (spaces, word, spaces, word) can span.
_REVERSED_WORD_RE = re.compile(r"\s*[\w'’.]*")
_REVERSED_PAIR_RE = re.compile(r" *\w* *\w*")
#: A short capitalised word before a full stop: a title ("Mr.", "Gen.") or an initial ("J.") when
#: ``abbreviation`` says so, else the end of a sentence ("for Ray. Million Dollar Baby").
_ABBREVIATION_RE = re.compile(r"[A-Z][a-z]{0,3}")
#: Words of four letters or more: in a title-case headline they are capitalised, short ones may not be
#: (their first letter is captured: what ``title_case`` looks at).
_TITLE_WORD_RE = re.compile(r"\b([^\W\d_])[^\W\d_]{3,}")
#: Before a sentence start: the end of a sentence, an opening quote or bracket, a line start.
_SENTENCE_START_RE = re.compile(r"(?:^|[.?!:\n\"'“‘(”’])[\"'“‘(”’\s]*$")
#: Two capitalised words (letters only) with only spaces between, or a stop or possessive after the
#: first ("Tony Blair", "Mr. Blair", "Bush's America"). The second is read in a look-ahead, so that
#: "Tony Blair Smith" gives both pairs.
_CAPITAL_PAIR_RE = re.compile(rf"([{UPPER}][^\W\d_]*)(?:['’]s|['’.])?[^\S\n]+(?=([{UPPER}][^\W\d_]*))")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a name stands in an article, with the words around it that the run compares."""

    line: int  # raw 1-based
    column: int
    prev: str | None  # the word directly before (same line, only spaces between), as written
    next: str | None
    before: tuple[str, str] | None = None  # the two words before, spaces only between ("Bank", "of")
    after: tuple[str, str] | None = None


class Article:
    """One article's text, read for what the corpus pass asks of it, each fact worked out once.

    Names are looked up with ``str.find`` in the joined text, one name at a time: the corpus pass
    asks for few names of most articles, and a find costs far less than tokenising the article.
    Whether a line is a title-case headline is kept once known.
    """

    __slots__ = ("lines", "text", "_offsets", "_title_lines")

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self.text = "\n".join(lines)
        offsets, at = [], 0
        for line in lines:
            offsets.append(at)
            at += len(line) + 1
        self._offsets = offsets
        self._title_lines: dict[int, bool] = {}

    def _spans_of(self, name: str) -> Iterator[tuple[int, int, int]]:
        """(line index, start, end) of each occurrence of ``name`` as a word ``NAME_RE`` finds whole.

        The same as scanning every line with ``NAME_RE`` and keeping the matches spelt ``name`` not
        inside a longer word (``joined_before``): a place where ``name`` starts after no letter, nor
        an apostrophe after one, lies in no earlier match, so it is a match of its own when
        ``NAME_RE`` ends there too.
        """
        text, offsets, size = self.text, self._offsets, len(name)
        start = text.find(name)
        while start != -1:
            end = start + size
            if not joined_before(text, start) and not text[end : end + 1].isdigit():
                match = NAME_RE.match(text, start)
                if match is not None and match.end() == end:
                    number = bisect_right(offsets, start) - 1
                    yield number, start - offsets[number], end - offsets[number]
            start = text.find(name, start + 1)

    def occurrences(self, name: str) -> tuple[Occurrence, ...]:
        """Where ``name`` stands as a whole word (possessive allowed), with its neighbour words."""
        found = []
        for number, start, end in self._spans_of(name):
            line = self.lines[number]
            prev = _prev_word(line, start)
            before = None
            if line[start - 1 : start] == " ":  # the pattern ends in spaces
                pair = _REVERSED_PAIR_RE.match(line[max(0, start - 60) : start][::-1]).end()
                before = _PREV_PAIR_RE.search(line[max(0, start - 60, start - pair - 1) : start])
            if prev and prev.group(0).rstrip().endswith(".") and not abbreviation(prev.group(1)):
                prev = None  # the end of a sentence, not "Mr." or "Gen."
            elif prev and prev.group(0).rstrip()[-2:] in ("'s", "’s", "s'", "s’"):
                prev = None  # a possessive ("Bush's America", "Jones' party") says whose, not who
            nxt = _NEXT_WORD_RE.match(line, end)
            after = _NEXT_PAIR_RE.match(line, end, end + 60)  # as if the line stopped there
            found.append(Occurrence(
                number + 1, start, prev and prev.group(1), nxt and nxt.group(1),
                (before.group(1), before.group(2)) if before else None, (after.group(1), after.group(2)) if after else None))
        return tuple(found)

    def neighbour_words(self, name: str) -> Iterator[tuple[str | None, str | None]]:
        """The words directly before and after each occurrence of ``name``, cheaper than
        ``occurrences``: the word before as the pattern finds it, also where ``occurrences`` drops
        it (the end of a sentence, a possessive)."""
        for number, start, end in self._spans_of(name):
            line = self.lines[number]
            prev = _prev_word(line, start)
            nxt = _NEXT_WORD_RE.match(line, end)
            yield prev and prev.group(1), nxt and nxt.group(1)

    def capitalised_pairs(self) -> list[tuple[str, str]]:
        """Every capitalised word with the capitalised word after it, in one scan of the article:
        what could form a full name is asked of most names of the article judged, and few stand
        next to a capitalised word.

        For a name without an apostrophe, the pairs hold every capitalised neighbour ``neighbour_words``
        gives it that starts with a capital of ``extract.UPPER`` (as every name of the run does; a
        word before of over 35 letters, which ``neighbour_words`` reads cut, aside): an occurrence,
        and the word before it, start matches of ``_CAPITAL_PAIR_RE`` (no match spans the character
        before either), whose separator allows all that ``neighbour_words`` allows, and more.
        """
        return _CAPITAL_PAIR_RE.findall(self.text)

    def headline(self, number: int) -> bool:
        """Whether line ``number`` (0-based) is a title-case headline (``title_case``)."""
        known = self._title_lines.get(number)
        if known is None:
            known = self._title_lines[number] = title_case(self.lines[number])
        return known

    def named_mid_sentence(self, word: str) -> bool:
        """Whether ``word`` stands as a whole word somewhere not at a sentence start and not in a
        title-case headline: capitalised there, it is used as a name."""
        text, offsets = self.text, self._offsets
        for start in word_starts(text, word):
            number = bisect_right(offsets, start) - 1
            line_start = offsets[number]
            # After a letter, digit, comma or semicolon and one space no sentence starts (the common
            # case, known without ``sentence_start``'s search).
            mid_sentence = start - line_start >= 2 and text[start - 1] == " " and (
                text[start - 2].isalnum() or text[start - 2] in ",;") \
                or not sentence_start(text[max(line_start, start - 12) : start])
            if mid_sentence and not self.headline(number):
                return True
        return False

    def has_phrase(self, phrase: str) -> bool:
        """Whether ``phrase`` stands in the article as whole words."""
        return next(word_starts(self.text, phrase), None) is not None


def _prev_word(line: str, start: int) -> re.Match[str] | None:
    """``_PREV_WORD_RE`` searched in the 40 characters before ``start``.

    Only the last word before the name (and one character more, for the look-behind) is given to
    the search: the pattern cannot match further back, and a search costs as much per character
    as it is given.
    """
    if not line[start - 1 : start].isspace():
        return None
    word = _REVERSED_WORD_RE.match(line[max(0, start - 40) : start][::-1]).end()
    return _PREV_WORD_RE.search(line[max(0, start - 40, start - word - 1) : start])


def joined_before(text: str, start: int) -> bool:
    """True when what stands before ``start`` makes it part of a longer word: a letter, digit or
    underscore, or an apostrophe after one ("Brien" in O'Brien). A quote that opens before a word
    does not ('Blinken plan', as single-quoting outlets write it)."""
    if not start:
        return False
    before = text[start - 1]
    return before.isalnum() or before == "_" or (before in "'’" and start >= 2 and text[start - 2].isalnum())


def word_starts(text: str, word: str) -> Iterator[int]:
    """Where ``word`` stands in ``text`` as a whole word (a possessive 's allowed after it)."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if not joined_before(text, start) and not text[end : end + 1].isalnum():
            yield start
        start = text.find(word, end)


def _word_list(name: str) -> frozenset[str]:
    """Every word of the lists in ``cleaner/data/<name>``."""
    text = resources.files("cleaner").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return frozenset(word for words in tomllib.loads(text).values() for word in words)


@cache
def honorifics() -> frozenset[str]:
    """Honorifics that refer back to a person by surname alone (``cleaner/data/honorifics.toml``)."""
    return _word_list("honorifics.toml")


@cache
def titles() -> frozenset[str]:
    """Titles and honorifics (``cleaner/data/titles.toml``): capitalised neighbours that identify nobody."""
    return _word_list("titles.toml")


def title_case(line: str) -> bool:
    """A headline in title case ("AMD Enters Server Business"): every word's capital shows nothing."""
    initials = _TITLE_WORD_RE.findall(line)
    return len(initials) >= 3 and sum(map(str.isupper, initials)) >= 0.8 * len(initials)


def sentence_start(before: str) -> bool:
    """True when the text ``before`` a word ends a sentence or line (not after "Mr." or "Gen.")."""
    if not _SENTENCE_START_RE.search(before):
        return False
    head = before.rstrip(" \"'“‘(”’")
    if head.endswith("."):
        word = re.search(r"(?<![\w.])([A-Z][a-z]{0,3})\.$", head)
        return word is None or not abbreviation(word.group(1))
    return True


def abbreviation(word: str) -> bool:
    """Whether ``word`` before a full stop is an initial ("J.") or an abbreviated title ("Mr.",
    "Gen."): its stop ends no sentence. A short name ("Ray.", "Iran.") ends one."""
    return len(word) == 1 or (_ABBREVIATION_RE.fullmatch(word) is not None and word.lower() in titles())
