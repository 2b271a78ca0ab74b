"""Text features: normalised text for exact copies, word shingles for near copies, salient
features and time cues for same-event grouping. Pure functions on strings.

One regular-expression pass splits a text into words, sentence ends and newlines; every distinct
token is classified once per process (lowercase form, xxh3 hash, wordfreq Zipf frequency, flags)
and the per-token work is numpy over token ids, so no feature string is built unless an
explanation asks. The same tokens feed the shingles, the salient features and the time cues.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import xxhash

from cleaner.frequencies import wordfreq_language, zipf

from .arrays import unique_sorted

SCAN = re.compile(r"\w+|[.!?…]+(?=[\s\"'”’»)\]])|\n")
WORD = re.compile(r"\w+", re.UNICODE)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_PATTERNS = (
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE), "mdy"),
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})\b", re.IGNORECASE), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "slash"),
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december".split()
)

# Zipf scale: 7 ~ "the", 3 ~ once per 10 million words. Weight = how much rarer than very common.
ZIPF_CEILING = 7.0
COMMON_WORD_ZIPF = 6.0      # content words at least this common are not features
TITLE_TERM_ZIPF = 5.5       # title words at least this common are not title terms
TITLE_WEIGHT = 1.5          # a title term weighs 1.5 x its rarity: the headline names the event (ECB+ dev F1 +0.01 over 0.5)
SENTENCE_START_NAME_ZIPF = 4.0  # a capitalised first word counts as a name only if rarer than this
NUMBER_WEIGHT = 3.0
SMALL_NUMBER_WEIGHT = 2.5   # one-digit numbers are everywhere: not a candidate key (< event_key_min_weight)
NAME_PAIR_WEIGHT = 2.0
DATELINE_LINES = 4          # explicit dates in the title and first lines date the article
DATELINE_CHARS = 400        # ... within their first characters (a text without newlines is one long line)
FIRST_YEAR, LAST_YEAR = 1950, 2049
LEAD_WORDS = 40            # the lead (title line and first sentences) says what happened ...
LEAD_BOOST = 1.5            # ... so its words weigh more (ECB+ dev F1 +0.01, SemEval English pair F1 +0.05)

# Token classes and word flags of the per-word table.
_WORD, _NUMBER, _END, _NEWLINE = 0, 1, 2, 3
_CAP, _MONTH_FLAG, _WEEKDAY_FLAG, _LONG = 1, 2, 4, 8  # _LONG: a word of 3+ letters, a number of 2+ digits
# Feature kinds: the salt mixed into a feature's key and the prefix that names it in explanations.
KINDS = ("e", "e2", "n", "t", "w")
_KIND = {name: k for k, name in enumerate(KINDS)}
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xC2B2AE3D27D4EB4F)
_LEXICON_LIMIT = 1 << 19  # distinct tokens memoised per language (~60 MB at most)


def normalise(text: str) -> str:
    """Casefolded text with runs of whitespace collapsed: the key of exact duplicates.

    Punctuation is kept on purpose: texts that differ only in a hyphen or a dash are near
    duplicates (Jaccard ~0.99), reported as such, not as exact copies."""
    return " ".join(text.casefold().split())


def text_hashes(text: str) -> tuple[int, int]:
    """(xxh3-64 of the UTF-8 bytes, xxh3-64 of the normalised text)."""
    return xxhash.xxh3_64_intdigest(text.encode("utf-8")), xxhash.xxh3_64_intdigest(normalise(text).encode("utf-8"))


@dataclass(frozen=True, slots=True)
class Tokens:
    """A text as word ids into a per-text vocabulary, with the vocabulary's properties as arrays."""

    ids: np.ndarray        # int64 per token (words, numbers, sentence ends, newlines)
    lows: list[str]        # per vocabulary entry: lowercase form
    kind: np.ndarray       # uint8 per entry: _WORD, _NUMBER, _END or _NEWLINE
    hashes: np.ndarray     # uint64 per entry: xxh3-64 of the lowercase form
    zipf: np.ndarray       # float32 per entry (0 for non-words)
    flags: np.ndarray      # uint8 per entry: _CAP | _MONTH_FLAG | _WEEKDAY_FLAG | _LONG


def _classify(token: str, language: str) -> tuple[str, int, int, float, int]:
    """(lowercase, class, hash, zipf, flags) of one distinct token."""
    first = token[0]
    if first == "\n":
        return ("\n", _NEWLINE, 0, 0.0, 0)
    if first in ".!?…":
        return (".", _END, 0, 0.0, 0)
    low = token.lower()
    h = xxhash.xxh3_64_intdigest(low.encode("utf-8"))
    if first.isdigit():
        return (low, _NUMBER, h, 0.0, _LONG if len(low) > 1 else 0)
    flags = (_CAP if first.isupper() else 0) | (_MONTH_FLAG if low in MONTH_WORDS else 0) | \
        (_WEEKDAY_FLAG if low in WEEKDAYS else 0) | (_LONG if len(low) >= 3 else 0)
    return (low, _WORD, h, zipf(low, language), flags)


class _Lexicon(dict):
    """Distinct tokens of one language seen by this process -> row of the property arrays.

    A memo of ``_classify`` (a pure function), so a text's tokens map to rows with one C-level
    dict lookup each; only unseen tokens cost Python work. Results never depend on the rows'
    order. Cleared when it reaches ``_LEXICON_LIMIT`` entries, so memory stays bounded."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.lows: list[str] = []
        self.kind = np.zeros(1024, dtype=np.uint8)
        self.hashes = np.zeros(1024, dtype=np.uint64)
        self.zipf = np.zeros(1024, dtype=np.float32)
        self.flags = np.zeros(1024, dtype=np.uint8)

    def __missing__(self, token: str) -> int:
        row = len(self.lows)
        if row == len(self.kind):
            for name in ("kind", "hashes", "zipf", "flags"):
                old = getattr(self, name)
                grown = np.zeros(2 * len(old), dtype=old.dtype)
                grown[: len(old)] = old
                setattr(self, name, grown)
        low, self.kind[row], self.hashes[row], self.zipf[row], self.flags[row] = _classify(token, self.language)
        self.lows.append(low)
        self[token] = row
        return row


_LEXICONS: dict[str, _Lexicon] = {}


#: An outlet's credit in a dateline names who published a report, not what happened, and every
#: report of that outlet carries it: a station's call sign or an agency after the place ("LAS VEGAS
#: (KLAS) --", "BUFFALO, N.Y. (WIVB) —", "VIENNA (Reuters) -", "Jakarta, Jan 1 (ANI):", "NATIONAL
#: (AP-Yonhap) WASHINGTON", "Roma, 4 mar (EFE).-", "Berlin (dpa) -" at the start of a line), an
#: aggregator's "(MENAFN - Gulf Times)", a press wire's "/PRNewswire/ --". As features they linked
#: unrelated local reports of one station (SemEval English pair F1 .684 -> .701, ECB+ unchanged).
#: An abbreviation after a name ("Advanced Micro Devices (AMD) said", "Olaf Scholz (SPD):") is no credit.
_CREDIT_TAG = r"[A-Za-z][A-Za-z.]{1,15}(?:[- ][A-Za-z][A-Za-z.]{1,15})?"
_CREDIT = re.compile(  # every alternative opens with "(" or "/", which the search looks for first
    r"[(/](?:(?:(?<=[A-Z][A-Z] \()|(?<=[.\d] \())" + _CREDIT_TAG + r"\)(?=\s*(?:-{1,2}|[–—:]|[A-Z]{2}))"
    r"|(?<=\()" + _CREDIT_TAG + r"\)(?= ?\. ?-)"  # the Spanish dateline's close: "Bogotá, 5 ene (EFE).-"
    r"|(?<=\()[A-Z]{2,8} - [A-Z][^()\n]{1,40}\)"
    r"|(?<=/)[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?/(?=\s*(?:-{1,2}|[–—])))"
)
#: An agency's credit in lower case after a place that opens a line, then a dash ("Berlin (dpa) -",
#: "Wien (dpa-AFX) -"): the credit, then the place checked from the line's start. A capitalised
#: tag there is as often a name's ("Harry Kane (Tottenham) - 20 goals").
_TAGGED = re.compile(r"\([a-z][A-Za-z.]{1,15}(?:-[A-Za-z][A-Za-z.]{1,15})?\)(?= ?(?:-{1,2}|[–—]))")
_PLACE = re.compile(r"[A-Z][\w'’.-]*(?:(?:, |/| )[A-Z][\w'’.-]*){0,3} ")
#: Credits are looked for in the title and dateline only: the first characters of the text.
CREDIT_CHARS = 600


def without_credits(text: str) -> str:
    """``text`` without the outlets' credits of its dateline (``_CREDIT``, ``_TAGGED``)."""
    head = text[:CREDIT_CHARS]
    cleaned = _CREDIT.sub(" ", head)
    for found in reversed(list(_TAGGED.finditer(cleaned))):
        if _PLACE.fullmatch(cleaned, cleaned.rfind("\n", 0, found.start()) + 1, found.start()):
            cleaned = cleaned[: found.start()] + cleaned[found.end() :]
    return text if cleaned == head else cleaned + text[CREDIT_CHARS:]


def tokenise(text: str, language: str = "en") -> Tokens:
    """One regex pass over the text without its dateline credits (``without_credits``); each
    token mapped to its lexicon row, the text's vocabulary gathered from there."""
    text = without_credits(text)
    lexicon = _LEXICONS.get(language)
    if lexicon is None or len(lexicon) >= _LEXICON_LIMIT:
        lexicon = _LEXICONS[language] = _Lexicon(language)
    tokens = SCAN.findall(text)
    rows = np.fromiter(map(lexicon.__getitem__, tokens), dtype=np.int64, count=len(tokens))
    vocab, ids = np.unique(rows, return_inverse=True)
    lows = lexicon.lows
    return Tokens(
        ids=ids.reshape(-1),
        lows=[lows[k] for k in vocab.tolist()],
        kind=lexicon.kind[vocab],
        hashes=lexicon.hashes[vocab],
        zipf=lexicon.zipf[vocab],
        flags=lexicon.flags[vocab],
    )


def shingle_hashes_of(tokens: Tokens, size: int) -> np.ndarray:
    """Unique 32-bit hashes of the lowercase word ``size``-grams (words and numbers; punctuation
    skipped). Each n-gram is a polynomial over the words' 64-bit hashes folded to 32 bits, so no
    shingle string is built. Fewer than ``size`` words give one shingle of all of them."""
    word_ids = tokens.ids[tokens.kind[tokens.ids] <= _NUMBER]
    if not len(word_ids):
        return np.zeros(0, dtype=np.uint32)
    h = tokens.hashes[word_ids]
    k = min(size, len(h))
    combined = np.zeros(len(h) - k + 1, dtype=np.uint64)
    for offset in range(k):
        combined = combined * _M1 + h[offset : offset + len(combined)]
    return unique_sorted(_fold(combined))


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """``shingle_hashes_of`` a text."""
    return shingle_hashes_of(tokenise(text), size)


def _fold(values: np.ndarray) -> np.ndarray:
    return ((values >> np.uint64(32)) ^ (values & np.uint64(0xFFFFFFFF))).astype(np.uint32)


def _rarity(z: np.ndarray) -> np.ndarray:
    """Weight of a word by how rare it is in the language: max(0.5, 7 - Zipf frequency)."""
    return np.maximum(np.float32(0.5), np.float32(ZIPF_CEILING) - z)


@dataclass(frozen=True, slots=True)
class Features:
    """Salient features of one article: sorted unique 32-bit keys, weights, and (on request) names."""

    keys: np.ndarray
    weights: np.ndarray
    names: list[str] | None = None

    def as_dict(self) -> dict[str, float]:
        """``{name: weight}`` (only when built with names)."""
        return dict(zip(self.names or [], self.weights.tolist()))


def salient(text: str, title: str | None, language: str | None = None, names: bool = False) -> Features:
    """Who, what, where and when of an article.

    Feature kinds (the prefix names the kind, so explanations can show them):
    ``e:`` capitalised word not opening a sentence (or rare enough to be a name anyway),
    ``e2:`` two adjacent names (full names, places), ``n:`` number, ``t:`` uncommon title word,
    ``w:`` any content word rarer than Zipf 6 (what happened).
    Weights: ``7 - zipf`` of the word (at least 0.5; title terms x ``TITLE_WEIGHT``; words among the
    first ``LEAD_WORDS`` x ``LEAD_BOOST``), fixed weights for numbers and name pairs; a key
    seen twice keeps its largest weight.
    No quoted word pairs and no weekdays: on ECB+ dev both lowered event F1 (weekdays serve as
    a time cue instead, see ``TimeCues``).
    """
    lang = wordfreq_language(language)
    return features_of(tokenise(text, lang), tokenise(title, lang) if title else None, names)


def _after(mask: np.ndarray) -> np.ndarray:
    """``mask`` shifted one place right: True where the previous element was True."""
    out = np.zeros(len(mask), dtype=bool)
    out[1:] = mask[:-1]
    return out


def features_of(tok: Tokens, title: Tokens | None, names: bool = False) -> Features:
    """Features of a tokenised text. Single-word kinds are decided per distinct word; only
    names (sentence position) and name pairs look at token positions."""
    size = len(tok.lows)
    ids = tok.ids
    cls = tok.kind[ids]
    is_word = cls <= _NUMBER
    positions = np.flatnonzero(is_word)
    w_ids = ids[positions]
    w_start = np.ones(len(positions), dtype=bool)
    w_start[positions > 0] = cls[positions[positions > 0] - 1] >= _END
    adjacent = np.zeros(len(positions), dtype=bool)
    adjacent[1:] = positions[1:] - positions[:-1] == 1

    kind, z, flags = tok.kind, tok.zipf, tok.flags
    lead = np.ones(size, dtype=np.float32)
    lead[w_ids[:LEAD_WORDS]] = LEAD_BOOST
    inside = np.zeros(size, dtype=bool)
    inside[w_ids[~w_start]] = True
    word = kind == _WORD
    capital = word & (flags & _CAP > 0) & (flags & (_MONTH_FLAG | _WEEKDAY_FLAG) == 0)
    name_word = capital & (inside | (z < SENTENCE_START_NAME_ZIPF))
    rarity = _rarity(z)
    long = flags & _LONG > 0

    single = [  # (kind, vocabulary mask, weights over the vocabulary)
        ("n", kind == _NUMBER, np.where(long, np.float32(NUMBER_WEIGHT), np.float32(SMALL_NUMBER_WEIGHT))),
        ("e", name_word, rarity),
        ("w", word & long & (z < COMMON_WORD_ZIPF), rarity),
    ]
    parts_k, parts_a, parts_b, parts_w = [], [], [], []
    for name, mask, weights in single:
        chosen = np.flatnonzero(mask)
        parts_k.append(np.full(len(chosen), _KIND[name], dtype=np.uint64))
        parts_a.append(chosen)
        parts_w.append(weights[chosen] * lead[chosen])
    # name pairs: two adjacent tokens that are both names here (a sentence-opening common word is not)
    is_name = name_word[w_ids] & (~w_start | (z[w_ids] < SENTENCE_START_NAME_ZIPF))
    pair = np.flatnonzero(is_name & _after(is_name) & adjacent)
    pairs = [("e2", pair, NAME_PAIR_WEIGHT)]
    for name, at, weight in pairs:
        parts_k.append(np.full(len(at), _KIND[name], dtype=np.uint64))
        parts_a.append(w_ids[at - 1])
        parts_b.append((len(parts_k) - 1, w_ids[at]))
        parts_w.append(np.full(len(at), weight, dtype=np.float32))
    hashes, lows = tok.hashes, tok.lows
    if title is not None:
        t_mask = (title.kind == _WORD) & (title.flags & _LONG > 0) & (title.zipf < TITLE_TERM_ZIPF)
        chosen = np.flatnonzero(t_mask)
        parts_k.append(np.full(len(chosen), _KIND["t"], dtype=np.uint64))
        parts_a.append(chosen + size)
        parts_w.append(_rarity(title.zipf[chosen]) * np.float32(TITLE_WEIGHT))
        hashes = np.concatenate([hashes, title.hashes])
        lows = lows + title.lows
    kinds = np.concatenate(parts_k)
    a = np.concatenate(parts_a)
    b = np.full(len(a), -1, dtype=np.int64)
    offsets = np.cumsum([0] + [len(p) for p in parts_a])
    for part, second in parts_b:
        b[offsets[part] : offsets[part + 1]] = second
    w = np.concatenate(parts_w).astype(np.float32)
    hb = hashes[b] if len(hashes) else np.zeros(len(b), np.uint64)
    hb[b < 0] = 0
    keys = _fold((hashes[a] * _M1 + hb) * _M2 + kinds) if len(a) else np.zeros(0, np.uint32)
    order = np.lexsort((-w, keys))
    keys, w = keys[order], w[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    out_names = None
    if names:
        out_names = [KINDS[int(kinds[k])] + ":" + lows[int(a[k])] + (" " + lows[int(b[k])] if b[k] >= 0 else "")
                     for k in order[first].tolist()]
    return Features(keys[first], w[first], out_names)


def find_dates(text: str) -> list[datetime.date]:
    """Explicit calendar dates (with a year) in text order: 'May 3, 2013', '2 Jul 2013', '2013-07-02', '2/3/2009'."""
    found: list[tuple[int, datetime.date]] = []
    for pattern, kind in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            g = m.groups()
            try:
                if kind == "mdy":
                    day = datetime.date(int(g[2]), _MONTHS.index(g[0][:3].lower()) + 1, int(g[1]))
                elif kind == "dmy":
                    day = datetime.date(int(g[2]), _MONTHS.index(g[1][:3].lower()) + 1, int(g[0]))
                elif kind == "iso":
                    day = datetime.date(int(g[0]), int(g[1]), int(g[2]))
                else:
                    a, b, year = int(g[0]), int(g[1]), int(g[2])
                    day = datetime.date(year, b, a) if a > 12 else datetime.date(year, a, b)
            except ValueError:
                continue
            found.append((m.start(), day))
    return [day for _, day in sorted(found)]


def parse_date(value: str | None) -> datetime.date | None:
    """A publication date from metadata: ISO 8601 (date or datetime) or any form ``find_dates`` knows."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        dates = find_dates(value)
        return dates[0] if dates else None


@dataclass(frozen=True, slots=True)
class TimeCues:
    """When an article happened, as far as its metadata and text say (0 / -1 = unknown)."""

    date: int          # proleptic ordinal of doc.date
    dateline: int      # ordinal of the first explicit date in the title and first lines
    latest_year: int   # the latest year mentioned (1950-2049)
    weekday: int       # the most mentioned weekday (0 = Monday), ties to the first mentioned


def time_cues_of(tok: Tokens, text: str, title: str | None, date: str | None) -> TimeCues:
    """Time cues from an already tokenised text (years and weekdays come from its tokens)."""
    published = parse_date(date)
    head = "\n".join(([title] if title else []) + text[: DATELINE_LINES * DATELINE_CHARS].split("\n", DATELINE_LINES)[:DATELINE_LINES])
    head = head[:DATELINE_CHARS + (len(title) if title else 0)]
    head_dates = find_dates(head)
    latest_year, weekday = 0, -1
    for k in np.flatnonzero(tok.kind == _NUMBER).tolist():  # the vocabulary holds only tokens present
        low = tok.lows[k]
        if len(low) == 4 and low.isdigit() and FIRST_YEAR <= int(low) <= LAST_YEAR:
            latest_year = max(latest_year, int(low))
    cls = tok.kind[tok.ids]
    days = np.flatnonzero((cls == _WORD) & (tok.flags[tok.ids] & _WEEKDAY_FLAG > 0))
    if len(days):
        mentioned = [tok.lows[k] for k in tok.ids[days].tolist()]
        counts = Counter(mentioned)
        weekday = WEEKDAYS.index(max(counts, key=lambda w: (counts[w], -mentioned.index(w))))
    return TimeCues(
        date=published.toordinal() if published else 0,
        dateline=head_dates[0].toordinal() if head_dates else 0,
        latest_year=latest_year,
        weekday=weekday,
    )


def time_cues(text: str, title: str | None, date: str | None) -> TimeCues:
    return time_cues_of(tokenise(text), text, title, date)
