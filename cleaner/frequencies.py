"""General word frequencies from wordfreq, as the stages that weigh words read them."""

from __future__ import annotations

import math
from functools import cache

import wordfreq


@cache
def wordfreq_language(language: str | None) -> str:
    """The wordfreq list that weighs words of ``language`` (English when unknown or unsupported)."""
    code = (language or "en").split("-")[0].lower()
    return code if code in wordfreq.available_languages() else "en"


@cache
def frequencies(language: str | None) -> dict[str, float]:
    """wordfreq's frequency of every word it lists for ``language``, case-folded its own way."""
    return wordfreq.get_frequency_dict(wordfreq_language(language))


#: Languages whose words wordfreq can only look up with a tokenizer it does not bring (jieba,
#: MeCab): their words are looked up in the list as written, never through wordfreq.
_NEEDS_TOKENIZER = frozenset({"zh", "ja", "ko"})


def zipf(word: str, language: str | None = "en") -> float:
    """Zipf frequency of ``word`` in general ``language`` (0 when unknown). wordfreq lists words
    case-folded its own way (Weißes as "weisses", Turkish İ): a word not found in lower case is
    looked up through wordfreq when it is one word of letters beyond ASCII."""
    frequency = frequencies(language).get(word.lower(), 0.0)
    if frequency > 0:
        return round(math.log10(frequency * 1e9), 2)
    code = wordfreq_language(language)
    if word.isascii() or not word.isalpha() or code in _NEEDS_TOKENIZER:
        return 0.0
    return wordfreq.zipf_frequency(word, code)
