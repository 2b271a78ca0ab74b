"""langdetect's detector with its inner loops on arrays: the same answers at half the cost.

langdetect (pure Python, unmaintained since 2021, pinned) spends most of an article's time in two
loops: reading the text's n-grams one character at a time through method calls, and updating 55
language probabilities one float at a time for every n-gram it samples. ``ArrayDetector`` reads
the n-grams a word at a time (each word's kept once worked out) and updates the probabilities as
one array. It keeps langdetect's algorithm, its random draws, the n-grams and their order, and
the order of every floating-point operation (elementwise products and quotients are exact per
element; the sum that normalises is taken in the same order), so its probabilities are bit for
bit those of ``langdetect.detector.Detector`` (``tests/test_language.py`` checks it against the
stock detector).
"""

from __future__ import annotations

import json
import os
from collections import ChainMap
from collections.abc import Mapping

import numpy as np
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

#: Code points as langdetect's n-gram reader normalises them (a pure function of the character),
#: a table for ``str.translate``; kept for the first ``_KEPT`` distinct characters seen (text of
#: any script stays cheap; a text of every code point cannot grow it without bound).
_NORMALISED: dict[int, str] = {}
_KEPT = 1 << 16
#: Words longer than this are not kept by ``ArrayDetector._grams``: the words of a language that
#: come again are short; a longer piece is most often a Chinese, Japanese or Thai sentence (no
#: spaces), seen once, and would hold thousands of n-grams.
_WORD_CHARS = 24


def _normalised(text: str) -> str:
    """``text`` with each character as ``NGram.normalize`` makes it."""
    missing = {ord(ch) for ch in set(text)}.difference(_NORMALISED)
    table: Mapping[int, str] = _NORMALISED
    if missing:
        found = {code: NGram.normalize(chr(code)) for code in missing}
        if len(_NORMALISED) < _KEPT:
            _NORMALISED.update(found)
        else:
            table = ChainMap(found, _NORMALISED)
    return text.translate(table)


class ArrayFactory(DetectorFactory):
    """langdetect's profiles, read as ``DetectorFactory.load_profile`` reads them (same files, order,
    width and quotients) into one float64 matrix, a row per n-gram: no larger than the stock lists.
    ``word_lang_prob_map`` maps each n-gram to its row."""

    def __init__(self, seed: int) -> None:
        super().__init__()
        self.seed = seed
        self.matrix = self._load(os.listdir(PROFILES_DIRECTORY))
        self.word_grams: dict[tuple[str, bool], list[str]] = {}  # see ``ArrayDetector._grams``
        self._held = 0  # the n-grams in ``word_grams``, each word counted as 4 more

    def keep(self, word: str, spaced: bool, grams: list[str]) -> None:
        """Keep a word's n-grams, unless the word is long or the kept words already hold
        ``_KEPT`` x 16 n-grams."""
        if len(word) <= _WORD_CHARS and self._held < 16 * _KEPT:
            self.word_grams[word, spaced] = grams
            self._held += len(grams) + 4

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
        self.factory = factory
        self.matrix = factory.matrix

    def _init_probability(self) -> np.ndarray:
        if self.prior_map is not None:
            return np.array(self.prior_map, dtype=np.float64)
        return np.full(len(self.langlist), 1.0 / len(self.langlist))

    def _extract_ngrams(self) -> list[str]:
        """``NGram.add_char`` and ``Detector._extract_ngrams``, a word at a time (a space resets the
        reader, so each word's n-grams depend on the word alone): the same n-grams in the same order."""
        pieces = _normalised(self.text).split(" ")
        last = len(pieces) - 1
        result: list[str] = []
        for at, word in enumerate(pieces):
            if word:
                result += self._grams(word, at < last)
        return result

    def _grams(self, word: str, spaced: bool) -> list[str]:
        """The known n-grams the stock reader emits for one normalised word (``spaced``: a space
        follows it): at each character its 1-, 2- and 3-gram (the word opening with a space),
        none where it and the character before are capitals; after it, the 2- and 3-gram ending in
        the space. Kept per word of up to ``_WORD_CHARS`` characters until the kept words hold
        ``_KEPT`` x 16 n-grams (about 70 MB), a word's key and list counted as 4."""
        grams = self.factory.word_grams.get((word, spaced))
        if grams is not None:
            return grams
        known = self.word_lang_prob_map
        padded = " " + word + (" " if spaced else "")
        grams = []
        for end in range(1, len(padded)):
            char = padded[end]
            if char != " " and char.isupper() and padded[end - 1].isupper():
                continue  # inside a word of capitals
            ending = [padded[end - 1 : end + 1]] + ([padded[end - 2 : end + 1]] if end >= 2 else [])
            if char != " ":  # the space after the word ends no 1-gram
                ending.insert(0, char)
            grams += [gram for gram in ending if gram in known]
        self.factory.keep(word, spaced, grams)
        return grams

    def _update_lang_prob(self, prob: np.ndarray, word: str | None, alpha: float) -> bool:
        row = self.word_lang_prob_map.get(word)
        if row is None:
            return False
        prob *= alpha / self.BASE_FREQ + self.matrix[row]
        return True

    def _normalize_prob(self, prob: np.ndarray) -> float:
        prob /= sum(prob.tolist())  # summed left to right, as the stock loop does
        return float(prob.max())
