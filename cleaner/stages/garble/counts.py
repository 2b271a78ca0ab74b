"""The run's counts that every rule of the corpus pass reads: which articles hold each name, in the
run and in each event group, how many use it as a name, what kind of word it is, and the articles
themselves.

A word in general use counts as a name only where it stands capitalised mid-sentence and not in a
title-case headline ("Often" at a sentence start is no name; "Mark Often said" is one), both in
the article and when the run's support for a spelling is counted (so "Since", capitalised at many
sentence starts, is no name that "Robert Sinche" could stand for).

Cost: everything per name is computed once and kept for the life of the run, so that part grows
with the distinct names; what is asked of a name in one article (its occurrences there, whether it
is used as a name there) is kept too, and grows with the names asked about per article. Whether a common word is used as a name in the run is estimated from
``_NAME_USE_SAMPLE`` of its articles, a pair of neighbour words is looked for in at most
``_PAIR_SAMPLE`` articles, and an article's reading (``article``) is kept for the
``_ARTICLES_KEPT`` last used.
"""

from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from cleaner.frequencies import zipf
from cleaner.stages.garble.article import Article, Occurrence, sentence_start, titles
from cleaner.stages.garble.extract import COMMON_ZIPF, GarbleSummary
from cleaner.stages.garble.names import VariantJudge
from cleaner.stages.garble.near import NearNames

#: Words this frequent are function words (the, and, in, his): capitalised, they start a sentence or
#: a title ("The Hype"), they identify nothing.
FUNCTION_WORD_ZIPF = 6.0
#: A capitalised word before a name rarer than this is taken for a first name, not a title.
FIRST_NAME_ZIPF = 4.5
#: Articles read to learn whether a common word (Late, Often) is used as a name in the run, i.e.
#: written with its capital mid-sentence, not only at the start of sentences.
_NAME_USE_SAMPLE = 20
#: Articles holding both a name and a capitalised neighbour word read to find the pair ("Kevin
#: Costner") anywhere in the run, beyond the sample of ``context_docs``.
_PAIR_SAMPLE = 10
#: Articles whose reading (``Article``) is kept at once: enough for the articles a name's run
#: context and event group read again and again, bounded so a run of any size fits in memory.
_ARTICLES_KEPT = 4096


@dataclass(frozen=True, slots=True)
class DocView:
    """The parts of a Document the corpus pass reads."""

    id: str
    lines: Sequence[str]
    group: str | None
    language: str
    summary: GarbleSummary


class RunCounts:
    """Counts of every name over the run and its event groups, its near misses (``NearNames``) and
    the articles read to count them (sorted by id: positions index ``docs``)."""

    def __init__(self, docs: Sequence[DocView], judge: VariantJudge) -> None:
        self.docs = sorted(docs, key=lambda d: d.id)
        self.docs_with: defaultdict[str, list[int]] = defaultdict(list)
        self.lowercase_docs: Counter[str] = Counter()
        self.group_docs: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
        for position, doc in enumerate(self.docs):
            for name in doc.summary.names:
                self.docs_with[name].append(position)
                if doc.group is not None:
                    self.group_docs[doc.group, name].append(position)
            self.lowercase_docs.update(doc.summary.also_lowercase)
        self.near = NearNames(self.docs_with, judge, self._name_like)
        self._zipf: dict[tuple[str, str], float] = {}
        self._occurrences: dict[tuple[int, str], tuple[Occurrence, ...]] = {}
        self._name_use: dict[tuple[int, str], bool] = {}
        self._name_uses: dict[str, int] = {}
        self._pairs: dict[tuple[str, str, str], list[int]] = {}
        self._holder_sets: dict[str, frozenset[int]] = {}
        self._articles: OrderedDict[int, Article] = OrderedDict()
        self._full_name_words: dict[str, bool] = {}

    def zipf(self, word: str, language: str = "en") -> float:
        key = (word, language)
        if key not in self._zipf:
            self._zipf[key] = zipf(word, language)
        return self._zipf[key]

    def article(self, position: int) -> Article:
        """The article at ``position``, its reading kept while it is among the ``_ARTICLES_KEPT``
        last used (bounded memory; the run context reads the same first articles again and again)."""
        article = self._articles.get(position)
        if article is None:
            article = self._articles[position] = Article(self.docs[position].lines)
            if len(self._articles) > _ARTICLES_KEPT:
                self._articles.popitem(last=False)
        else:
            self._articles.move_to_end(position)
        return article

    def occurrences_in(self, position: int, name: str) -> tuple[Occurrence, ...]:
        key = (position, name)
        found = self._occurrences.get(key)
        if found is None:
            found = self._occurrences[key] = self.article(position).occurrences(name)
        return found

    def places(self, position: int, name: str) -> list[tuple[str, int]]:
        """The line and column of each occurrence of ``name`` in the article (what ``SlotIndex`` reads)."""
        lines = self.docs[position].lines
        return [(lines[occ.line - 1], occ.column) for occ in self.occurrences_in(position, name)]

    def at_sentence_start(self, position: int, occ: Occurrence) -> bool:
        """Whether the occurrence starts a sentence, where its capital shows no name."""
        return sentence_start(self.docs[position].lines[occ.line - 1][max(0, occ.column - 12) : occ.column])

    def holder_set(self, name: str) -> frozenset[int]:
        """The articles holding ``name``, as a set (built once per name)."""
        if name not in self._holder_sets:
            self._holder_sets[name] = frozenset(self.docs_with.get(name, ()))
        return self._holder_sets[name]

    def used_as_name(self, position: int, word: str) -> bool:
        """True when ``word`` stands capitalised mid-sentence in the article (not only at sentence starts).

        A word in general use (Late, Often) is capitalised at every sentence start: only its
        mid-sentence uses show a name; rarer words count as names wherever they stand.
        """
        if self.zipf(word) < COMMON_ZIPF:
            return True
        key = (position, word)
        used = self._name_use.get(key)
        if used is None:
            used = self._name_use[key] = self.article(position).named_mid_sentence(word)
        return used

    def name_uses(self, word: str) -> int:
        """Articles of the run that use ``word`` as a name (see ``used_as_name``; estimated from
        a sample of ``_NAME_USE_SAMPLE`` articles for words in general use)."""
        if word not in self._name_uses:
            holders = self.docs_with[word]
            if self.zipf(word) < COMMON_ZIPF:
                self._name_uses[word] = len(holders)
            else:
                sample = holders[:_NAME_USE_SAMPLE]
                used = sum(self.used_as_name(p, word) for p in sample)
                self._name_uses[word] = round(len(holders) * used / max(1, len(sample)))
        return self._name_uses[word]

    def docs_with_both(self, a: str, b: str) -> Iterator[int]:
        """The articles holding both names, in position order (the shorter holder list is walked:
        callers take as many as they need)."""
        fewer, more = sorted((a, b), key=lambda n: len(self.docs_with.get(n, ())))
        holders = self.holder_set(more)
        return (p for p in self.docs_with.get(fewer, ()) if p in holders)

    def pair_docs(self, name: str, side: str, word: str) -> list[int]:
        """Articles (of a sample of ``_PAIR_SAMPLE``) where ``word`` stands directly before (side
        "prev") or after ``name``."""
        key = (name, side, word)
        if key not in self._pairs:
            positions = islice(self.docs_with_both(name, word), _PAIR_SAMPLE)
            self._pairs[key] = [p for p in positions
                                if any(getattr(occ, side) == word for occ in self.occurrences_in(p, name))]
        return self._pairs[key]

    def _name_like(self, name: str) -> bool:
        """Rare in general language, or mostly written with its capital in this run (not Minister)."""
        return zipf(name) < COMMON_ZIPF or 2 * self.lowercase_docs[name] < len(self.docs_with[name])

    def ordinary_in_run(self, name: str) -> bool:
        """A common word that the run also writes in lower case in a fifth of its articles or more."""
        return self.zipf(name) >= COMMON_ZIPF and 5 * self.lowercase_docs[name] >= len(self.docs_with[name])

    def first_name(self, word: str) -> bool:
        """A capitalised word that is a name in this run (Antony, Gordon), not a title (Deputy)."""
        return (
            word[0].isupper()
            and self.zipf(word) < FIRST_NAME_ZIPF
            and 2 * self.lowercase_docs[word] < len(self.docs_with.get(word, ())) + 1
        )

    def name_word(self, word: str) -> bool:
        """A frequent word that the run mostly uses as a name: capitalised mid-sentence in at least
        half the articles that capitalise it, and written in lower case in fewer (Mark, not Will)."""
        total = len(self.docs_with.get(word, ()))
        return 2 * self.lowercase_docs[word] < total and 2 * self.name_uses(word) >= total

    def full_name_word(self, word: str) -> bool:
        """A capitalised neighbour that can be half of a full name: not a title, not a function word."""
        known = self._full_name_words.get(word)
        if known is None:
            known = self._full_name_words[word] = len(word) > 1 and word[0].isupper() and not word.isupper() \
                and word.lower() not in titles() and self.zipf(word.lower()) < FUNCTION_WORD_ZIPF
        return known
