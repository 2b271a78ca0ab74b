"""Text features: normalised text for exact copies, word shingles for near copies, salient
features and time cues for same-event grouping. Pure functions on strings."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import xxhash
from wordfreq import available_languages, zipf_frequency

WORD = re.compile(r"\w+", re.UNICODE)
TOKEN = re.compile(r"\w+(?:[’'.\-]\w+)*", re.UNICODE)
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]{3,300})[\"“”«»„]")
POSSESSIVE = re.compile(r"['’]s$")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
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
SENTENCE_START_NAME_ZIPF = 4.0  # a capitalised first word counts as a name only if rarer than this
NUMBER_WEIGHT = 3.0
SMALL_NUMBER_WEIGHT = 2.5   # one-digit numbers are everywhere: not a candidate key (< event_key_min_weight)
NAME_PAIR_WEIGHT = 2.0
QUOTE_PAIR_WEIGHT = 1.0
WEEKDAY_WEIGHT = 1.0
QUOTE_COMMON_ZIPF = 5.0     # a quoted word pair needs one word rarer than this
DATELINE_LINES = 4          # explicit dates in the title and first lines date the article


def normalise(text: str) -> str:
    """Casefolded text with runs of whitespace collapsed: the key of exact duplicates.

    Punctuation is kept on purpose: texts that differ only in a hyphen or a dash are near
    duplicates (Jaccard ~0.99), reported as such, not as exact copies."""
    return " ".join(text.casefold().split())


def text_hashes(text: str) -> tuple[int, int]:
    """(xxh3-64 of the UTF-8 bytes, xxh3-64 of the normalised text)."""
    return xxhash.xxh3_64_intdigest(text.encode("utf-8")), xxhash.xxh3_64_intdigest(normalise(text).encode("utf-8"))


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """Unique 32-bit hashes of the lowercased word ``size``-grams of ``text``.

    Each distinct word is hashed once (xxh32); n-grams are combined in numpy by a polynomial
    over uint64 and folded to 32 bits, so no shingle string is ever built. A text shorter than
    ``size`` words gives one shingle of all its words; an empty text gives none.
    """
    words = WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint32)
    vocab: dict[str, int] = {}
    ids = np.fromiter((vocab.setdefault(w, len(vocab)) for w in words), dtype=np.int64, count=len(words))
    table = np.fromiter((xxhash.xxh32_intdigest(w.encode("utf-8")) for w in vocab), dtype=np.uint64, count=len(vocab))
    h = table[ids]
    k = min(size, len(h))
    combined = np.zeros(len(h) - k + 1, dtype=np.uint64)
    mult = np.uint64(0x9E3779B97F4A7C15)
    for offset in range(k):
        combined = combined * mult + h[offset : offset + len(combined)]
    folded = (combined >> np.uint64(32)) ^ (combined & np.uint64(0xFFFFFFFF))
    return np.unique(folded.astype(np.uint32))


@lru_cache(maxsize=None)
def _wordfreq_language(language: str | None) -> str:
    code = (language or "en").split("-")[0].lower()
    return code if code in available_languages() else "en"


@lru_cache(maxsize=1 << 18)
def zipf(word: str, language: str) -> float:
    """Zipf frequency of a lowercased word (0 for words wordfreq does not know)."""
    return zipf_frequency(word, language)


def _rarity(word: str, language: str) -> float:
    return max(0.5, ZIPF_CEILING - zipf(word, language))


def _put(features: dict[str, float], key: str, weight: float) -> None:
    if weight > features.get(key, 0.0):
        features[key] = weight


def salient_features(text: str, title: str | None, language: str | None = None) -> dict[str, float]:
    """Who, what, where and when of an article as ``{feature: weight}``.

    Feature kinds (the prefix names the kind, so explanations can show them):
    ``e:`` capitalised word not opening a sentence (or rare enough to be a name anyway),
    ``e2:`` two adjacent capitalised words (full names, places), ``n:`` number,
    ``t:`` uncommon title word, ``q:`` word pair inside quotation marks with an uncommon word,
    ``d:`` weekday, ``w:`` any content word rarer than Zipf 6 (what happened).
    Weights: ``7 - zipf`` of the word (at least 0.5), fixed weights for the other kinds.
    """
    lang = _wordfreq_language(language)
    features: dict[str, float] = {}
    for sentence in SENTENCE_SPLIT.split(text):
        previous_name: str | None = None
        for position, match in enumerate(TOKEN.finditer(sentence)):
            token = match.group(0)
            low = POSSESSIVE.sub("", token.lower())
            if token[0].isdigit():
                number = low.replace(",", "")
                _put(features, "n:" + number, NUMBER_WEIGHT if len(number) > 1 else SMALL_NUMBER_WEIGHT)
                previous_name = None
                continue
            z = zipf(low, lang)
            if low in WEEKDAYS:
                _put(features, "d:" + low, WEEKDAY_WEIGHT)
            elif token[0].isupper() and low not in MONTH_WORDS and (position > 0 or z < SENTENCE_START_NAME_ZIPF):
                _put(features, "e:" + low, max(0.5, ZIPF_CEILING - z))
                if previous_name is not None:
                    _put(features, f"e2:{previous_name} {low}", NAME_PAIR_WEIGHT)
                previous_name = low
                continue
            previous_name = None
    for word in WORD.findall(text.lower()):
        word = POSSESSIVE.sub("", word)
        if len(word) >= 3 and not word.isdigit() and zipf(word, lang) < COMMON_WORD_ZIPF:
            _put(features, "w:" + word, _rarity(word, lang))
    if title:
        for word in WORD.findall(title.lower()):
            z = zipf(word, lang)
            if len(word) > 2 and z < TITLE_TERM_ZIPF:
                _put(features, "t:" + word, max(0.5, ZIPF_CEILING - z) / 2)
    for quote in QUOTED.finditer(text):
        words = WORD.findall(quote.group(1).lower())
        for a, b in zip(words, words[1:]):
            if min(zipf(a, lang), zipf(b, lang)) < QUOTE_COMMON_ZIPF:
                _put(features, f"q:{a} {b}", QUOTE_PAIR_WEIGHT)
    return features


def feature_hash(feature: str) -> int:
    """Stable 32-bit key of a feature string."""
    return xxhash.xxh32_intdigest(feature.encode("utf-8"))


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


def time_cues(text: str, title: str | None, date: str | None) -> TimeCues:
    published = parse_date(date)
    head = "\n".join(([title] if title else []) + text.split("\n", DATELINE_LINES)[:DATELINE_LINES])
    head_dates = find_dates(head)
    years = [int(y) for y in YEAR.findall(text)]
    weekdays = [w.lower() for w in WEEKDAY.findall(text)]
    weekday = -1
    if weekdays:
        counts = Counter(weekdays)
        best = max(counts, key=lambda w: (counts[w], -weekdays.index(w)))
        weekday = WEEKDAYS.index(best)
    return TimeCues(
        date=published.toordinal() if published else 0,
        dateline=head_dates[0].toordinal() if head_dates else 0,
        latest_year=max(years) if years else 0,
        weekday=weekday,
    )
