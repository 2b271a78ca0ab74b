"""Full names: what they decide that the counts of single names cannot.

"Andre Marr" where other articles write "Andrew Marr" and none "Andre Marr" is a slip, however
many articles use Andre as a name of its own (Andre Agassi), unless the run gives the token to as
many people as the suggestion, and to several (Nick Cave, Nick Ross, Nick Wood): then "Nick
McCarthy" may be another man than "Mick McCarthy" (``FullNames.surnames``). A second half is
judged after a common word ("Central Aces" where other articles write "Central Aceh") or a first
name ("Harry Elvis" where they write "Harry Ellis"), but a surname the run writes after an
honorific only one edit away: two people share a first name far more often than a surname. The
other way round, a token that forms with its neighbour a full name other articles write, as many as
with the suggestion, is a name of its own there ("Hang Seng", never "Hong Seng";
``FullNames.known``), and two known names after the same first name ("Ian Huntley", "Ian Hunter")
are two people unless the run spells the suggestion's full name in more articles
(``FullNames.same_first_name_tie``).

Within the article, a person is named in full before an honorific refers back to them
(``cleaner/data/honorifics.toml``): a token that only ever follows one ("Mr Tense said"), never a
first name, stands for the one near name the article introduces with a first name ("Stuart
Hensel"), unless the run uses the token as a name more (``FullNames.introduction``).

These rules find the evidence; ``evidence`` weighs it. Cost: a full name is looked for only where
a word next to the token could form one with a rival, as a phrase in the articles holding both
its halves, and in no more than ``_FULL_NAME_DOCS`` + 1 of them. Which words stand next to a
capitalised word is read in one scan of the article judged (``Article.capitalised_pairs``);
a token's occurrences are read only when one of its capitalised neighbours could form a full name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from cleaner.stages.garble.article import Occurrence, honorifics
from cleaner.stages.garble.contexts import Contexts
from cleaner.stages.garble.counts import FIRST_NAME_ZIPF, RunCounts
from cleaner.stages.garble.extract import COMMON_ZIPF
from cleaner.stages.garble.names import is_derived

#: Other articles that must write a full name ("Andrew Marr") for a near spelling of one half
#: that no other article writes with the other half ("Andre Marr") to be a corruption.
_FULL_NAME_DOCS = 2
#: Different capitalised words after a token (Nick Cave, Nick Ross, Nick Wood) that show it to be a
#: first name several people of the run share, so that a surname after it ("Nick McCarthy" where
#: the run writes "Mick McCarthy") may be another person's, when the suggestion has no more.
_FIRST_NAME_PEOPLE = 3
#: How much rarer in general language (Zipf) a suggestion found by its full name may be than the token.
_FULL_NAME_ZIPF_MARGIN = 1.0


class FullNameMatch(NamedTuple):
    """A full name of the run that shows the token to stand for ``name``."""

    name: str
    distance: int
    support: int  # other articles writing the full name
    full_name: str  # as the run writes it: "Andrew Marr"
    occurrences: tuple[Occurrence, ...]  # those flagged: all, or those whose capital shows a name


class Introduction(NamedTuple):
    """The near name the article introduces with a first name, that a token after a title stands for."""

    name: str
    distance: int
    first: str  # the first name it follows: "Stuart"


class FullNames:
    """The full-name and back-reference rules over the run's counts (results kept per name)."""

    def __init__(self, counts: RunCounts, contexts: Contexts) -> None:
        self.counts = counts
        self.contexts = contexts
        self._docs: dict[tuple[str, str], tuple[int, ...]] = {}
        self._rivals: dict[str, list[tuple[str, int]]] = {}
        self._surnames: dict[tuple[str, int], frozenset[str]] = {}
        self._first_halves: dict[str, bool] = {}
        self._capitals_position = -1
        self._capitals: tuple[dict[str, list[str]], dict[str, list[str]]] = ({}, {})

    def docs(self, first: str, second: str) -> tuple[int, ...]:
        """The first articles (up to ``_FULL_NAME_DOCS`` + 1) that write "first second" as whole words."""
        key = (first, second)
        if key not in self._docs:
            found: list[int] = []
            phrase = f"{first} {second}"
            for p in self.counts.docs_with_both(first, second):
                if self.counts.article(p).has_phrase(phrase):
                    found.append(p)
                    if len(found) > _FULL_NAME_DOCS:
                        break
            self._docs[key] = tuple(found)
        return self._docs[key]

    def _other_docs(self, first: str, second: str, position: int) -> int:
        """Articles other than the one at ``position`` that write "first second" (see ``docs``)."""
        found = self._docs.get((first, second))
        if found is None:
            found = self.docs(first, second)
        return len(found) - (position in found)

    def rivals(self, token: str) -> list[tuple[str, int]]:
        """The neighbours of ``token`` whose full name could show it to be a corruption of them
        (see ``matches``): names held by enough articles and no rarer in general language than
        the token by more than one Zipf unit (Sports Interactive is no slip for a "Spooks
        Interactive" the run writes twice). Not for words with inner capitals (JPMorgan)."""
        if token not in self._rivals:
            found: list[tuple[str, int]] = []
            if not any(ch.isupper() for ch in token[1:]):
                counts, folded = self.counts, self.counts.near.folded
                found = [(name, distance) for name, distance in counts.near.neighbours(token)
                         if len(counts.docs_with[name]) >= _FULL_NAME_DOCS
                         and not (token.endswith("s") and is_derived(folded[token][:-1], folded[name]))
                         and counts.zipf(name) >= counts.zipf(token) - _FULL_NAME_ZIPF_MARGIN]
            self._rivals[token] = found
        return self._rivals[token]

    def known(self, position: int, token: str, name: str, occ: Occurrence) -> bool:
        """Whether the token and a capitalised neighbour of this occurrence form a full name that
        other articles write, at least as many as the same with ``name`` ("Hang Seng", never
        "Hong Seng"; "Arch Madness" as often as "March Madness"): a name of its own there."""
        for side, word in (("prev", occ.prev), ("next", occ.next)):
            if word is None or not self.counts.full_name_word(word):
                continue
            mine, theirs = ((word, token), (word, name)) if side == "prev" else ((token, word), (name, word))
            own = self._other_docs(*mine, position)
            if own and own >= self._other_docs(*theirs, position):
                return True
        return False

    def surnames(self, first: str, position: int) -> frozenset[str]:
        """The capitalised words other articles write after ``first`` (in the first ``context_docs``
        that hold it): how many people the run gives this first name."""
        key = (first, position)
        if key not in self._surnames:
            counts = self.counts
            self._surnames[key] = frozenset(
                occ.next for p in counts.docs_with.get(first, ())[: self.contexts.context_docs + 1] if p != position
                for occ in counts.occurrences_in(p, first) if occ.next is not None and counts.full_name_word(occ.next))
        return self._surnames[key]

    def _person(self, name: str, position: int) -> bool:
        """Whether the run writes an honorific before ``name`` ("Mr Danton"): a person's surname."""
        return any(("prev", h) in self.contexts.of(name, position)[1].words for h in honorifics())

    def _first_half(self, word: str) -> bool:
        """A capitalised word, no title, that a second half is judged after: a common word
        ("Central _") or a first name of the run ("Harry _")."""
        known = self._first_halves.get(word)
        if known is None:
            counts = self.counts
            known = self._first_halves[word] = counts.full_name_word(word) and (
                counts.zipf(word) >= FIRST_NAME_ZIPF or counts.first_name(word))
        return known

    def _possible(self, position: int, token: str, rivals: list[tuple[str, int]]) -> bool:
        """Whether a word next to the token could form with a rival a full name that other articles
        write: what ``matches`` needs first. Asked first of the article's capitalised neighbours
        (``_capitalised``, a superset of the words that could), then read with
        ``Article.neighbour_words`` (cheaper than the occurrences, and a superset of their
        neighbour words)."""
        if "'" not in token and "’" not in token:
            before, after = self._capitalised(position)
            if not any(self._forms_second(word, position, rivals) for word in after.get(token, ())) and not any(
                    self._forms_first(word, position, rivals) for word in before.get(token, ())):
                return False
        counts = self.counts
        for prev, nxt in counts.article(position).neighbour_words(token):
            if nxt is not None and counts.full_name_word(nxt) and self._forms_second(nxt, position, rivals):
                return True
            if prev is not None and self._first_half(prev) and self._forms_first(prev, position, rivals):
                return True
        return False

    def _capitalised(self, position: int) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """The article's capitalised neighbours (``Article.capitalised_pairs``) that could be the
        first half of a full name (``_first_half``) or the second (``full_name_word``), by
        the word they stand before or after; kept while the same article is judged (the pass judges
        one after another)."""
        if self._capitals_position != position:
            before: dict[str, list[str]] = {}
            after: dict[str, list[str]] = {}
            first_half, second_half = self._first_half, self.counts.full_name_word
            for first, second in self.counts.article(position).capitalised_pairs():
                if first_half(first):
                    before.setdefault(second, []).append(first)
                if second_half(second):
                    after.setdefault(first, []).append(second)
            self._capitals, self._capitals_position = (before, after), position
        return self._capitals

    def _forms_second(self, word: str, position: int, rivals: list[tuple[str, int]]) -> bool:
        """Whether a rival and ``word`` after it make a full name other articles write ("Andrew Marr")."""
        return any(self._other_docs(name, word, position) >= _FULL_NAME_DOCS for name, _ in rivals)

    def _forms_first(self, word: str, position: int, rivals: list[tuple[str, int]]) -> bool:
        """Whether ``word`` and a rival after it make a full name other articles write ("Central Aceh")."""
        return any(self._other_docs(word, name, position) >= _FULL_NAME_DOCS
                   for name, _ in rivals if not self.counts.ordinary_in_run(name))

    def matches(self, position: int, token: str) -> Iterator[FullNameMatch]:
        """The full names ("Andrew Marr") the run writes in ``_FULL_NAME_DOCS`` other articles or
        more that show the token to stand for a rival, where the article writes "Andre Marr", a
        full name no other article writes. The full name says who is meant, however many other
        articles use the token as a name of its own (Andre Agassi).

        A second half is judged after a common word ("Central _") or a first name ("Harry _"),
        unless the suggestion is a word the run writes in lower case (Foreign Ministry, Foreign
        Minister). When either spelling is a surname the run writes after an honorific ("Mr Gill"),
        only one edit away ("Harry Elvis", "Harry Ellis"): two people may share a first name ("Tim
        Hanlon", "Tim Danton") far more often than a surname. An occurrence
        whose other neighbour forms a full name with the token elsewhere ("United Nations
        Development"), a common word at a sentence start and a title-case headline ("AMD Enters
        Server Business") say nothing. Once a full name shows who is meant, every occurrence is
        flagged, those too, unless the article also writes the word in lower case.
        """
        counts = self.counts
        rivals = self.rivals(token)
        if not rivals or not self._possible(position, token, rivals):
            return
        occurrences = counts.occurrences_in(position, token)
        candidates = [(occ, occ.next, name, distance, support) for occ in occurrences
                      if occ.next is not None and counts.full_name_word(occ.next) for name, distance in rivals
                      if (support := self._other_docs(name, occ.next, position)) >= _FULL_NAME_DOCS]
        candidates += [(occ, occ.prev, name, distance, support) for occ in occurrences
                       if occ.prev is not None and self._first_half(occ.prev) for name, distance in rivals
                       if not counts.ordinary_in_run(name)
                       if (support := self._other_docs(occ.prev, name, position)) >= _FULL_NAME_DOCS]
        if not candidates:
            return
        article = counts.article(position)
        common = counts.zipf(token) >= COMMON_ZIPF
        # Capitals that show no name: a title-case headline, a common word at a sentence start.
        named = tuple(occ for occ in occurrences if not article.headline(occ.line - 1) and not (
            common and counts.at_sentence_start(position, occ)))
        for occ, word, name, distance, support in candidates:
            first = word == occ.prev
            written = self._other_docs(word, token, position) if first else self._other_docs(token, word, position)
            if occ not in named or written or self.known(position, token, name, occ):
                continue  # no name shown here, or a full name another article writes too
            if first and distance > 1 and (self._person(name, position) or self._person(token, position)):
                continue  # two edits from a surname: two people share a first name far more often than a surname
            if not first and len(self.surnames(token, position)) >= max(_FIRST_NAME_PEOPLE, len(self.surnames(name, position))):
                continue  # as much a first name of the run as the suggestion: two people who share a surname
            flagged = named if token in counts.docs[position].summary.also_lowercase else occurrences
            yield FullNameMatch(name, distance, support, f"{word} {name}" if first else f"{name} {word}", flagged)

    def same_first_name_tie(self, position: int, token: str, name: str, occurrences: Iterable[Occurrence]) -> bool:
        """True when the token's first name in the article ("Ian Huntley") precedes the suggestion
        ("Ian Hunter") elsewhere, but in no more articles than it precedes the token, this one
        included: two people who share a first name, not a corruption (the full names, not the
        surnames, are what is counted). A first name never seen before the suggestion decides
        nothing: the pairs are looked for in a sample of articles only."""
        for occ in occurrences:
            if occ.prev and self.counts.first_name(occ.prev):
                with_name = len(self.counts.pair_docs(name, "prev", occ.prev))
                with_token = len([p for p in self.counts.pair_docs(token, "prev", occ.prev) if p != position])
                if 0 < with_name <= with_token + 1:
                    return True
        return False

    def _introduced(self, occ: Occurrence) -> bool:
        """Whether the occurrence follows a first name ("Stuart _"; a frequent word the run mostly uses
        as a name too, "Mark _"), not a title."""
        counts = self.counts
        return occ.prev is not None and counts.full_name_word(occ.prev) \
            and (counts.first_name(occ.prev) or counts.name_word(occ.prev))

    def introduction(self, position: int, token: str) -> Introduction | None:
        """The one near name the article introduces with a first name, when the token stands for it.

        An article names a person in full before "Mr _" refers back ("Stuart Hensel ... Mr Hensel
        said"): a token that only ever follows a title, never a first name, and whose only near name
        in the article is one it introduces so, stands for that name ("Mr Tense said"). Decided
        within the article: no count of the run can say which of two one-article spellings is right.
        """
        counts = self.counts
        names = counts.docs[position].summary.names
        near = [(name, distance) for name, distance in counts.near.neighbours(token) if name in names]
        if not near:
            return None
        occurrences = counts.occurrences_in(position, token)
        # After an honorific and before no other capitalised word: a surname ("Mr Tense said"), not
        # a first name ("Mr Gordon Brown").
        if not any(occ.prev is not None and occ.prev.lower() in honorifics() and not (occ.next and occ.next[0].isupper())
                   for occ in occurrences) or any(self._introduced(occ) for occ in occurrences):
            return None
        candidates = [(name, distance) for name, distance in near
                      if any(self._introduced(occ) for occ in counts.occurrences_in(position, name))]
        if len(candidates) != 1:
            return None
        name, distance = candidates[0]
        if counts.name_uses(token) > counts.name_uses(name):
            return None  # the run writes the token more: the article may have misspelt the introduction
        first = next(occ.prev for occ in counts.occurrences_in(position, name) if self._introduced(occ))
        assert first is not None  # ``_introduced`` holds only after a word
        return Introduction(name, distance, first)
