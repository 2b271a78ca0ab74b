"""Per-document signatures (run in worker processes): hashes, MinHash values and event features.

MinHash values come from datasketch (scheme ``affine32``) with permutations shared across
documents and the shingles already hashed to 32 bits, so ``update_batch`` does only the
vectorised permutation and minimum. Everything in a ``DocSignature`` is plain ints and numpy
arrays: cheap to pickle back to the driver.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import datasketch
import numpy as np
from datasketch import MinHash

from .config import DuplicatesConfig
from .features import TimeCues, features_of, shingle_hashes_of, text_hashes, time_cues_of, tokenise, wordfreq_language

LIBRARY = "datasketch"
SCHEME = "affine32"
#: How texts become tokens; an index made with another tokeniser is refused (its signatures differ).
TOKENISER = "lower-w+-words;xxh3-64;poly64-fold32;no-dateline-credits"
EMPTY = np.uint32(0xFFFFFFFF)
# What the pipeline signs: exact copies by the cleaned body, near copies by the cleaned article
# with its title and datelines (``selection.duplicates_text``).
SIGNED_TEXT = "exact:body;near:title+body+datelines"


def scheme_record(config: DuplicatesConfig) -> dict[str, str]:
    """What makes two signatures comparable; stored in the index and checked on open."""
    return {
        "library": LIBRARY,
        "version": datasketch.__version__,
        "scheme": SCHEME,
        "seed": str(config.seed),
        "num_perm": str(config.num_perm),
        "bands": str(config.bands),
        "rows": str(config.rows),
        "shingle_size": str(config.shingle_size),
        "tokeniser": TOKENISER,
        "signed_text": SIGNED_TEXT,
    }


def _identity(value: int) -> int:
    return value


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> np.ndarray:
    return MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations


def minhash_values(hashes: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """MinHash values (uint32[num_perm]) of a set of 32-bit hashes; all 0xFFFFFFFF for an empty set."""
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity, permutations=_permutations(num_perm, seed), scheme=SCHEME)
    if len(hashes):
        m.update_batch(hashes)
    return np.asarray(m.hashvalues, dtype=np.uint32)


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Share of agreeing MinHash values; 0 when either side is empty."""
    if a[0] == EMPTY and (a == EMPTY).all() or b[0] == EMPTY and (b == EMPTY).all():
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True, slots=True)
class DocSignature:
    """Everything grouping needs about one document, computed once from its cleaned text.

    ``event_keys`` are the sorted 32-bit keys of the salient features and ``event_weights``
    their static (wordfreq) weights; grouping multiplies those by the drop's idf.
    """

    bytes_hash: int
    text_hash: int
    length: int
    near: np.ndarray
    event_keys: np.ndarray
    event_weights: np.ndarray
    event_minhash: np.ndarray
    time: TimeCues

    @property
    def empty(self) -> bool:
        return self.length == 0 or bool((self.near == EMPTY).all())


def signatures(
    text: str, title: str | None, date: str | None, config: DuplicatesConfig, language: str | None = None,
    body: str | None = None,
) -> DocSignature:
    """Signature of one cleaned article (kept lines joined by newlines; boilerplate already out).

    ``text`` is what near copies and events are read from (the pipeline passes the article with
    its title first and its datelines, ``selection.duplicates_text``); ``body`` the text that
    goes out, whose normalised hash makes exact copies and whose length decides the most
    complete copy (default: ``text``). ``title`` is the headline when known (a JSONL title field
    or line 1), ``date`` the publication date from metadata (ISO 8601), ``language`` the
    detected language (selects the wordfreq list that weighs words; English when unknown or
    unsupported).
    """
    body = text if body is None else body
    bytes_hash, text_hash = text_hashes(body)
    lang = wordfreq_language(language)
    tok = tokenise(text, lang)
    features = features_of(tok, tokenise(title, lang) if title else None, names=False)
    strong = features.keys[features.weights >= config.event_key_min_weight]
    return DocSignature(
        bytes_hash=bytes_hash,
        text_hash=text_hash,
        length=len(body.strip()),
        near=minhash_values(shingle_hashes_of(tok, config.shingle_size), config.num_perm, config.seed),
        event_keys=features.keys,
        event_weights=features.weights,
        event_minhash=minhash_values(strong, config.event_num_perm, config.seed),
        time=time_cues_of(tok, text, title, date),
    )
