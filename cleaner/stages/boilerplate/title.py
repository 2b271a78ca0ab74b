"""Titles: split a publisher suffix off a title, and tell whether a line echoes the title."""

from __future__ import annotations

import re

from .lexicon import load_lexicon

_WORD = re.compile(r"\w+")
# Separators a site name hangs off. Pipes and the like never join two halves of a real
# headline; dashes often do, so a dash only splits when the tail reads like a publisher.
_STRONG = (" | ", " :: ", " // ", " » ", " · ", " • ")
_DASHES = (" – ", " — ", " - ", " -- ")
_SMALL = {"of", "the", "and", "de", "la", "le", "el", "der", "die", "das", "di", "do", "da",
          "des", "du", "del", "&", "on", "for", "in"}
_MAX_SITE_WORDS = 6
_MAX_SITE_CHARS = 60


def split_site_suffix(title: str, site_words: frozenset[str] | None = None) -> tuple[str, str | None]:
    """Return (title without site suffix, site) or (title, None) when not confident.

    ``"US and Russia dig in | News"`` -> ``("US and Russia dig in", "News")``;
    ``"Russia – not the West – is to blame"`` stays whole: a dash splits only when the tail is
    a short run of capitalised words holding a publisher word (news, herald, times, ...), a
    domain or an acronym (WSJ, BBC).
    """
    words = load_lexicon().site_words if site_words is None else site_words
    text = title.strip()
    site: str | None = None
    for _ in range(2):  # "Headline | Section | Site": at most two parts come off
        cut = _split_once(text, words, strong_only=site is not None)
        if cut is None:
            break
        text, sep, part = cut
        site = part if site is None else f"{part}{sep}{site}"
    return (text, site) if site else (title.strip(), None)


def _split_once(text: str, site_words: frozenset[str], strong_only: bool) -> tuple[str, str, str] | None:
    best = -1
    best_sep = ""
    for sep in _STRONG + (() if strong_only else _DASHES):
        pos = text.rfind(sep)
        if pos > best:
            best, best_sep = pos, sep
    if best < 0:
        return None
    head, tail = text[:best].rstrip(), text[best + len(best_sep):].strip()
    if len(head.split()) < 2 or not tail or len(tail) > _MAX_SITE_CHARS:
        return None
    tail_words = tail.split()
    if len(tail_words) > _MAX_SITE_WORDS or tail[-1] in ".?!:":
        return None
    if best_sep in _STRONG or _reads_like_site(tail, tail_words, site_words):
        return head, best_sep, tail
    return None


def _reads_like_site(tail: str, tail_words: list[str], site_words: frozenset[str]) -> bool:
    for word in tail_words:
        letters = word.lstrip("(\"'“‘[")
        if letters[:1].isalpha() and not letters[0].isupper() and letters.lower() not in _SMALL:
            return False
    tokens = _WORD.findall(tail.lower())
    if any(t in site_words for t in tokens):
        return True
    if re.search(r"\w\.(com|org|net|co|news|info|de|fr|es|it|pt|uk|in)\b", tail.lower()):
        return True
    return len(tail_words) == 1 and tail.isupper() and 2 <= len(tail) <= 6


def title_tokens(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def echo_score(low: str, title: frozenset[str]) -> float:
    """How much a short line (``low``: lowercased) repeats the title: 0 unless most of its
    words are title words; else the share of its words in the title plus the share of the
    title it covers."""
    if not title or len(low) > 400:
        return 0.0
    words = set(_WORD.findall(low))
    if len(words) < 2:
        return 0.0
    shared = len(words & title)
    line_share = shared / len(words)
    return line_share + shared / len(title) if line_share >= 0.6 else 0.0
