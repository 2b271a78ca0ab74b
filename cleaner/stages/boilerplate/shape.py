"""The shape of a line: cheap, language-independent facts computed with C-level str methods."""

from __future__ import annotations

from typing import NamedTuple

_CLOSERS = "\"'”’“‘)]*» "
_QUOTES = "\"'“”‘’«»„‚"
_CAPS_CHARS = 120  # capitals are counted over about the first 20 words
_EXACT_WORDS_CHARS = 200
_LIST_CAPS = 0.6  # prose has fewer capitals per word than this; name lists have more
# Bytes that are not capitals (ASCII A-Z, Latin-1 À-Þ): deleting them leaves the capitals.
_NOT_CAPITAL = bytes(b for b in range(256) if not (65 <= b <= 90 or 0xC0 <= b <= 0xDE and b != 0xD7))


class Shape(NamedTuple):
    """Facts about one line. ``sentence``: ends in . ! ? … once closing quotes and brackets are
    set aside. ``caps``: capital letters per word over the first ~20 words: enough to tell a
    list of names or a menu from prose. ``seps``: menu separators (| » › • ·). ``link``: a URL,
    domain or e-mail/handle. ``prose``: reads like running text: a sentence of 8+ words, or
    25+ words whatever the ending, and not a list of capitalised names."""

    words: int
    chars: int
    sentence: bool
    quote: bool
    caps: float
    seps: int
    link: bool
    prose: bool

    @property
    def short(self) -> bool:
        return not self.prose


def line_shape(line: str) -> Shape:
    """Shape of one non-blank line, in time linear in its length (C-level str calls only)."""
    text = line.strip()
    long = len(text) > _EXACT_WORDS_CHARS
    # Exact word count where thresholds bite; spaces + 1 (no allocation) for long lines.
    n = text.count(" ") + 1 if long else len(text.split())
    sentence = text.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")
    head = text[:_CAPS_CHARS]
    head_words = head.count(" ") + 1 if long else n
    caps = len(head.encode("latin-1", "ignore").translate(None, _NOT_CAPITAL)) / head_words
    if long:
        seps = text.count("|") + text.count("»")
        link = "://" in text or "www." in text
    else:
        seps = text.count("|") + text.count("»") + text.count("›") + text.count("•") + text.count(" · ")
        link = "://" in text or "www." in text or ".com" in text or ".html" in text or (n <= 12 and "@" in text)
    prose = ((sentence and n >= 8) or n >= 25) and caps < _LIST_CAPS
    return Shape(n, len(text), sentence, text[:1] in _QUOTES, caps, seps, link, prose)
