"""langdetect's detector with its inner loops on arrays: the same answers at half the cost.

langdetect (pure Python, unmaintained since 2021, pinned) spends most of an article's time in two
loops: reading the text's n-grams one character at a time through method calls, and updating 55
language probabilities one float at a time for every n-gram it samples. ``ArrayDetector`` keeps
its algorithm, its random draws and the order of every floating-point operation (elementwise
products and quotients are exact per element; the sum that normalises is taken in the same
order), so its probabilities are bit for bit those of ``langdetect.detector.Detector``
(``tests/test_language.py`` checks it against the stock detector).
"""

from __future__ import annotations

import numpy as np
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.utils.ngram import NGram

#: Characters as langdetect's n-gram reader normalises them (a pure function of the character).
_NORMALISED: dict[str, str] = {}


def array_factory(seed: int) -> DetectorFactory:
    """A factory with langdetect's profiles, each n-gram's probabilities a row of one float64 matrix
    (the stock detector reads them the same way; the lists they replace took twice the memory)."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = seed
    table = factory.word_lang_prob_map
    factory.word_lang_prob_map = dict(zip(table, np.array(list(table.values()), dtype=np.float64)))
    return factory


class ArrayDetector(Detector):
    """``Detector`` with array arithmetic and an inlined n-gram reader (see the module doc)."""

    def _init_probability(self) -> np.ndarray:
        if self.prior_map is not None:
            return np.array(self.prior_map, dtype=np.float64)
        return np.full(len(self.langlist), 1.0 / len(self.langlist))

    def _extract_ngrams(self) -> list[str]:
        """``NGram.add_char`` and ``Detector._extract_ngrams`` in one loop: the 1-, 2- and 3-grams
        ending at each character, none inside a word of capitals."""
        known = self.word_lang_prob_map
        result: list[str] = []
        grams, capital = " ", False
        for ch in self.text:
            char = _NORMALISED.get(ch)
            if char is None:
                char = _NORMALISED[ch] = NGram.normalize(ch)
            last = grams[-1]
            if last == " ":
                grams, capital = " ", False
                if char == " ":
                    continue
            elif len(grams) >= NGram.N_GRAM:
                grams = grams[1:]
            grams += char
            if char.isupper():
                capital = capital or last.isupper()
            else:
                capital = False
            if capital:
                continue
            if char != " " and char in known:
                result.append(char)
            if len(grams) >= 2:
                if grams[-2:] in known:
                    result.append(grams[-2:])
                if len(grams) == 3 and grams in known:
                    result.append(grams)
        return result

    def _update_lang_prob(self, prob: np.ndarray, word: str | None, alpha: float) -> bool:
        row = self.word_lang_prob_map.get(word) if word is not None else None
        if row is None:
            return False
        prob *= alpha / self.BASE_FREQ + row
        return True

    def _normalize_prob(self, prob: np.ndarray) -> float:
        prob /= sum(prob.tolist())  # summed left to right, as the stock loop does
        return float(prob.max())
