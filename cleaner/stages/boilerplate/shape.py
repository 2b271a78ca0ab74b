"""The shape of a line: cheap, language-independent facts computed with C-level str methods,
plus the lowercased text the lexicon matches phrases on. All lines of an article are shaped in
one call, so that marks absent from the whole text (separators, link marks) are not looked
for line by line.

Three ways to read a line, from dearest to cheapest: a short line (up to SHORT_CHARS) is lowercased and split
whole; a paragraph (a line of PARAGRAPH_CHARS or more ending like a sentence: most of an
article) and a long line keep only their edges (the head lowercased, the tail as written: the
lexicon lowercases it only where a phrase could end), their words counted by spaces, and
phrases are looked for inside them only near their start (paragraphs) or at both edges (long
lines that are not sentences). The article body is made of paragraphs, so this is where the
time goes; the junk lines around it are short and read whole. Capitals per word, which only
decide whether a line of prose length is a list of names, are counted only for such lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

SHORT_CHARS = 240  # lines up to this length are lowercased and split whole (unless paragraphs)
PARAGRAPH_CHARS = 100  # a sentence-ending line this long is a paragraph, read at its edges
EDGE_CHARS = 72  # paragraphs and long lines: this much of the head and tail is kept
PARAGRAPH_PHRASE_CHARS = 32  # a phrase inside a paragraph counts only if it starts this near
# its start ("Jane Doe is a staff writer ...", "Free trial. Read ..."): deeper in running text
# a phrase proves little, and looking for it costs more than all the rest of the line
CONTAINS_WORDS = 60  # past this many words no phrase is looked for inside a line: every
# contains group's max_words is at most 60, and a phrase inside longer running text proves little

_CLOSERS = "\"'”’“‘)]*» "
_QUOTES = "\"'“”‘’«»„‚"
_CAPS_CHARS = 120  # capitals are counted over about the first 20 words
_WHOLE_CAPS_CHARS = 200  # ... per word of the whole line up to this length (per word of the
# first 120 characters beyond it)
_LIST_CAPS = 0.6  # prose has fewer capitals per word than this; name lists have more
_SENTENCE_END = (".", "!", "?", "…")
_TYPO_SEPS = ("»", "›", "•", " · ")  # menu separators besides "|" (only "»" in long lines)
# Guillemets also quote (« … », »…«, ‹ … ›): one beside its counterpart in a line is a quotation
# mark, not a separator ("Accueil » Monde" is a menu; "« toutes les options »" is a quote).
_QUOTE_PAIR = {"»": "«", "›": "‹"}
_LINK_MARKS = ("://", "www.", ".com", ".html")  # plus "@" in a line of up to 12 words
# A long line counts as a link only with a URL's "://": looking for "www." in a whole text
# costs more than all the rest of its marks, and only menus that are short lines hold it bare.
_URL = "://"
# Bytes that are not capitals (ASCII A-Z, Latin-1 À-Þ): deleting them leaves the capitals.
_NOT_CAPITAL = bytes(b for b in range(256) if not (65 <= b <= 90 or 0xC0 <= b <= 0xDE and b != 0xD7))
# Apostrophe variants folded to "'" so that "don’t" matches the phrase "don't" (str.replace:
# far faster than str.translate with a mapping).
_APOSTROPHES = ("’", "‘", "`", "´")


@dataclass(slots=True)
class Shape:
    """Facts about one line. ``sentence``: ends in . ! ? … once closing quotes and brackets are
    set aside. ``seps``: menu separators (| » › • ·). ``link``: a URL,
    domain or e-mail/handle (in a line read at its edges: a URL). ``prose``: reads like running text: a sentence of 25+ words, or a
    sentence of 8+ words or any line of 25+ words that is not a list of capitalised names.
    ``quote``: opens with a quotation mark. ``head``/``tail``: a short line lowercased with
    apostrophes unified and whitespace collapsed (one and the same string), else its first
    EDGE_CHARS lowercased and its last EDGE_CHARS as written (most paragraphs end in no
    phrase: the lexicon lowercases the tail only where one could end); ``tokens``: the words
    phrases are looked for by (see the module docstring). Read-only by convention: a slots
    dataclass is cheaper to build and to read than a named tuple or a frozen dataclass."""

    words: int
    sentence: bool
    quote: bool
    seps: int
    link: bool
    prose: bool
    head: str
    tail: str
    tokens: tuple[str, ...]


# Shapes of lines too short to be paragraphs, by their text (a shape depends on nothing else).
# A source prints the same menus, share buttons and footers under every article; paragraphs,
# unique and read only at their edges, are not kept. Emptied at once when full (about 15 MB
# for lines of 40 characters).
SEEN_LINES = 20_000
SEEN: dict[str, Shape] = {}


def lower(text: str, marks: tuple[str, ...] = _APOSTROPHES) -> str:
    """Lowercase with apostrophes unified (the form phrases are matched in). ``marks``: the
    apostrophe variants to look for (those its whole text holds, when the caller knows)."""
    text = text.lower()
    if marks and not text.isascii():
        for mark in marks:
            if mark in text:  # cheaper than a replace() that finds nothing
                text = text.replace(mark, "'")
    return text


def line_shapes(lines: Sequence[str], skip: int | None = None) -> tuple[list[int], list[str], list[Shape]]:
    """Indices, texts and shapes of the non-blank lines but line ``skip``, in time linear in the
    text: every line is read with C-level str calls only."""
    joined = "\n".join(lines)
    # Marks absent from the whole text are not looked for line by line. A single character is
    # found in one fast scan; a longer mark costs a full scan of the text (about 0.7 ns a
    # character), so short lines, which are few, are searched for those marks themselves, and
    # long lines only for a URL's "://", ruled out first by the rare "/".
    pipes = "|" in joined
    typo_seps = tuple(mark for mark in _TYPO_SEPS if mark.strip() in joined)
    long_seps = "»" in joined
    urls = "/" in joined and _URL in joined
    at_signs = "@" in joined
    marks = tuple(mark for mark in _APOSTROPHES if mark in joined)
    index: list[int] = []
    texts: list[str] = []
    shapes: list[Shape] = []
    for i in compress(range(len(lines)), lines):  # the empty lines are passed over in C
        line = lines[i]
        if i == skip or line.isspace():
            continue
        if len(line) < PARAGRAPH_CHARS:  # too short for a paragraph: read whole, maybe before
            shape = SEEN.get(line)
            if shape is not None:
                index.append(i)
                texts.append(line)
                shapes.append(shape)
                continue
        start = line.strip()
        sentence = start[-1] in _SENTENCE_END or start.rstrip(_CLOSERS)[-1:] in _SENTENCE_END
        seps = line.count("|") if pipes else 0
        link = False
        if len(line) <= SHORT_CHARS and not (sentence and len(start) >= PARAGRAPH_CHARS):
            tokens = tuple(lower(line, marks).split())
            head = tail = " ".join(tokens)
            n = len(tokens)
            if n > CONTAINS_WORDS:
                tokens = ()
            # isascii() is O(1), and pure-ASCII lines cannot hold the typographic separators.
            if typo_seps and not line.isascii():
                for mark in typo_seps:
                    if _QUOTE_PAIR.get(mark, "\n") not in line:
                        seps += line.count(mark)
            for mark in _LINK_MARKS:
                if mark in line:
                    link = True
                    break
            else:
                link = at_signs and n <= 12 and "@" in line
        else:
            head = lower(start[:EDGE_CHARS], marks)
            tail = start[-EDGE_CHARS:]
            n = start.count(" ") + 1
            if sentence:
                tokens = tuple(head[:PARAGRAPH_PHRASE_CHARS].split())
            else:
                tokens = tuple(head.split() + lower(tail, marks).split()) if n <= CONTAINS_WORDS else ()
            if long_seps and not line.isascii() and "«" not in line:
                seps += line.count("»")
            link = urls and _URL in line
        # A sentence of 25+ words is running text whatever its capitals (reports full of names);
        # a shorter sentence, or a long line without an ending, unless it is a list of names.
        prose = sentence and n >= 25 or (sentence and n >= 8 or n >= 25) and capitals_per_word(start, n) < _LIST_CAPS
        shape = Shape(n, sentence, start[:1] in _QUOTES, seps, link, prose, head, tail, tokens)
        if len(line) < PARAGRAPH_CHARS:
            if len(SEEN) >= SEEN_LINES:
                SEEN.clear()
            SEEN[line] = shape
        index.append(i)
        texts.append(line)
        shapes.append(shape)
    return index, texts, shapes


def capitals_per_word(start: str, words: int) -> float:
    """Capital letters per word over about the first 20 words of a stripped line of ``words``
    words: enough to tell a list of names or a menu from prose. A longer line is read at both
    ends and counts by the lower: a list of names is capitalised throughout, but an article run
    into one line may open with its title-case headline. Computed only where asked: a line too
    short to be prose needs it only when it ends up after the body."""
    if len(start) <= _WHOLE_CAPS_CHARS:
        return _capitals(start[:_CAPS_CHARS]) / words
    end = start[-_CAPS_CHARS:]
    return min(_capitals(start[:_CAPS_CHARS]) / (start.count(" ", 0, _CAPS_CHARS) + 1),
               _capitals(end) / (end.count(" ") + 1))


def _capitals(text: str) -> int:
    return len(text.encode("latin-1", "ignore").translate(None, _NOT_CAPITAL))

