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

import json
import os

import numpy as np
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

#: Characters as langdetect's n-gram reader normalises them (a pure function of the character),
#: kept for the first ``_NORMALISED_KEPT`` distinct characters seen (text of any script stays cheap;
#: a text of every code point cannot grow the table without bound).
_NORMALISED: dict[str, str] = {}
_NORMALISED_KEPT = 1 << 16


class ArrayFactory(DetectorFactory):
    """langdetect's profiles, read as ``DetectorFactory.load_profile`` reads them (same files, order,
    width and quotients) into one float64 matrix, a row per n-gram: no larger than the stock lists.
    ``word_lang_prob_map`` maps each n-gram to its row."""

    def __init__(self, seed: int) -> None:
        super().__init__()
        self.seed = seed
        self.matrix = self._load(os.listdir(PROFILES_DIRECTORY))

    def _load(self, names: list[str]) -> np.ndarray:
        cells: list[tuple[np.ndarray, np.ndarray]] = []
        for name in names:
            path = os.path.join(PROFILES_DIRECTORY, name)
            if name.startswith(".") or not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as f:
                profile = json.load(f)
            self.langlist.append(profile["name"])
            for gram in profile["freq"]:
                self.word_lang_prob_map.setdefault(gram, len(self.word_lang_prob_map))
            grams = [gram for gram in profile["freq"] if 1 <= len(gram) <= NGram.N_GRAM]
            freq = np.array([profile["freq"][gram] for gram in grams], dtype=np.float64)
            totals = np.array([profile["n_words"][len(gram) - 1] for gram in grams], dtype=np.float64)
            cells.append((np.array([self.word_lang_prob_map[gram] for gram in grams], dtype=np.int64), freq / totals))
        matrix = np.zeros((len(self.word_lang_prob_map), len(names)))
        for column, (rows, probabilities) in enumerate(cells):
            matrix[rows, column] = probabilities
        return matrix

    def _create_detector(self) -> ArrayDetector:
        if not self.langlist:
            raise LangDetectException(ErrorCode.NeedLoadProfileError, "Need to load profiles.")
        return ArrayDetector(self)


class ArrayDetector(Detector):
    """``Detector`` with array arithmetic and an inlined n-gram reader (see the module doc)."""

    def __init__(self, factory: ArrayFactory) -> None:
        super().__init__(factory)
        self.matrix = factory.matrix

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
                char = NGram.normalize(ch)
                if len(_NORMALISED) < _NORMALISED_KEPT:
                    _NORMALISED[ch] = char
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
        row = self.word_lang_prob_map.get(word)
        if row is None:
            return False
        prob *= alpha / self.BASE_FREQ + self.matrix[row]
        return True

    def _normalize_prob(self, prob: np.ndarray) -> float:
        prob /= sum(prob.tolist())  # summed left to right, as the stock loop does
        return float(prob.max())
