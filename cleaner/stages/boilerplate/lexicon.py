"""Phrase lexicons (data files cleaner/data/boilerplate_<lang>.toml) compiled for fast matching.

Every match works on the lowercased edges of a line that its Shape holds (the whole line when
it is short, else its first and last EDGE_CHARS characters, the last lowercased here only
where a phrase could end) with C-level string operations and
dictionary look-ups, so the cost per line is bounded and independent of how many phrases the
lexicons hold. No regular expression with alternation or backtracking ever sees a whole line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .codes import CODES
from .shape import Shape, lower

LANGUAGES = ("en", "de", "fr", "es", "it", "pt")

KIND_SCORE = {"exact": 0.95, "paren": 0.9, "prefix": 0.85, "suffix": 0.85, "contains": 0.8, "only": 0.85}
GUARDS = ("", "no_sentence", "no_sentence_or_short")

LONG_WORDS = 40  # a `contains` hit in a longer line is only a weak signal
MEMO_LINES = 20_000  # short lines whose match is remembered (about 2 MB); then forgotten at once

_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
_ASCII_DIGITS = b"0123456789"
_EDGE_PUNCT = " .,:;!?»«›‹>|*•·-–—=#~_()[]{}\"'“”‘’/\\…"
_LEAD = " •·»›>-–—*#|~"
_TAIL = " .!;:,"
_TRAILING = tuple(".,:;!?)\"'”’»…") + ("...", ".)", ").", '."', ".”", "?\"", ":\"")
_OPENING = tuple("(\"'“‘«[")
_NOT_WORD = _EDGE_PUNCT + "¿¡@%&+<«"
_UNSEEN = object()  # memo marker: None is a remembered "no match"
_ONLY_FIRST_TOKENS = 3  # tokens looked at before the whole line is split into words


def normalize(text: str) -> str:
    """Lowercase, unify apostrophes, collapse whitespace (str.split also splits no-break
    spaces): the form phrases are matched in."""
    return " ".join(lower(text).split())


def exact_key(norm: str) -> str:
    """Key for whole-line matching: edge punctuation and bullets off, digit runs as '0'."""
    key = norm.strip(_EDGE_PUNCT)
    # Most lines hold no digit: an ASCII line proves it with a C-level byte deletion, which
    # costs a fifth of the regular expression's scan.
    if key.isascii() and len(key.encode().translate(None, _ASCII_DIGITS)) == len(key):
        return key
    return _DIGITS.sub("0", key)


@dataclass(frozen=True, slots=True)
class Rule:
    """One phrase of one rule group, as read from a lexicon file."""

    code: str
    kind: str
    phrase: str
    lang: str
    score: float
    max_words: int = 0
    guard: str = ""
    edge: bool = False
    opens: str = ""
    anchors: frozenset[str] = frozenset()
    # What a verdict of this rule says and shows, made once: the evidence dict is shared by
    # every verdict of the rule, so it is read-only.
    detail: str = field(init=False, compare=False, repr=False)
    evidence: dict[str, str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        only = self.kind == "only"
        what = "date and time words only" if only else repr(self.phrase)
        object.__setattr__(self, "detail", f"lexicon {self.kind} {what} ({self.lang} lexicon)")
        object.__setattr__(self, "evidence", {"rule": "lexicon", "kind": self.kind,
                                              "phrase": "<date words>" if only else self.phrase,
                                              "lexicon": self.lang})


@dataclass(slots=True)
class Match:
    """The rule that best fits a line, and its score there (read-only by convention)."""

    rule: Rule
    score: float


class Lexicon:
    """All rules of the selected languages, indexed by match kind."""

    def __init__(self, rules: list[Rule], site_words: frozenset[str]) -> None:
        self.site_words = site_words
        self.exact: dict[str, Rule] = {}
        self.prefix: dict[str, Rule] = {}
        self.suffix: dict[str, Rule] = {}
        self.contains: dict[str, list[Rule]] = {}
        self.paren: dict[str, Rule] = {}
        self.only: list[Rule] = []
        for rule in rules:
            self._add(rule)
        self.prefixes = _bucket(self.prefix, 0)
        self.suffixes = _bucket(self.suffix, -1)
        self.exact_chars = max((len(k) for k in self.exact), default=0) + 8
        # Each trigger word also with the punctuation that whitespace splitting leaves on it.
        self.trigger_forms = {
            form: trigger for trigger in sorted(self.contains)
            for form in [trigger] + [trigger + p for p in _TRAILING] + [p + trigger for p in _OPENING]
        }
        self.trigger_keys = self.trigger_forms.keys()
        self.only_vocab = frozenset(w for rule in self.only for w in rule.phrase.split())
        # Matches of short lines read whole, by all a match depends on: the lowercased text and
        # the two flags it can hide ("´" folds to "'" but neither opens a quote nor closes a
        # sentence as "'" does). A source prints the same menus, share buttons and footers
        # under every article, and short lines cost the most to match; paragraphs, unique and
        # cheap, are not kept.
        self.memo: dict[tuple[str, bool, bool], Match | None] = {}

    def _add(self, rule: Rule) -> None:
        phrase = rule.phrase
        if rule.kind == "exact":
            self.exact.setdefault(exact_key(phrase), rule)
        elif rule.kind == "prefix":
            self.prefix.setdefault(phrase.lstrip(_LEAD), rule)
        elif rule.kind == "suffix":
            self.suffix.setdefault(phrase.rstrip(_TAIL), rule)
        elif rule.kind == "contains":
            words = _WORD.findall(phrase)
            trigger = max(words, key=len) if words else phrase
            self.contains.setdefault(trigger, []).append(rule)
        elif rule.kind == "paren":
            self.paren.setdefault(phrase, rule)
        elif rule.kind == "only":
            self.only.append(rule)

    def match(self, shape: Shape) -> Match | None:
        """Best lexicon match for one non-blank line, given its shape, or None.

        Phrases are looked for in ``shape.head`` and ``shape.tail`` (the lowercased line, or
        its edges when it is long, the tail as written); guards use ``shape.sentence``, ``max_words`` limits
        ``shape.words``. Checks are ordered so that a line matching nothing costs a few
        C-level calls. A line read whole is matched once per process (see ``memo``).
        """
        return self.match_lines((shape,))[0]

    def match_lines(self, shapes: Iterable[Shape]) -> list[Match | None]:
        """``match`` of every line of a page, in one loop (a call per line costs as much as
        the look-ups that rule most paragraphs out)."""
        memo, full = self.memo, self._match
        matches: list[Match | None] = []
        for shape in shapes:
            if shape.head is not shape.tail:
                matches.append(full(shape))
                continue
            key = (shape.head, shape.sentence, shape.quote)
            match = memo.get(key, _UNSEEN)
            if match is _UNSEEN:
                if len(memo) >= MEMO_LINES:
                    memo.clear()
                match = memo[key] = full(shape)
            matches.append(match)
        return matches

    def _match(self, shape: Shape) -> Match | None:
        head, tail, n_words = shape.head, shape.tail, shape.words
        whole = head is tail
        found: list[tuple[Rule, float]] = []
        if whole and len(head) <= self.exact_chars:
            rule = self.exact.get(exact_key(head))
            if rule is not None:
                found.append((rule, rule.score))
        if not shape.quote:
            start = head.lstrip(_LEAD)
            phrases = self.prefixes.get(start[:2]) or self.prefixes.get(start[:1])
            if phrases and start.startswith(phrases):
                self._longest(found, self.prefix, phrases, start, True)
        end = tail.rstrip(_TAIL)
        # A tail read at the edges is as written: its last two characters, lowercased as the
        # whole tail would leave them ("n’t": "n't"), tell whether a phrase could end there.
        last = end[-2:]
        if not whole:
            last = last.lower() if last.isascii() else lower(last)[-2:]
        phrases = self.suffixes.get(last) or self.suffixes.get(last[-1:])
        if not whole and (phrases or last[-1:] == ")"):
            end = lower(end)
        if phrases and end.endswith(phrases):
            self._longest(found, self.suffix, phrases, end, False)
        if end[-1:] == ")" and self.paren:
            opening = end.rfind("(", max(0, len(end) - 60))
            if opening >= 0:
                for word in _WORD.findall(end[opening:]):
                    rule = self.paren.get(word)
                    if rule is not None:
                        found.append((rule, rule.score))
        tokens = shape.tokens
        if tokens:
            forms = self.trigger_keys
            if not forms.isdisjoint(tokens):
                hits = forms & tokens
                window = head if whole else f"{head} {lower(tail)}"
                for form in sorted(hits):
                    for rule in self.contains[self.trigger_forms[form]]:
                        if rule.phrase in window:
                            weak = n_words > LONG_WORDS and not rule.max_words
                            found.append((rule, rule.score * 0.5 if weak else rule.score))
            if whole and len(tokens) <= 15 and self.only:
                rule = self._only(head, tokens)
                if rule is not None:
                    found.append((rule, rule.score))
        if not found:
            return None
        best: Match | None = None
        for rule, score in found:
            if rule.max_words and n_words > rule.max_words:
                continue
            if shape.sentence and (rule.guard == "no_sentence" and n_words > 3
                                   or rule.guard == "no_sentence_or_short" and n_words > 8):
                continue
            if best is None or score > best.score:
                best = Match(rule, score)
        return best

    @staticmethod
    def _longest(found: list, rules: dict[str, Rule], phrases: tuple[str, ...], text: str, prefix: bool) -> None:
        """Append the longest of ``phrases`` (sorted longest first) that starts (or ends)
        ``text`` at a word boundary."""
        for phrase in phrases:
            if prefix and text.startswith(phrase) and _boundary_after(text, len(phrase), phrase) \
                    or not prefix and text.endswith(phrase) \
                    and _boundary_before(text, len(text) - len(phrase), phrase):
                found.append((rules[phrase], rules[phrase].score))
                return

    def _only(self, text: str, tokens: tuple[str, ...]) -> Rule | None:
        """The rule whose vocabulary holds every word of the line (numbers aside) and that
        has one of its anchors among them. Most lines start with a plain word outside the
        vocabulary ("By Jane Doe"): a token that is all letters and digits once its edge
        punctuation is off is one word, so such a line fails without a regular expression."""
        vocab = self.only_vocab
        for token in tokens[:_ONLY_FIRST_TOKENS]:
            word = token.strip(_NOT_WORD)
            if word.isalnum() and word not in vocab and not word[0].isdigit():
                return None
        words = _WORD.findall(text)
        for word in set(words).difference(vocab):
            if not word[0].isdigit():
                return None
        for rule in self.only:
            if not rule.anchors.isdisjoint(words):
                return rule
        return None


def _bucket(phrases: dict[str, Rule], at: int) -> dict[str, tuple[str, ...]]:
    """Phrases grouped by their first (at=0) or last (at=-1) two characters, longest first,
    so one C-level startswith/endswith call tests only the few phrases that could match. A
    one-character phrase ("©") has a group of its own and joins every group its character
    begins (ends): look up the two characters of a line, then its one."""
    edge = (lambda p: p[:2]) if at == 0 else (lambda p: p[-2:])
    groups: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=lambda p: (-len(p), p)):
        groups.setdefault(edge(phrase), []).append(phrase)
    for char in [key for key in groups if len(key) == 1]:
        for key, group in groups.items():
            if len(key) == 2 and key[at] == char:
                group.extend(groups[char])
    return {key: tuple(group) for key, group in groups.items()}


def _boundary_after(text: str, end: int, phrase: str) -> bool:
    return end >= len(text) or not (phrase[-1].isalnum() and text[end].isalnum())


def _boundary_before(text: str, start: int, phrase: str) -> bool:
    return start <= 0 or not (phrase[0].isalnum() and text[start - 1].isalnum())


def _variants(phrase: str) -> list[str]:
    """A phrase as written plus, when it has an apostrophe, the form without it."""
    phrase = normalize(phrase)
    return [phrase, phrase.replace("'", "")] if "'" in phrase else [phrase]


def parse_lexicon(data: dict, lang: str) -> tuple[list[Rule], set[str]]:
    """Rules and site words from one parsed lexicon file; raises ValueError on unknown keys."""
    rules: list[Rule] = []
    site_words = {normalize(w) for w in data.get("site", {}).get("words", [])}
    for code, groups in data.items():
        if code in ("language", "site"):
            continue
        if code not in CODES:
            raise ValueError(f"lexicon {lang}: unknown class {code!r}; known: {sorted(CODES)}")
        for group in groups:
            rules.extend(_group_rules(code, group, lang))
    return rules, site_words


def _group_rules(code: str, group: dict, lang: str) -> list[Rule]:
    known = {"exact", "prefix", "suffix", "contains", "paren", "only", "anchors", "max_words",
             "score", "guard", "edge", "opens"}
    unknown = set(group) - known
    if unknown:
        raise ValueError(f"lexicon {lang}, class {code}: unknown keys {sorted(unknown)}")
    guard = group.get("guard", "")
    if guard not in GUARDS:
        raise ValueError(f"lexicon {lang}, class {code}: guard must be one of {GUARDS}")
    opens = group.get("opens", "")
    if opens and opens not in CODES:
        raise ValueError(f"lexicon {lang}, class {code}: opens unknown class {opens!r}")
    common = dict(lang=lang, max_words=int(group.get("max_words", 0)), guard=guard,
                  edge=bool(group.get("edge", False)), opens=opens)
    rules = []
    for kind in ("exact", "prefix", "suffix", "contains", "paren"):
        score = float(group.get("score", KIND_SCORE[kind]))
        for phrase in group.get(kind, []):
            for variant in _variants(phrase):
                rules.append(Rule(code, kind, variant, score=score, **common))
    if "only" in group:
        vocab = " ".join(sorted({normalize(w) for w in group["only"]}))
        anchors = frozenset(normalize(w) for w in group.get("anchors", group["only"]))
        rules.append(Rule(code, "only", vocab, score=float(group.get("score", KIND_SCORE["only"])),
                          anchors=anchors, **common))
    return rules


def extra_rules(extra_phrases: tuple[tuple[str, str], ...]) -> list[Rule]:
    """Rules from config: phrase -> class; '^phrase' is a prefix, 'phrase$' a suffix,
    '^phrase$' a whole line, anything else matches anywhere."""
    rules = []
    for phrase, code in extra_phrases:
        if code not in CODES:
            raise ValueError(f"extra_phrases: unknown class {code!r} for {phrase!r}")
        starts, ends = phrase.startswith("^"), phrase.endswith("$")
        text = phrase[1 if starts else 0: -1 if ends else None]
        kind = "exact" if starts and ends else "prefix" if starts else "suffix" if ends else "contains"
        for variant in _variants(text):
            rules.append(Rule(code, kind, variant, lang="config", score=KIND_SCORE[kind]))
    return rules


@lru_cache(maxsize=16)
def load_lexicon(languages: tuple[str, ...] = LANGUAGES,
                 extra_files: tuple[str, ...] = (),
                 extra_phrases: tuple[tuple[str, str], ...] = ()) -> Lexicon:
    """Compile the packaged lexicons of ``languages`` plus extra files and phrases (cached:
    the arguments are immutable and the result is never mutated)."""
    rules: list[Rule] = []
    site_words: set[str] = set()
    package = resources.files("cleaner") / "data"
    for lang in languages:
        data = tomllib.loads((package / f"boilerplate_{lang}.toml").read_text(encoding="utf-8"))
        more, words = parse_lexicon(data, lang)
        rules += more
        site_words |= words
    for path in extra_files:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise ValueError(f"boilerplate.extra_lexicons: cannot read {path}: {error.strerror or error}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ValueError(f"boilerplate.extra_lexicons: {path} is not a TOML file: {error}") from None
        more, words = parse_lexicon(data, str(data.get("language", Path(path).stem)))
        rules += more
        site_words |= words
    rules += extra_rules(extra_phrases)
    return Lexicon(rules, frozenset(site_words))
