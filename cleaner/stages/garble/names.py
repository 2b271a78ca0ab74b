"""How two spellings of a name relate: edit and phonetic distance, legitimate variants, morphology.

A corrupted name is a near-miss of a name the run spells otherwise, but many near-misses are
legitimate: transliterations (Sergei/Sergey, Zelensky/Zelenskyy), old and new place names
(Kiev/Kyiv), short and long forms, diacritics dropped (Niinistö/Niinisto) and derived words
(Russia/Russian). This module decides which pairs are legitimate; it knows nothing of counts.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz.distance import OSA

_SPECIAL_FOLDS = str.maketrans({"ø": "o", "ß": "ss", "ł": "l", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe"})

# Spelling differences that transliteration systems and house styles produce. Applied in order to
# a diacritic-free lower-case name; two names with the same key are variants of each other.
_TRANSLIT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^c(?=[aou])", "k"),  # a hard initial C is K in other systems: Costas/Kostas, Carl/Karl
        (r"y", "i"),  # Sergey/Sergei, Tymoshenko/Timoshenko, Zelenskyy/Zelenskiy
        (r"ii+$", "i"),  # a doubled ending only (Zelenskyy -> zelenskii -> zelenski; Daviid is no variant)
        (r"ij$", "i"),  # Zelenskij
        (r"(?<=[aeiou])j", "i"),  # Nikolaj/Nikolai
        (r"ou", "u"),  # French-style u: Younis/Yunis, Zeitoun/Zeitun, Mahmoud/Mahmud
        (r"ph", "f"),  # Stephan/Stefan
        (r"th", "t"),  # Anthony/Antony
        (r"(?<=[bdgk])h", ""),  # aspirates written with or without h: Askhar/Askar, Riyadh/Riyad
        (r"ks", "x"),  # Aleksei/Alexei
        (r"ck", "k"),
        (r"off$", "ov"),  # Rachmaninoff/Rachmaninov
        (r"ew$", "ev"),
        (r"ev$", "ov"),  # Gorbachev/Gorbachov (Russian e/yo)
        (r"sch", "sh"),
        (r"tre$", "ter"),  # Centre/Center, Theatre/Theater
        (r"ence$", "ense"),  # Defence/Defense, Licence/License
        (r"our", "or"),  # Labour/Labor, Harbour/Harbor
        (r"is(e|ing|ation)", r"iz\1"),  # Organisation/Organization
        (r"tch", "ch"),
        (r"dzh", "j"),
    )
)

# Endings that make a derived word of a name (Russia -> Russian, Clark -> Clarke, Kurd -> Kurds).
_DERIVED_SUFFIXES = (
    "s", "es", "e", "n", "an", "ian", "ans", "ians", "ese", "ish", "i", "is", "ite", "ites", "ern", "er", "ers",
    "ed", "d",
)


def fold(name: str) -> str:
    """Lower-case, without diacritics: the form names are compared in."""
    if name.isascii():
        return name.lower()  # nothing to fold: the common case, kept fast
    decomposed = unicodedata.normalize("NFKD", name.lower().translate(_SPECIAL_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def translit_key(name: str) -> str:
    """A key that two transliterations of the same name share (see ``_TRANSLIT_RULES``)."""
    key = fold(name)
    for pattern, replacement in _TRANSLIT_RULES:
        key = pattern.sub(replacement, key)
    return key


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (adjacent swaps cost 1), capped at ``limit``."""
    return min(OSA.distance(a, b, score_cutoff=limit), limit)


_PHONETIC_CLASSES = str.maketrans(
    {**dict.fromkeys("aeiouyhw", ""), **dict.fromkeys("bpfv", "1"), **dict.fromkeys("cgjkqsxz", "2"),
     **dict.fromkeys("dt", "3"), "l": "4", **dict.fromkeys("mn", "5"), "r": "6"}
)


def phonetic_key(name: str) -> str:
    """Soundex-like consonant skeleton without truncation: similar-sounding names share it."""
    classes = fold(name).translate(_PHONETIC_CLASSES)
    return re.sub(r"(\d)\1+", r"\1", re.sub(r"[^0-9]", "", classes))


def phonetic_distance(a: str, b: str) -> int:
    return edit_distance(phonetic_key(a), phonetic_key(b))


def max_distance(length: int) -> int:
    """How far a near-miss may be: one edit for short names, two from six letters on."""
    return 1 if length < 6 else 2


def is_derived(a: str, b: str) -> bool:
    """True when one folded name is the other plus a derivational or plural ending."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < 3 or len(long_) == len(short) or not long_.startswith(short[:-1]):
        return False
    if long_.startswith(short) and long_[len(short):] in _DERIVED_SUFFIXES:
        return True
    # Russia -> Russian keeps the stem; Ukraine -> Ukrainian drops a final e before the ending.
    stem = short[:-1] if short.endswith(("a", "e", "y")) else short
    return long_.startswith(stem) and long_[len(stem):] in _DERIVED_SUFFIXES


#: Languages that capitalise every noun: there a common word of the language is no name (Messe, Presse).
NOUN_CAPITALISING = frozenset({"de"})
#: Days of the week are capitalised by convention, not names: a near miss of one is no corrupted
#: name (Sudan, Sandy for Sunday). Months are left out: May, June, April, August are also first names.
CALENDAR_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


#: A case ending set off from a name by an apostrophe (Turkish: Moskova’dan, Sinop'ta), and an
#: article or preposition elided onto it (French, Italian: l'Afrique, dell'Europa).
_CASE_ENDING = re.compile(r"(?<=\w{3})['’][^\W\d_]+$")
_ELISION = re.compile(r"^[^\W\d_]{1,4}['’]")  # only before a capital (``_without_elision``)
#: The letters a case ending trades when it is one letter (Duda/Dudę, Korea/Korei), folded.
_VOWELS = frozenset("aeiouyı")


def _without_elision(name: str) -> str:
    """``name`` without an article elided onto it: l'Afrique, dell'Élysée (not Van'dan: a case ending)."""
    elided = _ELISION.match(name)
    return name[elided.end():] if elided and name[elided.end():elided.end() + 1].isupper() else name


def is_inflection(a: str, b: str) -> bool:
    """True when two names differ only in their endings, as the cases of one name do in the
    languages that inflect names (Duda/Dudę, Eurowizja/Eurowizji, Angriff/Angriffen, Moskova’nın/
    Moskova’dan, l'Afrique/Afrique): without case endings set off by an apostrophe and elided
    articles, a shared stem of three letters or more and at least half the shorter name, then at
    most three letters on one side and two on the other: an ending added, or one ending for
    another (a vowel for a vowel or a consonant when only the last letter differs); never two
    letters swapped or a slip that keeps the last letter. Not for English: its names have no
    cases, its derived words are listed (``is_derived``) and its apostrophes belong to names (O'Brien)."""
    a, b = (fold(_CASE_ENDING.sub("", _without_elision(name))) for name in (a, b))
    stem = len(os.path.commonprefix((a, b)))
    shorter_tail, longer_tail = sorted((len(a) - stem, len(b) - stem))
    tail_a, tail_b = a[stem:], b[stem:]
    if shorter_tail == 0:
        ending = True  # an ending added: Kowalczyk/Kowalczyka
    elif sorted(tail_a) == sorted(tail_b) or a[-1] == b[-1]:
        ending = False  # letters swapped (Merkel/Merkle), or a slip inside that keeps the last letter
    elif longer_tail == 1:
        ending = bool(_VOWELS & {tail_a, tail_b})  # one last letter for another: a case vowel (Duda/Dudę), not Macron/Macrom
    else:
        ending = True  # one ending for another: Chinami/Chinach, Müdürlüğünce/Müdürlüğünden
    return stem >= 3 and 2 * stem >= min(len(a), len(b)) and shorter_tail <= 2 and longer_tail <= 3 and ending


@dataclass(frozen=True)
class Aliases:
    """Groups of spellings that name the same thing; membership is looked up by folded form."""

    groups: tuple[tuple[str, ...], ...]

    @classmethod
    def build(cls, groups: Iterable[Sequence[str]]) -> Aliases:
        return cls(tuple(tuple(sorted({fold(name) for name in group})) for group in groups if len(group) > 1))

    def index(self) -> dict[str, frozenset[int]]:
        table: dict[str, set[int]] = {}
        for number, group in enumerate(self.groups):
            for name in group:
                table.setdefault(name, set()).add(number)
        return {name: frozenset(numbers) for name, numbers in table.items()}


@cache
def shipped_alias_groups() -> tuple[tuple[str, ...], ...]:
    """The alias list shipped as ``cleaner/data/aliases.toml`` (every table is a list of groups)."""
    text = resources.files("cleaner").joinpath("data/aliases.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return tuple(tuple(group) for section in sorted(data) for group in data[section])


class VariantJudge:
    """Decides whether two spellings are legitimate variants (aliases, transliteration, derivation)."""

    def __init__(self, extra_groups: Iterable[Sequence[str]] = ()) -> None:
        self._aliases = Aliases.build([*shipped_alias_groups(), *extra_groups]).index()

    def keys(self, name: str) -> set[str]:
        """Keys shared by all legitimate variants of ``name``: its transliteration key and alias groups."""
        folded = fold(name)
        return {f"t:{translit_key(folded)}"} | {f"a:{group}" for group in self._aliases.get(folded, ())}

    def reason(self, a: str, b: str) -> str | None:
        """Why ``a`` and ``b`` are legitimate variants of each other, or None when they are not."""
        fa, fb = fold(a), fold(b)
        if fa == fb:
            return "same letters apart from case and diacritics"
        if self._aliases.get(fa, frozenset()) & self._aliases.get(fb, frozenset()):
            return "listed as aliases"
        if translit_key(fa) == translit_key(fb):
            return "transliteration variants"
        if is_derived(fa, fb):
            return "derived word"
        return None
