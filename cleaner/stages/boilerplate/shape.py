"""The shape of a line: cheap, language-independent facts computed with C-level str methods,
plus the lowercased edges of the line that the lexicon matches phrases on (computed here so
that every line is lowercased and split once)."""

from __future__ import annotations

from typing import NamedTuple

SHORT_CHARS = 240  # lines up to this length are lowercased and split whole
EDGE_CHARS = 72  # longer lines: only this much of the head and tail is lowercased for phrases
CONTAINS_WORDS = 60  # past this many words no phrase is looked for inside a line: every
# contains group's max_words is at most 60, and a phrase inside longer running text proves little

_CLOSERS = "\"'”’“‘)]*» "
_QUOTES = "\"'“”‘’«»„‚"
_CAPS_CHARS = 120  # capitals are counted over about the first 20 words
_WHOLE_CAPS_CHARS = 200  # ... per word of the whole line up to this length (per word of the
# first 120 characters beyond it)
_LIST_CAPS = 0.6  # prose has fewer capitals per word than this; name lists have more
_SENTENCE_END = (".", "!", "?", "…")
# Bytes that are not capitals (ASCII A-Z, Latin-1 À-Þ): deleting them leaves the capitals.
_NOT_CAPITAL = bytes(b for b in range(256) if not (65 <= b <= 90 or 0xC0 <= b <= 0xDE and b != 0xD7))
# Apostrophe variants folded to "'" so that "don’t" matches the phrase "don't" (str.replace:
# far faster than str.translate with a mapping).
_APOSTROPHES = ("’", "‘", "`", "´")


_SEPS = ("|", "»", "›", "•", " · ")
_LONG_SEPS = ("|", "»")  # in long lines the rarer marks are too often typography
_LINKS = ("://", "www.", ".com", ".html")
_LONG_LINKS = ("://", "www.")


class Marks(NamedTuple):
    """The menu separators and link marks a line is searched for (``long_*`` for lines over
    SHORT_CHARS; ``at``: look for "@" in short lines). ``document_marks`` keeps only those that
    occur in the document at all: most articles have none, and then no line pays for them."""

    seps: tuple[str, ...] = _SEPS
    long_seps: tuple[str, ...] = _LONG_SEPS
    links: tuple[str, ...] = _LINKS
    long_links: tuple[str, ...] = _LONG_LINKS
    at: bool = True


ALL_MARKS = Marks()


def document_marks(text: str) -> Marks:
    """The marks occurring in ``text`` (a whole document): one C-level search each."""
    seps = tuple(mark for mark in _SEPS if mark in text)
    links = tuple(mark for mark in _LINKS if mark in text)
    return Marks(seps, tuple(m for m in seps if m in _LONG_SEPS), links,
                 tuple(m for m in links if m in _LONG_LINKS), "@" in text)


class Shape(NamedTuple):
    """Facts about one line. ``sentence``: ends in . ! ? … once closing quotes and brackets are
    set aside. ``caps``: capital letters per word over the first ~20 words: enough to tell a
    list of names or a menu from prose. ``seps``: menu separators (| » › • ·). ``link``: a URL,
    domain or e-mail/handle. ``prose``: reads like running text: a sentence of 8+ words, or
    25+ words whatever the ending, and not a list of capitalised names. ``quote``: opens with
    a quotation mark. ``head``/``tail``: the line lowercased with apostrophes unified and
    whitespace collapsed (one and the same string for lines up to SHORT_CHARS), else its first
    and last EDGE_CHARS so; ``tokens``: their whitespace-split words, empty past
    CONTAINS_WORDS words."""

    words: int
    sentence: bool
    quote: bool
    caps: float
    seps: int
    link: bool
    prose: bool
    head: str
    tail: str
    tokens: list[str]

    @property
    def short(self) -> bool:
        return not self.prose


def lower(text: str) -> str:
    """Lowercase with apostrophes unified (the form phrases are matched in)."""
    text = text.lower()
    if not text.isascii():
        for mark in _APOSTROPHES:
            text = text.replace(mark, "'")
    return text


def line_shape(line: str, marks: Marks = ALL_MARKS) -> Shape:
    """Shape of one non-blank line, in time linear in its length (C-level str calls only).
    ``marks``: the separators and link marks worth looking for (all by default)."""
    seps, link = 0, False
    if len(line) <= SHORT_CHARS:
        tokens = lower(line).split()
        head = tail = " ".join(tokens)
        n = len(tokens)
        if n > CONTAINS_WORDS:
            tokens = []
        for mark in marks.seps:
            seps += line.count(mark)
        for mark in marks.links:
            if mark in line:
                link = True
                break
        else:
            link = marks.at and n <= 12 and "@" in line
        start = line.strip()
        head_words = n if len(start) <= _WHOLE_CAPS_CHARS else start.count(" ", 0, _CAPS_CHARS) + 1
    else:
        # Long lines: counts over the whole line, words by spaces, everything else at the edges.
        start = line.strip()
        head = lower(start[:EDGE_CHARS])
        tail = lower(start[-EDGE_CHARS:])
        n = start.count(" ") + 1
        tokens = head.split() + tail.split() if n <= CONTAINS_WORDS else []
        head_words = start.count(" ", 0, _CAPS_CHARS) + 1
        for mark in marks.long_seps:
            seps += line.count(mark)
        for mark in marks.long_links:
            if mark in line:
                link = True
                break
    sentence = tail.rstrip(_CLOSERS)[-1:] in _SENTENCE_END
    caps = len(start[:_CAPS_CHARS].encode("latin-1", "ignore").translate(None, _NOT_CAPITAL)) / head_words
    prose = ((sentence and n >= 8) or n >= 25) and caps < _LIST_CAPS
    return Shape(n, sentence, start[:1] in _QUOTES, caps, seps, link, prose, head, tail, tokens)
