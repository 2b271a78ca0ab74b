"""Near misses: the names of the run within edit reach of a token, legitimate variants left out.

A corrupted name is a near miss of a name the run spells otherwise: one edit for short names, two
from six letters on (``names.max_distance``, counted on the name, where the edits were made).
The candidates come from a deletion index: every name is filed under each string that deleting
up to that many of its letters leaves, and a token looks up its own deletions; the few names it
meets there are checked by edit distance. Names mostly written in lower case in the run
(Minister) are not filed: no corruption is taken for one of them.

Cost: the index is built once per distinct name and each token looks it up once, so this part
grows with the distinct names of the run, not with its articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from cleaner.stages.garble.names import VariantJudge, edit_distance, fold, is_derived, max_distance


#: Longer words are neither filed nor looked up: a word's deletions grow with the square of its
#: length, and no name is this long (a run of letters in a code or an encoded blob may be).
MAX_NAME_LENGTH = 40


def deletions(word: str, depth: int) -> set[str]:
    """Every string reachable from ``word`` by deleting up to ``depth`` letters (incl. itself)."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


class NearNames:
    """The run's names indexed by their deletions, with their folded forms and variant keys.

    ``filed`` says which names (of four letters or more) are filed in the index, i.e. may be
    suggested for a token.
    """

    def __init__(self, names: Iterable[str], judge: VariantJudge, filed: Callable[[str], bool]) -> None:
        names = list(names)
        self.folded = {name: fold(name) for name in names}
        self._keys = {name: judge.keys(name) for name in names}
        variant_keys = Counter(key for keys in self._keys.values() for key in keys)
        #: Names that share a variant key (alias group, transliteration) with another name of the run.
        self.has_variant = {name: any(variant_keys[k] > 1 for k in keys) for name, keys in self._keys.items()}
        near: dict[str, list[str]] = {}
        for name in sorted(names):
            if 4 <= len(name) <= MAX_NAME_LENGTH and filed(name):
                for key in deletions(self.folded[name], max_distance(len(name))):
                    near.setdefault(key, []).append(name)
        self._near = near
        self._neighbours: dict[str, list[tuple[str, int]]] = {}

    def variants(self, a: str, b: str) -> bool:
        """Whether two names of the run are legitimate variants (same letters, aliases,
        transliterations, a derived word)."""
        fa, fb = self.folded[a], self.folded[b]
        return fa == fb or bool(self._keys[a] & self._keys[b]) or is_derived(fa, fb)

    def neighbours(self, token: str) -> list[tuple[str, int]]:
        """Filed names within edit reach of ``token`` that are not legitimate variants of it, with
        their edit distance, sorted (worked out once per token)."""
        if token in self._neighbours:
            return self._neighbours[token]
        if len(token) > MAX_NAME_LENGTH:
            self._neighbours[token] = []
            return []
        folded = self.folded[token]
        near = self._near
        candidates: set[str] = set()
        # as many deletions as a name one letter longer allows: the token may have lost a letter
        for key in deletions(folded, max_distance(len(token) + 1)):
            if key in near:
                candidates.update(near[key])
        candidates.discard(token)
        result = []
        for name in candidates:  # in any order: the result is sorted
            limit = max_distance(len(name))  # the edits were made to the name
            other = self.folded[name]
            if abs(len(other) - len(folded)) > limit:
                continue  # each edit changes the length by one at most
            distance = edit_distance(folded, other, limit + 1)
            if distance <= limit and not self.variants(token, name):
                result.append((name, distance))
        self._neighbours[token] = sorted(result)
        return self._neighbours[token]
