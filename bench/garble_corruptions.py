"""Seeded generator of corrupted and legitimately varied names in clean articles (garble benchmark).

Each article of a run gets one of three roles, decided by a random generator seeded with the run
seed and the article id (so an article's fate does not depend on the others):

- ``corrupt``: one name (a capitalised word seen mid-sentence, four letters or more, never
  written in lower case in the run, not a weekday or month) is replaced in some or all of its occurrences by
  - a *near miss*: one edit (two from six letters on): a letter swapped for a similar-sounding or
    a random one, two letters transposed, one deleted, inserted or doubled; never the first
    letter or the last (an edited ending reads as a derived word: Blinke, Blinkens);
  - a *real-word look-alike*: an English word of similar shape (same edit reach), capitalised
    (Blinken -> Clinker).
  "All occurrences" is only chosen when another article of the run spells the name right:
  with no right spelling anywhere there is nothing to recognise the corruption by.
- ``variant``: one name is respelled, in some or all occurrences, as a legitimate variant:
  another member of its alias group, or a transliteration respelling (-ei/-ey, -y/-yy/-iy,
  -ov/-off, th/t, x/ks, ph/f, accents dropped).
- ``clean``: untouched.

What counts as a legitimate variant is defined here, independently of the stage under test (so
widening the stage's own variant rules cannot make the benchmark easier): the same letters apart
from case and diacritics, two members of one group of the shipped alias list (read as data), one
of the transliteration respellings above (``respellings``: one rule at one place, either way), or
a derived word (the name plus an English ending: Russia/Russian, Clark/Clarks). A respelling that
is already a word of the run, or a corruption that is a legitimate variant by this definition,
is drawn again; the counts of such redraws are reported.
"""

from __future__ import annotations

import random
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import wordfreq
from rapidfuzz.distance import OSA

VOWELS = "aeiou"
CONSONANTS = "bcdfghjklmnpqrstvwxz"
SOUND_ALIKE = {
    "k": "gc", "g": "kc", "c": "kgs", "b": "pv", "p": "b", "d": "t", "t": "d", "m": "n", "n": "m",
    "v": "fw", "f": "v", "s": "zc", "z": "s", "l": "r", "r": "l", "a": "eo", "e": "ai", "i": "e",
    "o": "au", "u": "o", "y": "e", "w": "v", "h": "", "j": "g", "x": "ks", "q": "k",
}
TRANSLIT_RULES = (
    (r"ei$", "ey"), (r"ey$", "ei"), (r"sky$", "skyy"), (r"sky$", "skiy"), (r"ski$", "sky"),
    (r"y$", "i"), (r"ov$", "off"), (r"off$", "ov"), (r"th", "t"), (r"x", "ks"), (r"ks", "x"),
    (r"ph", "f"), (r"ii$", "iy"), (r"iy$", "ii"),
)
#: A capitalised word directly after a lower-case word or a comma: a name, not a sentence start.
MID_NAME_RE = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+")
#: A word (letters, inner apostrophes; a possessive 's left out); capitalised ones are names.
WORD_RE = re.compile(r"[^\W\d_]+(?:['’](?!s\b)[^\W\d_]+)*")
#: Endings that make a derived word of a name (Russia -> Russian, Clark -> Clarks, Japan -> Japanese).
DERIVED_ENDINGS = ("s", "es", "e", "n", "an", "ian", "ans", "ians", "ese", "ish", "i", "is", "er", "ers", "ed", "ing")
ALIASES = Path(__file__).resolve().parent.parent / "cleaner" / "data" / "aliases.toml"


@dataclass(frozen=True)
class Article:
    id: str
    lines: list[str]
    group: str | None


@dataclass(frozen=True)
class Injection:
    doc_id: str
    role: str  # corrupt | variant
    kind: str  # near_miss | real_word | alias | translit
    original: str
    replacement: str
    mode: str  # some | all
    lines: tuple[int, ...]  # raw 1-based line of every replaced occurrence (repeated per occurrence)


@dataclass
class Generated:
    articles: list[Article]
    injections: list[Injection]
    redraws: Counter[str] = field(default_factory=Counter)


def _occurrence_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’]){re.escape(name)}(?![^\W_]|['’](?!s\b))")


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def capitalised_words(text: str) -> list[str]:
    """The capitalised words of ``text`` (all-capital words included)."""
    return [w for w in WORD_RE.findall(text) if w[0].isupper()]


def fold(name: str) -> str:
    """Lower case without diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (an adjacent swap is one edit)."""
    return OSA.distance(a, b)


def edit_reach(length: int) -> int:
    """Edits a corruption may make: one, two from six letters on."""
    return 1 if length < 6 else 2


def alias_groups() -> list[tuple[str, ...]]:
    """The groups of the shipped alias list (``cleaner/data/aliases.toml``, read as data)."""
    data = tomllib.loads(ALIASES.read_text(encoding="utf-8"))
    return [tuple(group) for section in sorted(data) for group in data[section]]


def respellings(name: str) -> set[str]:
    """Transliteration respellings of ``name`` (lower case): one of ``TRANSLIT_RULES`` applied at
    one place, or the accents dropped."""
    lower = name.lower()
    found = set()
    for pattern, replacement in TRANSLIT_RULES:
        for match in re.finditer(pattern, lower):
            found.add(lower[: match.start()] + replacement + lower[match.end() :])
    found.add(fold(lower))
    found.discard(lower)
    return found


def derived(a: str, b: str) -> bool:
    """True when one folded spelling is the other plus an English ending (Russia/Russian, Clark/Clarks)."""
    short, long_ = sorted((fold(a), fold(b)), key=len)
    if len(short) < 3 or len(long_) == len(short):
        return False
    stems = {short, short[:-1]} if short.endswith(("a", "e", "y")) else {short}
    return any(long_.startswith(stem) and long_[len(stem):] in DERIVED_ENDINGS for stem in stems)


class Legitimacy:
    """This benchmark's own definition of a legitimate variant (see the module doc)."""

    def __init__(self) -> None:
        self.groups = alias_groups()

    def aliases(self, name: str) -> list[str]:
        """The other members of the alias groups of ``name``, as the list writes them."""
        folded = fold(name)
        return sorted({m for group in self.groups if folded in {fold(x) for x in group} for m in group
                       if fold(m) != folded})

    def legitimate(self, spelling: str, name: str) -> bool:
        a, b = fold(spelling), fold(name)
        return (a == b or a in {fold(m) for m in self.aliases(name)} or a in respellings(b) or b in respellings(a)
                or derived(a, b))


class Vocabulary:
    """English words (wordfreq top list) indexed for near-miss lookup: real-word look-alikes."""

    def __init__(self, size: int = 40000) -> None:
        self.words = [w for w in wordfreq.top_n_list("en", size) if w.isascii() and w.isalpha() and len(w) >= 4]
        self.known = set(wordfreq.get_frequency_dict("en"))
        self._index: dict[str, list[str]] = {}
        for word in self.words:
            for key in deletions(word, edit_reach(len(word))):
                self._index.setdefault(key, []).append(word)

    def lookalikes(self, name: str) -> list[str]:
        folded = fold(name)
        found = set()
        for key in deletions(folded, edit_reach(len(name))):
            for word in self._index.get(key, ()):
                if word != folded and edit_distance(word, folded) <= edit_reach(len(name)):
                    found.add(word)
        return sorted(found)


def deletions(word: str, depth: int) -> set[str]:
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _near_miss(name: str, rng: random.Random) -> str:
    letters = list(name)
    edits = 1 if len(name) < 6 else rng.choice((1, 1, 2))
    for _ in range(edits):
        i = rng.randrange(1, len(letters) - 1)
        op = rng.choice(("sound", "sound", "random", "transpose", "delete", "insert", "double"))
        low = letters[i].lower()
        if op == "sound" and SOUND_ALIKE.get(low):
            letters[i] = rng.choice(SOUND_ALIKE[low])
        elif op in ("sound", "random"):
            pool = VOWELS if low in VOWELS else CONSONANTS
            letters[i] = rng.choice([c for c in pool if c != low])
        elif op == "transpose" and i + 1 < len(letters) - 1:
            letters[i], letters[i + 1] = letters[i + 1], letters[i]
        elif op == "delete" and len(letters) > 4:
            del letters[i]
        elif op == "insert":
            letters.insert(i, rng.choice(VOWELS + CONSONANTS))
        else:
            letters.insert(i, letters[i])
    return "".join(letters)


def _translit_variants(name: str) -> list[str]:
    return sorted({_capitalise(r) for r in respellings(name)} - {name})


def _alias_variants(name: str, legitimacy: Legitimacy) -> list[str]:
    return [m for m in legitimacy.aliases(name) if m.isalpha() and len(m) >= 3]


CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


def _candidate_names(article: Article, lowercase_in_run: set[str]) -> list[str]:
    text = "\n".join(article.lines)
    body = "\n".join(article.lines[1:])
    lower = set(re.findall(r"\b[a-z]\w*", text))
    mid = Counter(MID_NAME_RE.findall(body))
    names = Counter(t for t in capitalised_words(text) if not t.isupper())
    return sorted(
        name for name in names
        if len(name) >= 4 and name.isalpha() and mid[name] and name.lower() not in lower
        and name.lower() not in lowercase_in_run and name.lower() not in CALENDAR
    )


def generate(articles: Sequence[Article], seed: int, corrupt_rate: float = 0.25, variant_rate: float = 0.15,
             real_word_rate: float = 0.35, vocabulary: Vocabulary | None = None) -> Generated:
    """Inject corruptions and legitimate variants into a copy of ``articles`` (see module doc)."""
    vocabulary = vocabulary or Vocabulary()
    legitimacy = Legitimacy()
    run_names: Counter[str] = Counter()
    run_tokens: set[str] = set()
    lowercase_in_run: set[str] = set()
    for article in articles:
        text = "\n".join(article.lines)
        tokens = set(capitalised_words(text))
        run_names.update(tokens)
        run_tokens |= {t.lower() for t in tokens}
        lowercase_in_run.update(re.findall(r"\b[a-z]+", text))
    out = Generated([], [])
    for article in articles:
        rng = random.Random(f"{seed}:{article.id}")
        draw = rng.random()
        role = "corrupt" if draw < corrupt_rate else "variant" if draw < corrupt_rate + variant_rate else "clean"
        names = _candidate_names(article, lowercase_in_run) if role != "clean" else []
        rng.shuffle(names)
        injection = None
        for name in names:
            count = len(_occurrence_re(name).findall("\n".join(article.lines)))
            elsewhere = run_names[name] > 1
            if count == 0:
                continue
            if role == "corrupt":
                if count < 2 and not elsewhere:
                    continue
                kind, replacement = _corrupt(name, rng, real_word_rate, vocabulary, legitimacy, run_tokens,
                                             out.redraws)
            else:
                options = [("alias", v) for v in _alias_variants(name, legitimacy)]
                options += [("translit", v) for v in _translit_variants(name)]
                options = [(k, v) for k, v in options if v.lower() not in run_tokens]
                if not options:
                    continue
                kind, replacement = rng.choice(options)
            if replacement is None:
                continue
            mode = "all" if (elsewhere or role == "variant") and (count == 1 or rng.random() < 0.5) else "some"
            injection = _apply(article, role, kind, name, replacement, mode, count, rng)
            break
        if injection is None:
            out.articles.append(article)
        else:
            new_article, record = injection
            out.articles.append(new_article)
            out.injections.append(record)
    return out


def _corrupt(name: str, rng: random.Random, real_word_rate: float, vocabulary: Vocabulary, legitimacy: Legitimacy,
             run_tokens: set[str], redraws: Counter[str]) -> tuple[str, str | None]:
    if rng.random() < real_word_rate:
        options = [w for w in vocabulary.lookalikes(name) if not legitimacy.legitimate(w, name)]
        if options:
            return "real_word", _capitalise(rng.choice(options))
        redraws["real_word_none_near"] += 1
    for _ in range(20):
        candidate = _near_miss(name, rng)
        if candidate == name or candidate.lower() in vocabulary.known or candidate.lower() in run_tokens:
            redraws["near_miss_is_word"] += 1
        elif legitimacy.legitimate(candidate, name):
            redraws["near_miss_is_variant"] += 1
        else:
            return "near_miss", candidate
    return "near_miss", None


def _apply(article: Article, role: str, kind: str, name: str, replacement: str, mode: str, count: int,
           rng: random.Random) -> tuple[Article, Injection]:
    pattern = _occurrence_re(name)
    chosen = set(range(count)) if mode == "all" else set(rng.sample(range(count), rng.randint(1, count - 1)))
    seen = 0
    new_lines: list[str] = []
    replaced_lines: list[int] = []
    for number, line in enumerate(article.lines, 1):
        def swap(match: re.Match[str], number: int = number) -> str:
            nonlocal seen
            index, seen = seen, seen + 1
            if index in chosen:
                replaced_lines.append(number)
                return replacement
            return match.group(0)

        new_lines.append(pattern.sub(swap, line))
    record = Injection(article.id, role, kind, name, replacement, mode, tuple(replaced_lines))
    return Article(article.id, new_lines, article.group), record
