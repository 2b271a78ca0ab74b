"""The shape of a line: cheap, language-independent facts computed with C-level str methods."""

from __future__ import annotations

from dataclasses import dataclass

_CLOSERS = "\"'”’“‘)]*» "
_QUOTES = "\"'“”‘’«»„‚"
_CAPS_WORDS = 30  # capital share is taken over this many leading words
_LIST_CAPS = 0.6  # prose has fewer capitalised words than this; name lists have more


@dataclass(frozen=True, slots=True)
class Shape:
    """Facts about one line. ``sentence``: ends in . ! ? … once closing quotes and brackets are
    set aside. ``caps``: share of words starting with a capital.
    ``seps``: menu separators (| » › • ·). ``link``: a URL, domain or e-mail/handle.
    ``caps`` is taken over the first 30 words: enough to tell a list of names from prose."""

    words: int
    chars: int
    sentence: bool
    quote: bool
    caps: float
    seps: int
    link: bool

    @property
    def prose(self) -> bool:
        """Reads like running text: a sentence of 8+ words, or 25+ words whatever the ending,
        and not a list of capitalised names (a directory of sister papers, a tag cloud)."""
        return ((self.sentence and self.words >= 8) or self.words >= 25) and self.caps < _LIST_CAPS

    @property
    def short(self) -> bool:
        return not self.prose


def line_shape(line: str) -> Shape:
    """Shape of one non-blank line, in time linear in its length."""
    text = line.strip()
    words = text.split()
    n = len(words)
    end = text.rstrip(_CLOSERS)
    sentence = end[-1:] in (".", "!", "?", "…") and not end.endswith("...»")
    head = words[:_CAPS_WORDS]
    caps = sum(1 for w in head if w[:1].isupper() or (w[:1] in _QUOTES and w[1:2].isupper())) / len(head) if head else 0.0
    seps = text.count("|") + text.count("»") + text.count("›") + text.count("•") + text.count(" · ")
    link = ("://" in text or "www." in text or ".com" in text or ".html" in text
            or (n <= 12 and "@" in text))
    return Shape(n, len(text), sentence, text[:1] in _QUOTES, caps, seps, link)
