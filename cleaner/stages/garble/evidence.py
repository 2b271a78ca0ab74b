"""Corpus pass, scoring: weigh the evidence that a near miss (``near``) of a name the article, its
event group or the run spells otherwise is a corruption of it.

Which of two near spellings is the corruption is decided by counts (``counts``): in how many other
articles of the run and of the event group each is used as a name, and how often each appears in
the article. General word frequency is a weak term and a tie-breaker, because frequency lists stop
before many current names (Blinken is rarer than clinker in wordfreq), and only where the token is
no word: between two words the article writes equally often and no other article uses, it breaks
no tie (a slip makes a rarer string, a look-alike a commoner word: "Felix Mantilla", "Felix
Manila"). The article spelling the name too counts for a corruption, the more so when the token is
no word at all ("Lochgilphead ... Lochgilpheed"). Two edits from a name the article never spells
need position evidence, unless the name is long (``_LONG_NAME``).

Position evidence is whether the token sits where the name sits elsewhere (``contexts``; the run's
slots, ``slots``): "Antony X" identifies, "X said" only shows a name's slot, which matters for a
known word like Clinker. Another first name before the token than those the name has, with no
occurrence sharing one, makes it another person however strong the counts. One occurrence placed
by the name's own first name or other half identifies a token no other article uses as a name in
every occurrence of the article ("Andrew Errand ... said Errand": one sense per article). A common
word no other article uses as a name, one edit from the name, that shares neighbours with it by
several different words ("over _", "_ held", "before _") is placed by their number even where the
article and its group lack the name, unless a capitalised word never seen beside the name makes it
part of another name ("Vampire _"). Full names and back-references decide what counts cannot
(``fullnames``).

Cost: which rivals a token could stand for is decided once per pair of names from an upper bound
of the log-odds (``SuspectScorer.rivals``), and per article what the run's counts decide is checked
before the article is read. So the pass grows with the distinct names and, per article, with the
names that have rivals (``bench/bench_garble.py`` shows both terms).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from cleaner.stages.garble.article import Occurrence
from cleaner.stages.garble.contexts import Contexts
from cleaner.stages.garble.counts import DocView, RunCounts
from cleaner.stages.garble.extract import COMMON_ZIPF
from cleaner.stages.garble.fullnames import FullNames
from cleaner.stages.garble.names import (
    CALENDAR_WORDS, NOUN_CAPITALISING, VariantJudge, fold, is_inflection, phonetic_distance,
)
from cleaner.stages.garble.slots import SLOT_TOKEN_MAX_DOCS, SlotIndex

#: Names this long keep three quarters of their letters under two edits: few real names lie that
#: close to one (Westminster, Birmingham), unlike short ones (Closer for Glocer, Walter for Halser).
_LONG_NAME = 8
#: Articles outside the event that, using a token as a name, make it a name of its own: the
#: reports of one event preferring a near name (Union, British) do not make it a slip (Unison, Brits).
_OWN_NAME_DOCS = 2


def _script(char: str) -> str:
    """The script of a letter as Unicode names it ("LATIN", "CYRILLIC", "GREEK")."""
    return unicodedata.name(char, "?").split(" ", 1)[0]


def _other_first_letter(token: str, name: str) -> bool:
    """Whether ``token`` starts with another letter than ``name``, in the same script as the rest
    of the token: a Cyrillic Н before Latin letters ("Нallam") is a look-alike, a corruption."""
    if len(token) < 2 or _script(token[0]) != _script(token[1]):
        return False
    return fold(token)[:1] != fold(name)[:1]


@dataclass(frozen=True)
class Weights:
    """Terms of the log-odds that a token is a corruption of its suggestion (see ``score_pair``)."""

    bias: float = -1.0
    group_support: float = 1.2
    run_support: float = 0.8
    known_word_context: float = 0.5
    token_support: float = 2.4
    article_ratio: float = 0.7
    cooccurrence: float = 0.5
    #: Added to ``cooccurrence`` for a token unknown to general language: an article that spells
    #: the name and a near spelling that is no word has most likely miswritten the name.
    unknown_cooccurrence: float = 0.5
    context: float = 1.5
    distance: float = 1.0
    frequency: float = 0.3
    ordinary_word: float = 2.0
    #: Per doubling of the other articles writing the suggestion's full name ("Andrew Marr") where
    #: the article writes the token's ("Andre Marr"), see ``fullnames.FullNames.matches``.
    full_name: float = 1.5
    #: A token only ever after a title ("Mr Tense") whose one near name in the article follows a
    #: first name ("Stuart Hensel"), see ``fullnames.FullNames.introduction``.
    back_reference: float = 2.0


@dataclass(frozen=True, eq=False)
class Suspect:
    """A token judged against its most likely intended name in one article."""

    token: str
    suggestion: str
    score: float
    occurrences: tuple[Occurrence, ...]
    evidence: dict[str, float | int | str] = field(default_factory=dict)

    def detail(self) -> str:
        e = self.evidence
        return (
            f"'{self.token}' likely stands for '{self.suggestion}' "
            f"(article: {e['suggestion_count_article']}× '{self.suggestion}', {e['token_count_article']}× "
            f"'{self.token}'; other articles: {e['suggestion_docs_run']} with '{self.suggestion}', "
            f"{e['token_docs_run']} with '{self.token}'; edit distance {e['edit_distance']}"
            + (f"; context: {e['context_words']})" if e["context_words"] else ")")
        )


class _CountTerms(NamedTuple):
    log_odds: float  # the count terms of the log-odds (before position evidence)
    token_count: int  # in the article
    name_count: int
    token_docs: int  # other articles of the run
    name_docs: int
    token_group: int  # other articles of the event group
    name_group: int
    zipf_token: float
    zipf_name: float
    ordinary: bool  # the token is a common word or written in lower case in the article


class SuspectScorer:
    """The evidence that a token in an article of the run is a corruption of a near name, weighed.

    Reads the run's counts (``RunCounts``), the names' neighbour words (``Contexts``), their slots
    (``SlotIndex``) and full names (``FullNames``); what is decided per name (its rivals) is kept
    for the life of the pass, so that part grows with the distinct names.
    """

    def __init__(self, docs: Sequence[DocView], judge: VariantJudge, weights: Weights, *, context_docs: int,
                 threshold: float) -> None:
        self.counts = RunCounts(docs, judge)
        self.docs = self.counts.docs
        self.weights = weights
        self.contexts = Contexts(self.counts, context_docs)
        self.full_names = FullNames(self.counts, self.contexts)
        self.min_log_odds = _log_odds(threshold)
        self._rivals: dict[tuple[str, str], list[tuple[str, int]]] = {}
        self._judged_tokens: dict[str, bool] = {}
        self._best_splits: dict[int, float] = {}
        self._pair_facts_kept: dict[tuple[str, str, str], tuple[int, int, float, float, bool, bool, bool]] = {}
        self._hopeless: dict[tuple[str, str, str, int, int, int], bool] = {}
        self.slots = SlotIndex(self.counts)

    def neighbours(self, token: str) -> list[tuple[str, int]]:
        """Names of the run within edit reach of ``token`` that are not legitimate variants of it."""
        return self.counts.near.neighbours(token)

    def rivals(self, token: str, language: str) -> list[tuple[str, int]]:
        """The neighbours of ``token`` that it could be a corruption of in some article of the run.

        Decided once per name from what does not depend on the article (how many articles use
        each spelling, general frequency, an upper bound of the log-odds), so the per-article
        work grows with the names of the article, not with how crowded the run's vocabulary is.
        """
        key = (token, language)
        if key not in self._rivals:
            self._rivals[key] = [(n, d) for n, d in self.neighbours(token)
                                 if self._other_name(token, n, language) and self._possible(token, n, d, language)]
        return self._rivals[key]

    def _other_name(self, token: str, name: str, language: str) -> bool:
        """False when ``name`` is a day of the week (no name), or when, in ``language``, ``token`` is
        no name (a common noun where every noun is capitalised: Messe, Presse) or a case of
        ``name`` (``names.is_inflection``: not in English)."""
        if name.lower() in CALENDAR_WORDS:
            return False
        if language in NOUN_CAPITALISING and self.counts.zipf(token, language) >= COMMON_ZIPF:
            return False
        return language == "en" or not is_inflection(token, name)

    def _possible(self, token: str, name: str, distance: int, language: str) -> bool:
        """False when no article could reach the threshold for ``token`` standing for ``name``."""
        if self.counts.ordinary_in_run(name):
            return False  # as ``_count_terms``: no name to restore
        zipf_token, zipf_name = self.counts.zipf(token, language), self.counts.zipf(name, language)
        if self._bound(len(self.counts.docs_with[name]), 1, distance, zipf_token, zipf_name) < self.min_log_odds:
            return False  # as below, before the articles using the name are counted (at most all that hold it)
        name_total = self.counts.name_uses(name)
        if self._bound(name_total, 1, distance, zipf_token, zipf_name) < self.min_log_odds:
            return False  # even a token no other article uses as a name could not reach the threshold
        token_total = max(1, self.counts.name_uses(token))
        if name_total <= token_total and zipf_name <= zipf_token:
            return False  # the tie rule of ``_count_terms``: these totals are what it compares
        return self._bound(name_total, token_total, distance, zipf_token, zipf_name) >= self.min_log_odds

    def _support_bound(self, total: int) -> float:
        """The most the group and run support terms can add for a name used in ``total`` articles
        (``_best_split`` of the weights), worked out once per total."""
        value = self._best_splits.get(total)
        if value is None:
            value = self._best_splits[total] = _best_split(self.weights.group_support, self.weights.run_support, total)
        return value

    def _bound(self, name_total: int, token_total: int, distance: int, zipf_token: float, zipf_name: float) -> float:
        """Upper bound of the log-odds over all articles for a token used as a name in ``token_total``
        articles and a name in ``name_total``; it grows with ``name_total``."""
        w = self.weights
        return (
            w.bias
            + self._support_bound(name_total)
            - w.token_support * math.log2(token_total)
            + abs(w.article_ratio) * 1.5
            + max(0.0, w.cooccurrence) + max(0.0, w.unknown_cooccurrence) * (zipf_token == 0.0)
            + max(0.0, w.context)
            - w.distance * (distance - 1)
            + w.frequency * _clip(zipf_name - zipf_token, 2.0)
        )

    def suspects(self, position: int) -> list[Suspect]:
        """Tokens of one article judged corrupted (score at the threshold or above), best suggestion each."""
        doc = self.docs[position]
        found = []
        judged, rivals = self._judged_tokens, self._rivals  # looked up here first: most tokens end at them
        for token in sorted(doc.summary.names):
            known = judged.get(token)
            if not (self._judged(token) if known is None else known):
                # A spelling with a legitimate variant in the run (Nelly beside Nelli) is no slip by
                # counts, but a full name may show it stands for another name ("Ruth Nelly" where
                # other articles write "Ruth Kelly"): the rivals a full name offers are no variants of it.
                if len(token) >= 4 and self.counts.near.has_variant[token]:
                    named = self._full_name_suspect(position, token)
                    if named is not None:
                        found.append(named)
                continue
            best: Suspect | None = None
            for name, distance in rivals.get((token, doc.language)) or self.rivals(token, doc.language):
                forward = self.score_pair(position, token, name, distance)
                if forward is None:
                    continue
                backward = self.score_pair(position, name, token, distance) if name in doc.summary.names else None
                if backward is not None and backward.score >= forward.score:
                    continue
                if best is None or forward.score > best.score:
                    best = forward
            if best is None:
                best = self._full_name_suspect(position, token)
            if best is None:
                best = self._back_reference_suspect(position, token)
            if best is not None:
                found.append(best)
        return found

    def _full_name_suspect(self, position: int, token: str) -> Suspect | None:
        """The token as a corruption of the name a full name of the run shows it stands for
        (``FullNames.matches``), weighed by the articles writing that full name."""
        w = self.weights
        best: Suspect | None = None
        language = self.docs[position].language
        for match in self.full_names.matches(position, token):
            if not self._other_name(token, match.name, language):
                continue
            log_odds = w.bias + w.full_name * math.log2(1 + match.support) - w.distance * (match.distance - 1)
            score = _probability(log_odds)
            if log_odds < self.min_log_odds or best is not None and best.score >= score:
                continue
            name = match.name
            names = self.docs[position].summary.names
            best = Suspect(token, name, score, match.occurrences, _evidence(
                token, name, names.get(token, 0), names.get(name, 0), max(0, self.counts.name_uses(token) - 1),
                self.counts.name_uses(name), 0, 0, match.distance, self.counts.zipf(token), self.counts.zipf(name), 1.0,
                f"full name {match.full_name} in {match.support} other articles"))
        return best

    def _back_reference_suspect(self, position: int, token: str) -> Suspect | None:
        """The token after a title as a corruption of the near name the article introduces with a
        first name (``FullNames.introduction``), weighed within the article."""
        found = self.full_names.introduction(position, token)
        if found is None or not self._other_name(token, found.name, self.docs[position].language):
            return None
        w = self.weights
        doc = self.docs[position]
        name, distance = found.name, found.distance
        token_count, name_count = doc.summary.names.get(token, 0), doc.summary.names.get(name, 0)
        zipf_token = self.counts.zipf(token, doc.language)
        log_odds = (w.bias + w.back_reference + w.cooccurrence + w.unknown_cooccurrence * (zipf_token == 0.0)
                    + w.article_ratio * _clip(math.log2((name_count + 1) / (token_count + 1)), 1.5)
                    - w.distance * (distance - 1))
        if log_odds < self.min_log_odds:
            return None
        return Suspect(token, name, _probability(log_odds), self.counts.occurrences_in(position, token),
                       _evidence(token, name, token_count, name_count, max(0, self.counts.name_uses(token) - 1),
                                 max(0, self.counts.name_uses(name) - 1), 0, 0, distance, zipf_token,
                                 self.counts.zipf(name, doc.language), 1.0,
                                 f"the article introduces {found.first} {name}; '{token}' only after a title"))

    def _judged(self, token: str) -> bool:
        """Whether a token is judged by counts and position: long enough, with no variant in the run
        (one with a variant is judged by a full name only) and some name of the run in edit reach
        (decided once per name; most tokens of an article end here)."""
        judged = self._judged_tokens.get(token)
        if judged is None:
            judged = self._judged_tokens[token] = len(token) >= 4 and not self.counts.near.has_variant[token] \
                and bool(self.neighbours(token))
        return judged

    def _count_terms(self, position: int, token: str, name: str, distance: int) -> _CountTerms | None:
        """The count terms of the log-odds that ``token`` in the article is a corruption of ``name``.

        None when even the best position evidence could not lift them to the threshold. What the
        run's counts decide is checked before the article is read (whether it uses the token and
        the name as names): most pairs end there.
        """
        doc = self.docs[position]
        names = doc.summary.names
        token_count, name_count = names.get(token, 0), names.get(name, 0)
        token_uses, name_uses, zipf_token, zipf_name, name_ordinary, token_common, name_common = \
            self._pair_facts(token, name, doc.language)
        if token_count == 0 or name_count == 0 and name_uses == 0:
            return None
        if name_ordinary:
            return None  # a common word the run also writes in lower case (Bank, Opens, Take) is no name to restore
        if zipf_token == 0.0 and name_count == 0 and _other_first_letter(token, name):
            return None  # a slip keeps a name's first letter: a non-word that changes it is another name
        ordinary = zipf_token >= COMMON_ZIPF or token in doc.summary.also_lowercase
        # The token must be used as a name here (below), which leaves ``token_uses - 1`` other
        # articles; the name's other articles are at most ``name_uses``.
        token_docs = max(0, token_uses - 1)
        if self._tie(token_count, name_count, token_docs, name_uses, zipf_token, zipf_name):
            return None
        if doc.group is None and (token_common or name_count > 0 and name_common):
            # The article must be read (``used_as_name``): first the best the counts could give
            # (known per pair and the two counts in the article, which take few values).
            key = (token, name, doc.language, distance, token_count, name_count)
            hopeless = self._hopeless.get(key)
            if hopeless is None:
                best = self._count_log_odds(token_count, name_count, token_docs, name_uses, 0, 0, distance, zipf_token,
                                            zipf_name)
                if name_count > 0 and name_uses > 0:
                    best = max(best, self._count_log_odds(token_count, name_count, token_docs, name_uses - 1, 0, 0,
                                                          distance, zipf_token, zipf_name))
                hopeless = self._hopeless[key] = best + self.weights.context < self.min_log_odds
            if hopeless:
                return None
        if not self.counts.used_as_name(position, token):
            return None  # a word in general use seen only at sentence starts (There, Here) is no name here
        name_docs = max(0, name_uses - (name_count > 0 and self.counts.used_as_name(position, name)))
        token_group = name_group = 0
        if doc.group is not None:
            token_group = sum(self.counts.used_as_name(p, token) for p in self.counts.group_docs.get((doc.group, token), ())
                              if p != position)
            name_group = sum(self.counts.used_as_name(p, name) for p in self.counts.group_docs.get((doc.group, name), ())
                             if p != position)
        if self._tie(token_count, name_count, token_docs, name_docs, zipf_token, zipf_name):
            return None
        if name_group and token_docs - token_group >= _OWN_NAME_DOCS:
            return None  # a name of its own across the run (Unison, Brits), whatever one event's reports prefer
        log_odds = self._count_log_odds(token_count, name_count, token_docs, name_docs, token_group, name_group,
                                        distance, zipf_token, zipf_name)
        if log_odds + self.weights.context < self.min_log_odds:
            return None
        return _CountTerms(log_odds, token_count, name_count, token_docs, name_docs, token_group, name_group,
                       zipf_token, zipf_name, ordinary)

    def _pair_facts(self, token: str, name: str, language: str) -> tuple[int, int, float, float, bool, bool, bool]:
        """What ``_count_terms`` reads of the run for a pair, whatever the article, kept per pair:
        the articles using each as a name, their frequencies in ``language``, whether the name is
        an ordinary word of the run, and whether each is common in English (``used_as_name``)."""
        key = (token, name, language)
        facts = self._pair_facts_kept.get(key)
        if facts is None:
            counts = self.counts
            facts = self._pair_facts_kept[key] = (
                counts.name_uses(token), counts.name_uses(name), counts.zipf(token, language), counts.zipf(name, language),
                counts.ordinary_in_run(name), counts.zipf(token) >= COMMON_ZIPF, counts.zipf(name) >= COMMON_ZIPF)
        return facts

    @staticmethod
    def _tie(token_count: int, name_count: int, token_docs: int, name_docs: int, zipf_token: float,
             zipf_name: float) -> bool:
        """Neither the run nor general usage prefers the other spelling: nothing says which is
        wrong. Nor does usage between two words the article writes equally often: a slip makes a
        rarer string, a look-alike a commoner word ("Felix Mantilla", "Felix Manila")."""
        return name_docs + (name_count > 0) <= token_docs + 1 and (
            zipf_name <= zipf_token or zipf_token > 0.0 and name_count <= token_count)

    def _count_log_odds(self, token_count: int, name_count: int, token_docs: int, name_docs: int, token_group: int,
                        name_group: int, distance: int, zipf_token: float, zipf_name: float) -> float:
        """The count terms of the log-odds (see ``Weights``)."""
        w = self.weights
        return (
            w.bias
            + w.group_support * math.log2(1 + name_group)
            + w.run_support * math.log2(1 + name_docs - name_group)
            - w.token_support * math.log2(1 + token_docs + token_group)
            + w.article_ratio * _clip(math.log2((name_count + 1) / (token_count + 1)), 1.5)
            + (w.cooccurrence + w.unknown_cooccurrence * (zipf_token == 0.0)) * (name_count > 0)
            - w.distance * (distance - 1)
            + w.frequency * _clip(zipf_name - zipf_token, 2.0)
        )

    def score_pair(self, position: int, token: str, name: str, distance: int) -> Suspect | None:
        """Weigh the evidence that ``token`` in the article is a corruption of ``name``.

        Returns None when the evidence cannot reach the threshold; counts are checked first, the
        costlier neighbour words only when the counts leave the question open.
        """
        w = self.weights
        c = self._count_terms(position, token, name, distance)
        if c is None:
            return None
        count_log_odds, token_count, name_count, ordinary = c.log_odds, c.token_count, c.name_count, c.ordinary
        zipf_token, zipf_name = c.zipf_token, c.zipf_name
        token_docs, name_docs, token_group, name_group = c.token_docs, c.name_docs, c.token_group, c.name_group
        local = name_count > 0 or name_group > 0
        local_context, run_context = self.contexts.of(name, position)
        context_sum = 0.0
        words: set[str] = set()
        # A known word where the name should be: a common word anywhere, a rarer one (Clinker)
        # when the article or its group has the name itself.
        word_in_slot = ordinary or (zipf_token > 0 and local)
        # A common word no other article uses as a name: standing between the very two lower-case
        # words the name stands between elsewhere ("in _ at", "of _ and") places it, frequent words
        # or not ("Mr _ said" fits any surname: a title shows a person, not which).
        lone = ordinary and token_docs + token_group == 0
        occurrences = self.counts.occurrences_in(position, token)
        if any(self.full_names.known(position, token, name, occ) for occ in occurrences):
            return None  # a full name of its own here (Hang Seng): one sense per article
        strengths = []
        named = False  # an occurrence placed by a capitalised neighbour of the name ("Andrew _")
        for occ in occurrences:
            local_strength = self.contexts.strength(occ, local_context, word_in_slot, any_frame=lone)
            run_strength = self.contexts.strength(occ, run_context, word_in_slot, name, any_frame=lone)
            # A match on either side counts; failing that, a clash on either side (another first name).
            strength, word = max(local_strength, run_strength)
            if strength <= 0.0:
                strength, word = min(local_strength, run_strength)
            if 0.0 <= strength < 1.0 and token_docs + token_group < SLOT_TOKEN_MAX_DOCS:
                # A slot the run fills with the name ("west _"), or its list company (``slots``).
                slot = self.slots.placing(name, position, self.docs[position].lines[occ.line - 1], occ.column,
                                          len(token), occ.prev, occ.next)
                strength, word = (1.0, slot) if slot else (strength, word)
            strengths.append(strength)
            context_sum += strength
            named = named or (strength >= 1.0 and word in (f"{occ.prev} _", f"_ {occ.next}") and word.strip("_ ")[0].isupper())
            if word:
                words.add(word)
        # A common word no other article uses as a name, one edit from the name, standing where the
        # name stands elsewhere next to several different words, is placed by their number, unless
        # a capitalised word never seen next to the name makes it part of another name ("Vampire _").
        spread = lone and distance == 1 and len(words) >= 2 and min(strengths) >= 0.0 and not any(
            strength < 1.0 and any(word is not None and self.counts.full_name_word(word) for word in (occ.prev, occ.next))
            for occ, strength in zip(occurrences, strengths, strict=True))
        matched = [occ for occ, strength in zip(occurrences, strengths, strict=True)
                   if not ordinary or strength >= (0.3 if local or spread else 1.0)]
        # Where other reports of the same event use the name, the event is about it: occurrences
        # whose neighbours are seen next to it nowhere say nothing either way. Elsewhere they count
        # as misses, so a token the article repeats is not taken for another name on one shared word.
        placed = sum(strength != 0.0 for strength in strengths)
        informative = placed if name_group or spread else token_count
        context_share = context_sum / max(1, informative)
        if named and token_docs + token_group == 0 and min(strengths) >= 0.0:
            # One sense per article: a token no other article uses as a name, placed once by the
            # name's own first name or other half (and nowhere by another), is that name throughout.
            context_share = 1.0
        if not matched:
            return None
        if min(strengths) < 0.0 and max(strengths) < 1.0:
            return None  # another first name before it and none of the name's own: another person (Gilles Babinet)
        if ordinary:
            # Accepted on the strength of some occurrences, the word is the corruption wherever it
            # stands as a name: mid-sentence too, not only where the neighbours are telling, and at
            # a sentence start or in the headline when the article never writes it in lower case.
            lower_too = token in self.docs[position].summary.also_lowercase
            matched = [occ for occ, strength in zip(occurrences, strengths, strict=True)
                       if occ in matched or strength >= 0.0 and not (
                           lower_too and self.counts.at_sentence_start(position, occ))]
        if zipf_token > 0 and context_share < w.known_word_context:
            return None  # a word or name of its own (Dimon, Fonda) needs position evidence to be a corruption
        if distance > 1 and not local and context_share <= 0 and len(name) < _LONG_NAME:
            return None  # two edits from a short name the article never uses, nothing placing it there: too many real names lie that close
        if name_count == 0 and zipf_token > 0 and self.full_names.same_first_name_tie(position, token, name, matched):
            return None  # a known name of its own (Huntley), not only a misspelling (Hurosawa)
        log_odds = count_log_odds + w.context * context_share - w.ordinary_word * ordinary * (1.0 - min(1.0, context_share))
        if log_odds < self.min_log_odds:
            return None
        return Suspect(token, name, _probability(log_odds), tuple(matched), _evidence(
            token, name, token_count, name_count, token_docs, name_docs, token_group, name_group, distance,
            zipf_token, zipf_name, round(context_share, 3), "; ".join(sorted(words))))


def _evidence(token: str, name: str, token_count: int, name_count: int, token_docs: int, name_docs: int,
              token_group: int, name_group: int, distance: int, zipf_token: float, zipf_name: float,
              context_match: float, context_words: str) -> dict[str, float | int | str]:
    """What a flag shows of its evidence, the same fields whichever rule found it (the manifest's
    ``corrupted_name`` evidence): counts in the article, the run and the event group, distances,
    general frequency and the context that placed it."""
    return {
        "token": token, "suggestion": name,
        "token_count_article": token_count, "suggestion_count_article": name_count,
        "token_docs_run": token_docs, "suggestion_docs_run": name_docs,
        "token_docs_group": token_group, "suggestion_docs_group": name_group,
        "edit_distance": distance, "phonetic_distance": phonetic_distance(token, name),
        "zipf_token": zipf_token, "zipf_suggestion": zipf_name,
        "context_match": context_match, "context_words": context_words,
    }


def _best_split(group_weight: float, run_weight: float, total: int) -> float:
    """Upper bound of ``group_weight·log2(1+g) + run_weight·log2(1+total-g)`` over 0 ≤ g ≤ total."""
    a, b = max(0.0, group_weight), max(0.0, run_weight)
    if a + b == 0.0:
        return 0.0
    g = min(max((a * (1 + total) - b) / (a + b), 0.0), float(total))
    return a * math.log2(1 + g) + b * math.log2(1 + total - g)


def _log_odds(probability: float) -> float:
    """The log-odds a score must reach to be ``probability`` or more: none for 0, out of reach for 1."""
    if probability <= 0.0:
        return -math.inf
    if probability >= 1.0:
        return math.inf
    return math.log(probability / (1.0 - probability))


def _probability(log_odds: float) -> float:
    return 1.0 / (1.0 + math.exp(-log_odds))


def _clip(value: float, bound: float) -> float:
    return max(-bound, min(bound, value))


def iter_suspects(docs: Sequence[DocView], judge: VariantJudge, weights: Weights, *, threshold: float,
                  context_docs: int) -> Iterator[tuple[DocView, list[Suspect]]]:
    """Every article of the run (sorted by id) with its suspected corrupted names."""
    index = SuspectScorer(docs, judge, weights, context_docs=context_docs, threshold=threshold)
    for position, doc in enumerate(index.docs):
        yield doc, index.suspects(position)
